import { onLangChange, t } from '../i18n/i18n.ts';

/**
 * The thin bar at the top of the window. Counted, because the viewport and the side panel
 * can fetch at the same time and the bar must stay until both are done.
 */
export class ProgressBar {
  private active = 0;

  constructor(private readonly el: HTMLElement) {
    el.appendChild(document.createElement('span'));
    const label = (): void => el.setAttribute('aria-label', t('progress.label'));
    label();
    onLangChange(label);
  }

  begin(): void {
    this.active += 1;
    this.el.hidden = false;
  }

  end(): void {
    this.active = Math.max(0, this.active - 1);
    if (this.active === 0) this.el.hidden = true;
  }
}
