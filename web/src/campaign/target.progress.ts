import { t } from '../i18n/i18n.ts';
import { formatKm, formatShare } from './figures.format.ts';
import type { Kpi } from './kpi.card.ts';

/**
 * A year's figure against its target, as a sentence and a bar. With no target set the sentence
 * says so and there is no bar: an empty bar would read as "nothing done".
 */
export function targetProgress(kind: 'poles' | 'km', done: number, target: number | null, year: string): { note: string; meter: Kpi['meter'] } {
  if (target === null) return { note: t('kpi.noTarget', { year }), meter: null };
  const amount = kind === 'km' ? t('campaign.km', { n: formatKm(target, 'round') }) : t('campaign.poles', { n: target });
  const note = t('kpi.ofTarget', { target: amount, pct: formatShare(done, target) ?? t('campaign.none') });
  return { note, meter: { parts: [{ value: done, tone: kind === 'km' ? 'buried' : 'progress' }], max: target, label: note } };
}
