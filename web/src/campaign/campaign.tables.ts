import { dashboardCsvHref } from '../api/dashboard.api.ts';
import type { OrgCaseFigures } from '../api/cases.types.ts';
import type { DashboardTable, DistrictFigures, FirmFigures, LocationKindFigures } from '../api/dashboard.types.ts';
import { formatNumber, t } from '../i18n/i18n.ts';
import { dataTable, type Column } from '../ui/data.table.ts';
import { h } from '../ui/dom.builder.ts';
import { kindName, localName } from './campaign.names.ts';
import { formatKm, formatShare } from './figures.format.ts';

/**
 * The breakdown tables of the dashboard and the monthly report. Figures are right-aligned
 * numbers; a missing target or an enforcement figure that does not exist yet is "—", never 0.
 */

const num = (n: number): string => formatNumber(n);
const dash = (): string => t('campaign.none');
const NUM = 'num';
/** names must not be squeezed to a letter per line by the many figure columns */
const NAME = 'cell-name';

export function districtTable(rows: readonly DistrictFigures[], year: number): HTMLTableElement {
  const y = String(year);
  const columns: Column<DistrictFigures>[] = [
    { label: t('dash.col.district'), cell: (r) => localName(r), className: NAME },
    { label: t('dash.col.removedTotal'), cell: (r) => num(r.removed_total), className: NUM },
    { label: t('dash.col.removedYear', { year: y }), cell: (r) => num(r.removed_this_year), className: NUM },
    { label: t('dash.col.target', { year: y }), cell: (r) => (r.target_poles === null ? dash() : num(r.target_poles)), className: NUM },
    { label: t('dash.col.progress'), cell: (r) => formatShare(r.removed_this_year, r.target_poles) ?? dash(), className: NUM },
    { label: t('dash.col.kmBuried'), cell: (r) => formatKm(r.km_buried), className: NUM },
    { label: t('dash.col.orphan'), cell: (r) => num(r.orphan_poles), className: NUM },
    { label: t('dash.col.standing'), cell: (r) => num(r.poles_standing), className: NUM },
    { label: t('dash.col.openClaims'), cell: (r) => num(r.open_claims), className: NUM },
  ];
  return dataTable(columns, rows, (r) => ({ 'data-code': r.code }));
}

/**
 * 排名 as in the monthly bulletins; the server has already ranked the firms. With `cases`
 * (the dashboard), each firm's open enforcement cases and the fines decided against it.
 */
export function firmTable(rows: readonly FirmFigures[], year: number, cases?: readonly OrgCaseFigures[]): HTMLTableElement {
  const caseOf = (code: string): OrgCaseFigures | undefined => cases?.find((c) => c.code === code);
  const columns: Column<FirmFigures & { rank: number }>[] = [
    { label: t('dash.col.rank'), cell: (r) => num(r.rank), className: NUM },
    { label: t('dash.col.firm'), cell: (r) => localName(r), className: NAME },
    { label: t('dash.col.removalsDone'), cell: (r) => num(r.removals_done), className: NUM },
    { label: t('dash.col.removedYear', { year: String(year) }), cell: (r) => num(r.removals_this_year), className: NUM },
    { label: t('dash.col.polesOwned'), cell: (r) => num(r.poles_owned), className: NUM },
    { label: t('dash.col.claimsFiled'), cell: (r) => num(r.claims_filed), className: NUM },
    { label: t('dash.col.claimsAccepted'), cell: (r) => num(r.claims_accepted), className: NUM },
    { label: t('dash.col.kmBuried'), cell: (r) => formatKm(r.km_buried), className: NUM },
  ];
  if (cases) {
    columns.push(
      { label: t('dash.col.casesOpen'), cell: (r) => num(caseOf(r.code)?.open ?? 0), className: NUM },
      { label: t('dash.col.finesDecided'), cell: (r) => num(caseOf(r.code)?.fines_decided_yuan ?? 0), className: NUM },
    );
  }
  return dataTable(columns, rows.map((r, i) => ({ ...r, rank: i + 1 })), (r) => ({ 'data-code': r.code }));
}

export function kindTable(rows: readonly LocationKindFigures[], year: number): HTMLTableElement {
  const columns: Column<LocationKindFigures>[] = [
    { label: t('dash.col.kind'), cell: (r) => kindName(r.location_kind), className: NAME },
    { label: t('dash.col.removedTotal'), cell: (r) => num(r.removed_total), className: NUM },
    { label: t('dash.col.removedYear', { year: String(year) }), cell: (r) => num(r.removed_this_year), className: NUM },
    { label: t('dash.col.standing'), cell: (r) => num(r.poles_standing), className: NUM },
  ];
  return dataTable(columns, rows, (r) => ({ 'data-kind': r.location_kind }));
}

/** A titled table; with `csv`, a download link for the same table as the server exports it. */
export function tableSection(title: string, table: HTMLTableElement, options: { csv?: { table: DashboardTable; year: number }; note?: string } = {}): HTMLElement {
  const csv = options.csv
    ? h(
        'a',
        {
          class: 'button button-small no-print',
          href: dashboardCsvHref(options.csv.table, options.csv.year),
          download: '',
          'data-testid': `csv-${options.csv.table}`,
          'aria-label': t('campaign.downloadCsvOf', { table: title }),
        },
        t('campaign.downloadCsv'),
      )
    : null;
  return h(
    'section',
    { class: 'table-section' },
    h('div', { class: 'section-head' }, h('h3', null, title), csv),
    options.note ? h('p', { class: 'hint' }, options.note) : null,
    h('div', { class: 'table-scroll' }, table),
  );
}
