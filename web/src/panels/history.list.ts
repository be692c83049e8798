import type { HistoryItem } from '../api/api.types.ts';
import { t, tEnum } from '../i18n/i18n.ts';
import { formatActor } from '../i18n/actor.format.ts';
import { formatShanghai } from '../i18n/time.format.ts';
import type { Owners } from '../map/owner.colours.ts';
import { bdi, h } from '../ui/dom.builder.ts';
import { fieldLabel, formatValue, visibleChanges } from './history.changes.ts';

/** Newest first, as the server sends it: what changed, who did it and when. */
export function historyList(items: readonly HistoryItem[], owners: Owners): HTMLElement {
  if (items.length === 0) return h('p', { class: 'hint' }, t('panel.historyEmpty'));
  return h(
    'ol',
    { class: 'history' },
    ...items.map((item) => {
      const changes = visibleChanges(item.action, item.changes);
      const at = formatShanghai(item.at);
      return h(
        'li',
        { class: 'history-item' },
        h(
          'div',
          { class: 'history-head' },
          h('span', { class: `history-action action-${item.action}` }, tEnum('action', item.action)),
          h('span', { class: 'history-version' }, t('panel.historyVersion', { v: String(item.version) })),
          at ? h('time', { class: 'history-time', datetime: item.at }, at) : null,
        ),
        h('div', { class: 'history-actor' }, t('panel.historyBy'), bdi(formatActor(item.actor))),
        changes.length === 0
          ? h('p', { class: 'hint' }, t('panel.historyNoFields'))
          : h(
              'ul',
              { class: 'history-changes' },
              ...changes.map((c) =>
                h(
                  'li',
                  null,
                  h('span', { class: 'change-field' }, fieldLabel(c.field)),
                  ' ',
                  c.before !== undefined ? h('del', { class: 'change-before' }, bdi(formatValue(c.field, c.before, owners))) : null,
                  c.before !== undefined ? h('span', { class: 'change-arrow', 'aria-hidden': 'true' }, ' → ') : null,
                  h('ins', { class: 'change-after' }, bdi(formatValue(c.field, c.after, owners))),
                ),
              ),
            ),
      );
    }),
  );
}
