import { isMessageKey, t, tEnum } from '../i18n/i18n.ts';
import { formatShanghai } from '../i18n/time.format.ts';
import type { Owners } from '../map/owner.colours.ts';

export interface FieldChange {
  field: string;
  /** undefined when the event has no "before" (create, import) */
  before: unknown;
  after: unknown;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * Reads the history `changes` object. The server's shape is `{ field: { from, to } }`; the
 * other spellings are accepted too so a change of convention degrades to a readable list
 * instead of "[object Object]".
 */
export function readChanges(changes: unknown): FieldChange[] {
  if (!isRecord(changes)) return [];
  if (isRecord(changes.before) && isRecord(changes.after)) {
    const before = changes.before;
    const after = changes.after;
    const fields = [...new Set([...Object.keys(before), ...Object.keys(after)])];
    return fields.map((field) => ({ field, before: before[field], after: after[field] }));
  }
  return Object.entries(changes).map(([field, value]) => {
    if (Array.isArray(value) && value.length === 2) return { field, before: value[0], after: value[1] };
    if (isRecord(value)) {
      for (const [a, b] of [['from', 'to'], ['old', 'new'], ['before', 'after']] as const) {
        if (a in value || b in value) return { field, before: value[a], after: value[b] };
      }
    }
    return { field, before: undefined, after: value };
  });
}

// A create/import event carries the whole first record; its bookkeeping columns say nothing
// to a person reading the history, and the record's own panel already shows its ids.
const SNAPSHOT_NOISE = new Set(['id', 'version', 'created_at', 'updated_at']);

/** The changes worth listing for one history event. */
export function visibleChanges(action: string, changes: unknown): FieldChange[] {
  // An ownership event lists the owner even when only the status moved; "none → none" says nothing.
  const all = readChanges(changes).filter((c) => c.before === undefined || JSON.stringify(c.before) !== JSON.stringify(c.after));
  if (action !== 'create' && action !== 'import') return all;
  return all.filter((c) => !SNAPSHOT_NOISE.has(c.field) && !c.field.endsWith('_id') && !(c.before === undefined && c.after === null));
}

export function fieldLabel(field: string): string {
  const key = `field.${field}`;
  return isMessageKey(key) ? t(key) : field;
}

const ENUM_FIELDS: Record<string, Parameters<typeof tEnum>[0]> = {
  kind: 'claim.kind',
  condition: 'condition',
  status: 'status',
  ownership_status: 'ownership',
  material: 'material',
  location_kind: 'location',
};

/** A firm's cables as the attachment event records them: "China Telecom · 2 × fibre · In use". */
function attachmentText(value: Record<string, unknown>, owners: Owners): string {
  const org = typeof value.org === 'string' ? owners.name(value.org) : '';
  const kind = typeof value.kind === 'string' ? tEnum('attach.kind', value.kind) : '';
  const what = t('attach.line', { kind, n: typeof value.cable_count === 'number' ? value.cable_count : '?' });
  const status = typeof value.status === 'string' ? tEnum('attach.status', value.status) : '';
  return [org, what, status].filter(Boolean).join(' · ');
}

/** A changed value in words: enums translated, owners named, geometry as coordinates. */
export function formatValue(field: string, value: unknown, owners: Owners): string {
  if (value === null || value === undefined || value === '') return t('panel.historyEmptyValue');
  if (typeof value === 'boolean') return value ? t('panel.yes') : t('panel.no');
  if (field === 'attachment' && isRecord(value)) return attachmentText(value, owners);
  if (field === 'owner_org_id' && typeof value === 'number') return owners.nameById(value);
  if (typeof value === 'string') {
    const enumPrefix = ENUM_FIELDS[field];
    if (enumPrefix) return tEnum(enumPrefix, value);
    if (field === 'owner_code' || field === 'org') return owners.name(value);
    if (field === 'height_m') return t('panel.heightValue', { h: value });
    if (field.endsWith('_at')) return formatShanghai(value) ?? value;
    return value;
  }
  if (typeof value === 'number') return field === 'height_m' ? t('panel.heightValue', { h: String(value) }) : String(value);
  if (isRecord(value) && value.type === 'Point' && Array.isArray(value.coordinates)) {
    return value.coordinates.map((c) => (typeof c === 'number' ? c.toFixed(6) : String(c))).join(', ');
  }
  const json = JSON.stringify(value);
  return json.length > 120 ? `${json.slice(0, 117)}…` : json;
}
