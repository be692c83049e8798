import { h } from './dom.builder.ts';

export interface Tab<K extends string> {
  key: K;
  label: string;
}

/**
 * A row of tabs (ARIA tablist): Left/Right move between them as the pattern expects. The
 * caller owns which one is selected and re-renders on `onSelect`.
 */
export function tabBar<K extends string>(tabs: readonly Tab<K>[], selected: K, onSelect: (key: K) => void, label: string, idStem: string): HTMLElement {
  const buttons = tabs.map((tab) => {
    const active = tab.key === selected;
    const button = h(
      'button',
      {
        type: 'button',
        role: 'tab',
        class: 'tab',
        id: `${idStem}-tab-${tab.key}`,
        'aria-selected': String(active),
        'aria-controls': `${idStem}-tabpanel`,
        tabindex: active ? 0 : -1,
        'data-testid': `${idStem}-tab-${tab.key}`,
      },
      tab.label,
    );
    button.addEventListener('click', () => onSelect(tab.key));
    return button;
  });
  const bar = h('div', { role: 'tablist', class: 'tab-bar', 'aria-label': label }, ...buttons);
  bar.addEventListener('keydown', (e) => {
    if (e.key !== 'ArrowRight' && e.key !== 'ArrowLeft') return;
    const index = tabs.findIndex((t) => t.key === selected);
    const next = tabs[(index + (e.key === 'ArrowRight' ? 1 : tabs.length - 1)) % tabs.length];
    if (!next) return;
    e.preventDefault();
    onSelect(next.key);
    // The caller re-rendered; put focus on the tab now selected.
    document.getElementById(`${idStem}-tab-${next.key}`)?.focus();
  });
  return bar;
}
