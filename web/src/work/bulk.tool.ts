import type { Polygon } from 'geojson';
import { ApiError } from '../api/api.error.ts';
import { bulkClaim } from '../api/claims.api.ts';
import { createNotices } from '../api/ownership.api.ts';
import { noteAuthFailure } from '../auth/session.actions.ts';
import { t } from '../i18n/i18n.ts';
import type { PolygonDraw } from '../map/polygon.draw.ts';
import { noteOwnershipChange } from '../state/ownership.store.ts';
import { h, replaceChildren } from '../ui/dom.builder.ts';
import { describeError } from '../ui/error.describe.ts';
import { field, formMessage } from '../ui/form.field.ts';
import type { WorkView } from './loaded.view.ts';

/** 'notice': officers put the orphan poles in an area under notice; 'claim': a carrier claims them. */
export type BulkMode = 'notice' | 'claim';

export interface BulkToolOptions {
  mode: BulkMode;
  draw: PolygonDraw;
  /** the map must be visible while drawing: on a phone the work panel steps aside */
  setPanelOpen: (open: boolean) => void;
}

/** The numbers of a bulk_cap_exceeded refusal; `found` may be exact or only "more than". */
function capDetails(details: unknown): { cap: number; found: number | null } | null {
  if (typeof details !== 'object' || details === null) return null;
  const { cap, found } = details as { cap?: unknown; found?: unknown };
  if (typeof cap !== 'number') return null;
  return { cap, found: typeof found === 'number' ? found : null };
}

/**
 * Draw an area on the map, then act on every orphan pole inside it at once. The server
 * decides which poles qualify and caps how many one request may touch; both outcomes are
 * said in words, with the numbers.
 */
export class BulkTool implements WorkView {
  readonly el: HTMLElement;
  private area: Polygon | null = null;
  private drawing = false;
  private busy = false;
  private readonly message = formMessage();
  private evidence = this.evidenceField();
  private days = this.daysField();

  constructor(private readonly options: BulkToolOptions) {
    this.el = h('div', { class: 'work-view bulk-tool', 'data-testid': `bulk-${options.mode}` });
  }

  refresh(): void {
    this.render();
  }

  render(): void {
    const { mode } = this.options;
    // Fields are rebuilt in the current language, keeping what was typed.
    const typed = { evidence: this.evidence.control.value, days: this.days.control.value };
    this.evidence = this.evidenceField();
    this.days = this.daysField();
    this.evidence.control.value = typed.evidence;
    this.days.control.value = typed.days;
    replaceChildren(
      this.el,
      h('p', { class: 'hint' }, mode === 'claim' ? t('bulk.claimIntro') : t('bulk.noticeIntro')),
      this.drawing ? h('p', { class: 'work-count', role: 'status' }, t('bulk.drawing')) : null,
      !this.drawing && !this.area ? this.button(t('bulk.draw'), 'button-primary', 'bulk-draw', () => this.startDrawing()) : null,
      this.area ? this.form() : null,
      this.message.el,
    );
  }

  private form(): HTMLElement {
    const { mode } = this.options;
    const submit = h('button', { type: 'submit', class: 'button button-primary', 'data-testid': 'bulk-submit', disabled: this.busy }, mode === 'claim' ? t('bulk.claimSubmit') : t('bulk.noticeSubmit'));
    const form = h(
      'form',
      { class: 'form', novalidate: true, 'aria-busy': String(this.busy) },
      h('p', { class: 'work-count' }, t('bulk.areaReady')),
      mode === 'claim' ? this.evidence.row : this.days.row,
      h('div', { class: 'form-actions' }, submit, this.button(t('bulk.redraw'), '', 'bulk-redraw', () => this.startDrawing()), this.button(t('bulk.clear'), '', 'bulk-clear', () => this.reset())),
    );
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      void this.send();
    });
    return form;
  }

  private evidenceField() {
    return field(t('claim.evidence'), h('textarea', { name: 'evidence', rows: 3, maxlength: 2000 }), t('bulk.evidenceHint'));
  }

  private daysField() {
    return field(t('bulk.days'), h('input', { type: 'number', name: 'days', min: 1, max: 365, step: 1, inputmode: 'numeric' }), t('bulk.daysHint'));
  }

  private button(label: string, cls: string, testid: string, onClick: () => void): HTMLButtonElement {
    const b = h('button', { type: 'button', class: `button ${cls}`.trim(), 'data-testid': testid }, label);
    b.addEventListener('click', onClick);
    return b;
  }

  private startDrawing(): void {
    this.message.clear();
    this.area = null;
    this.drawing = true;
    this.render();
    this.options.setPanelOpen(false);
    this.options.draw.start({
      onFinish: (area) => {
        this.drawing = false;
        this.area = area;
        this.options.setPanelOpen(true);
        this.render();
      },
      onCancel: () => {
        this.drawing = false;
        this.options.setPanelOpen(true);
        this.render();
      },
    });
  }

  private reset(): void {
    this.area = null;
    this.options.draw.clear();
    this.message.clear();
    this.render();
  }

  private async send(): Promise<void> {
    const area = this.area;
    if (!area || this.busy) return;
    const { mode } = this.options;
    const evidence = this.evidence.control.value.trim();
    const daysText = this.days.control.value.trim();
    const days = Number(daysText);
    if (mode === 'claim' && evidence.length === 0) {
      this.evidence.setError(t('claim.evidenceRequired'));
      return this.evidence.control.focus();
    }
    if (mode === 'notice' && daysText !== '' && !(Number.isInteger(days) && days >= 1 && days <= 365)) {
      this.days.setError(t('bulk.daysInvalid'));
      return this.days.control.focus();
    }
    this.busy = true;
    this.message.clear();
    this.render();
    try {
      const text =
        mode === 'claim'
          ? this.claimResult((await bulkClaim(area, evidence)).created)
          : this.noticeResult(await createNotices(daysText === '' ? { area } : { area, days }));
      this.area = null;
      this.options.draw.clear();
      this.evidence.control.value = '';
      this.message.show('ok', text);
      noteOwnershipChange();
    } catch (err) {
      noteAuthFailure(err);
      this.message.show('error', this.failure(err));
    } finally {
      this.busy = false;
      this.render();
    }
  }

  private claimResult(created: number): string {
    return created === 0 ? t('bulk.claimNone') : t('bulk.claimDone', { n: created });
  }

  private noticeResult(result: { created: number; skipped: number }): string {
    if (result.created > 0) return t('bulk.noticeDone', { n: result.created, skipped: result.skipped });
    return result.skipped > 0 ? t('bulk.noticeNone', { skipped: result.skipped }) : t('bulk.noticeEmpty');
  }

  private failure(err: unknown): string {
    if (err instanceof ApiError && err.code === 'bulk_cap_exceeded') {
      const numbers = capDetails(err.details);
      if (numbers?.found != null) return t('bulk.capExceeded', { found: numbers.found, cap: numbers.cap });
      if (numbers) return t('bulk.capExceededOver', { cap: numbers.cap });
    }
    return t('bulk.failed', { message: describeError(err) });
  }
}
