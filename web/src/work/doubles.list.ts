import type * as L from 'leaflet';
import type { DoubleCandidate, DoublePole } from '../api/ownership.types.ts';
import { fetchDoubles } from '../api/ownership.api.ts';
import type { PoleNavigator } from '../app/pole.navigator.ts';
import { formatNumber, t, tEnum } from '../i18n/i18n.ts';
import { bdi, h, type Child } from '../ui/dom.builder.ts';
import { LoadedView } from './loaded.view.ts';
import { itemHead, zoomButton } from './zoom.button.ts';

/** Below this the view spans whole districts: too many pairs to read, too slow to find. */
const MIN_ZOOM = 15;

function poleLine(label: string, pole: DoublePole): HTMLElement {
  const year = pole.install_year !== null ? t('doubles.year', { y: String(pole.install_year) }) : null;
  return h(
    'p',
    { class: 'double-pole' },
    h('span', { class: 'double-role' }, label),
    ' ',
    bdi(pole.code),
    ' · ',
    tEnum('condition', pole.condition),
    year ? ` · ${year}` : null,
  );
}

/**
 * Double poles in the current view: a new pole put up beside an old one that was never
 * pulled. The server names which of each pair is the removal candidate.
 */
export class DoublesList extends LoadedView<DoubleCandidate[] | null> {
  constructor(
    private readonly map: L.Map,
    private readonly navigator: PoleNavigator,
  ) {
    super();
  }

  protected fetch(signal: AbortSignal): Promise<DoubleCandidate[] | null> {
    if (this.map.getZoom() < MIN_ZOOM) return Promise.resolve(null);
    const b = this.map.getBounds();
    return fetchDoubles([b.getWest(), b.getSouth(), b.getEast(), b.getNorth()], signal);
  }

  protected override head(): Child[] {
    const search = h('button', { type: 'button', class: 'button button-small', 'data-testid': 'doubles-search' }, t('doubles.search'));
    search.addEventListener('click', () => this.refresh());
    return [h('p', { class: 'hint' }, t('doubles.intro')), search];
  }

  protected renderValue(pairs: DoubleCandidate[] | null): Child[] {
    if (pairs === null) return [h('p', { class: 'hint work-empty' }, t('doubles.zoomIn'))];
    if (pairs.length === 0) return [h('p', { class: 'hint work-empty' }, t('doubles.empty'))];
    return [
      h('p', { class: 'work-count' }, t('doubles.count', { n: pairs.length })),
      h(
        'ul',
        { class: 'work-list', 'data-testid': 'doubles-list' },
        ...pairs.map((pair) =>
          h(
            'li',
            { class: 'work-item' },
            itemHead(
              zoomButton(() => this.navigator.showPair(pair.keep, pair.remove.id), t('work.zoomLabel', { code: pair.remove.code })),
              h('span', { class: 'work-item-code' }, t('doubles.distance', { m: formatNumber(Math.round(pair.distance_m * 10) / 10) })),
            ),
            poleLine(t('doubles.remove'), pair.remove),
            poleLine(t('doubles.keep'), pair.keep),
          ),
        ),
      ),
    ];
  }
}
