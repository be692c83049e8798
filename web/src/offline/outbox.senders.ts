import { ApiError } from '../api/api.error.ts';
import type { PoleDetailProps, PolePatch, PoleProps } from '../api/api.types.ts';
import { createPole, fetchPole, patchPole } from '../api/poles.api.ts';
import type { UploadProgress } from '../api/upload.client.ts';
import { createCase } from '../api/cases.api.ts';
import type { CaseCategory } from '../api/cases.types.ts';
import { uploadCasePhoto } from '../api/evidence.api.ts';
import { resolveRef } from './outbox.store.ts';
import type { OutboxItem, PolePatchItem, PoleVersion, Ref } from './outbox.types.ts';

/** A 412 on a queued edit: the pole moved on while the officer was offline. */
export class EditConflict extends Error {
  constructor(readonly theirs: PoleVersion & { etag: string }) {
    super('the pole changed on the server');
  }
}

/** A parent that is not on the server yet (still queued, or refused): the item waits. */
export class Unresolved extends Error {
  constructor(readonly ref: Ref) {
    super(`waiting for ${String(ref)}`);
  }
}

export function versionOf(p: PoleProps & Partial<Pick<PoleDetailProps, 'note'>>): PoleVersion {
  return {
    version: p.version,
    code: p.code,
    condition: p.condition,
    status: p.status,
    material: p.material,
    height_m: p.height_m,
    install_year: p.install_year,
    cable_tangle: p.cable_tangle,
    location_kind: p.location_kind,
    note: p.note ?? null,
    owner_code: p.owner_code,
  };
}

/** The value a patch field has on a pole version, in the patch's own terms. */
export function patchValueOf(v: PoleVersion, field: keyof PolePatch): unknown {
  switch (field) {
    case 'owner':
      return v.owner_code;
    case 'height_m':
      return v.height_m === null ? null : Number(v.height_m);
    default:
      return v[field];
  }
}

async function need(ref: Ref): Promise<number> {
  const id = await resolveRef(ref);
  if (id === null) throw new Unresolved(ref);
  return id;
}

async function sendPatch(item: PolePatchItem): Promise<number> {
  try {
    await patchPole(item.pole_id, item.etag, item.patch);
    return item.pole_id;
  } catch (err) {
    if (!(err instanceof ApiError && err.status === 412)) throw err;
    const current = await fetchPole(item.pole_id);
    const theirs = { ...versionOf(current.pole.properties), etag: current.etag ?? '' };
    // Our own earlier attempt got through and only its answer was lost: nothing to settle.
    const fields = Object.keys(item.patch) as (keyof PolePatch)[];
    if (fields.every((f) => patchValueOf(theirs, f) === item.patch[f])) return item.pole_id;
    throw new EditConflict(theirs);
  }
}

/**
 * Sends one item with its Idempotency-Key; returns the server id of what it made. Throws
 * ApiError (from the server or the network), EditConflict or Unresolved.
 */
export async function sendItem(item: OutboxItem, onProgress?: UploadProgress): Promise<number> {
  switch (item.kind) {
    case 'pole.create': {
      const { pole } = await createPole({ ...item.fields, geometry: { type: 'Point', coordinates: [item.lng, item.lat] } }, item.key);
      return pole.properties.id;
    }
    case 'pole.patch':
      return sendPatch(item);
    case 'case.create': {
      const poleIds: number[] = [];
      for (const ref of item.pole_refs) poleIds.push(await need(ref));
      return (await createCase({ category: item.category as CaseCategory, pole_ids: poleIds, description: item.description }, item.key)).id;
    }
    case 'case.photo': {
      const caseId = await need(item.case_ref);
      const poleId = item.pole_ref === null ? undefined : await need(item.pole_ref);
      const file = new File([item.file], item.file_name, { type: item.file.type });
      const fields = poleId === undefined ? { purpose: item.purpose } : { purpose: item.purpose, pole_id: poleId };
      return (await uploadCasePhoto(caseId, file, fields, onProgress, undefined, item.key)).id;
    }
  }
}
