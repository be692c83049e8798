import { isAbortError } from '../api/api.error.ts';
import { commitImport, previewImport } from '../api/imports.api.ts';
import type { ImportChoices, ImportCrs, ImportEncoding, ImportFormat, ImportPreview, ImportResult } from '../api/imports.types.ts';
import { ApiError } from '../api/api.error.ts';
import { t } from '../i18n/i18n.ts';
import { Dialog } from '../ui/dialog.view.ts';
import { h, replaceChildren } from '../ui/dom.builder.ts';
import { describeError } from '../ui/error.describe.ts';
import { checkField, field, formMessage, select, type FieldHandle } from '../ui/form.field.ts';
import { importedBox, type LatLngBox } from './import.bounds.ts';
import { importCounts, importTable } from './import.preview.ts';
import { uploadFailure } from './import.words.ts';
import { CoordinateColumns, columnsOf } from './import.columns.ts';

export interface ImportDialogOptions {
  /** poles were written: the map reloads what it shows */
  onCommitted: () => void;
  /** frame the imported poles; the dialog has closed by then */
  showOnMap: (box: LatLngBox) => void;
}

const FORMATS: readonly ImportFormat[] = ['csv', 'geojson', 'kml', 'shapefile'];
const ENCODINGS: readonly ImportEncoding[] = ['utf-8', 'gbk'];
const CRSES: readonly ImportCrs[] = ['wgs84', 'cgcs2000', 'gcj02', 'bd09'];
const AUTO = '';

function picker<V extends string>(name: string, values: readonly V[], label: (v: V) => string): HTMLSelectElement {
  return select([{ value: AUTO, label: t('import.auto') }, ...values.map((v) => ({ value: v, label: label(v) }))], AUTO, { name });
}

/**
 * Upload → preview → commit, in one dialog. The preview is the server's dry run: nothing is
 * written until "Commit", and a file with bad rows is refused unless the person chooses to
 * skip them, so a half-understood file never lands on the map by accident.
 */
export class ImportDialog {
  private readonly dialog: Dialog;
  private readonly message = formMessage();
  private readonly abort = new AbortController();
  private readonly file: FieldHandle<HTMLInputElement>;
  private readonly format: FieldHandle<HTMLSelectElement>;
  private readonly encoding: FieldHandle<HTMLSelectElement>;
  private readonly crs: FieldHandle<HTMLSelectElement>;
  private readonly columns = new CoordinateColumns();
  private readonly progress = h('progress', { class: 'import-progress', max: 1, value: 0, hidden: true });
  private readonly progressLabel = h('span', { class: 'hint', 'aria-live': 'polite' });
  private readonly step = h('div', { class: 'import-step' });

  constructor(private readonly options: ImportDialogOptions) {
    this.file = field(t('import.file'), h('input', { type: 'file', name: 'file', accept: '.csv,.txt,.geojson,.json,.kml,.zip', 'data-testid': 'import-file' }), t('import.fileHint'));
    this.format = field(t('import.format'), picker('format', FORMATS, (v) => t(`import.format.${v}`)));
    this.encoding = field(t('import.encoding'), picker('encoding', ENCODINGS, (v) => t(`import.encoding.${v}`)), t('import.encodingHint'));
    this.crs = field(t('import.crs'), picker('crs', CRSES, (v) => t(`import.crs.${v}`)));
    this.dialog = new Dialog({ title: t('import.title'), className: 'import-dialog', onClose: () => this.abort.abort() }, this.step);
    this.dialog.el.dataset.testid = 'import-dialog';
    this.showForm();
  }

  open(): void {
    this.dialog.open(this.file.control);
  }

  private choices(): ImportChoices {
    return {
      format: (this.format.control.value || null) as ImportFormat | null,
      encoding: (this.encoding.control.value || null) as ImportEncoding | null,
      crs: (this.crs.control.value || null) as ImportCrs | null,
      ...this.columns.chosen(),
    };
  }

  private showForm(): void {
    this.message.clear();
    this.progress.hidden = true;
    this.progressLabel.textContent = '';
    const upload = h('button', { type: 'submit', class: 'button button-primary', 'data-testid': 'import-upload' }, t('import.upload'));
    const form = h(
      'form',
      { class: 'form import-form', novalidate: true, 'data-testid': 'import-form' },
      h('p', { class: 'hint' }, t('import.intro')),
      this.file.row,
      h('div', { class: 'import-pickers' }, this.format.row, this.encoding.row, this.crs.row),
      this.columns.row,
      h('div', { class: 'import-upload-state' }, this.progress, this.progressLabel),
      this.message.el,
      h('div', { class: 'form-actions' }, upload),
    );
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      void this.upload(upload);
    });
    replaceChildren(this.step, form);
  }

  private async upload(button: HTMLButtonElement): Promise<void> {
    const file = this.file.control.files?.[0];
    this.file.setError(file ? null : t('import.fileRequired'));
    this.encoding.setError(null);
    this.columns.clearError();
    this.message.clear();
    if (!file) return this.file.control.focus();
    button.disabled = true;
    this.progress.hidden = false;
    this.progress.value = 0;
    const onProgress = (fraction: number): void => {
      this.progress.value = fraction;
      // Once the bytes are sent the server is still reading every row; say so.
      this.progressLabel.textContent = fraction >= 1 ? t('import.checking') : t('import.uploading', { percent: Math.round(fraction * 100) });
    };
    onProgress(0);
    try {
      const preview = await previewImport(file, this.choices(), onProgress, this.abort.signal);
      this.showPreview(preview);
    } catch (err) {
      if (isAbortError(err)) return;
      button.disabled = false;
      this.progress.hidden = true;
      this.progressLabel.textContent = '';
      if (err instanceof ApiError && err.code === 'declare_encoding') {
        // The one failure the person fixes in this form: point them at the picker.
        this.encoding.setError(t('import.declareEncoding'));
        this.encoding.control.focus();
        return;
      }
      const columns = err instanceof ApiError && err.code === 'coordinates_not_found' ? columnsOf(err.details) : null;
      if (columns) {
        // Fixed in this form too: the person says which columns are longitude and latitude.
        this.columns.offer(columns);
        return;
      }
      this.message.show('error', t('import.failed', { message: uploadFailure(err) }));
    }
  }

  private showPreview(preview: ImportPreview): void {
    const errors = preview.counts.error;
    const writes = preview.counts.new + preview.counts.update;
    const skip = checkField(t('import.skipErrors', { n: errors }), false);
    skip.control.name = 'skip_errors';
    skip.control.dataset.testid = 'import-skip-errors';
    const blocked = h('p', { class: 'hint import-blocked', 'aria-live': 'polite' });
    const commit = h('button', { type: 'button', class: 'button button-primary', 'data-testid': 'import-commit' }, t('import.commit'));
    const again = h('button', { type: 'button', class: 'button' }, t('import.again'));
    const sync = (): void => {
      const errorsInTheWay = errors > 0 && !skip.control.checked;
      commit.disabled = errorsInTheWay || writes === 0;
      blocked.textContent = errorsInTheWay ? t('import.errorsBlock', { n: errors }) : writes === 0 ? t('import.nothing') : '';
      blocked.hidden = blocked.textContent === '';
    };
    skip.control.addEventListener('change', sync);
    again.addEventListener('click', () => this.showForm());
    commit.addEventListener('click', () => void this.commit(preview, skip.control.checked, commit, again));
    sync();

    const about = t('import.previewOf', {
      file: preview.filename ?? this.file.control.files?.[0]?.name ?? '',
      format: t(`import.format.${preview.format}`),
      encoding: preview.encoding_detected ? preview.encoding_detected.toUpperCase() : '—',
      crs: t(`import.crs.${preview.crs}`),
    });
    this.message.clear();
    replaceChildren(
      this.step,
      h(
        'div',
        { class: 'import-preview', 'data-testid': 'import-preview', 'data-import-id': preview.import_id },
        h('p', { class: 'hint import-about' }, about),
        importCounts(preview),
        preview.rows_truncated ? h('p', { class: 'hint' }, t('import.truncated', { shown: preview.rows.length, total: preview.rows_total })) : null,
        importTable(preview),
        errors > 0 ? skip.row : null,
        blocked,
        this.message.el,
        h('div', { class: 'form-actions' }, again, commit),
      ),
    );
  }

  private async commit(preview: ImportPreview, skipErrors: boolean, commit: HTMLButtonElement, again: HTMLButtonElement): Promise<void> {
    commit.disabled = true;
    again.disabled = true;
    commit.textContent = t('import.committing');
    this.message.clear();
    try {
      const result = await commitImport(preview.import_id, skipErrors);
      this.options.onCommitted();
      this.showResult(preview, result);
    } catch (err) {
      commit.disabled = false;
      again.disabled = false;
      commit.textContent = t('import.commit');
      this.message.show('error', t('import.commitFailed', { message: describeError(err) }));
    }
  }

  private showResult(preview: ImportPreview, result: ImportResult): void {
    const box = importedBox(preview);
    const close = h('button', { type: 'button', class: 'button' }, t('import.close'));
    close.addEventListener('click', () => this.dialog.close());
    const show = box ? h('button', { type: 'button', class: 'button button-primary', 'data-testid': 'import-show-on-map' }, t('import.showOnMap')) : null;
    show?.addEventListener('click', () => {
      this.dialog.close();
      if (box) this.options.showOnMap(box);
    });
    this.message.show('ok', t('import.done', { inserted: result.inserted, updated: result.updated, unchanged: result.unchanged, skipped: result.skipped }));
    this.message.el.dataset.testid = 'import-result';
    replaceChildren(this.step, h('div', { class: 'import-result' }, importCounts(preview), this.message.el, h('div', { class: 'form-actions' }, close, show)));
    (show ?? close).focus();
  }
}
