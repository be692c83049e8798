import { SERVICE_METHODS, type Service } from '../api/cases.types.ts';
import { t, tEnum } from '../i18n/i18n.ts';
import { shanghaiDay } from '../i18n/time.format.ts';
import { h } from '../ui/dom.builder.ts';
import { field, select, type FieldHandle } from '../ui/form.field.ts';

/** The same limits as the server (Art. 41: ¥1,000–10,000, whole yuan). */
export const FINE_MIN = 1000;
export const FINE_MAX = 10000;
const MAX_TEXT = 2000;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** A written reason; `required` ones must say something. */
export class ReasonField {
  readonly handle: FieldHandle<HTMLTextAreaElement>;

  constructor(label: string, private readonly required: boolean) {
    this.handle = field(label, h('textarea', { name: 'reason', rows: 3, maxlength: MAX_TEXT }), required ? t('act.reasonHint') : t('act.reasonOptional'));
  }

  /** The text, '' for an optional one left empty; null when a required one is empty. */
  read(): string | null {
    const value = this.handle.control.value.trim();
    const missing = this.required && value === '';
    this.handle.setError(missing ? t('act.reasonRequired') : null);
    if (missing) this.handle.control.focus();
    return missing ? null : value;
  }
}

/** A day that has happened (service, payment): today by default, never in the future. */
export function pastDayField(label: string, name: string, hint?: string): FieldHandle<HTMLInputElement> {
  const today = shanghaiDay();
  return field(label, h('input', { type: 'date', name, required: true, max: today, value: today }), hint);
}

function readPastDay(handle: FieldHandle<HTMLInputElement>, error: string): string | null {
  const value = handle.control.value;
  const bad = !DAY.test(value) || value > shanghaiDay();
  handle.setError(bad ? error : null);
  if (bad) handle.control.focus();
  return bad ? null : value;
}

/** How a document reached the party: method, day, who signed for it, and a note. */
export class ServiceFields {
  private readonly method = field(
    t('service.method'),
    select(SERVICE_METHODS.map((m) => ({ value: m, label: tEnum('case.service', m) })), 'in_person', { name: 'method' }),
  );
  private readonly date = pastDayField(t('service.date'), 'served_on', t('service.dateHint'));
  private readonly to = field(t('service.to'), h('input', { type: 'text', name: 'served_to', maxlength: 200, autocomplete: 'off' }), t('service.toHint'));
  private readonly note = field(t('service.note'), h('input', { type: 'text', name: 'note', maxlength: MAX_TEXT, autocomplete: 'off' }), t('service.noteHint'));

  get rows(): HTMLElement[] {
    return [this.method.row, this.date.row, this.to.row, this.note.row];
  }

  read(): Service | null {
    const served = readPastDay(this.date, t('service.dateInvalid'));
    if (!served) return null;
    const to = this.to.control.value.trim();
    const note = this.note.control.value.trim();
    return { method: this.method.control.value as Service['method'], served_on: served, ...(to ? { served_to: to } : {}), ...(note ? { note } : {}) };
  }
}

/** A fine in whole yuan within the legal range. */
export class FineField {
  readonly handle: FieldHandle<HTMLInputElement>;

  constructor(label: string, hint: string, name: string, value?: number | null) {
    this.handle = field(
      label,
      h('input', { type: 'number', name, min: FINE_MIN, max: FINE_MAX, step: 100, inputmode: 'numeric', value: value ?? null }),
      hint,
    );
  }

  /** The amount, or null (and said why) when it is not a whole number in range. */
  read(): number | null {
    const value = this.value();
    this.handle.setError(value === null ? t('fine.invalid') : null);
    if (value === null) this.handle.control.focus();
    return value;
  }

  /** What is typed, when it is a valid fine; no error shown (for live hints). */
  value(): number | null {
    const text = this.handle.control.value.trim();
    const n = Number(text);
    return text !== '' && Number.isInteger(n) && n >= FINE_MIN && n <= FINE_MAX ? n : null;
  }
}

/** The day the fine was paid and the receipt's number. */
export class PaymentFields {
  private readonly date = pastDayField(t('payment.date'), 'paid_on');
  private readonly receipt = field(t('payment.receipt'), h('input', { type: 'text', name: 'receipt_no', maxlength: 60, autocomplete: 'off' }));

  get rows(): HTMLElement[] {
    return [this.date.row, this.receipt.row];
  }

  read(): { paid_on: string; receipt_no: string } | null {
    const paid = readPastDay(this.date, t('payment.dateInvalid'));
    const receipt = this.receipt.control.value.trim();
    this.receipt.setError(receipt === '' ? t('payment.receiptRequired') : null);
    if (!paid) return null;
    if (receipt === '') {
      this.receipt.control.focus();
      return null;
    }
    return { paid_on: paid, receipt_no: receipt };
  }
}
