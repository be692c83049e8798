import type { CaseDocument, CaseEvent } from '../api/cases.types.ts';
import { isMessageKey, t, tEnum } from '../i18n/i18n.ts';
import { formatActor } from '../i18n/actor.format.ts';
import { formatShanghai } from '../i18n/time.format.ts';
import { bdi, h } from '../ui/dom.builder.ts';
import { day } from './case.words.ts';
import { serviceText } from './case.documents.ts';

function text(value: unknown): string | null {
  return typeof value === 'string' && value !== '' ? value : null;
}

/** The event's details worth reading (service, payment); the rest stays in the audit log. */
function detailLine(event: CaseEvent): string | null {
  const d = event.details;
  const service = d.service;
  if (service && typeof service === 'object') {
    const s = service as Record<string, unknown>;
    const method = text(s.method);
    const served = text(s.served_on);
    if (method && served) return serviceText({ service_method: method, served_on: served, served_to: text(s.served_to) });
  }
  const paid = text(d.paid_on);
  const receipt = text(d.receipt_no);
  if (paid && receipt) return t('timeline.payment', { date: day(paid), receipt });
  return null;
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
      const detail = detailLine(e);
      return h(
        'li',
        { class: 'case-event', 'data-action': e.action, 'data-testid': 'case-event' },
        h('p', { class: 'case-event-head' }, h('span', { class: 'case-event-action' }, actionName(e.action))),
        h('p', { class: 'case-event-meta' }, t('timeline.by', { actor: formatActor(e.actor), at: formatShanghai(e.at) ?? e.at })),
        moved ? h('p', { class: 'case-event-move' }, t('timeline.move', { from: tEnum('case.state', e.from_state ?? ''), to: tEnum('case.state', e.to_state) })) : null,
        e.reason ? h('p', { class: 'case-event-reason' }, t('timeline.reason', { reason: '' }), bdi(e.reason)) : null,
        detail ? h('p', { class: 'case-event-detail' }, detail) : null,
        doc ? h('p', { class: 'case-event-doc' }, t('timeline.document', { number: '' }), bdi(doc.number)) : null,
      );
    }),
  );
}
