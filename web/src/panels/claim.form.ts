import { createClaim, uploadClaimPhoto } from '../api/claims.api.ts';
import type { Claim, ClaimKind } from '../api/ownership.types.ts';
import { noteAuthFailure } from '../auth/session.actions.ts';
import { t } from '../i18n/i18n.ts';
import { h } from '../ui/dom.builder.ts';
import { describeError } from '../ui/error.describe.ts';
import { field, formMessage } from '../ui/form.field.ts';
import { PhotoUploads } from './photo.uploads.ts';

const MAX_EVIDENCE = 2000;

export interface ClaimFormOptions {
  poleId: number;
  poleCode: string;
  kind: ClaimKind;
  /** the claim was filed (its photos may or may not all be up); the panel refreshes */
  onFiled: (claim: Claim) => void;
  onCancel: () => void;
}

/**
 * A carrier's claim (or disclaim) with evidence: the text first, then each photo uploaded
 * on its own with a progress bar. The claim is filed before any photo goes up, so a photo
 * that fails (too big, not an image, signal lost) can be retried without filing twice.
 */
export class ClaimForm {
  readonly el: HTMLFormElement;
  private readonly evidence = field(t('claim.evidence'), h('textarea', { name: 'evidence', rows: 4, maxlength: MAX_EVIDENCE, required: true }), t('claim.evidenceHint'));
  private readonly photos = new PhotoUploads('claim-photos');
  private readonly message = formMessage();
  private readonly submit: HTMLButtonElement;
  private claim: Claim | null = null;
  private busy = false;

  constructor(private readonly options: ClaimFormOptions) {
    const title = options.kind === 'claim' ? t('claim.formTitle', { code: options.poleCode }) : t('claim.disclaimTitle', { code: options.poleCode });
    this.submit = h('button', { type: 'submit', class: 'button button-primary', 'data-testid': 'claim-submit' }, this.submitLabel());
    const cancel = h('button', { type: 'button', class: 'button' }, t('edit.cancel'));
    // Once filed, closing the form still shows the claim, with the photos that made it.
    cancel.addEventListener('click', () => (this.claim ? options.onFiled(this.claim) : options.onCancel()));
    this.el = h(
      'form',
      { class: 'form claim-form', novalidate: true, 'data-testid': 'claim-form', 'aria-label': title },
      h('h4', null, title),
      h('p', { class: 'hint' }, options.kind === 'claim' ? t('claim.intro') : t('claim.disclaimIntro')),
      this.evidence.row,
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
    this.evidence.control.focus();
  }

  private submitLabel(): string {
    if (this.claim) return t('claim.retryPhotos');
    return this.options.kind === 'claim' ? t('claim.submit') : t('claim.submitDisclaim');
  }

  private async send(): Promise<void> {
    if (this.busy) return;
    const text = this.evidence.control.value.trim();
    this.evidence.setError(text.length === 0 ? t('claim.evidenceRequired') : null);
    if (text.length === 0) return this.evidence.control.focus();
    if (this.photos.invalid()) return;
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
    const claimId = this.claim.id;
    const failed = await this.photos.uploadAll((file, progress) => uploadClaimPhoto(claimId, file, progress));
    this.setBusy(false);
    if (failed === 0) {
      this.options.onFiled(this.claim);
      return;
    }
    this.message.show('error', t('claim.photosFailed', { n: failed }));
  }

  private setBusy(busy: boolean): void {
    this.busy = busy;
    this.submit.disabled = busy;
    this.submit.textContent = busy ? t('claim.sending') : this.submitLabel();
    this.el.setAttribute('aria-busy', String(busy));
  }
}
