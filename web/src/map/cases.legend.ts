import { CASE_PHASES } from '../cases/case.words.ts';
import { t, type MessageKey } from '../i18n/i18n.ts';
import { casesLayerStore } from '../state/case.store.ts';
import { h } from '../ui/dom.builder.ts';

const PHASE_LABELS: Record<(typeof CASE_PHASES)[number], MessageKey> = {
  investigation: 'legend.phase.investigation',
  correction: 'legend.phase.correction',
  penalty: 'legend.phase.penalty',
  decision: 'legend.phase.decision',
  paid: 'legend.phase.paid',
};

/**
 * The legend's part for the case layer: its switch, and while it is on, what each marker
 * colour means. The markers in the key use the map's own classes, so the two cannot drift.
 * Ticking only shows or hides the key (no re-render), so keyboard focus stays on the box.
 */
export function casesLegend(): HTMLElement {
  const input = h('input', { type: 'checkbox', id: 'layer-cases', checked: casesLayerStore.get(), 'data-testid': 'layer-cases' });
  const key = h(
    'ul',
    { class: 'legend-list legend-cases', 'data-testid': 'legend-cases', 'aria-label': t('legend.cases') },
    ...CASE_PHASES.map((phase) => h('li', null, h('span', { class: `case-marker legend-case case-phase-${phase}`, 'aria-hidden': 'true' }), h('span', null, t(PHASE_LABELS[phase])))),
    h('li', null, h('span', { class: 'case-marker legend-case case-phase-correction case-marker-overdue', 'aria-hidden': 'true' }), h('span', null, t('legend.phase.overdue'))),
  );
  key.hidden = !casesLayerStore.get();
  input.addEventListener('change', () => {
    casesLayerStore.set(input.checked);
    key.hidden = !input.checked;
  });
  return h(
    'div',
    { class: 'legend-layer' },
    h('label', { class: 'legend-mode-option', for: 'layer-cases' }, input, h('span', { class: 'case-marker legend-case case-phase-penalty', 'aria-hidden': 'true' }), h('span', null, t('layer.cases'))),
    key,
  );
}
