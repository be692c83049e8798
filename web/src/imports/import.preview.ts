import type { ImportOutcome, ImportPreview, ImportRow } from '../api/imports.types.ts';
import { isMessageKey, t, tEnum, type EnumPrefix } from '../i18n/i18n.ts';
import { bdi, h } from '../ui/dom.builder.ts';
import { rowReason } from './import.words.ts';

const OUTCOMES: readonly ImportOutcome[] = ['new', 'update', 'unchanged', 'error'];
// Error rows first: they are what the person has to act on. Then what will change.
const ORDER: Record<ImportOutcome, number> = { error: 0, new: 1, update: 2, unchanged: 3 };
// The column names the server accepts for the pole code (imports.source.ts); GeoJSON uses `code`.
const CODE_COLUMNS = ['编号', '杆号', '线杆编号', 'code', 'pole_code'];
const ENUM_FIELDS: Record<string, EnumPrefix> = { condition: 'condition', material: 'material', ownership_status: 'ownership', status: 'status' };

function codeOf(row: ImportRow): string {
  for (const name of CODE_COLUMNS) {
    const value = row.values?.[name];
    if (value) return value;
  }
  return t('import.noCode');
}

function shown(field: string, value: unknown): string {
  if (value === null || value === undefined || value === '') return '—';
  const prefix = ENUM_FIELDS[field];
  return prefix ? tEnum(prefix, String(value)) : String(value);
}

function detail(row: ImportRow, preview: ImportPreview): HTMLElement {
  if (row.outcome === 'error') return h('span', { class: 'import-reason', 'data-testid': 'import-reason' }, rowReason(row));
  const changes = Object.entries(row.changes ?? {});
  if (row.outcome === 'update' && changes.length > 0) {
    return h(
      'span',
      null,
      ...changes.map(([field, [before, after]], i) => {
        const key = `field.${field}`;
        const label = isMessageKey(key) ? t(key) : field;
        return h('span', { class: 'import-change' }, i > 0 ? '；' : null, `${label}：${shown(field, before)} → ${shown(field, after)}`);
      }),
    );
  }
  const lng = preview.lng_column ? row.values?.[preview.lng_column] : undefined;
  const lat = preview.lat_column ? row.values?.[preview.lat_column] : undefined;
  return h('span', { class: 'hint' }, lng && lat ? t('import.at', { lng, lat }) : '');
}

function badge(outcome: ImportOutcome): HTMLElement {
  return h('span', { class: `import-badge import-badge-${outcome}` }, t(`import.outcome.${outcome}`));
}

/** The dry run's counts, one tile per outcome. */
export function importCounts(preview: ImportPreview): HTMLElement {
  return h(
    'ul',
    { class: 'import-counts', 'aria-label': t('import.counts'), 'data-testid': 'import-counts' },
    ...OUTCOMES.map((o) =>
      h(
        'li',
        { class: `import-count import-count-${o}`, 'data-outcome': o, 'data-count': preview.counts[o] },
        h('span', { class: 'import-count-n' }, String(preview.counts[o])),
        h('span', { class: 'import-count-label' }, t(`import.count.${o}`)),
      ),
    ),
  );
}

/** The rows the server sent back, errors first, each with its outcome and what it means. */
export function importTable(preview: ImportPreview): HTMLElement {
  const rows = [...preview.rows].sort((a, b) => ORDER[a.outcome] - ORDER[b.outcome] || a.row - b.row);
  return h(
    'div',
    { class: 'import-table-wrap' },
    h(
      'table',
      { class: 'import-table', 'data-testid': 'import-rows' },
      h(
        'thead',
        null,
        h('tr', null, ...(['row', 'outcome', 'code', 'detail'] as const).map((c) => h('th', { scope: 'col' }, t(`import.col.${c}`)))),
      ),
      h(
        'tbody',
        null,
        ...rows.map((row) =>
          h(
            'tr',
            { class: `import-row-${row.outcome}`, 'data-outcome': row.outcome, 'data-row': row.row },
            h('td', { class: 'import-rownum' }, String(row.row)),
            h('td', null, badge(row.outcome)),
            h('td', { class: 'import-code' }, bdi(codeOf(row))),
            h('td', null, detail(row, preview)),
          ),
        ),
      ),
    ),
  );
}
