import type { Condition, PolePatch } from '../api/api.types.ts';

/**
 * A record made on the phone and not yet on the server. Every item is written to IndexedDB
 * BEFORE the first attempt to send it, so a dead battery, a reload or a lost answer never
 * loses it; its Idempotency-Key is chosen then and kept for every retry, so a retry after a
 * lost answer is recognised by the server instead of creating the record twice.
 */

/** A server id, or the client id of a record still in the outbox (`tmp-…`). */
export type Ref = number | string;

export const TEMP_PREFIX = 'tmp-';

export function isTempRef(ref: Ref): ref is string {
  return typeof ref === 'string' && ref.startsWith(TEMP_PREFIX);
}

/** waiting to be sent · refused by the server (kept, not retried) · a 412 for the user to settle */
export type ItemState = 'pending' | 'failed' | 'conflict';

/** What the server said last time, enough to word it again in either language. */
export interface StoredError {
  kind: 'network' | 'http' | 'invalid_response';
  status: number | null;
  code: string | null;
  message: string | null;
}

interface ItemBase {
  /** IndexedDB key; the outbox is sent in this order */
  seq?: number;
  /** this record's client id: children (a case's photos) point at it until it has a server id */
  ref: string;
  /** sent as Idempotency-Key on every attempt */
  key: string;
  /** the username that made it: it is sent only under that person's session */
  user: string;
  created_at: string;
  state: ItemState;
  attempts: number;
  error: StoredError | null;
}

/** Body of POST /api/poles as the add-a-pole form makes it (geometry separate). */
export interface NewPoleFields extends Omit<PolePatch, 'status'> {
  status?: 'in_service' | 'abandoned';
}

export interface PoleCreateItem extends ItemBase {
  kind: 'pole.create';
  lng: number;
  lat: number;
  fields: NewPoleFields;
}

/** The fields of a pole as the officer saw them before editing: "theirs vs mine" needs it. */
export interface PoleVersion {
  version: number;
  code: string;
  condition: Condition;
  status: string;
  material: string;
  height_m: string | null;
  install_year: number | null;
  cable_tangle: boolean;
  location_kind: string;
  note: string | null;
  owner_code: string | null;
}

export interface PolePatchItem extends ItemBase {
  kind: 'pole.patch';
  pole_id: number;
  etag: string;
  patch: PolePatch;
  base: PoleVersion;
  /** set on a 412: the pole as it is on the server now */
  theirs?: PoleVersion & { etag: string };
}

export interface CaseCreateItem extends ItemBase {
  kind: 'case.create';
  category: string;
  description: string;
  pole_refs: Ref[];
}

export interface CasePhotoItem extends ItemBase {
  kind: 'case.photo';
  case_ref: Ref;
  pole_ref: Ref | null;
  purpose: 'evidence' | 'correction_proof';
  /** the photo itself: IndexedDB keeps Blobs */
  file: Blob;
  file_name: string;
}

export type OutboxItem = PoleCreateItem | PolePatchItem | CaseCreateItem | CasePhotoItem;
export type OutboxKind = OutboxItem['kind'];

/** The records an item needs on the server before it can be sent. */
export function dependsOn(item: OutboxItem): Ref[] {
  switch (item.kind) {
    case 'case.create':
      return item.pole_refs;
    case 'case.photo':
      return item.pole_ref === null ? [item.case_ref] : [item.case_ref, item.pole_ref];
    default:
      return [];
  }
}
