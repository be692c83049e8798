import type { FeatureCollection } from 'geojson';
import { importRoadWorks } from '../api/roadworks.api.ts';
import type { RoadWorkImportResult } from '../api/burial.types.ts';
import { isAbortError } from '../api/api.error.ts';
import { noteAuthFailure } from '../auth/session.actions.ts';
import { locale, t } from '../i18n/i18n.ts';
import { notePlanningChange } from '../state/planning.store.ts';
import { h, replaceChildren } from '../ui/dom.builder.ts';
import { describePlanError, planErrorWords } from './plan.errors.ts';
import { field, formMessage } from '../ui/form.field.ts';

/** A whole city's road works is a few MB at most; anything far larger is the wrong file. */
const MAX_BYTES = 20 * 1024 * 1024;

type Step = { kind: 'choose' } | { kind: 'preview'; collection: FeatureCollection; result: RoadWorkImportResult } | { kind: 'done'; created: number };

/** Reads a file as text, reporting how much of it has been read. */
function readText(file: File, onProgress: (fraction: number) => void): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.addEventListener('progress', (e) => {
      if (e.lengthComputable && e.total > 0) onProgress(e.loaded / e.total);
    });
    reader.addEventListener('load', () => resolve(String(reader.result ?? '')));
    reader.addEventListener('error', () => reject(reader.error));
    reader.readAsText(file, 'utf-8');
  });
}

/** The file as a FeatureCollection, or the sentence saying why it is not one. */
function parseCollection(text: string): FeatureCollection | string {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return t('plan.import.notJson');
  }
  const c = parsed as { type?: unknown; features?: unknown };
  if (c?.type !== 'FeatureCollection' || !Array.isArray(c.features)) return t('plan.import.notCollection');
  if (c.features.length === 0) return t('plan.import.empty');
  return parsed as FeatureCollection;
}

/**
 * 导入道路改造: a GeoJSON file of road works (name, planned_start, planned_end per feature).
 * The server checks the whole file first (dry run) and the planner sees every problem with
 * its feature number; only a clean file can be imported, all of it or nothing. A bar shows
 * the reading and the sending.
 */
export class WorksImport {
  readonly el = h('div', { class: 'plan-import', 'data-testid': 'works-import' });
  private readonly file = field(t('plan.import.file'), h('input', { type: 'file', name: 'file', accept: '.geojson,.json,application/geo+json,application/json', 'data-testid': 'works-file' }), t('plan.import.fileHint'));
  private readonly bar = h('progress', { class: 'import-progress', max: 1, value: 0, hidden: true, 'data-testid': 'works-progress' });
  private readonly barLabel = h('span', { class: 'hint', 'aria-live': 'polite' });
  private readonly message = formMessage();
  private step: Step = { kind: 'choose' };
  private busy = false;

  render(): void {
    replaceChildren(this.el, h('p', { class: 'hint' }, t('plan.import.intro')), this.file.row, h('div', { class: 'import-upload-state' }, this.bar, this.barLabel), this.stepView(), this.message.el);
  }

  private stepView(): HTMLElement {
    const step = this.step;
    if (step.kind === 'preview') return this.preview(step.collection, step.result);
    if (step.kind === 'done') return h('p', { class: 'form-message form-message-ok', role: 'status', 'data-testid': 'works-imported' }, t('plan.import.done', { n: step.created }));
    return h('div', { class: 'form-actions' }, this.button(t('plan.import.check'), 'works-check', true, () => void this.check()));
  }

  private preview(collection: FeatureCollection, result: RoadWorkImportResult): HTMLElement {
    const ok = result.errors.length === 0;
    const nameOf = (index: number): string => {
      const name = (collection.features[index]?.properties as { name?: unknown } | null)?.name;
      return typeof name === 'string' && name ? `「${name}」` : '';
    };
    return h(
      'div',
      { class: 'import-preview', 'data-testid': 'works-preview', 'data-ok': String(ok) },
      h('p', { class: ok ? 'work-count' : 'form-message form-message-error' }, ok ? t('plan.import.ready', { n: collection.features.length }) : t('plan.import.problems', { n: result.errors.length, total: collection.features.length })),
      ok ? null : h('ul', { class: 'plan-import-errors' }, ...result.errors.map((e) => h('li', null, t('plan.import.errorLine', { n: e.index + 1, name: nameOf(e.index), why: planErrorWords(e.code, e.message) })))),
      h(
        'div',
        { class: 'form-actions' },
        ok ? this.button(t('plan.import.commit'), 'works-commit', true, () => void this.commit(collection)) : null,
        this.button(t('plan.import.again'), 'works-again', false, () => this.restart()),
      ),
    );
  }

  private button(label: string, testid: string, primary: boolean, run: () => void): HTMLButtonElement {
    const b = h('button', { type: 'button', class: `button${primary ? ' button-primary' : ''}`, 'data-testid': testid, disabled: this.busy }, label);
    b.addEventListener('click', run);
    return b;
  }

  private restart(): void {
    this.step = { kind: 'choose' };
    this.file.control.value = '';
    this.message.clear();
    this.render();
  }

  private showProgress(label: string, fraction: number | null): void {
    this.bar.hidden = false;
    // No value = an indeterminate bar: the server is checking and says nothing until done.
    if (fraction === null) this.bar.removeAttribute('value');
    else this.bar.value = fraction;
    const percent = fraction === null ? '' : ` ${new Intl.NumberFormat(locale(), { style: 'percent' }).format(fraction)}`;
    this.barLabel.textContent = `${label}${percent}`;
  }

  private hideProgress(): void {
    this.bar.hidden = true;
    this.barLabel.textContent = '';
  }

  private async check(): Promise<void> {
    const file = this.file.control.files?.[0];
    this.file.setError(!file ? t('plan.import.fileRequired') : file.size > MAX_BYTES ? t('plan.import.tooBig') : null);
    if (!file || file.size > MAX_BYTES) return;
    await this.run(async () => {
      const text = await readText(file, (f) => this.showProgress(t('plan.import.reading'), f));
      const collection = parseCollection(text);
      if (typeof collection === 'string') {
        this.file.setError(collection);
        return;
      }
      const result = await importRoadWorks(collection, true, (f) => this.showProgress(f < 1 ? t('plan.import.sending') : t('plan.import.checking'), f < 1 ? f : null));
      this.step = { kind: 'preview', collection, result };
    });
  }

  private async commit(collection: FeatureCollection): Promise<void> {
    await this.run(async () => {
      const result = await importRoadWorks(collection, false, (f) => this.showProgress(f < 1 ? t('plan.import.sending') : t('plan.import.saving'), f < 1 ? f : null));
      this.step = { kind: 'done', created: result.created };
      notePlanningChange();
    });
  }

  private async run(work: () => Promise<void>): Promise<void> {
    if (this.busy) return;
    this.busy = true;
    this.message.clear();
    this.render();
    try {
      await work();
    } catch (err) {
      if (!isAbortError(err)) {
        noteAuthFailure(err);
        this.message.show('error', t('plan.import.failed', { message: describePlanError(err) }));
      }
    } finally {
      this.busy = false;
      this.hideProgress();
      this.render();
    }
  }
}
