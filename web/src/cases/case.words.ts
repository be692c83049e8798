import type { CaseState } from '../api/cases.types.ts';
import { formatDay } from '../campaign/figures.format.ts';
import { t, tEnum } from '../i18n/i18n.ts';
import { h } from '../ui/dom.builder.ts';

/**
 * The stages of the procedure as the map and the lists colour them. Fifteen states are too
 * many colours to tell apart on a map; what an officer scans for is the stage a case is in.
 */
export const CASE_PHASES = ['investigation', 'correction', 'penalty', 'decision', 'paid'] as const;
export type CasePhase = (typeof CASE_PHASES)[number];

export const PHASE_COLOURS: Record<CasePhase, string> = {
  investigation: '#5e6b7a',
  correction: '#c98a00',
  penalty: '#d4572a',
  decision: '#7446a8',
  paid: '#2e9444',
};

/** The ring of a case past its deadline: the same red as broken poles, meaning "act now". */
export const OVERDUE_RING = '#b3261e';

export function phaseOf(state: CaseState): CasePhase {
  switch (state) {
    case 'found':
    case 'opened':
    case 'investigating':
      return 'investigation';
    case 'ordered':
    case 'correction_submitted':
      return 'correction';
    case 'not_corrected':
    case 'penalty_noticed':
    case 'hearing_requested':
    case 'hearing_held':
      return 'penalty';
    case 'decided':
    case 'decision_served':
    case 'overdue':
      return 'decision';
    case 'paid':
    case 'closed':
    case 'withdrawn':
      return 'paid';
  }
}

/** The state as a chip coloured by its stage (final states stay grey). */
export function stateChip(state: CaseState, testId?: string): HTMLElement {
  return h('span', { class: `chip case-chip case-phase-${phaseOf(state)} case-state-${state}`, 'data-testid': testId ?? null, 'data-state': state }, tEnum('case.state', state));
}

/** Whole yuan, as the documents write them: 3,000 元 / ¥3,000. */
export function yuan(n: number): string {
  return t('casePanel.yuan', { n });
}

/** A calendar day from the server, or "—". */
export function day(value: string | null): string {
  return value ? formatDay(value) : t('panel.none');
}
