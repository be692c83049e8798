import type { DistrictCollection } from '../api/api.types.ts';
import { CASE_STATES, type CaseQuery, type CaseState } from '../api/cases.types.ts';
import { localName } from '../campaign/campaign.names.ts';
import { t, tEnum } from '../i18n/i18n.ts';
import type { Owners } from '../map/owner.colours.ts';
import { h } from '../ui/dom.builder.ts';
import { checkField, field, select } from '../ui/form.field.ts';

export type CaseSort = 'due_asc' | 'due_desc' | 'newest';

export interface CaseFilterValues {
  query: CaseQuery;
  sort: CaseSort;
}

/** "Due this week": the next deadline within seven days, as the server counts from today. */
const WEEK = 7;

/**
 * The officers' filters over the case list: state, district, firm, overdue only, due this
 * week, and the order. Built once and kept, so a choice never loses keyboard focus when the
 * list below reloads; rebuilt only on a language switch, keeping what was chosen.
 */
export class CaseFilters {
  readonly el = h('form', { class: 'case-filters', 'data-testid': 'case-filters' });
  private values: CaseFilterValues = { query: {}, sort: 'due_asc' };

  constructor(
    private readonly owners: Owners,
    private readonly districts: () => DistrictCollection | null,
    private readonly onChange: (values: CaseFilterValues) => void,
  ) {
    this.el.addEventListener('submit', (e) => e.preventDefault());
    this.render();
  }

  current(): CaseFilterValues {
    return this.values;
  }

  render(): void {
    const q = this.values.query;
    const state = field(
      t('cases.filterState'),
      select([{ value: '', label: t('cases.filterAll') }, ...CASE_STATES.map((s) => ({ value: s, label: tEnum('case.state', s) }))], q.state ?? '', { name: 'state' }),
    );
    const districtItems = (this.districts()?.features ?? []).map((f) => ({ value: f.properties.code, label: localName(f.properties) }));
    const district = field(t('cases.filterDistrict'), select([{ value: '', label: t('cases.filterAny') }, ...districtItems], q.district ?? '', { name: 'district' }));
    const firm = field(
      t('cases.filterFirm'),
      select([{ value: '', label: t('cases.filterAny') }, ...this.owners.carriers().map((o) => ({ value: o.code, label: this.owners.name(o.code) }))], q.org ?? '', { name: 'org' }),
    );
    const overdue = checkField(t('cases.overdueOnly'), q.overdue === true);
    overdue.control.name = 'overdue';
    const week = checkField(t('cases.dueWeek'), q.due_within_days === WEEK);
    week.control.name = 'due_week';
    const sort = field(
      t('cases.sort'),
      select(
        [
          { value: 'due_asc', label: t('cases.sortDueAsc') },
          { value: 'due_desc', label: t('cases.sortDueDesc') },
          { value: 'newest', label: t('cases.sortNewest') },
        ],
        this.values.sort,
        { name: 'sort' },
      ),
    );
    const read = (): void => {
      const query: CaseQuery = {};
      if (state.control.value) query.state = state.control.value as CaseState;
      if (district.control.value) query.district = district.control.value;
      if (firm.control.value) query.org = firm.control.value;
      if (overdue.control.checked) query.overdue = true;
      if (week.control.checked) query.due_within_days = WEEK;
      this.values = { query, sort: sort.control.value as CaseSort };
      this.onChange(this.values);
    };
    for (const control of [state.control, district.control, firm.control, overdue.control, week.control, sort.control]) control.addEventListener('change', read);
    this.el.replaceChildren(
      h('div', { class: 'case-filter-grid' }, state.row, district.row, firm.row, sort.row),
      h('div', { class: 'case-filter-checks' }, overdue.row, week.row),
    );
  }
}
