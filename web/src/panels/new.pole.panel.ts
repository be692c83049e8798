import * as L from 'leaflet';
import { t } from '../i18n/i18n.ts';
import type { LocateTracker } from '../map/locate.tracker.ts';
import type { Owners } from '../map/owner.colours.ts';
import { queueNewPole } from '../offline/outbox.actions.ts';
import { currentUser } from '../state/session.store.ts';
import { BottomSheet } from '../ui/bottom.sheet.ts';
import { h, replaceChildren } from '../ui/dom.builder.ts';
import { formMessage } from '../ui/form.field.ts';
import { PoleEditForm } from './pole.edit.form.ts';
import type { PanelPole } from './pole.fields.ts';
import { ViolationFields } from './violation.fields.ts';

/** A new pole starts with the server's defaults, so the form's "changes" are exactly the body. */
const NEW_POLE: PanelPole = {
  id: 0,
  code: '',
  owner_code: null,
  ownership_status: 'unknown',
  condition: 'good',
  status: 'in_service',
  material: 'unknown',
  height_m: null,
  install_year: null,
  cable_tangle: false,
  district_code: null,
  road_name_zh: null,
  road_name_en: null,
  location_kind: 'street',
  version: 0,
  note: null,
};

/** Roles the server lets record a pole (POST /api/poles) and open a case (POST /api/cases). */
export const POLE_RECORDERS = new Set(['officer', 'admin', 'carrier']);
const CASE_OPENERS = new Set(['officer', 'admin']);

export interface NewPolePanelOptions {
  map: L.Map;
  locate: LocateTracker;
  owners: Owners;
  /** the sheet opened: the pole panel makes way */
  onOpen: () => void;
  /** queued (the record is safe in the outbox) */
  onQueued: () => void;
}

/**
 * "Add a pole at my position": a draggable pin where the phone says it is (or the map's
 * centre when it cannot say), and a sheet with the pole's fields and, for officers, a
 * violation with camera photos. Saving always goes through the outbox, so it works the same
 * with or without signal and the record survives a reload before it is sent.
 */
export class NewPolePanel {
  readonly el = h('aside', { id: 'new-pole-panel', class: 'pole-panel new-pole-panel', 'aria-labelledby': 'new-pole-title', hidden: true });
  private readonly sheet = new BottomSheet(this.el);
  private readonly pin: L.Marker;
  private readonly where = h('p', { class: 'new-pole-where', 'data-testid': 'new-pole-where' });
  private readonly message = formMessage();
  private form: PoleEditForm | null = null;
  private violation: ViolationFields | null = null;
  private busy = false;

  constructor(private readonly options: NewPolePanelOptions) {
    const icon = L.divIcon({ className: 'draft-pole', html: '<span class="draft-pole-head"></span>', iconSize: [44, 52], iconAnchor: [22, 50] });
    this.pin = L.marker([0, 0], { icon, draggable: true, autoPan: true, keyboard: true, zIndexOffset: 1000 });
    this.pin.on('drag dragend', () => this.showWhere(null));
  }

  isOpen(): boolean {
    return !this.el.hidden;
  }

  /** Opens the sheet with the pin at the phone's position (waiting a few seconds for a fix). */
  async start(): Promise<void> {
    const { map, locate } = this.options;
    this.options.onOpen();
    this.render();
    this.el.hidden = false;
    this.sheet.set('half');
    const fix = await locate.position();
    const at = fix ? L.latLng(fix.lat, fix.lng) : map.getCenter();
    this.pin.setLatLng(at).addTo(map);
    map.setView(at, Math.max(map.getZoom(), 18), { animate: false });
    // Into the part of the map the sheet leaves visible, not behind it.
    map.panBy([0, this.el.offsetHeight / 2], { animate: false });
    this.showWhere(fix ? fix.accuracy : null, fix === null);
    this.el.querySelector<HTMLElement>('h2')?.focus();
  }

  close(): void {
    if (!this.isOpen()) return;
    this.el.hidden = true;
    this.pin.remove();
    this.form = null;
    this.violation = null;
    this.message.clear();
  }

  /** for the browser tests: where the pin is now */
  position(): { lat: number; lng: number } | null {
    return this.isOpen() ? this.pin.getLatLng() : null;
  }

  private showWhere(accuracy: number | null, fallback = false): void {
    const p = this.pin.getLatLng();
    const coords = `${p.lat.toFixed(6)}, ${p.lng.toFixed(6)}`;
    replaceChildren(
      this.where,
      h('strong', null, coords),
      accuracy !== null ? h('span', { class: 'hint' }, ` · ${t('locate.accuracy', { m: Math.round(accuracy) })}`) : null,
      h('br'),
      h('span', { class: 'hint' }, fallback ? t('newPole.atCentre') : t('newPole.dragHint')),
    );
  }

  private render(): void {
    const user = currentUser();
    const close = h('button', { type: 'button', class: 'icon-button panel-close', 'aria-label': t('panel.close'), title: t('panel.close') }, '×');
    close.addEventListener('click', () => this.close());
    const here = h('button', { type: 'button', class: 'button', 'data-testid': 'new-pole-here' }, t('newPole.toMe'));
    here.addEventListener('click', () => void this.moveToMe());
    const save = h('button', { type: 'submit', class: 'button button-primary', 'data-testid': 'new-pole-save' }, t('newPole.save'));
    const cancel = h('button', { type: 'button', class: 'button' }, t('edit.cancel'));
    cancel.addEventListener('click', () => this.close());
    const footer = h('div', { class: 'form-footer-sticky' }, this.message.el, h('div', { class: 'form-actions' }, save, cancel));
    const permissions = { edit: true, editOwner: user?.role === 'officer' || user?.role === 'admin' };
    this.violation = user && CASE_OPENERS.has(user.role) ? new ViolationFields() : null;
    this.form = new PoleEditForm(NEW_POLE, permissions, this.options.owners, [...(this.violation ? [this.violation.el] : []), footer], NEW_POLE, t('newPole.details'));
    this.form.el.dataset.testid = 'new-pole-form';
    this.form.el.addEventListener('submit', (e) => {
      e.preventDefault();
      void this.submit();
    });
    replaceChildren(
      this.sheet.content,
      h('div', { class: 'panel-head' }, h('h2', { id: 'new-pole-title', tabindex: -1 }, t('newPole.title')), close),
      h('div', { class: 'panel-body' }, this.where, h('div', { class: 'form-actions' }, here), this.form.el),
    );
  }

  private async moveToMe(): Promise<void> {
    const fix = await this.options.locate.position();
    if (!fix) {
      this.message.show('error', this.options.locate.describe() ?? t('locate.unavailable'));
      return;
    }
    this.pin.setLatLng([fix.lat, fix.lng]);
    this.options.map.panTo([fix.lat, fix.lng]);
    this.showWhere(fix.accuracy);
  }

  private async submit(): Promise<void> {
    if (this.busy || !this.form) return;
    const { patch, valid } = this.form.read();
    const violation = this.violation?.read() ?? null;
    if (!valid || violation === 'invalid') {
      this.message.show('error', t('edit.fixErrors'));
      this.form.el.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
      return;
    }
    this.busy = true;
    try {
      const p = this.pin.getLatLng();
      // Six decimals are ~0.1 m: finer digits are noise from the drag, not the phone.
      const round = (n: number): number => Math.round(n * 1e6) / 1e6;
      await queueNewPole({ lng: round(p.lng), lat: round(p.lat), fields: patch, violation });
      this.close();
      this.options.onQueued();
    } catch {
      this.message.show('error', t('newPole.storeFailed'));
    } finally {
      this.busy = false;
    }
  }
}
