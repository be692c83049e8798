import type { CaseDocument, CaseEvent } from '../api/cases.types.ts';
import { isMessageKey, t, tEnum } from '../i18n/i18n.ts';
import { formatActor } from '../i18n/actor.format.ts';
import { formatShanghai } from '../i18n/time.format.ts';
import { bdi, h } from '../ui/dom.builder.ts';
import { day, yuan } from './case.words.ts';
import { serviceText } from './case.documents.ts';

function text(value: unknown): string | null {
  return typeof value === 'string' && value !== '' ? value : null;
}

/**
 * The event's details worth reading in the file: how a document was served, the deadline or
 * periods it set, the fine, the payment; everything else stays in the audit log.
 */
function detailLines(event: CaseEvent): string[] {
  const d = event.details;
  const lines: string[] = [];
  const method = text(d.method);
  const served = text(d.served_on);
  if (method && served) lines.push(serviceText({ service_method: method, served_on: served, served_to: text(d.served_to) }));
  const deadline = text(d.correction_deadline);
  if (deadline) lines.push(t('timeline.deadline', { date: day(deadline) }));
  if (typeof d.proposed_fine === 'number' && event.action !== 'issue_document') lines.push(t('timeline.proposedFine', { fine: yuan(d.proposed_fine) }));
  const statement = text(d.statement_ends_on);
  if (statement) lines.push(t('timeline.statementEnds', { date: day(statement) }));
  const hearing = text(d.hearing_request_ends_on);
  if (hearing) lines.push(t('timeline.hearingEnds', { date: day(hearing) }));
  const due = text(d.payment_due_on);
  if (due) lines.push(t('timeline.paymentDue', { date: day(due) }));
  const paid = text(d.paid_on);
  const receipt = text(d.receipt_no);
  if (paid && receipt) lines.push(t('timeline.payment', { date: day(paid), receipt }));
  return lines;
}

/** 「制作文书：责令限期改正通知书」: which document a document event is about. */
function eventTitle(event: CaseEvent): string {
  const kind = text(event.details.kind);
  if (event.action === 'issue_document' && kind) return t('timeline.issued', { kind: tEnum('case.doc', kind) });
  return actionName(event.action);
}

/** An action the catalogue knows by name; anything new is shown as sent. */
function actionName(action: string): string {
  return isMessageKey(`case.action.${action}`) ? tEnum('case.action', action) : action;
}

/**
 * Every recorded step, oldest first as a file reads: who, when (Beijing time), the move from
 * one state to the next, the reason given and the document it rests on.
 */
export function caseTimeline(events: readonly CaseEvent[], documents: readonly CaseDocument[]): HTMLElement {
  if (events.length === 0) return h('p', { class: 'hint' }, t('casePanel.timelineEmpty'));
  const docs = new Map(documents.map((d) => [d.id, d]));
  return h(
    'ol',
    { class: 'case-timeline', 'data-testid': 'case-timeline' },
    ...events.map((e) => {
      const doc = e.document_id !== null ? docs.get(e.document_id) : undefined;
      const moved = e.from_state !== null && e.from_state !== e.to_state;
      const details = detailLines(e);
      return h(
        'li',
        { class: 'case-event', 'data-action': e.action, 'data-testid': 'case-event' },
        h('p', { class: 'case-event-head' }, h('span', { class: 'case-event-action' }, eventTitle(e))),
        h('p', { class: 'case-event-meta' }, t('timeline.by', { actor: formatActor(e.actor), at: formatShanghai(e.at) ?? e.at })),
        moved ? h('p', { class: 'case-event-move' }, t('timeline.move', { from: tEnum('case.state', e.from_state ?? ''), to: tEnum('case.state', e.to_state) })) : null,
        e.reason ? h('p', { class: 'case-event-reason' }, t('timeline.reason', { reason: '' }), bdi(e.reason)) : null,
        ...details.map((line) => h('p', { class: 'case-event-detail' }, line)),
        doc ? h('p', { class: 'case-event-doc' }, t('timeline.document', { number: '' }), bdi(doc.number)) : null,
      );
    }),
  );
}
