import { CASE_STATES, FINAL_STATES, type CaseStats } from '../api/cases.types.ts';
import type { FirmFigures } from '../api/dashboard.types.ts';
import { localName } from '../campaign/campaign.names.ts';
import { PHASE_COLOURS, phaseOf } from '../cases/case.words.ts';
import { barOption, type BarSpec } from '../charts/bar.chart.ts';
import { ChartView } from '../charts/chart.view.ts';
import { t, tEnum } from '../i18n/i18n.ts';
import { h } from '../ui/dom.builder.ts';

/** Every state a case can be open in, in the order of the procedure. */
const OPEN_STATES = CASE_STATES.filter((s) => !FINAL_STATES.includes(s));

export function openCaseCount(stats: CaseStats): number {
  return OPEN_STATES.reduce((sum, s) => sum + (stats.by_state[s] ?? 0), 0);
}

/** The states cases are open in now, in the order of the procedure, each bar in its stage's colour. */
function stateBars(stats: CaseStats): BarSpec {
  const states = OPEN_STATES.filter((s) => (stats.by_state[s] ?? 0) > 0);
  return {
    kind: 'poles',
    categories: states.map((s) => tEnum('case.state', s)),
    series: [
      {
        name: t('chart.cases'),
        values: states.map((s) => stats.by_state[s] ?? 0),
        colour: PHASE_COLOURS.investigation,
        colours: states.map((s) => PHASE_COLOURS[phaseOf(s)]),
        labels: true,
      },
    ],
  };
}

/** Firms by fines decided, with what has been paid of them; a firm with no fine is left out. */
function fineBars(stats: CaseStats, firms: readonly FirmFigures[]): BarSpec {
  const rows = stats.by_org.filter((o) => o.fines_decided_yuan > 0 || o.fines_paid_yuan > 0).sort((a, b) => b.fines_decided_yuan - a.fines_decided_yuan);
  const name = (code: string): string => {
    const firm = firms.find((f) => f.code === code);
    return firm ? localName(firm) : code;
  };
  return {
    kind: 'yuan',
    categories: rows.map((r) => name(r.code)),
    series: [
      { name: t('chart.finesDecided'), values: rows.map((r) => r.fines_decided_yuan), colour: PHASE_COLOURS.decision, labels: true },
      { name: t('chart.finesPaid'), values: rows.map((r) => r.fines_paid_yuan), colour: PHASE_COLOURS.paid, labels: true },
    ],
  };
}

/** The dashboard's enforcement charts: open cases by state, and fines by firm. */
export class EnforcementCharts {
  private readonly states = new ChartView(() => t('chart.casesByState'), { testId: 'chart-cases-state' });
  private readonly fines = new ChartView(() => t('chart.finesByFirm'), { testId: 'chart-fines-firm' });
  readonly el = h('div', { class: 'chart-grid' }, this.states.el, this.fines.el);

  /** Call with the grid in the document: ECharts measures its box when it first draws. */
  update(stats: CaseStats, firms: readonly FirmFigures[]): void {
    this.states.show(() => barOption(stateBars(stats)));
    this.fines.show(() => barOption(fineBars(stats, firms)));
  }
}
