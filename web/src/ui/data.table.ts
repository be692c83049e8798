import { h, type Attrs, type Child } from './dom.builder.ts';

export interface Column<T> {
  label: string;
  cell: (row: T) => Child;
  className?: string;
}

/**
 * A plain table on wide screens; on a phone each row becomes a card, with every cell
 * labelled by its column (data-label, shown by CSS) since the header row is hidden there.
 */
export function dataTable<T>(columns: readonly Column<T>[], rows: readonly T[], rowAttrs?: (row: T) => Attrs): HTMLTableElement {
  return h(
    'table',
    { class: 'data-table' },
    h('thead', null, h('tr', null, ...columns.map((c) => h('th', { scope: 'col', class: c.className ?? null }, c.label)))),
    h(
      'tbody',
      null,
      ...rows.map((row) =>
        h('tr', rowAttrs?.(row) ?? null, ...columns.map((c) => h('td', { 'data-label': c.label, class: c.className ?? null }, c.cell(row)))),
      ),
    ),
  );
}
