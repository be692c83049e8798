import { createClaim, uploadClaimPhoto } from '../api/claims.api.ts';
import type { Claim, ClaimKind } from '../api/ownership.types.ts';
import { noteAuthFailure } from '../auth/session.actions.ts';
import { formatNumber, t } from '../i18n/i18n.ts';
import { bdi, h } from '../ui/dom.builder.ts';
import { describeError } from '../ui/error.describe.ts';
import { field, formMessage } from '../ui/form.field.ts';

// Mirrors the server's checks so a wrong file is explained before minutes of uploading.
const PHOTO_TYPES = new Set(['image/jpeg', 'image/png', 'image/webp']);
const MAX_PHOTO_BYTES = 10 * 1024 * 1024;
const MAX_EVIDENCE = 2000;

export interface ClaimFormOptions {
  poleId: number;
  poleCode: string;
  kind: ClaimKind;
  /** the claim was filed (its photos may or may not all be up); the panel refreshes */
  onFiled: (claim: Claim) => void;
  onCancel: () => void;
}

interface PhotoRow {
  el: HTMLElement;
  file: File;
  bar: HTMLProgressElement;
  status: HTMLElement;
  done: boolean;
}

function sizeText(bytes: number): string {
  return bytes >= 1024 * 1024 ? t('claim.sizeMb', { n: formatNumber(Math.round((bytes / 1048576) * 10) / 10) }) : t('claim.sizeKb', { n: Math.max(1, Math.round(bytes / 1024)) });
}

/**
 * A carrier's claim (or disclaim) with evidence: the text first, then each photo uploaded
 * on its own with a progress bar. The claim is filed before any photo goes up, so a photo
 * that fails (too big, not an image, signal lost) can be retried without filing twice.
 */
export class ClaimForm {
  readonly el: HTMLFormElement;
  private readonly evidence = field(t('claim.evidence'), h('textarea', { name: 'evidence', rows: 4, maxlength: MAX_EVIDENCE, required: true }), t('claim.evidenceHint'));
  private readonly photos = field(
    t('claim.photos'),
    h('input', { type: 'file', name: 'photos', accept: 'image/*', capture: 'environment', multiple: true, 'data-testid': 'claim-photos' }),
    t('claim.photosHint'),
  );
  private readonly list = h('ul', { class: 'upload-list', 'aria-live': 'polite' });
  private readonly message = formMessage();
  private readonly submit: HTMLButtonElement;
  private rows: PhotoRow[] = [];
  private claim: Claim | null = null;
  private busy = false;

  constructor(private readonly options: ClaimFormOptions) {
    const title = options.kind === 'claim' ? t('claim.formTitle', { code: options.poleCode }) : t('claim.disclaimTitle', { code: options.poleCode });
    this.submit = h('button', { type: 'submit', class: 'button button-primary', 'data-testid': 'claim-submit' }, this.submitLabel());
    const cancel = h('button', { type: 'button', class: 'button' }, t('edit.cancel'));
    // Once filed, closing the form still shows the claim, with the photos that made it.
    cancel.addEventListener('click', () => (this.claim ? options.onFiled(this.claim) : options.onCancel()));
    this.photos.control.addEventListener('change', () => this.pickPhotos());
    this.el = h(
      'form',
      { class: 'form claim-form', novalidate: true, 'data-testid': 'claim-form', 'aria-label': title },
      h('h4', null, title),
      h('p', { class: 'hint' }, options.kind === 'claim' ? t('claim.intro') : t('claim.disclaimIntro')),
      this.evidence.row,
      this.photos.row,
      this.list,
      this.message.el,
      h('div', { class: 'form-actions' }, this.submit, cancel),
    );
    this.el.addEventListener('submit', (e) => {
      e.preventDefault();
      void this.send();
    });
  }

  focus(): void {
    this.evidence.control.focus();
  }

  private submitLabel(): string {
    if (this.claim) return t('claim.retryPhotos');
    return this.options.kind === 'claim' ? t('claim.submit') : t('claim.submitDisclaim');
  }

  private pickPhotos(): void {
    const files = [...(this.photos.control.files ?? [])];
    // Photos already uploaded stay listed; newly picked ones join them.
    this.rows = [...this.rows.filter((r) => r.done), ...files.map((file) => this.row(file))];
    const problems = files.map((f) => this.problem(f)).filter((p): p is string => p !== null);
    this.photos.setError(problems.length > 0 ? problems.join(' ') : null);
    this.list.replaceChildren(...this.rows.map((r) => r.el));
  }

  private row(file: File): PhotoRow {
    const bar = h('progress', { max: 1, value: 0, 'aria-label': t('claim.uploading', { name: file.name }) });
    const status = h('span', { class: 'upload-status' }, sizeText(file.size));
    const el = h('li', { class: 'upload-row' }, h('span', { class: 'upload-name' }, bdi(file.name)), bar, status);
    return { el, file, bar, status, done: false };
  }

  private problem(file: File): string | null {
    if (!PHOTO_TYPES.has(file.type)) return t('claim.photoType', { name: file.name });
    if (file.size > MAX_PHOTO_BYTES) return t('claim.photoSize', { name: file.name });
    return null;
  }

  private async send(): Promise<void> {
    if (this.busy) return;
    const text = this.evidence.control.value.trim();
    this.evidence.setError(text.length === 0 ? t('claim.evidenceRequired') : null);
    const invalid = this.rows.find((r) => !r.done && this.problem(r.file) !== null);
    if (text.length === 0) return this.evidence.control.focus();
    if (invalid) return this.photos.control.focus();
    this.setBusy(true);
    this.message.clear();
    try {
      this.claim ??= await createClaim(this.options.poleId, this.options.kind, text);
      // The claim stands now: the evidence box no longer edits anything.
      this.evidence.control.readOnly = true;
    } catch (err) {
      noteAuthFailure(err);
      this.setBusy(false);
      this.message.show('error', t('claim.failed', { message: describeError(err) }));
      return;
    }
    const failed = await this.uploadAll(this.claim);
    this.setBusy(false);
    if (failed === 0) {
      this.options.onFiled(this.claim);
      return;
    }
    this.message.show('error', t('claim.photosFailed', { n: failed }));
  }

  /** One photo at a time: on a phone's uplink, parallel uploads only make each one slower. */
  private async uploadAll(claim: Claim): Promise<number> {
    let failed = 0;
    for (const row of this.rows) {
      if (row.done) continue;
      row.status.textContent = t('claim.photoSending');
      try {
        await uploadClaimPhoto(claim.id, row.file, (f) => (row.bar.value = f));
        row.done = true;
        row.bar.value = 1;
        row.status.textContent = t('claim.photoDone');
        row.status.className = 'upload-status upload-ok';
      } catch (err) {
        noteAuthFailure(err);
        failed += 1;
        row.bar.value = 0;
        row.status.textContent = t('claim.photoFailed', { message: describeError(err) });
        row.status.className = 'upload-status upload-failed';
      }
    }
    return failed;
  }

  private setBusy(busy: boolean): void {
    this.busy = busy;
    this.submit.disabled = busy;
    this.submit.textContent = busy ? t('claim.sending') : this.submitLabel();
    this.el.setAttribute('aria-busy', String(busy));
  }
}
