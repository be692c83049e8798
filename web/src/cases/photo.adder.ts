import { uploadCasePhoto, type PhotoPurpose } from '../api/evidence.api.ts';
import { t } from '../i18n/i18n.ts';
import { PhotoUploads } from '../panels/photo.uploads.ts';
import { h } from '../ui/dom.builder.ts';
import { formMessage } from '../ui/form.field.ts';

export interface PhotoAdderOptions {
  caseId: number;
  /** officers add evidence; the party's carrier adds proof of its correction */
  purpose: PhotoPurpose;
  /** some photos went up: the gallery reloads */
  onUploaded: () => void;
}

/**
 * Adds photos to a case that already exists: pick (or take) photos, then each goes up with
 * its own progress bar. Kept by the case panel across re-renders so a half-done upload and
 * its bars survive a reload of the case around it.
 */
export class PhotoAdder {
  readonly el: HTMLElement;
  private readonly photos: PhotoUploads;
  private readonly message = formMessage();
  private readonly button: HTMLButtonElement;
  private busy = false;

  constructor(private readonly options: PhotoAdderOptions) {
    this.photos = new PhotoUploads(`case-photo-input-${options.purpose}`);
    this.button = h('button', { type: 'submit', class: 'button button-small', 'data-testid': `case-photo-upload-${options.purpose}` }, t('photo.upload'));
    const form = h(
      'form',
      { class: 'form case-photo-adder', novalidate: true, 'data-testid': `case-photo-adder-${options.purpose}` },
      h('h4', null, options.purpose === 'correction_proof' ? t('photo.addProof') : t('photo.addEvidence')),
      ...this.photos.nodes,
      this.message.el,
      h('div', { class: 'form-actions' }, this.button),
    );
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      void this.send();
    });
    this.el = form;
  }

  private async send(): Promise<void> {
    if (this.busy) return;
    if (!this.photos.hasPending()) {
      this.message.show('error', t('photo.pickFirst'));
      return;
    }
    if (this.photos.invalid()) return;
    this.busy = true;
    this.button.disabled = true;
    this.message.clear();
    const { caseId, purpose } = this.options;
    let sent = 0;
    const failed = await this.photos.uploadAll(async (file, progress) => {
      await uploadCasePhoto(caseId, file, { purpose }, progress);
      sent += 1;
    });
    this.busy = false;
    this.button.disabled = false;
    if (sent > 0) {
      this.message.show(failed > 0 ? 'error' : 'ok', failed > 0 ? t('photo.someFailed', { n: failed }) : t('photo.uploadedSome', { n: sent }));
      this.options.onUploaded();
    } else if (failed > 0) {
      this.message.show('error', t('photo.someFailed', { n: failed }));
    }
  }
}
