import * as L from 'leaflet';
import { h, replaceChildren, type Child } from '../ui/dom.builder.ts';

export interface DrawBarAction {
  /** `<prefix>-<key>` is the button's data-testid */
  key: string;
  label: string;
  primary?: boolean;
  disabled?: boolean;
  run: () => void;
}

/**
 * The bar over the map while someone draws on it: what to do next (or how far they have
 * got) and the buttons to finish, undo and cancel. Shared by the area tools and the route
 * drawing, so both read and behave alike.
 */
export class DrawBar {
  readonly el: HTMLElement;
  private readonly hint = h('p', { class: 'draw-hint', 'aria-live': 'polite' });

  constructor(
    map: L.Map,
    private readonly prefix: string,
  ) {
    this.el = h('div', { class: 'draw-bar', role: 'region', 'data-testid': `${prefix}-bar` });
    // Clicks on the bar are not clicks on the map: they must not add a corner under it.
    L.DomEvent.disableClickPropagation(this.el);
    // Nor is hovering it: a drawing tool's cursor line must not chase the pointer over the buttons.
    L.DomEvent.on(this.el, 'mousemove', L.DomEvent.stopPropagation);
    this.el.hidden = true;
    map.getContainer().appendChild(this.el);
  }

  get visible(): boolean {
    return !this.el.hidden;
  }

  show(hint: Child, actions: readonly DrawBarAction[]): void {
    this.el.hidden = false;
    replaceChildren(this.el, this.hint, h('div', { class: 'draw-actions' }, ...actions.map((a) => this.button(a))));
    this.setHint(hint);
  }

  /** New words only: the buttons stay, so a click that is under way still lands. */
  setHint(hint: Child): void {
    replaceChildren(this.hint, hint);
  }

  hide(): void {
    this.el.hidden = true;
  }

  /** Keyboard users start on the bar, where Finish and Cancel are. */
  focusFirst(): void {
    this.el.querySelector<HTMLElement>('button')?.focus();
  }

  private button(action: DrawBarAction): HTMLButtonElement {
    const b = h(
      'button',
      { type: 'button', class: `button button-small${action.primary ? ' button-primary' : ''}`, 'data-testid': `${this.prefix}-${action.key}`, disabled: action.disabled === true },
      action.label,
    );
    b.addEventListener('click', action.run);
    return b;
  }
}
