import { isAbortError } from '../api/api.error.ts';
import { noteAuthFailure } from '../auth/session.actions.ts';
import { t } from '../i18n/i18n.ts';
import { loadInto, type Loadable } from '../state/loadable.ts';
import { h, replaceChildren, type Child } from '../ui/dom.builder.ts';
import { describeError } from '../ui/error.describe.ts';

/** One tab of the work panel: it loads when shown and re-renders on a language switch. */
export interface WorkView {
  readonly el: HTMLElement;
  refresh(): void;
  render(): void;
}

/**
 * A work-panel list that comes from one request: loading, failed (in words, with Retry) or
 * ready. A newer refresh cancels the older one, so a slow answer cannot overwrite a new one.
 */
export abstract class LoadedView<T> implements WorkView {
  readonly el = h('div', { class: 'work-view' });
  protected state: Loadable<T> = { state: 'loading' };
  private controller: AbortController | null = null;

  protected abstract fetch(signal: AbortSignal): Promise<T>;
  protected abstract renderValue(value: T): Child[];

  /** Anything above the list that does not depend on it (a hint, a Search button). */
  protected head(): Child[] {
    return [];
  }

  refresh(): void {
    this.controller?.abort();
    const controller = new AbortController();
    this.controller = controller;
    void loadInto(
      () => this.fetch(controller.signal),
      (s) => {
        if (this.controller !== controller || (s.state === 'failed' && isAbortError(s.error))) return;
        this.state = s;
        this.render();
      },
      noteAuthFailure,
    );
  }

  render(): void {
    replaceChildren(this.el, ...this.head(), ...this.body());
  }

  private body(): Child[] {
    switch (this.state.state) {
      case 'loading':
        return [h('p', { class: 'hint', role: 'status' }, t('work.loading'))];
      case 'failed': {
        const retry = h('button', { type: 'button', class: 'button button-small' }, t('error.retry'));
        retry.addEventListener('click', () => this.refresh());
        return [h('div', { class: 'panel-error', role: 'alert' }, h('p', null, t('work.failed', { message: describeError(this.state.error) })), retry)];
      }
      case 'ready':
        return this.renderValue(this.state.value);
    }
  }
}
