import { t } from '../i18n/i18n.ts';
import { h } from '../ui/dom.builder.ts';
import { field, type FieldHandle } from '../ui/form.field.ts';

const DAY = /^\d{4}-\d{2}-\d{2}$/;

export interface DateRangeFields {
  start: FieldHandle<HTMLInputElement>;
  end: FieldHandle<HTMLInputElement>;
  /** both days, or null with the wrong field explained and focused */
  read(): { start: string; end: string } | null;
}

/** The planned start and end of a project or road works: two days, the end not before the start. */
export function dateRangeFields(start: string, end: string): DateRangeFields {
  const startField = field(t('plan.plannedStart'), h('input', { type: 'date', name: 'planned_start', required: true, value: start }));
  const endField = field(t('plan.plannedEnd'), h('input', { type: 'date', name: 'planned_end', required: true, value: end }));
  return {
    start: startField,
    end: endField,
    read() {
      const a = startField.control.value;
      const b = endField.control.value;
      const startError = DAY.test(a) ? null : t('plan.dateRequired');
      const endError = !DAY.test(b) ? t('plan.dateRequired') : DAY.test(a) && b < a ? t('plan.endBeforeStart') : null;
      startField.setError(startError);
      endField.setError(endError);
      if (startError) return startField.control.focus(), null;
      if (endError) return endField.control.focus(), null;
      return { start: a, end: b };
    },
  };
}
