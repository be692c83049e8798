import { t } from '../i18n/i18n.ts';
import { h } from '../ui/dom.builder.ts';

/**
 * A stored record as indented JSON. It goes in as a text node, so whatever a field holds
 * (markup, scripts, control characters) is shown, never interpreted.
 */
export function jsonView(label: string, value: unknown): HTMLElement {
  const empty = value === null || value === undefined;
  return h(
    'div',
    { class: 'json-pane' },
    h('h4', null, label),
    empty ? h('p', { class: 'muted' }, t('audit.noData')) : h('pre', { class: 'json', tabindex: 0 }, JSON.stringify(value, null, 2)),
  );
}
