import type { UploadProgress } from '../api/upload.client.ts';
import { noteAuthFailure } from '../auth/session.actions.ts';
import { formatNumber, t } from '../i18n/i18n.ts';
import { bdi, h } from '../ui/dom.builder.ts';
import { describeError } from '../ui/error.describe.ts';
import { field, type FieldHandle } from '../ui/form.field.ts';

// Mirrors the server's checks so a wrong file is explained before minutes of uploading.
const PHOTO_TYPES = new Set(['image/jpeg', 'image/png', 'image/webp']);
const MAX_PHOTO_BYTES = 10 * 1024 * 1024;

/**
 * Sends one file for the record the photos belong to; reports progress 0–1. Resolving with
 * QUEUED means "kept in the outbox, goes up later" (no signal), not "uploaded".
 */
export type PhotoSender = (file: File, onProgress: UploadProgress) => Promise<unknown>;
export const QUEUED = Symbol('queued in the outbox');

interface PhotoRow {
  el: HTMLElement;
  file: File;
  bar: HTMLProgressElement;
  status: HTMLElement;
  done: boolean;
}

function sizeText(bytes: number): string {
  return bytes >= 1024 * 1024 ? t('photo.sizeMb', { n: formatNumber(Math.round((bytes / 1048576) * 10) / 10) }) : t('photo.sizeKb', { n: Math.max(1, Math.round(bytes / 1024)) });
}

function problem(file: File): string | null {
  if (!PHOTO_TYPES.has(file.type)) return t('photo.type', { name: file.name });
  if (file.size > MAX_PHOTO_BYTES) return t('photo.size', { name: file.name });
  return null;
}

/**
 * The photo part of an evidence form (claims, removals): a file picker, and one row per
 * photo with its own progress bar. The form files its record first and then calls
 * `uploadAll`, so a photo that fails (too big, not an image, signal lost) can be sent again
 * without filing the record twice; photos already up are never sent again.
 */
export class PhotoUploads {
  readonly field: FieldHandle<HTMLInputElement>;
  readonly list = h('ul', { class: 'upload-list', 'aria-live': 'polite' });
  private rows: PhotoRow[] = [];

  constructor(testId: string) {
    this.field = field(
      t('photo.label'),
      h('input', { type: 'file', name: 'photos', accept: 'image/*', capture: 'environment', multiple: true, 'data-testid': testId }),
      t('photo.hint'),
    );
    this.field.control.addEventListener('change', () => this.pick());
  }

  /** The picker and the list, in the order a form shows them. */
  get nodes(): HTMLElement[] {
    return [this.field.row, this.list];
  }

  /** Whether any picked photo is still to be sent. */
  hasPending(): boolean {
    return this.rows.some((r) => !r.done);
  }

  /** True (and the picker focused) when a photo still to send would be refused anyway. */
  invalid(): boolean {
    const bad = this.rows.some((r) => !r.done && problem(r.file) !== null);
    if (bad) this.field.control.focus();
    return bad;
  }

  /** The picked photos not uploaded yet, for a form that queues them (the offline outbox) instead. */
  files(): File[] {
    return this.rows.filter((r) => !r.done).map((r) => r.file);
  }

  /** One photo at a time: on a phone's uplink, parallel uploads only make each one slower. Returns how many failed. */
  async uploadAll(send: PhotoSender): Promise<number> {
    let failed = 0;
    for (const row of this.rows) {
      if (row.done) continue;
      row.status.textContent = t('photo.sending');
      row.status.className = 'upload-status';
      try {
        const queued = (await send(row.file, (f) => (row.bar.value = f))) === QUEUED;
        row.done = true;
        row.bar.value = queued ? 0 : 1;
        row.status.textContent = queued ? t('photo.queued') : t('photo.done');
        row.status.className = queued ? 'upload-status' : 'upload-status upload-ok';
      } catch (err) {
        noteAuthFailure(err);
        failed += 1;
        row.bar.value = 0;
        row.status.textContent = t('photo.failed', { message: describeError(err) });
        row.status.className = 'upload-status upload-failed';
      }
    }
    return failed;
  }

  private pick(): void {
    const files = Array.from(this.field.control.files ?? []);
    // Photos already uploaded stay listed; newly picked ones join them.
    this.rows = [...this.rows.filter((r) => r.done), ...files.map((file) => this.row(file))];
    const problems = files.map(problem).filter((p): p is string => p !== null);
    this.field.setError(problems.length > 0 ? problems.join(' ') : null);
    this.list.replaceChildren(...this.rows.map((r) => r.el));
  }

  private row(file: File): PhotoRow {
    const bar = h('progress', { max: 1, value: 0, 'aria-label': t('photo.uploading', { name: file.name }) });
    const status = h('span', { class: 'upload-status' }, sizeText(file.size));
    const el = h('li', { class: 'upload-row' }, h('span', { class: 'upload-name' }, bdi(file.name)), bar, status);
    return { el, file, bar, status, done: false };
  }
}
