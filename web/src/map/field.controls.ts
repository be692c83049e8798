import { t } from '../i18n/i18n.ts';
import { RenderedControl } from './rendered.control.ts';
import { sessionStore } from '../state/session.store.ts';
import { h, replaceChildren } from '../ui/dom.builder.ts';
import { locateStore, type LocateTracker } from './locate.tracker.ts';

export interface FieldControlsOptions {
  locate: LocateTracker;
  /** may the signed-in person record a pole? */
  canAdd: () => boolean;
  onAdd: () => void;
}

/**
 * The phone's thumb buttons, bottom right where a thumb rests: "locate me" and "add a pole
 * here". Large (56 px) and spaced; hidden on wide screens, where the desktop map is unchanged.
 */
export class FieldControls extends RenderedControl {
  protected readonly box = h('div', { class: 'leaflet-control field-controls' });
  private readonly status = h('p', { class: 'locate-status', role: 'status', 'data-testid': 'locate-status' });

  constructor(private readonly fields: FieldControlsOptions) {
    super('bottomright', [locateStore, sessionStore]);
  }

  protected render(): void {
    const { locate } = this.fields;
    const state = locateStore.get().state;
    const locateButton = h(
      'button',
      { type: 'button', class: `fab fab-locate fab-locate-${state}`, 'data-testid': 'locate-me', 'aria-label': t('locate.button'), title: t('locate.button') },
      h('span', { class: 'fab-icon', 'aria-hidden': 'true' }, '◎'),
    );
    locateButton.addEventListener('click', () => locate.locate());
    const add = this.fields.canAdd()
      ? h(
          'button',
          { type: 'button', class: 'fab fab-add', 'data-testid': 'add-pole', 'aria-label': t('newPole.button'), title: t('newPole.button') },
          h('span', { class: 'fab-icon', 'aria-hidden': 'true' }, '+'),
          h('span', { class: 'fab-label' }, t('newPole.buttonShort')),
        )
      : null;
    add?.addEventListener('click', () => this.fields.onAdd());
    const said = locate.describe();
    this.status.textContent = said ?? '';
    this.status.hidden = said === null;
    replaceChildren(this.box, this.status, locateButton, add);
  }
}
