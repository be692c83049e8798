import { isAbortError } from '../api/api.error.ts';
import { addWorkingDays } from '../api/cases.api.ts';
import { t } from '../i18n/i18n.ts';
import { shanghaiDay } from '../i18n/time.format.ts';
import { h } from '../ui/dom.builder.ts';
import { describeError } from '../ui/error.describe.ts';
import { field } from '../ui/form.field.ts';
import { day } from './case.words.ts';

const MAX_DAYS = 60;
const DEFAULT_DAYS = 10;
/** Typing "15" fires for "1" first: wait until the figure has settled. */
const SETTLE_MS = 250;

export type Deadline = { correction_working_days: number } | { correction_deadline: string };

/**
 * The correction deadline, either as a number of working days (the usual wording of an
 * order: 「限你单位在 10 个工作日内改正」) or as a date. For working days the actual date is
 * worked out by the server's holiday calendar as the officer types, so the date printed on
 * the order is never a surprise.
 */
export class DeadlineField {
  readonly el: HTMLElement;
  private mode: 'days' | 'date' = 'days';
  private readonly days = field(t('order.days'), h('input', { type: 'number', name: 'working_days', min: 1, max: MAX_DAYS, step: 1, inputmode: 'numeric', value: DEFAULT_DAYS }), t('order.daysHint'));
  private readonly date = field(t('order.date'), h('input', { type: 'date', name: 'deadline', min: this.tomorrow() }));
  private readonly computed = h('p', { class: 'deadline-computed', 'aria-live': 'polite', 'data-testid': 'deadline-computed' });
  private controller: AbortController | null = null;
  private timer = 0;

  constructor() {
    const radio = (mode: 'days' | 'date', label: string): HTMLElement => {
      const input = h('input', { type: 'radio', name: 'deadline_mode', value: mode, checked: mode === this.mode, 'data-testid': `deadline-mode-${mode}` });
      input.addEventListener('change', () => this.setMode(mode));
      return h('label', { class: 'check' }, input, h('span', null, label));
    };
    this.days.control.addEventListener('input', () => this.schedule());
    this.el = h(
      'fieldset',
      { class: 'deadline-field' },
      h('legend', { class: 'field-label' }, t('order.deadlineBy')),
      h('div', { class: 'segments-inline' }, radio('days', t('order.byDays')), radio('date', t('order.byDate'))),
      this.days.row,
      this.computed,
      this.date.row,
    );
    this.setMode('days');
  }

  /** The deadline as the document request wants it; null (with the reason shown) if unusable. */
  read(): Deadline | null {
    if (this.mode === 'days') {
      const n = this.dayCount();
      this.days.setError(n === null ? t('order.daysInvalid') : null);
      if (n === null) return this.days.control.focus(), null;
      return { correction_working_days: n };
    }
    const value = this.date.control.value;
    const bad = !/^\d{4}-\d{2}-\d{2}$/.test(value) || value <= shanghaiDay();
    this.date.setError(bad ? t('order.dateInvalid') : null);
    if (bad) return this.date.control.focus(), null;
    return { correction_deadline: value };
  }

  private tomorrow(): string {
    const next = new Date(`${shanghaiDay()}T00:00:00Z`);
    next.setUTCDate(next.getUTCDate() + 1);
    return next.toISOString().slice(0, 10);
  }

  private dayCount(): number | null {
    const n = Number(this.days.control.value.trim());
    return this.days.control.value.trim() !== '' && Number.isInteger(n) && n >= 1 && n <= MAX_DAYS ? n : null;
  }

  private setMode(mode: 'days' | 'date'): void {
    this.mode = mode;
    this.days.row.hidden = mode !== 'days';
    this.computed.hidden = mode !== 'days';
    this.date.row.hidden = mode !== 'date';
    if (mode === 'days') this.schedule();
  }

  private schedule(): void {
    window.clearTimeout(this.timer);
    this.controller?.abort();
    const n = this.dayCount();
    if (n === null) {
      this.computed.textContent = '';
      return;
    }
    this.computed.textContent = t('order.computing');
    this.timer = window.setTimeout(() => void this.compute(n), SETTLE_MS);
  }

  private async compute(n: number): Promise<void> {
    const controller = new AbortController();
    this.controller = controller;
    try {
      const answer = await addWorkingDays(shanghaiDay(), n, controller.signal);
      if (controller.signal.aborted) return;
      this.computed.textContent = t('order.computed', { date: day(answer.date) });
      this.computed.dataset.date = answer.date;
    } catch (err) {
      if (isAbortError(err) || controller.signal.aborted) return;
      this.computed.textContent = t('order.computeFailed', { message: describeError(err) });
      delete this.computed.dataset.date;
    }
  }
}
