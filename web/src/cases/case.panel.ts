import type * as L from 'leaflet';
import { ApiError, isAbortError } from '../api/api.error.ts';
import type { PoleFeature } from '../api/api.types.ts';
import { fetchCase } from '../api/cases.api.ts';
import { FINAL_STATES, type CaseDetail } from '../api/cases.types.ts';
import { fetchCasePhotos, type CasePhoto } from '../api/evidence.api.ts';
import { noteAuthFailure } from '../auth/session.actions.ts';
import { onLangChange, t } from '../i18n/i18n.ts';
import type { Owners } from '../map/owner.colours.ts';
import { PickRings } from '../map/pick.rings.ts';
import { noteCaseChange } from '../state/case.store.ts';
import type { Loadable } from '../state/loadable.ts';
import { currentUser, sessionStore } from '../state/session.store.ts';
import { h, replaceChildren, type Child } from '../ui/dom.builder.ts';
import { describeError } from '../ui/error.describe.ts';
import type { ProgressBar } from '../ui/progress.bar.ts';
import { CaseWork } from './case.work.ts';
import { FlagForm, type PickedPole } from './flag.form.ts';

export interface CasePanelOptions {
  map: L.Map;
  owners: Owners;
  progress: ProgressBar;
  /** the panel opened: the pole panel beside it closes (one right-hand panel at a time) */
  onOpen: () => void;
  onClose: () => void;
}

type View = { kind: 'flag'; form: FlagForm } | { kind: 'case'; id: number; detail: Loadable<CaseDetail>; photos: Loadable<CasePhoto[]> };

const POLE_ZOOM = 18;
/** street level: the case's poles drawn one by one */
const CASE_ZOOM = 17;

function picked(pole: PoleFeature): PickedPole {
  const [lng = 0, lat = 0] = pole.geometry.coordinates;
  return { id: pole.properties.id, code: pole.properties.code, lat, lng };
}

/**
 * The right-hand case panel (a bottom sheet on phones): either the form that records a new
 * violation, or one case with its procedure. Officers live on the map, so the case stays
 * next to its poles; the map can be moved to any of them without leaving the case.
 */
export class CasePanel {
  private view: View | null = null;
  private controller: AbortController | null = null;
  private readonly rings: PickRings;
  private readonly work: CaseWork;

  constructor(private readonly el: HTMLElement, private readonly options: CasePanelOptions) {
    this.rings = new PickRings(options.map);
    this.work = new CaseWork({
      owners: options.owners,
      current: () => (this.view?.kind === 'case' && this.view.detail.state === 'ready' ? this.view.detail.value : null),
      accept: (detail) => this.accept(detail),
      reload: () => this.reload(),
      reloadPhotos: () => this.reloadPhotos(),
      rerender: () => this.render(),
      zoomTo: (lat, lng) => options.map.setView([lat, lng], Math.max(options.map.getZoom(), POLE_ZOOM)),
    });
    onLangChange(() => this.render());
    sessionStore.subscribe(() => {
      if (this.view?.kind === 'case') this.reload();
      else if (this.view?.kind === 'flag' && !this.mayFlag()) this.close();
    });
    document.addEventListener('keydown', (e) => {
      if (e.key === 'Escape' && this.isOpen() && !document.querySelector('dialog[open]')) this.close();
    });
  }

  isOpen(): boolean {
    return !this.el.hidden;
  }

  /** While a new case's poles are being picked, a click on a pole adds or removes it. */
  isPicking(): boolean {
    return this.view?.kind === 'flag' && this.view.form.isPicking();
  }

  pickedPoles(): number[] {
    return this.view?.kind === 'flag' ? this.view.form.picked().map((p) => p.id) : [];
  }

  /** Who may record a violation (the server checks again). */
  mayFlag(): boolean {
    const role = currentUser()?.role;
    return role === 'officer' || role === 'admin';
  }

  flag(pole: PickedPole): void {
    const form = new FlagForm({
      first: pole,
      onPoles: (poles) => this.rings.show(poles),
      onPicking: () => this.render(),
      onCreated: () => noteCaseChange(),
      openCase: (id) => void this.openCase(id),
      onCancel: () => this.close(),
    });
    this.show({ kind: 'flag', form });
    form.focus();
  }

  togglePole(pole: PoleFeature): void {
    if (this.view?.kind === 'flag') this.view.form.toggle(picked(pole));
  }

  async openCase(id: number): Promise<void> {
    this.work.forget();
    this.show({ kind: 'case', id, detail: { state: 'loading' }, photos: { state: 'loading' } });
    await this.load(id);
    // Opened from a list: bring the case into view if it is not, close enough to see its poles.
    const view = this.view;
    if (view?.kind !== 'case' || view.id !== id || view.detail.state !== 'ready') return;
    const { map } = this.options;
    const { lat, lng } = view.detail.value;
    if (!map.getBounds().contains([lat, lng])) map.setView([lat, lng], Math.max(map.getZoom(), CASE_ZOOM));
  }

  close(): void {
    if (!this.isOpen()) return;
    this.controller?.abort();
    this.controller = null;
    this.view = null;
    this.rings.show([]);
    this.el.hidden = true;
    this.options.onClose();
  }

  private show(view: View): void {
    this.controller?.abort();
    this.controller = null;
    if (this.view?.kind === 'flag' || view.kind !== 'flag') this.rings.show([]);
    const wasOpen = this.isOpen();
    this.view = view;
    this.el.hidden = false;
    this.el.scrollTop = 0;
    this.render();
    // First: closing the pole panel hands focus back to the map, which must not win.
    this.options.onOpen();
    if (!wasOpen) this.el.querySelector<HTMLElement>('h2')?.focus();
  }

  private reload(): Promise<void> {
    return this.view?.kind === 'case' ? this.load(this.view.id) : Promise.resolve();
  }

  private async load(id: number): Promise<void> {
    this.controller?.abort();
    const controller = new AbortController();
    this.controller = controller;
    const { progress } = this.options;
    progress.begin();
    const current = (): (View & { kind: 'case' }) | null => (this.controller === controller && this.view?.kind === 'case' && this.view.id === id ? this.view : null);
    const detail = fetchCase(id, controller.signal).then(
      (value) => {
        const view = current();
        if (view) view.detail = { state: 'ready', value };
      },
      (error: unknown) => {
        const view = current();
        if (!view || isAbortError(error)) return;
        noteAuthFailure(error);
        view.detail = { state: 'failed', error };
      },
    );
    const photos = this.fetchPhotos(id, controller);
    await detail;
    if (current()) this.render();
    await photos;
    if (current()) this.render();
    progress.end();
  }

  private reloadPhotos(): void {
    if (this.view?.kind !== 'case') return;
    const controller = this.controller ?? new AbortController();
    this.controller = controller;
    void this.fetchPhotos(this.view.id, controller).then(() => this.render());
  }

  private fetchPhotos(id: number, controller: AbortController): Promise<void> {
    return fetchCasePhotos(id, controller.signal).then(
      (items) => {
        if (this.controller === controller && this.view?.kind === 'case' && this.view.id === id) this.view.photos = { state: 'ready', value: items };
      },
      (error: unknown) => {
        if (isAbortError(error) || !(this.view?.kind === 'case' && this.view.id === id)) return;
        this.view.photos = { state: 'failed', error };
      },
    );
  }

  /** A step's answer is the case as it now stands: shown at once, and the lists and layer follow. */
  private accept(detail: CaseDetail): void {
    if (this.view?.kind !== 'case' || this.view.id !== detail.id) return;
    this.view.detail = { state: 'ready', value: detail };
    this.render();
    noteCaseChange();
  }

  private render(): void {
    const view = this.view;
    if (!view) return;
    this.el.dataset.view = view.kind;
    this.el.dataset.detail = view.kind === 'case' ? view.detail.state : 'form';
    const close = h('button', { type: 'button', class: 'icon-button panel-close', 'aria-label': t('casePanel.close'), title: t('casePanel.close'), 'data-testid': 'case-close' }, '×');
    close.addEventListener('click', () => this.close());
    const title = view.kind === 'flag' ? t('flag.title') : t('casePanel.title');
    replaceChildren(
      this.el,
      h('div', { class: 'panel-head' }, h('h2', { id: 'case-panel-title', tabindex: -1 }, title), close),
      h('div', { class: 'panel-body' }, ...(view.kind === 'flag' ? [view.form.el] : this.caseBody(view.detail, view.photos))),
    );
  }

  private caseBody(detail: Loadable<CaseDetail>, photos: Loadable<CasePhoto[]>): Child[] {
    if (detail.state === 'loading') return [h('p', { class: 'hint', role: 'status' }, t('casePanel.loading'))];
    if (detail.state === 'failed') {
      const retry = h('button', { type: 'button', class: 'button button-small' }, t('error.retry'));
      retry.addEventListener('click', () => void this.reload());
      const gone = detail.error instanceof ApiError && detail.error.status === 404;
      return [h('div', { class: 'panel-error', role: 'alert' }, h('p', null, t('casePanel.failed', { message: describeError(detail.error) })), gone ? null : retry)];
    }
    const c = detail.value;
    const final = FINAL_STATES.includes(c.state);
    return this.work.render(c, photos, final);
  }
}
