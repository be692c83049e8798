import type { PolePatch } from '../api/api.types.ts';
import { currentUser } from '../state/session.store.ts';
import { completeItem, discardItems, enqueue, outboxItems, saveItem } from './outbox.store.ts';
import { outboxSync } from './outbox.sync.ts';
import {
  dependsOn,
  TEMP_PREFIX,
  type CaseCreateItem,
  type CasePhotoItem,
  type NewPoleFields,
  type OutboxItem,
  type PoleCreateItem,
  type PolePatchItem,
  type PoleVersion,
  type Ref,
} from './outbox.types.ts';

/**
 * What forms call to record something that must reach the server even without signal.
 * Each call writes to the outbox first and then asks the sync to send at once: online the
 * record is on the server a moment later, offline it waits, and nothing is lost either way.
 */

/** crypto.randomUUID exists only in secure contexts; a phone on a plain-http LAN address still needs keys. */
export function newIdempotencyKey(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6]! & 0x0f) | 0x40;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const hex = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** `key`: the Idempotency-Key a direct attempt already used, so the outbox's retry is that same request. */
function base(key = newIdempotencyKey()): Omit<OutboxItem, 'kind'> & { ref: string } {
  const user = currentUser();
  if (!user) throw new Error('only a signed-in person can record work');
  return { ref: `${TEMP_PREFIX}${key}`, key, user: user.username, created_at: new Date().toISOString(), state: 'pending', attempts: 0, error: null };
}

export interface NewViolationInput {
  /** one of the case categories (migrations/0009_cases.sql) */
  category: string;
  description: string;
  /** server ids, or refs of poles still in the outbox (from queueNewPole) */
  poles: Ref[];
  photos: readonly File[];
  /** the pole the photos show, when there is one */
  photoPole?: Ref | null;
  /** keys already used by a direct attempt that got no answer (see FlagForm) */
  keys?: { case: string; photos: readonly string[] };
}

export interface NewPoleInput {
  lng: number;
  lat: number;
  fields: NewPoleFields;
  /** flag a violation on the new pole at the same time */
  violation?: Omit<NewViolationInput, 'poles' | 'photoPole' | 'keys'> | null;
}

function violationItems(input: NewViolationInput): [CaseCreateItem, ...CasePhotoItem[]] {
  const kase: CaseCreateItem = { ...base(input.keys?.case), kind: 'case.create', category: input.category, description: input.description, pole_refs: [...input.poles] };
  const photos = input.photos.map(
    (file, i): CasePhotoItem => ({
      ...base(input.keys?.photos[i]),
      kind: 'case.photo',
      case_ref: kase.ref,
      pole_ref: input.photoPole ?? null,
      purpose: 'evidence',
      file,
      file_name: file.name,
    }),
  );
  return [kase, ...photos];
}

/**
 * "Flag a violation": a case on `poles` and its evidence photos, sent in that order (photos
 * once the case has its server id). Returns the case's ref (see `serverIdOf`).
 */
export async function queueViolation(input: NewViolationInput): Promise<{ caseRef: string }> {
  const items = violationItems(input);
  await enqueue(items);
  outboxSync.now();
  return { caseRef: items[0].ref };
}

/** One evidence photo for a case already on the server, whose upload got no answer. */
export async function queueCasePhoto(caseId: number, file: File, key: string, poleId: number | null = null): Promise<void> {
  const item: CasePhotoItem = { ...base(key), kind: 'case.photo', case_ref: caseId, pole_ref: poleId, purpose: 'evidence', file, file_name: file.name };
  await enqueue([item]);
  outboxSync.now();
}

/** A new pole (and optionally a violation flagged on it, with photos), queued together. */
export async function queueNewPole(input: NewPoleInput): Promise<{ poleRef: string; caseRef: string | null }> {
  const pole: PoleCreateItem = { ...base(), kind: 'pole.create', lng: input.lng, lat: input.lat, fields: input.fields };
  const extra = input.violation ? violationItems({ ...input.violation, poles: [pole.ref], photoPole: pole.ref }) : [];
  await enqueue([pole, ...extra]);
  outboxSync.now();
  return { poleRef: pole.ref, caseRef: extra[0]?.ref ?? null };
}

/** An edit that could not be sent (no signal): kept with the version it was made on. */
export async function queuePoleEdit(poleId: number, etag: string, patch: PolePatch, seen: PoleVersion): Promise<void> {
  const item: PolePatchItem = { ...base(), kind: 'pole.patch', pole_id: poleId, etag, patch, base: seen };
  await enqueue([item]);
  outboxSync.now();
}

/** The item and everything that waits on it (a case's photos), in outbox order. */
function withDependents(item: OutboxItem): OutboxItem[] {
  const refs = new Set([item.ref]);
  const out: OutboxItem[] = [];
  for (const i of outboxItems.get()) {
    if (i.ref === item.ref || dependsOn(i).some((r) => refs.has(String(r)))) {
      refs.add(i.ref);
      out.push(i);
    }
  }
  return out;
}

/** Throws away an item the officer gave up on, and what depends on it. */
export async function discardItem(item: OutboxItem): Promise<void> {
  await discardItems(withDependents(item).flatMap((i) => (i.seq === undefined ? [] : [i.seq])));
}

/** A failed item sent once more at the officer's request (after fixing what the server said). */
export async function retryItem(item: OutboxItem): Promise<void> {
  await saveItem({ ...item, state: 'pending', error: null, attempts: 0 });
  outboxSync.now();
}

/**
 * Settles a 412: "mine" sends my fields again on top of the pole as it is now (the If-Match
 * of the version just shown, so a third change is caught again); "theirs" drops my edit.
 */
export async function resolveConflict(item: PolePatchItem, choice: 'mine' | 'theirs'): Promise<void> {
  if (choice === 'theirs' || !item.theirs) {
    await completeItem(item, null);
    return;
  }
  await saveItem({ ...item, etag: item.theirs.etag, base: item.theirs, theirs: undefined, state: 'pending', error: null });
  outboxSync.now();
}
