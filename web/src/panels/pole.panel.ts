import { isAbortError } from '../api/api.error.ts';
import type { HistoryItem, PoleFeature } from '../api/api.types.ts';
import { fetchPole, fetchPoleHistory } from '../api/poles.api.ts';
import { onLangChange, t, tEnum } from '../i18n/i18n.ts';
import type { Owners } from '../map/owner.colours.ts';
import { h, replaceChildren } from '../ui/dom.builder.ts';
import { describeError } from '../ui/error.describe.ts';
import type { ProgressBar } from '../ui/progress.bar.ts';
import { historyList } from './history.list.ts';
import { poleFieldRows, type PanelPole } from './pole.fields.ts';

type Loadable<T> = { state: 'loading' } | { state: 'ready'; value: T } | { state: 'failed'; error: unknown };

export interface PolePanelOptions {
  owners: Owners;
  progress: ProgressBar;
  onOpen: (pole: PoleFeature) => void;
  onClose: () => void;
}

/**
 * Right-hand panel (a bottom sheet on phones) with one pole's attributes and history.
 * It opens at once with what the map already knows, then fills in the details.
 */
export class PolePanel {
  private pole: PanelPole | null = null;
  private lngLat: [number, number] | null = null;
  private detail: Loadable<true> = { state: 'loading' };
  private history: Loadable<HistoryItem[]> = { state: 'loading' };
  private controller: AbortController | null = null;

  constructor(private readonly el: HTMLElement, private readonly options: PolePanelOptions) {
    onLangChange(() => this.render());
    document.addEventListener('keydown', (e) => {
      if (e.key === 'Escape' && this.isOpen()) this.close();
    });
  }

  isOpen(): boolean {
    return !this.el.hidden;
  }

  open(feature: PoleFeature): void {
    this.controller?.abort();
    const controller = new AbortController();
    this.controller = controller;
    this.pole = { ...feature.properties };
    const [lng = 0, lat = 0] = feature.geometry.coordinates;
    this.lngLat = [lng, lat];
    this.detail = { state: 'loading' };
    this.history = { state: 'loading' };
    const wasOpen = this.isOpen();
    this.el.hidden = false;
    this.render();
    if (!wasOpen) this.el.querySelector<HTMLElement>('h2')?.focus();
    this.options.onOpen(feature);
    void this.load(feature.properties.id, controller);
  }

  close(): void {
    if (!this.isOpen()) return;
    this.controller?.abort();
    this.controller = null;
    this.el.hidden = true;
    this.pole = null;
    this.options.onClose();
  }

  private async load(id: number, controller: AbortController): Promise<void> {
    const { progress } = this.options;
    progress.begin();
    // Detail and history are independent: one failing must not hide the other.
    const detail = fetchPole(id, controller.signal).then(
      ({ pole }) => {
        if (this.controller !== controller) return;
        this.pole = { ...pole.properties };
        const [lng = 0, lat = 0] = pole.geometry.coordinates;
        this.lngLat = [lng, lat];
        this.detail = { state: 'ready', value: true };
      },
      (error: unknown) => {
        if (this.controller === controller && !isAbortError(error)) this.detail = { state: 'failed', error };
      },
    );
    const history = fetchPoleHistory(id, controller.signal).then(
      (items) => {
        if (this.controller === controller) this.history = { state: 'ready', value: items };
      },
      (error: unknown) => {
        if (this.controller === controller && !isAbortError(error)) this.history = { state: 'failed', error };
      },
    );
    await detail;
    if (this.controller === controller) this.render();
    await history;
    if (this.controller === controller) this.render();
    progress.end();
  }

  private render(): void {
    const pole = this.pole;
    if (!pole) return;
    // Re-rendering must not steal focus from the close button a keyboard user is on.
    const focusedClose = document.activeElement?.classList.contains('panel-close') ?? false;
    const closeButton = h('button', { type: 'button', class: 'icon-button panel-close', 'aria-label': t('panel.close'), title: t('panel.close') }, '×');
    closeButton.addEventListener('click', () => this.close());

    replaceChildren(
      this.el,
      h('div', { class: 'panel-head' }, h('h2', { id: 'pole-panel-title', tabindex: -1 }, t('panel.title')), closeButton),
      h(
        'div',
        { class: 'panel-body' },
        h('p', { class: 'pole-code', 'data-testid': 'pole-code' }, pole.code),
        h(
          'p',
          { class: 'pole-chips' },
          h('span', { class: `chip chip-condition-${pole.condition}` }, tEnum('condition', pole.condition)),
          h('span', { class: 'chip' }, tEnum('status', pole.status)),
          pole.owner_code === null ? h('span', { class: 'chip chip-orphan' }, t('panel.ownerUnknown')) : null,
        ),
        this.detail.state === 'loading' ? h('p', { class: 'hint', role: 'status' }, t('panel.loading')) : null,
        this.detail.state === 'failed'
          ? h('p', { class: 'panel-error', role: 'alert' }, t('error.context.pole', { message: describeError(this.detail.error) }))
          : null,
        h(
          'dl',
          { class: 'pole-fields' },
          ...poleFieldRows(pole, this.options.owners, this.lngLat).map((row) =>
            h('div', { class: row.alert ? 'field field-alert' : 'field' }, h('dt', null, t(row.key)), h('dd', null, row.value)),
          ),
        ),
        h('h3', null, t('panel.history')),
        this.historyBody(),
      ),
    );
    if (focusedClose) closeButton.focus();
  }

  private historyBody(): HTMLElement {
    switch (this.history.state) {
      case 'loading':
        return h('p', { class: 'hint' }, t('panel.historyLoading'));
      case 'failed':
        return h('p', { class: 'panel-error' }, t('error.context.history', { message: describeError(this.history.error) }));
      case 'ready':
        return historyList(this.history.value, this.options.owners);
    }
  }
}
