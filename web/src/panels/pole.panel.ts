import { isAbortError } from '../api/api.error.ts';
import type { HistoryItem, PoleDetail, PoleFeature } from '../api/api.types.ts';
import { fetchPole, fetchPoleHistory, type PoleWithEtag } from '../api/poles.api.ts';
import { onLangChange, t, tEnum } from '../i18n/i18n.ts';
import type { Owners } from '../map/owner.colours.ts';
import { sessionStore } from '../state/session.store.ts';
import { h, replaceChildren } from '../ui/dom.builder.ts';
import { describeError } from '../ui/error.describe.ts';
import type { ProgressBar } from '../ui/progress.bar.ts';
import { drawingStore } from '../state/draw.store.ts';
import { noteOwnershipChange, ownershipRevision } from '../state/ownership.store.ts';
import { noteRemovalChange, removalRevision } from '../state/removal.store.ts';
import type { PickedPole } from '../cases/flag.form.ts';
import { flagButton } from './flag.button.ts';
import { candidateChip } from './candidate.chip.ts';
import { PoleCases } from './pole.cases.ts';
import { historyList } from './history.list.ts';
import { OwnershipSection } from './ownership.section.ts';
import { PoleEditor } from './pole.editor.ts';
import { poleFieldList, type PanelPole } from './pole.fields.ts';
import { RemovalSection } from './removal.section.ts';
import type { Loadable } from '../state/loadable.ts';
import { BottomSheet } from '../ui/bottom.sheet.ts';

export interface PolePanelOptions {
  owners: Owners;
  progress: ProgressBar;
  onOpen: (pole: PoleFeature) => void;
  onClose: () => void;
  /** a saved edit or an ownership change: the map restyles the pole at once */
  onUpdated: (pole: PoleDetail) => void;
  /** 标记违法: start a violation case from this pole (officers and admins) */
  onFlag?: (pole: PickedPole) => void;
  /** opens one of the pole's open cases in the case panel */
  onOpenCase?: (id: number) => void;
}

/**
 * Right-hand panel (a bottom sheet on phones) with one pole's attributes and history.
 * It opens at once with what the map already knows, then fills in the details. People the
 * server lets edit the pole get an Edit button; the form replaces the fields while open.
 */
export class PolePanel {
  private pole: PanelPole | null = null;
  private lngLat: [number, number] | null = null;
  private etag: string | null = null;
  private detail: Loadable<true> = { state: 'loading' };
  private history: Loadable<HistoryItem[]> = { state: 'loading' };
  private controller: AbortController | null = null;
  private editor: PoleEditor | null = null;
  /** "Saved — version n", shown until the next load */
  private notice: string | null = null;
  private readonly ownership: OwnershipSection;
  private readonly removal: RemovalSection;
  private readonly cases: PoleCases;
  /** set when ownership or a removal changed: the reloaded pole goes to the map too */
  private restyleOnLoad = false;
  /** on phones the panel is a bottom sheet; its content area is what renders and scrolls */
  private readonly sheet: BottomSheet;

  constructor(private readonly el: HTMLElement, private readonly options: PolePanelOptions) {
    this.sheet = new BottomSheet(el);
    this.ownership = new OwnershipSection({ owners: options.owners, onChanged: () => noteOwnershipChange() });
    this.removal = new RemovalSection({ owners: options.owners, onChanged: () => noteRemovalChange() });
    this.cases = new PoleCases((id) => options.onOpenCase?.(id));
    onLangChange(() => {
      this.editor?.relabel();
      this.ownership.relabel();
      this.removal.relabel();
      this.cases.render();
      this.render();
    });
    document.addEventListener('keydown', (e) => {
      // Escape inside the form cancels the edit, not the whole panel.
      // Escape while drawing an area cancels the drawing (PolygonDraw), not the panel.
      if (e.key !== 'Escape' || !this.isOpen() || document.querySelector('dialog[open]') || drawingStore.get()) return;
      if (this.editor) this.stopEditing();
      else this.close();
    });
    // Permissions are the caller's: signing in or out changes what this panel may offer.
    sessionStore.subscribe(() => {
      if (this.isOpen() && this.pole) this.reload();
    });
    // A claim, decision, notice or removal (from this panel or a bulk tool): status, colour
    // and history of the open pole may all have moved on.
    const changed = (): void => {
      if (!this.isOpen() || !this.pole) return;
      this.restyleOnLoad = true;
      this.reload();
    };
    ownershipRevision.subscribe(changed);
    removalRevision.subscribe(changed);
  }

  isOpen(): boolean {
    return !this.el.hidden;
  }

  open(feature: PoleFeature): void {
    // Another pole starts at its top, not where the last one was scrolled to.
    if (this.pole?.id !== feature.properties.id) this.sheet.content.scrollTop = 0;
    this.pole = { ...feature.properties };
    const [lng = 0, lat = 0] = feature.geometry.coordinates;
    this.lngLat = [lng, lat];
    this.detail = { state: 'loading' };
    this.history = { state: 'loading' };
    const wasOpen = this.isOpen();
    if (!wasOpen) this.sheet.set('half');
    this.el.hidden = false;
    this.startLoad(feature.properties.id);
    if (!wasOpen) this.el.querySelector<HTMLElement>('h2')?.focus();
    this.options.onOpen(feature);
  }

  close(): void {
    if (!this.isOpen()) return;
    this.controller?.abort();
    this.controller = null;
    this.editor = null;
    this.el.hidden = true;
    this.pole = null;
    this.options.onClose();
  }

  /** Fetches the open pole again, keeping what is shown until the answer arrives. */
  private reload(): void {
    if (this.pole) this.startLoad(this.pole.id);
  }

  private startLoad(id: number): void {
    this.controller?.abort();
    const controller = new AbortController();
    this.controller = controller;
    this.editor = null;
    this.notice = null;
    this.etag = null;
    this.render();
    void this.load(id, controller);
  }

  private async load(id: number, controller: AbortController): Promise<void> {
    const { progress } = this.options;
    progress.begin();
    // Detail and history are independent: one failing must not hide the other.
    const detail = fetchPole(id, controller.signal).then(
      (loaded) => {
        if (this.controller === controller) this.accept(loaded);
      },
      (error: unknown) => {
        if (this.controller === controller && !isAbortError(error)) this.detail = { state: 'failed', error };
      },
    );
    const history = this.loadHistory(id, controller);
    const ownership = this.pole
      ? Promise.all([this.ownership.load(this.pole, controller.signal), this.removal.load(this.pole, controller.signal), this.cases.load(this.pole, controller.signal)])
      : null;
    await detail;
    if (this.controller === controller) this.render();
    await history;
    if (this.controller === controller) this.render();
    await ownership;
    progress.end();
  }

  private loadHistory(id: number, controller: AbortController): Promise<void> {
    return fetchPoleHistory(id, controller.signal).then(
      (items) => {
        if (this.controller === controller) this.history = { state: 'ready', value: items };
      },
      (error: unknown) => {
        if (this.controller === controller && !isAbortError(error)) this.history = { state: 'failed', error };
      },
    );
  }

  private accept({ pole, etag }: PoleWithEtag): void {
    this.pole = { ...pole.properties };
    const [lng = 0, lat = 0] = pole.geometry.coordinates;
    this.lngLat = [lng, lat];
    this.etag = etag;
    this.detail = { state: 'ready', value: true };
    this.ownership.update(this.pole);
    this.removal.update(this.pole);
    if (this.restyleOnLoad) {
      this.restyleOnLoad = false;
      this.options.onUpdated(pole);
    }
  }

  private canEdit(): boolean {
    const pole = this.pole;
    return (
      this.detail.state === 'ready' &&
      sessionStore.get().user !== null &&
      pole?.permissions?.edit === true &&
      pole.status !== 'removed' &&
      this.etag !== null
    );
  }

  private startEditing(): void {
    const pole = this.pole;
    if (!pole?.permissions || !this.etag) return;
    this.notice = null;
    this.editor = new PoleEditor({
      pole,
      etag: this.etag,
      permissions: pole.permissions,
      owners: this.options.owners,
      onSaved: (saved) => this.saved(saved),
      onCancel: () => this.stopEditing(),
      onReload: () => this.reload(),
      onQueued: () => {
        this.editor = null;
        this.notice = t('outbox.editQueued');
        this.render();
      },
    });
    this.render();
    this.editor.focus();
  }

  private stopEditing(): void {
    this.editor = null;
    this.render();
    this.el.querySelector<HTMLElement>('.edit-button')?.focus();
  }

  private saved(saved: PoleWithEtag): void {
    this.editor = null;
    this.accept(saved);
    this.notice = t('edit.saved', { v: String(saved.pole.properties.version) });
    this.history = { state: 'loading' };
    this.render();
    this.el.querySelector<HTMLElement>('.edit-button')?.focus();
    this.options.onUpdated(saved.pole);
    // The new history entry: fetched under the panel's current controller so that closing
    // or switching poles drops it like any other load.
    const controller = this.controller ?? new AbortController();
    this.controller = controller;
    void this.loadHistory(saved.pole.properties.id, controller).then(() => {
      if (this.controller === controller) this.render();
    });
  }

  private render(): void {
    const pole = this.pole;
    if (!pole) return;
    // For tests and styling: whether the server's answer (and so the permissions) is in.
    this.el.dataset.detail = this.detail.state;
    // Re-rendering must not steal focus from the close button a keyboard user is on.
    const focusedClose = document.activeElement?.classList.contains('panel-close') ?? false;
    const closeButton = h('button', { type: 'button', class: 'icon-button panel-close', 'aria-label': t('panel.close'), title: t('panel.close') }, '×');
    closeButton.addEventListener('click', () => this.close());

    replaceChildren(
      this.sheet.content,
      h('div', { class: 'panel-head' }, h('h2', { id: 'pole-panel-title', tabindex: -1 }, t('panel.title')), closeButton),
      h(
        'div',
        { class: 'panel-body' },
        h('div', { class: 'pole-title' }, h('p', { class: 'pole-code', 'data-testid': 'pole-code' }, pole.code), this.editButton()),
        h(
          'p',
          { class: 'pole-chips' },
          h('span', { class: `chip chip-condition-${pole.condition}`, 'data-testid': 'pole-condition' }, tEnum('condition', pole.condition)),
          h('span', { class: 'chip' }, tEnum('status', pole.status)),
          // Unknown owner is the orphan chip; any other state (claimed, disputed, ...) is named.
          pole.ownership_status === 'unknown'
            ? h('span', { class: 'chip chip-orphan' }, t('panel.ownerUnknown'))
            : h('span', { class: `chip chip-ownership-${pole.ownership_status}`, 'data-testid': 'pole-ownership' }, tEnum('ownership', pole.ownership_status)),
        ),
        this.editor ? null : candidateChip(pole, this.detail.state === 'ready' ? this.etag : null, (saved) => this.saved(saved)),
        this.editor ? null : flagButton(pole, this.lngLat, this.options.onFlag),
        this.editor ? null : this.cases.el,
        this.notice ? h('p', { class: 'form-message form-message-ok', role: 'status' }, this.notice) : null,
        this.detail.state === 'loading' ? h('p', { class: 'hint', role: 'status' }, t('panel.loading')) : null,
        this.detail.state === 'failed'
          ? h('p', { class: 'panel-error', role: 'alert' }, t('error.context.pole', { message: describeError(this.detail.error) }))
          : null,
        this.editor ? this.editor.el : poleFieldList(pole, this.options.owners, this.lngLat),
        this.editor ? null : this.removal.el,
        this.editor ? null : this.ownership.el,
        h('h3', null, t('panel.history')),
        this.historyBody(),
        this.auditLink(pole),
      ),
    );
    if (focusedClose) closeButton.focus();
  }

  private editButton(): HTMLElement | null {
    const pole = this.pole;
    if (this.editor || !pole) return null;
    // Someone who could edit it is told why they can't, instead of wondering where Edit went.
    if (pole.status === 'removed' && pole.permissions?.edit && this.detail.state === 'ready') return h('span', { class: 'hint' }, t('edit.removed'));
    if (!this.canEdit()) return null;
    const button = h(
      'button',
      { type: 'button', class: 'button edit-button', 'data-testid': 'edit-pole', 'aria-label': t('edit.openLabel', { code: pole.code }) },
      h('span', { 'aria-hidden': 'true' }, '✎ '),
      t('edit.open'),
    );
    button.addEventListener('click', () => this.startEditing());
    return button;
  }

  /** Admins can follow a pole into the audit log (who, from where, with the full before/after). */
  private auditLink(pole: PanelPole): HTMLElement | null {
    if (sessionStore.get().user?.role !== 'admin') return null;
    const query = new URLSearchParams({ entity_type: 'pole', entity_id: String(pole.id) });
    return h('p', { class: 'audit-link' }, h('a', { href: `/admin.html#/audit?${query.toString()}` }, t('edit.auditTrail'), ' →'));
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
