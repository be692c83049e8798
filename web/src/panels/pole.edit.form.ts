import {
  CONDITIONS,
  EDITABLE_STATUSES,
  LOCATION_KINDS,
  MATERIALS,
  type Condition,
  type EditableStatus,
  type PolePatch,
  type PolePermissions,
} from '../api/api.types.ts';
import { t, tEnum, type EnumPrefix } from '../i18n/i18n.ts';
import type { Owners } from '../map/owner.colours.ts';
import { h } from '../ui/dom.builder.ts';
import { checkField, field, select, type Control, type FieldHandle, type Option } from '../ui/form.field.ts';
import type { PanelPole } from './pole.fields.ts';

/** The fields a person may change here; the keys are the PATCH body's. */
export type EditField = keyof PolePatch;

const MAX_NOTE = 2000;
const MIN_YEAR = 1950;

export interface EditFormRead {
  /** only what differs from the pole as loaded: an edit never re-sends untouched values */
  patch: PolePatch;
  valid: boolean;
}

function enumOptions(prefix: EnumPrefix, values: readonly string[], current: string | null | undefined): Option[] {
  // A value the form does not know (older data) stays selectable, so opening the form and
  // saving another field never silently rewrites it.
  const all = current && !values.includes(current) ? [current, ...values] : values;
  return all.map((value) => ({ value, label: tEnum(prefix, value) }));
}

function numberOrNull(raw: string): number | null | 'invalid' {
  const text = raw.trim().replace(',', '.');
  if (text === '') return null;
  const n = Number(text);
  return Number.isFinite(n) ? n : 'invalid';
}

/**
 * The pole edit form. It knows the rules a person can be told about before saving (height
 * range, year range, note length); the server checks them again, and everything else.
 */
export class PoleEditForm {
  readonly el: HTMLFormElement;
  private readonly fields: Partial<Record<EditField, FieldHandle<Control>>> = {};

  /**
   * `initial` fills the fields (a draft carried over a language switch); `pole` stays the
   * baseline that read() compares against.
   */
  constructor(
    private readonly pole: PanelPole,
    permissions: PolePermissions,
    owners: Owners,
    tail: readonly HTMLElement[],
    initial: PanelPole = pole,
    /** the heading: "Edit pole", or "About the new pole" in the add-a-pole sheet */
    title: string = t('edit.title'),
  ) {
    const p = initial;
    const f = this.fields;
    f.condition = field(t('field.condition'), select(enumOptions('condition', CONDITIONS, p.condition), p.condition, { name: 'condition' }));
    f.status = field(t('field.status'), select(enumOptions('status', EDITABLE_STATUSES, p.status), p.status, { name: 'status' }));
    f.material = field(t('field.material'), select(enumOptions('material', MATERIALS, p.material), p.material, { name: 'material' }));
    f.height_m = field(
      t('field.height_m'),
      h('input', { type: 'number', name: 'height_m', inputmode: 'decimal', step: '0.1', min: '0.1', max: '30', value: p.height_m ?? '' }),
      t('edit.heightHint'),
    );
    f.install_year = field(
      t('field.install_year'),
      h('input', { type: 'number', name: 'install_year', inputmode: 'numeric', step: '1', min: MIN_YEAR, max: this.maxYear(), value: p.install_year ?? '' }),
      t('edit.yearHint'),
    );
    f.location_kind = field(
      t('field.location_kind'),
      select(enumOptions('location', LOCATION_KINDS, p.location_kind), p.location_kind, { name: 'location_kind' }),
    );
    f.cable_tangle = checkField(t('field.cable_tangle'), p.cable_tangle);
    f.cable_tangle.control.name = 'cable_tangle';
    if (permissions.editOwner) {
      const others = owners.all.filter((o) => o.kind !== 'carrier');
      f.owner = field(
        t('field.owner'),
        select(
          [
            { value: '', label: t('edit.ownerNone') },
            { label: t('edit.ownerCarriers'), options: owners.carriers().map((o) => ({ value: o.code, label: owners.name(o.code) })) },
            { label: t('edit.ownerOthers'), options: others.map((o) => ({ value: o.code, label: owners.name(o.code) })) },
          ],
          p.owner_code ?? '',
          { name: 'owner', 'data-testid': 'edit-owner' },
        ),
      );
    }
    const note = h('textarea', { name: 'note', rows: 3, maxlength: MAX_NOTE });
    note.value = p.note ?? '';
    f.note = field(t('field.note'), note, t('edit.noteHint'));

    this.el = h(
      'form',
      { class: 'form pole-edit', novalidate: true, 'data-testid': 'pole-edit-form', 'aria-labelledby': 'pole-edit-title' },
      h('h3', { id: 'pole-edit-title' }, title),
      ...[f.owner, f.condition, f.status, f.material, f.height_m, f.install_year, f.location_kind, f.cable_tangle, f.note].map((x) => x?.row ?? null),
      ...tail,
    );
  }

  /** What the fields hold now, as a pole, to rebuild the form without losing typing. */
  draft(): PanelPole {
    const value = (name: EditField): string => this.fields[name]?.control.value ?? '';
    const year = numberOrNull(value('install_year'));
    const tangle = this.fields.cable_tangle?.control;
    return {
      ...this.pole,
      condition: value('condition') as Condition,
      status: value('status') as EditableStatus,
      material: value('material'),
      height_m: value('height_m').trim() || null,
      install_year: typeof year === 'number' ? year : null,
      location_kind: value('location_kind'),
      cable_tangle: tangle instanceof HTMLInputElement ? tangle.checked : this.pole.cable_tangle,
      note: value('note'),
      owner_code: this.fields.owner ? value('owner') || null : this.pole.owner_code,
    };
  }

  focusFirst(): void {
    this.el.querySelector<HTMLElement>('select, input, textarea')?.focus();
  }

  /** Marks a field the server refused; returns false for fields this form does not show. */
  markInvalid(name: string, message: string): boolean {
    const handle = this.fields[name as EditField];
    handle?.setError(message);
    return handle !== undefined;
  }

  read(): EditFormRead {
    const p = this.pole;
    const f = this.fields;
    const patch: PolePatch = {};
    let valid = true;
    for (const handle of Object.values(this.fields)) handle?.setError(null);

    const value = (name: EditField): string => f[name]?.control.value ?? '';
    if (value('condition') !== p.condition) patch.condition = value('condition') as Condition;
    if (value('status') !== p.status) patch.status = value('status') as EditableStatus;
    if (value('material') !== p.material) patch.material = value('material');
    if (value('location_kind') !== p.location_kind) patch.location_kind = value('location_kind');

    const height = numberOrNull(value('height_m'));
    if (height === 'invalid' || (height !== null && (height <= 0 || height > 30))) {
      f.height_m?.setError(t('edit.heightInvalid'));
      valid = false;
    } else if (height !== (p.height_m === null || p.height_m === undefined ? null : Number(p.height_m))) {
      patch.height_m = height;
    }

    const year = numberOrNull(value('install_year'));
    if (year === 'invalid' || (year !== null && (!Number.isInteger(year) || year < MIN_YEAR || year > this.maxYear()))) {
      f.install_year?.setError(t('edit.yearInvalid', { max: String(this.maxYear()) }));
      valid = false;
    } else if (year !== p.install_year) {
      patch.install_year = year;
    }

    const tangle = f.cable_tangle?.control instanceof HTMLInputElement && f.cable_tangle.control.checked;
    if (tangle !== p.cable_tangle) patch.cable_tangle = tangle;

    const note = value('note');
    if (note.length > MAX_NOTE) {
      f.note?.setError(t('edit.noteTooLong'));
      valid = false;
    } else if (note.trim() !== (p.note ?? '').trim()) {
      patch.note = note.trim() === '' ? null : note;
    }

    if (f.owner) {
      const owner = value('owner') || null;
      if (owner !== p.owner_code) patch.owner = owner;
    }
    return { patch, valid };
  }

  /** A pole installed next year is a typo; the server's own bound is wider. */
  private maxYear(): number {
    return new Date().getFullYear() + 1;
  }
}
