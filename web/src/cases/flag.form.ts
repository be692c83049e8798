import { createCase } from '../api/cases.api.ts';
import { CASE_CATEGORIES, type CaseCategory, type CaseDetail } from '../api/cases.types.ts';
import { uploadCasePhoto, type CasePhoto } from '../api/evidence.api.ts';
import { noteAuthFailure } from '../auth/session.actions.ts';
import { t, tEnum } from '../i18n/i18n.ts';
import { PhotoUploads, QUEUED } from '../panels/photo.uploads.ts';
import { isUnreachable } from '../api/api.error.ts';
import { newIdempotencyKey, queueCasePhoto, queueViolation } from '../offline/outbox.actions.ts';
import { bdi, h, replaceChildren } from '../ui/dom.builder.ts';
import { describeError } from '../ui/error.describe.ts';
import { field, formMessage, select } from '../ui/form.field.ts';
import { photoVerdict } from './case.photos.ts';

/** The server's limits: one case covers 1–50 poles, and says what was seen in ≤ 4000 characters. */
const MAX_POLES = 50;
const MAX_DESCRIPTION = 4000;

export interface PickedPole {
  id: number;
  code: string;
  lat: number;
  lng: number;
}

export interface FlagFormOptions {
  first: PickedPole;
  /** the chosen poles changed (the map redraws their rings) */
  onPoles: (poles: readonly PickedPole[]) => void;
  /** picking on the map was switched on or off */
  onPicking: (picking: boolean) => void;
  /** the case exists (its photos may still be going up) */
  onCreated: (c: CaseDetail) => void;
  openCase: (id: number) => void;
  onCancel: () => void;
}

/**
 * 标记违法: an officer records a violation from the map. The poles (the one the panel was
 * open on, and any picked on the map), the kind, what was seen, and photos. As elsewhere the
 * record goes first and each photo then goes up with its own bar; what the server made of
 * each photo's position and time is said under it, so a weak photo can be retaken on the spot.
 */
export class FlagForm {
  readonly el: HTMLFormElement;
  private poles: PickedPole[];
  private picking = false;
  private readonly poleList = h('div', { class: 'flag-poles' });
  private readonly category = field(
    t('flag.category'),
    select([{ value: '', label: t('flag.categoryChoose') }, ...CASE_CATEGORIES.map((c) => ({ value: c, label: tEnum('case.category', c) }))], '', { name: 'category' }),
  );
  private readonly description = field(t('flag.description'), h('textarea', { name: 'description', rows: 4, maxlength: MAX_DESCRIPTION }), t('flag.descriptionHint'));
  private readonly photos = new PhotoUploads('flag-photos');
  private readonly results = h('ul', { class: 'flag-results', 'data-testid': 'flag-results' });
  private readonly message = formMessage();
  private readonly submit: HTMLButtonElement;
  private created: CaseDetail | null = null;
  private busy = false;
  /**
   * One Idempotency-Key for this case and one per photo, chosen once: pressing the button
   * again after a lost answer, or the outbox sending it later, repeats the same request.
   */
  private readonly caseKey = newIdempotencyKey();
  private readonly photoKeys = new Map<File, string>();

  constructor(private readonly options: FlagFormOptions) {
    this.poles = [options.first];
    this.submit = h('button', { type: 'submit', class: 'button button-primary', 'data-testid': 'flag-submit' }, t('flag.submit'));
    const cancel = h('button', { type: 'button', class: 'button', 'data-testid': 'flag-cancel' }, t('flag.cancel'));
    cancel.addEventListener('click', () => (this.created ? options.openCase(this.created.id) : options.onCancel()));
    this.category.control.addEventListener('change', () => this.category.setError(null));
    this.el = h(
      'form',
      { class: 'form flag-form', novalidate: true, 'data-testid': 'flag-form' },
      h('p', { class: 'hint' }, t('flag.intro')),
      h('fieldset', { class: 'flag-pole-field' }, h('legend', { class: 'field-label' }, t('flag.poles')), this.poleList),
      this.category.row,
      this.description.row,
      ...this.photos.nodes,
      this.results,
      this.message.el,
      h('div', { class: 'form-actions' }, this.submit, cancel),
    );
    this.el.addEventListener('submit', (e) => {
      e.preventDefault();
      void this.send();
    });
    this.renderPoles();
    options.onPoles(this.poles);
  }

  isPicking(): boolean {
    return this.picking && this.created === null;
  }

  picked(): readonly PickedPole[] {
    return this.poles;
  }

  /** A pole clicked on the map while picking: in if it was out, out if it was in. */
  toggle(pole: PickedPole): void {
    if (this.created) return;
    if (this.poles.some((p) => p.id === pole.id)) this.poles = this.poles.filter((p) => p.id !== pole.id);
    else if (this.poles.length >= MAX_POLES) this.message.show('error', t('flag.tooMany'));
    else this.poles = [...this.poles, pole];
    this.renderPoles();
    this.options.onPoles(this.poles);
  }

  stopPicking(): void {
    if (!this.picking) return;
    this.picking = false;
    this.options.onPicking(false);
    this.renderPoles();
  }

  focus(): void {
    this.category.control.focus();
  }

  private renderPoles(): void {
    const chips = this.poles.map((p) => {
      const remove = h('button', { type: 'button', class: 'chip-remove', 'aria-label': t('flag.removePole', { code: p.code }), title: t('flag.removePole', { code: p.code }), disabled: this.created !== null }, '×');
      remove.addEventListener('click', () => this.toggle(p));
      return h('li', { class: 'chip flag-pole', 'data-pole-id': p.id }, bdi(p.code), this.created ? null : remove);
    });
    const pick = h('button', { type: 'button', class: 'button button-small', 'aria-pressed': String(this.picking), 'data-testid': 'flag-pick' }, this.picking ? t('flag.pickOff') : t('flag.pickOn'));
    pick.addEventListener('click', () => {
      this.picking = !this.picking;
      this.options.onPicking(this.picking);
      this.renderPoles();
    });
    replaceChildren(
      this.poleList,
      h('ul', { class: 'flag-pole-list', 'data-testid': 'flag-poles' }, ...chips),
      this.poles.length === 0 ? h('p', { class: 'field-error' }, t('flag.noPoles')) : null,
      this.created ? null : h('p', { class: 'hint' }, this.picking ? t('flag.picking') : t('flag.polesHint')),
      this.created ? null : pick,
    );
  }

  private read(): { category: CaseCategory; description: string } | null {
    const category = this.category.control.value;
    const description = this.description.control.value.trim();
    this.category.setError(category === '' ? t('flag.categoryRequired') : null);
    this.description.setError(description === '' ? t('flag.descriptionRequired') : null);
    if (this.poles.length === 0) return this.message.show('error', t('flag.noPoles')), null;
    if (category === '') return this.category.control.focus(), null;
    if (description === '') return this.description.control.focus(), null;
    if (this.photos.invalid()) return null;
    return { category: category as CaseCategory, description };
  }

  private async send(): Promise<void> {
    if (this.busy) return;
    let created = this.created;
    if (!created) {
      const fields = this.read();
      if (!fields) return;
      this.setBusy(true);
      this.message.clear();
      try {
        created = await createCase({ ...fields, pole_ids: this.poles.map((p) => p.id) }, this.caseKey);
      } catch (err) {
        if (isUnreachable(err) && (await this.queue(fields))) return;
        noteAuthFailure(err);
        this.setBusy(false);
        this.message.show('error', t('flag.failed', { message: describeError(err) }));
        return;
      }
      this.created = created;
      this.stopPicking();
      this.category.control.disabled = true;
      this.description.control.readOnly = true;
      this.renderPoles();
      this.options.onCreated(created);
    } else {
      if (this.photos.invalid()) return;
      this.setBusy(true);
    }
    const caseId = created.id;
    const failed = await this.photos.uploadAll(async (file, progress) => {
      const key = this.keyOf(file);
      try {
        this.showResult(file.name, await uploadCasePhoto(caseId, file, { purpose: 'evidence' }, progress, undefined, key));
      } catch (err) {
        if (!isUnreachable(err)) throw err;
        await queueCasePhoto(caseId, file, key);
        return QUEUED;
      }
      return undefined;
    });
    this.setBusy(false);
    this.done(created, failed);
  }

  private keyOf(file: File): string {
    let key = this.photoKeys.get(file);
    if (!key) this.photoKeys.set(file, (key = newIdempotencyKey()));
    return key;
  }

  /**
   * No signal: the case and its photos go to the outbox under the keys already tried, and are
   * sent when the connection returns. False if even that failed (storage disabled).
   */
  private async queue(fields: { category: CaseCategory; description: string }): Promise<boolean> {
    const photos = this.photos.files();
    try {
      await queueViolation({ ...fields, poles: this.poles.map((p) => p.id), photos, keys: { case: this.caseKey, photos: photos.map((f) => this.keyOf(f)) } });
    } catch {
      return false;
    }
    this.stopPicking();
    this.setBusy(false);
    this.submit.hidden = true;
    this.message.show('ok', t('fieldFlag.queued'));
    return true;
  }

  /** What the server made of each photo, named by its file: verified, or why not. */
  private showResult(name: string, photo: CasePhoto): void {
    this.results.appendChild(h('li', { class: 'flag-result' }, h('span', { class: 'upload-name' }, bdi(name)), photoVerdict(photo)));
  }

  private done(created: CaseDetail, failed: number): void {
    const open = h('button', { type: 'button', class: 'button button-small', 'data-testid': 'flag-open-case' }, t('flag.openCase'));
    open.addEventListener('click', () => this.options.openCase(created.id));
    if (failed > 0) this.message.show('error', t('flag.photosFailed', { n: failed }), ' ', open);
    else this.message.show('ok', t('flag.created', { number: created.number }), ' ', open);
    this.submit.textContent = t('flag.retryPhotos');
    this.submit.hidden = failed === 0;
  }

  private setBusy(busy: boolean): void {
    this.busy = busy;
    this.submit.disabled = busy;
    if (busy) this.submit.textContent = t('flag.sending');
    else this.submit.textContent = this.created ? t('flag.retryPhotos') : t('flag.submit');
    this.el.setAttribute('aria-busy', String(busy));
  }
}
