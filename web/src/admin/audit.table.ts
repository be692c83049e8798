import type { AuditItem } from '../api/admin.types.ts';
import { t, tEnum } from '../i18n/i18n.ts';
import { bdi, h, type Child } from '../ui/dom.builder.ts';
import type { AdminRefs } from './admin.refs.ts';
import { jsonView } from './json.view.ts';
import { timeCell } from './time.cell.ts';

// The server labels actors "user:<id>:<username>" or "token:<id>:<name>"; people read the name.
const ACTOR = /^(user|token):(\d+):(.+)$/;

function actorCell(item: AuditItem): HTMLElement {
  const m = ACTOR.exec(item.actor);
  return h(
    'span',
    { class: 'audit-actor', title: item.actor },
    h('strong', null, bdi(m?.[3] ?? item.actor)),
    ' ',
    h('span', { class: 'muted' }, tEnum('audit.actorKind', item.actor_kind)),
  );
}

const COLUMNS = 7;

/**
 * The log as a table, newest first. Each entry's before/after is folded away behind a
 * button; `expanded` (owned by the page) survives re-renders and "load more".
 */
export function auditTable(items: readonly AuditItem[], refs: AdminRefs, expanded: Set<number>, onToggle: (id: number) => void): HTMLElement {
  const labels = [t('audit.id'), t('audit.at'), t('audit.actor'), t('audit.org'), t('audit.action'), t('audit.entity'), t('audit.details')];
  // One wrapper per cell: on a phone the cell is a two-column grid (label, value), and loose
  // nodes would each take a grid slot of their own.
  const td = (i: number, ...content: Child[]) => h('td', { 'data-label': labels[i] ?? '' }, h('span', null, ...content));
  const rows = items.flatMap((item) => {
    const open = expanded.has(item.id);
    const detailId = `audit-detail-${item.id}`;
    const toggle = h(
      'button',
      { type: 'button', class: 'button button-small audit-toggle', 'aria-expanded': String(open), 'aria-controls': detailId, 'aria-label': t('audit.expand', { id: String(item.id) }) },
      h('span', { 'aria-hidden': 'true' }, open ? '▾ ' : '▸ '),
      t('audit.details'),
    );
    toggle.addEventListener('click', () => onToggle(item.id));
    const row = h(
      'tr',
      { 'data-audit-id': item.id, 'data-action': item.action, 'data-entity': `${item.entity_type}:${item.entity_id ?? ''}` },
      td(0, h('code', null, String(item.id))),
      td(1, timeCell(item.at)),
      td(2, actorCell(item)),
      td(3, item.org_code ? bdi(refs.orgName(item.org_code) ?? item.org_code) : h('span', { class: 'muted' }, t('admin.none'))),
      td(4, h('span', { class: 'audit-action' }, tEnum('audit.action', item.action)), ' ', h('code', { class: 'muted' }, item.action)),
      td(5, tEnum('audit.entity', item.entity_type), item.entity_id !== null ? h('span', null, ' #', bdi(String(item.entity_id))) : null),
      h('td', { class: 'cell-actions', 'data-label': labels[6] ?? '' }, toggle),
    );
    const detail = h(
      'tr',
      { class: 'audit-detail', id: detailId, hidden: !open },
      h(
        'td',
        { colspan: COLUMNS },
        h('div', { class: 'json-pair' }, jsonView(t('audit.before'), item.before), jsonView(t('audit.after'), item.after)),
        h(
          'dl',
          { class: 'audit-meta' },
          h('dt', null, t('audit.requestId')),
          h('dd', null, h('code', null, item.request_id ?? t('admin.none'))),
          h('dt', null, t('audit.clientAddr')),
          h('dd', null, h('code', null, item.client_addr ?? t('admin.none'))),
        ),
      ),
    );
    return [row, detail];
  });
  return h(
    'table',
    { class: 'data-table audit-table' },
    h('thead', null, h('tr', null, ...labels.map((l) => h('th', { scope: 'col' }, l)))),
    h('tbody', null, ...rows),
  );
}
