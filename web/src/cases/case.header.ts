import type { CaseDetail } from '../api/cases.types.ts';
import { localName } from '../campaign/campaign.names.ts';
import { t, tEnum } from '../i18n/i18n.ts';
import { bdi, h, type Child } from '../ui/dom.builder.ts';
import { day, stateChip, yuan } from './case.words.ts';

function row(label: string, testId: string | null, ...value: Child[]): HTMLElement {
  return h('div', { class: 'field', 'data-testid': testId }, h('dt', null, label), h('dd', null, ...value));
}

/** Only the figures the case has reached: a fresh case has no deadline or fine to show. */
function procedureRows(c: CaseDetail): HTMLElement[] {
  const rows: Array<HTMLElement | null> = [
    c.correction_required ? row(t('casePanel.required'), null, bdi(c.correction_required)) : null,
    c.correction_deadline ? row(t('casePanel.deadline'), 'case-deadline', day(c.correction_deadline)) : null,
    c.proposed_fine !== null ? row(t('casePanel.proposedFine'), null, yuan(c.proposed_fine)) : null,
    c.statement_ends_on ? row(t('casePanel.statementEnds'), null, day(c.statement_ends_on)) : null,
    c.hearing_available && c.hearing_request_ends_on ? row(t('casePanel.hearingEnds'), null, day(c.hearing_request_ends_on)) : null,
    c.fine_yuan !== null ? row(t('casePanel.fine'), 'case-fine', yuan(c.fine_yuan)) : null,
    c.payment_due_on ? row(t('casePanel.paymentDue'), null, day(c.payment_due_on)) : null,
    c.paid_on ? row(t('casePanel.paidOn'), null, day(c.paid_on)) : null,
    c.receipt_no ? row(t('casePanel.receipt'), null, bdi(c.receipt_no)) : null,
    c.outcome ? row(t('casePanel.outcome'), 'case-outcome', tEnum('case.outcome', c.outcome)) : null,
  ];
  return rows.filter((r): r is HTMLElement => r !== null);
}

export interface CaseHeaderParts {
  /** one button per pole that brings it into view */
  poleButton: (pole: CaseDetail['poles'][number]) => HTMLElement;
  /** the officers' line, with its editor where the caller may change it */
  officers: HTMLElement;
  /** "set or change the party", where the caller may */
  partyButton: HTMLElement | null;
}

/** Number, state, what, who and where, then the procedure's dates and amounts so far. */
export function caseHeader(c: CaseDetail, parts: CaseHeaderParts): HTMLElement {
  return h(
    'div',
    { class: 'case-header' },
    h('p', { class: 'case-number', 'data-testid': 'case-number' }, bdi(c.number)),
    h(
      'p',
      { class: 'pole-chips' },
      stateChip(c.state, 'case-state'),
      c.overdue ? h('span', { class: 'chip case-overdue', 'data-testid': 'case-overdue' }, t('casePanel.overdue')) : null,
      c.due_on && !c.overdue ? h('span', { class: 'chip' }, t('casePanel.due', { date: day(c.due_on) })) : null,
    ),
    h(
      'dl',
      { class: 'pole-fields case-fields' },
      row(t('casePanel.category'), 'case-category', tEnum('case.category', c.category)),
      row(
        t('casePanel.party'),
        'case-party',
        h('span', { 'data-testid': 'case-party-name' }, c.responsible_org ? bdi(localName(c.responsible_org)) : t('casePanel.partyUnknown')),
        parts.partyButton ? ' ' : null,
        parts.partyButton,
      ),
      row(t('casePanel.district'), null, c.district ? bdi(localName(c.district)) : t('panel.none')),
      row(t('casePanel.poles'), 'case-poles', h('span', { class: 'case-pole-list' }, ...c.poles.map((p) => parts.poleButton(p)))),
      row(t('casePanel.officers'), 'case-officers', parts.officers),
      row(t('casePanel.description'), null, h('span', { class: 'case-description' }, bdi(c.description))),
      ...procedureRows(c),
    ),
  );
}
