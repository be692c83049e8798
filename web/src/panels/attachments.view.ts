import type { Attachment } from '../api/ownership.types.ts';
import { t, tEnum } from '../i18n/i18n.ts';
import type { Owners } from '../map/owner.colours.ts';
import { bdi, h } from '../ui/dom.builder.ts';
import { swatch } from '../ui/swatch.view.ts';

/** The firms' cables on the pole: firm, kind, how many, and whether they are still in use. */
export function attachmentsView(items: readonly Attachment[], owners: Owners): HTMLElement {
  if (items.length === 0) return h('p', { class: 'hint' }, t('attach.none'));
  return h(
    'ul',
    { class: 'attachments', 'data-testid': 'attachments' },
    ...items.map((a) =>
      h(
        'li',
        { class: `attachment attachment-${a.status}` },
        swatch({ fill: owners.colour(a.org_code), stroke: '#2d2d2a', strokeWidth: 1 }, 18),
        h('span', { class: 'attachment-org' }, bdi(owners.name(a.org_code))),
        h('span', { class: 'attachment-what' }, t('attach.line', { kind: tEnum('attach.kind', a.kind), n: a.cable_count })),
        h('span', { class: `chip chip-attach-${a.status}` }, tEnum('attach.status', a.status)),
        a.source === 'fixtures' ? null : h('span', { class: 'hint attachment-source' }, tEnum('attach.source', a.source)),
      ),
    ),
  );
}
