import { fetchCalendar, saveCalendar, type CalendarDay, type CalendarYear } from '../api/calendar.api.ts';
import { addDays } from '../i18n/day.arith.ts';
import { noteAuthFailure } from '../auth/session.actions.ts';
import { t } from '../i18n/i18n.ts';
import { loadInto } from '../state/loadable.ts';
import { dataTable } from '../ui/data.table.ts';
import { h, replaceChildren } from '../ui/dom.builder.ts';
import { describeError } from '../ui/error.describe.ts';
import { field, formMessage, select } from '../ui/form.field.ts';
import type { AdminContext, AdminPage } from './admin.page.ts';
import { loadStateView, type Loadable } from './load.state.ts';

/** Public holidays never run longer than this; a longer range is a typo in a date. */
const MAX_RANGE_DAYS = 15;

/** Every date from `from` to `to`, both included (none when `to` comes first). */
function datesBetween(from: string, to: string): string[] {
  const out: string[] = [];
  for (let d = from; d <= to && out.length <= MAX_RANGE_DAYS; d = addDays(d, 1)) out.push(d);
  return out;
}

/**
 * The working-day calendar (admins): each year's public holidays and the weekend days worked
 * instead, as the State Council announces them every November. Deadlines in working days are
 * counted from it, and a period reaching into a year not entered is refused, so the next year
 * must be entered before the end of this one. Edits stay on the page until saved; saving
 * replaces the year as a whole, and the server checks and audits it.
 */
export class CalendarPage implements AdminPage {
  readonly el = h('section', { class: 'admin-page', 'aria-labelledby': 'calendar-title', 'data-testid': 'calendar-page' });
  private year = new Date().getFullYear();
  private data: Loadable<CalendarYear> = { state: 'loading' };
  private draft: CalendarDay[] = [];
  private dirty = false;
  private readonly message = formMessage();
  private readonly yearInput = h('input', { type: 'number', min: '2000', max: '2100', step: '1', name: 'year', 'data-testid': 'calendar-year' });
  private readonly from = h('input', { type: 'date', name: 'from', 'data-testid': 'calendar-from' });
  private readonly to = h('input', { type: 'date', name: 'to', 'data-testid': 'calendar-to' });
  private readonly kind = select([{ value: 'holiday', label: t('calendar.kind.holiday') }, { value: 'workday', label: t('calendar.kind.workday') }], 'holiday', { name: 'kind', 'data-testid': 'calendar-kind' });
  private readonly nameZh = h('input', { type: 'text', name: 'name_zh', maxlength: '40', 'data-testid': 'calendar-name-zh' });
  private readonly nameEn = h('input', { type: 'text', name: 'name_en', maxlength: '40', 'data-testid': 'calendar-name-en' });

  constructor(_ctx: AdminContext) {
    this.yearInput.value = String(this.year);
    this.yearInput.addEventListener('change', () => {
      const y = Number(this.yearInput.value);
      if (Number.isInteger(y) && y >= 2000 && y <= 2100 && y !== this.year) {
        this.year = y;
        void this.load();
      }
    });
    this.render();
    void this.load();
  }

  private load(): Promise<void> {
    const year = this.year;
    this.message.clear();
    return loadInto(() => fetchCalendar(year), (state) => {
      if (year !== this.year) return;
      this.data = state;
      if (state.state === 'ready') {
        this.draft = [...state.value.days];
        this.dirty = false;
      }
      this.render();
    }, noteAuthFailure);
  }

  /** Adds the range from the form as days of one kind and name (a holiday is usually several days). */
  private addRange(): void {
    this.message.clear();
    const from = this.from.value;
    const to = this.to.value || from;
    const zh = this.nameZh.value.trim();
    const en = this.nameEn.value.trim();
    if (!from || !zh || !en) return this.message.show('error', t('calendar.rangeIncomplete'));
    const dates = datesBetween(from, to);
    if (dates.length === 0 || dates.length > MAX_RANGE_DAYS) return this.message.show('error', t('calendar.rangeBad', { max: MAX_RANGE_DAYS }));
    if (dates.some((d) => d.slice(0, 4) !== String(this.year))) return this.message.show('error', t('calendar.rangeOtherYear', { year: String(this.year) }));
    const kind = this.kind.value as CalendarDay['kind'];
    const kept = this.draft.filter((d) => !dates.includes(d.day));
    this.draft = [...kept, ...dates.map((day) => ({ day, kind, name_zh: zh, name_en: en }))].sort((a, b) => a.day.localeCompare(b.day));
    this.dirty = true;
    this.render();
  }

  private remove(day: string): void {
    this.draft = this.draft.filter((d) => d.day !== day);
    this.dirty = true;
    this.render();
  }

  private async save(button: HTMLButtonElement): Promise<void> {
    button.disabled = true;
    this.message.clear();
    try {
      const saved = await saveCalendar(this.year, this.draft);
      this.data = { state: 'ready', value: saved };
      this.draft = [...saved.days];
      this.dirty = false;
      this.render();
      this.message.show('ok', t('calendar.saved', { year: String(saved.year), n: saved.days.length }));
    } catch (err) {
      button.disabled = false;
      this.message.show('error', t('calendar.saveFailed', { message: describeError(err) }));
    }
  }

  render(): void {
    const ready = this.data.state === 'ready' ? this.data.value : null;
    const add = h('button', { type: 'button', class: 'button', 'data-testid': 'calendar-add' }, t('calendar.add'));
    add.addEventListener('click', () => this.addRange());
    const save = h('button', { type: 'button', class: 'button button-primary', 'data-testid': 'calendar-save', disabled: !this.dirty }, t('calendar.save', { year: String(this.year) }));
    save.addEventListener('click', () => void this.save(save));
    const holidays = this.draft.filter((d) => d.kind === 'holiday').length;
    replaceChildren(
      this.el,
      h('div', { class: 'admin-page-head' }, h('h2', { id: 'calendar-title' }, t('calendar.title'))),
      h('p', { class: 'hint' }, t('calendar.intro')),
      h('div', { class: 'calendar-year-row' }, field(t('calendar.year'), this.yearInput).row,
        ready ? h('p', { class: `calendar-status ${ready.entered ? 'calendar-status-entered' : 'calendar-status-missing'}`, 'data-testid': 'calendar-status' }, ready.entered ? t('calendar.entered') : t('calendar.notEntered', { year: String(this.year) })) : null),
      loadStateView(this.data, () => void this.load()),
      ready
        ? h('div', null,
          h('p', { class: 'hint', 'data-testid': 'calendar-counts' }, t('calendar.counts', { holidays, workdays: this.draft.length - holidays })),
          dataTable([
            { label: t('calendar.day'), cell: (d: CalendarDay) => d.day },
            { label: t('calendar.kind'), cell: (d: CalendarDay) => t(`calendar.kind.${d.kind}`) },
            { label: t('calendar.nameZh'), cell: (d: CalendarDay) => d.name_zh },
            { label: t('calendar.nameEn'), cell: (d: CalendarDay) => d.name_en },
            { label: '', cell: (d: CalendarDay) => this.removeButton(d.day) },
          ], this.draft, (d) => ({ 'data-day': d.day, 'data-kind': d.kind })),
          h('fieldset', { class: 'calendar-add-form' },
            h('legend', null, t('calendar.addTitle')),
            field(t('calendar.from'), this.from).row, field(t('calendar.to'), this.to, t('calendar.toHint')).row,
            field(t('calendar.kind'), this.kind).row, field(t('calendar.nameZh'), this.nameZh).row, field(t('calendar.nameEn'), this.nameEn).row,
            h('div', { class: 'form-actions' }, add)),
          this.message.el,
          h('div', { class: 'form-actions' }, save))
        : this.message.el,
    );
  }

  private removeButton(day: string): HTMLElement {
    const button = h('button', { type: 'button', class: 'button button-small', 'aria-label': t('calendar.removeLabel', { day }) }, t('calendar.remove'));
    button.addEventListener('click', () => this.remove(day));
    return button;
  }
}
