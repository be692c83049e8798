import { t } from '../i18n/i18n.ts';
import { RenderedControl } from './rendered.control.ts';
import { viewStore, type ViewState } from '../state/view.store.ts';
import { h, replaceChildren } from '../ui/dom.builder.ts';

/** What the map shows right now: a pole count, and the "capped, zoom in" notice. */
export function countText(v: ViewState): string {
  if (v.count === 0) return t('count.empty');
  return v.mode === 'summary' ? t('count.summary', { n: v.count }) : t('count.poles', { n: v.count });
}

export class StatusControl extends RenderedControl {
  protected readonly box = h('div', { class: 'leaflet-control map-status', role: 'status', 'aria-live': 'polite' });

  constructor() {
    super('topright', [viewStore]);
  }

  protected render(): void {
    const v = viewStore.get();
    this.box.hidden = !v.loaded;
    replaceChildren(
      this.box,
      h('span', { class: 'map-status-count', id: 'pole-count' }, countText(v)),
      v.capped ? h('span', { class: 'map-status-capped', id: 'capped-notice' }, t('count.capped', { n: v.count })) : null,
    );
  }
}
