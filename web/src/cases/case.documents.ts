import type { CaseDocument } from '../api/cases.types.ts';
import { t, tEnum } from '../i18n/i18n.ts';
import { formatActor } from '../i18n/actor.format.ts';
import { formatShanghai } from '../i18n/time.format.ts';
import { bdi, h } from '../ui/dom.builder.ts';
import { day } from './case.words.ts';

/** Enough of the hash to compare with a printed copy by eye; the whole one is in the title. */
const SHA_SHOWN = 12;

/** "直接送达，2026年3月2日，受送达人：张三" */
export function serviceText(s: Pick<CaseDocument, 'served_to'> & { service_method: string; served_on: string }): string {
  const method = tEnum('case.service', s.service_method);
  return s.served_to
    ? t('timeline.service', { method, date: day(s.served_on), to: s.served_to })
    : t('timeline.serviceNoTo', { method, date: day(s.served_on) });
}

/** A link that opens the stored, print-ready document in a new tab (same origin, with the cookie). */
export function documentLink(doc: Pick<CaseDocument, 'kind' | 'number' | 'url'>): HTMLElement {
  return h(
    'a',
    {
      class: 'button button-small',
      href: doc.url,
      target: '_blank',
      rel: 'noopener',
      'data-testid': `doc-open-${doc.kind}`,
      'aria-label': t('doc.openLabel', { kind: tEnum('case.doc', doc.kind), number: doc.number }),
    },
    t('doc.open'),
  );
}

/** The documents issued for the case: kind, number, checksum, who issued it and how it was served. */
export function caseDocuments(documents: readonly CaseDocument[]): HTMLElement {
  if (documents.length === 0) return h('p', { class: 'hint' }, t('casePanel.documentsEmpty'));
  return h(
    'ul',
    { class: 'case-documents', 'data-testid': 'case-documents' },
    ...documents.map((d) =>
      h(
        'li',
        { class: 'case-document', 'data-kind': d.kind, 'data-doc-id': d.id },
        h('p', { class: 'case-doc-kind' }, tEnum('case.doc', d.kind)),
        h('p', { class: 'case-doc-number', 'data-testid': 'doc-number' }, bdi(d.number)),
        h('p', { class: 'hint' }, h('code', { title: t('doc.shaTitle', { sha: d.sha256 }), 'data-testid': 'doc-sha' }, t('doc.sha', { sha: d.sha256.slice(0, SHA_SHOWN) }))),
        h('p', { class: 'hint' }, t('doc.issued', { by: formatActor(d.issued_by), at: formatShanghai(d.issued_at) ?? d.issued_at })),
        h(
          'p',
          { class: d.served_on ? 'case-doc-served' : 'case-doc-pending', 'data-testid': 'doc-service' },
          d.service_method && d.served_on ? t('doc.served', { service: serviceText({ ...d, service_method: d.service_method, served_on: d.served_on }) }) : t('doc.notServed'),
        ),
        documentLink(d),
      ),
    ),
  );
}
