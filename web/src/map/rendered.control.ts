import * as L from 'leaflet';
import { onLangChange } from '../i18n/i18n.ts';

interface Observable {
  subscribe(listener: () => void): unknown;
}

/**
 * A map control that draws itself from shared state: it re-renders whenever one of `sources`
 * changes and on a language switch, and keeps taps on it from reaching the map beneath.
 */
export abstract class RenderedControl extends L.Control {
  protected abstract readonly box: HTMLElement;

  constructor(position: L.ControlPosition, sources: readonly Observable[]) {
    super({ position });
    for (const source of sources) source.subscribe(() => this.render());
    onLangChange(() => this.render());
  }

  override onAdd(): HTMLElement {
    L.DomEvent.disableClickPropagation(this.box);
    L.DomEvent.disableScrollPropagation(this.box);
    // A tap may re-render the control (locate me → "seeking…"), detaching the button it hit;
    // Leaflet then cannot tell the click came from a control and would pass it to the map
    // (opening a pole under the button). Stopped here, where the event still bubbles.
    L.DomEvent.on(this.box, 'click', L.DomEvent.stopPropagation);
    this.render();
    return this.box;
  }

  protected abstract render(): void;
}
