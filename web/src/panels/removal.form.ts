import { ApiError } from '../api/api.error.ts';
import { recordRemoval, uploadRemovalPhoto } from '../api/removals.api.ts';
import type { NewRemoval, Removal } from '../api/removals.types.ts';
import { noteAuthFailure } from '../auth/session.actions.ts';
import { t } from '../i18n/i18n.ts';
import { shanghaiDay } from '../i18n/time.format.ts';
import type { Owners } from '../map/owner.colours.ts';
import { currentUser } from '../state/session.store.ts';
import { bdi, h } from '../ui/dom.builder.ts';
import { describeError } from '../ui/error.describe.ts';
import { field, formMessage, select, type FieldHandle } from '../ui/form.field.ts';
import { PhotoUploads } from './photo.uploads.ts';

const MAX_NOTE = 2000;
/** The server refuses earlier dates: the registry's records begin then. */
const EARLIEST_DAY = '2000-01-01';

export interface RemovalFormOptions {
  poleId: number;
  poleCode: string;
  owners: Owners;
  /** the removal is recorded (its photos may or may not all be up); the panel refreshes */
  onRecorded: (removal: Removal) => void;
  onCancel: () => void;
}

/**
 * 登记拔除: the day the pole was pulled (Beijing time, never in the future), who pulled it
 * (officers choose; a carrier records its own firm's work), a note and photos. As with
 * claims, the record is filed first and each photo then goes up with its own progress bar.
 */
export class RemovalForm {
  readonly el: HTMLFormElement;
  private readonly today = shanghaiDay();
  private readonly day = field(
    t('removal.date'),
    h('input', { type: 'date', name: 'removed_on', required: true, max: this.today, min: EARLIEST_DAY, value: this.today }),
    t('removal.dateHint'),
  );
  /** null for carriers: their own firm is the only answer */
  private readonly org: FieldHandle<HTMLSelectElement> | null;
  private readonly note = field(t('removal.note'), h('textarea', { name: 'note', rows: 3, maxlength: MAX_NOTE }), t('removal.noteHint'));
  private readonly photos = new PhotoUploads('removal-photos');
  private readonly message = formMessage();
  private readonly submit: HTMLButtonElement;
  private removal: Removal | null = null;
  private busy = false;

  constructor(private readonly options: RemovalFormOptions) {
    this.org = this.orgField();
    // A choice made after the "choose one" error answers it.
    this.org?.control.addEventListener('change', () => this.org?.setError(null));
    const title = t('removal.formTitle', { code: options.poleCode });
    this.submit = h('button', { type: 'submit', class: 'button button-primary', 'data-testid': 'removal-submit' }, this.submitLabel());
    const cancel = h('button', { type: 'button', class: 'button' }, t('edit.cancel'));
    // Once recorded, closing the form still shows the record, with the photos that made it.
    cancel.addEventListener('click', () => (this.removal ? options.onRecorded(this.removal) : options.onCancel()));
    this.el = h(
      'form',
      { class: 'form claim-form removal-form', novalidate: true, 'data-testid': 'removal-form', 'aria-label': title },
      h('h4', null, title),
      h('p', { class: 'hint' }, t('removal.intro')),
      this.day.row,
      this.org ? this.org.row : this.ownFirm(),
      this.note.row,
      ...this.photos.nodes,
      this.message.el,
      h('div', { class: 'form-actions' }, this.submit, cancel),
    );
    this.el.addEventListener('submit', (e) => {
      e.preventDefault();
      void this.send();
    });
  }

  focus(): void {
    this.day.control.focus();
  }

  /** Officers name the firm (or the bureau itself) that did the work; nothing is preselected. */
  private orgField(): FieldHandle<HTMLSelectElement> | null {
    if (currentUser()?.role === 'carrier') return null;
    const { owners } = this.options;
    const doers = [...owners.carriers(), ...owners.all.filter((o) => o.kind === 'enforcement')];
    return field(
      t('removal.org'),
      select([{ value: '', label: t('removal.orgChoose') }, ...doers.map((o) => ({ value: o.code, label: owners.name(o.code) }))], '', { name: 'org' }),
      t('removal.orgHint'),
    );
  }

  private ownFirm(): HTMLElement {
    const org = currentUser()?.org;
    return h('p', { class: 'removal-own-firm' }, t('removal.org'), t('removal.colon'), bdi(org ? this.options.owners.name(org) : t('panel.none')));
  }

  private submitLabel(): string {
    return this.removal ? t('claim.retryPhotos') : t('removal.submit');
  }

  /** The request, or null with the first wrong field focused and explained. */
  private read(): NewRemoval | null {
    const day = this.day.control.value;
    const dayError = !/^\d{4}-\d{2}-\d{2}$/.test(day)
      ? t('removal.dateRequired')
      : day > this.today
        ? t('removal.dateFuture')
        : day < EARLIEST_DAY
          ? t('removal.dateEarly')
          : null;
    this.day.setError(dayError);
    const org = this.org?.control.value ?? null;
    this.org?.setError(org === '' ? t('removal.orgRequired') : null);
    if (dayError) return this.day.control.focus(), null;
    if (org === '') return this.org?.control.focus(), null;
    if (this.photos.invalid()) return null;
    const note = this.note.control.value.trim();
    return { pole_id: this.options.poleId, removed_on: day, ...(org ? { org } : {}), ...(note ? { note } : {}) };
  }

  private async send(): Promise<void> {
    if (this.busy) return;
    let removal = this.removal;
    if (!removal) {
      const request = this.read();
      if (!request) return;
      this.setBusy(true);
      this.message.clear();
      try {
        removal = await recordRemoval(request);
        this.removal = removal;
        // The record stands now: its fields no longer edit anything.
        for (const control of [this.day.control, this.note.control]) control.readOnly = true;
        if (this.org) this.org.control.disabled = true;
      } catch (err) {
        noteAuthFailure(err);
        this.setBusy(false);
        // The server's not_your_pole is worded for edits; for a removal the rule is wider.
        const why = err instanceof ApiError && err.code === 'not_your_pole' ? t('removal.notYourPole') : describeError(err);
        this.message.show('error', t('removal.failed', { message: why }));
        return;
      }
    } else {
      if (this.photos.invalid()) return;
      this.setBusy(true);
    }
    const id = removal.id;
    const failed = await this.photos.uploadAll((file, progress) => uploadRemovalPhoto(id, file, progress));
    this.setBusy(false);
    if (failed === 0) {
      this.options.onRecorded(removal);
      return;
    }
    this.message.show('error', t('removal.photosFailed', { n: failed }));
  }

  private setBusy(busy: boolean): void {
    this.busy = busy;
    this.submit.disabled = busy;
    this.submit.textContent = busy ? t('claim.sending') : this.submitLabel();
    this.el.setAttribute('aria-busy', String(busy));
  }
}
