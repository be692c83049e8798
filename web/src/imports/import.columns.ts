import { t } from '../i18n/i18n.ts';
import { h, replaceChildren } from '../ui/dom.builder.ts';
import { field, type FieldHandle } from '../ui/form.field.ts';

/**
 * Which CSV columns hold longitude and latitude, for a survey whose headers the server does
 * not recognise (X坐标/Y坐标, "E", …). Hidden until the server says it found no coordinates;
 * then it lists the file's own columns, so the person picks instead of renaming and re-saving.
 */
export class CoordinateColumns {
  readonly row: HTMLElement;
  private readonly lng: FieldHandle<HTMLSelectElement>;
  private readonly lat: FieldHandle<HTMLSelectElement>;

  constructor() {
    this.lng = field(t('import.lngColumn'), h('select', { name: 'lng_column', 'data-testid': 'import-lng-column' }));
    this.lat = field(t('import.latColumn'), h('select', { name: 'lat_column', 'data-testid': 'import-lat-column' }));
    this.row = h('fieldset', { class: 'import-columns', hidden: true, 'data-testid': 'import-columns' },
      h('legend', null, t('import.columnsTitle')), this.lng.row, this.lat.row);
  }

  /** Shows the file's columns to choose from; the next upload sends the choice. */
  offer(columns: readonly string[]): void {
    for (const f of [this.lng, this.lat]) {
      const kept = f.control.value;
      replaceChildren(f.control, h('option', { value: '' }, t('import.columnChoose')), ...columns.map((c) => h('option', { value: c }, c)));
      if (columns.includes(kept)) f.control.value = kept;
    }
    this.row.hidden = false;
    this.lng.setError(t('import.columnsNeeded'));
    this.lng.control.focus();
  }

  /** The chosen columns, or nulls while the picker is not offered. */
  chosen(): { lngColumn: string | null; latColumn: string | null } {
    if (this.row.hidden) return { lngColumn: null, latColumn: null };
    return { lngColumn: this.lng.control.value || null, latColumn: this.lat.control.value || null };
  }

  clearError(): void {
    this.lng.setError(null);
  }
}

/** The columns a coordinates_not_found refusal carries, if it carries them. */
export function columnsOf(details: unknown): string[] | null {
  const columns = (details as { columns?: unknown } | null)?.columns;
  return Array.isArray(columns) && columns.every((c) => typeof c === 'string') ? columns : null;
}
