import type { PoleCollection, PoleFeature } from '../api/api.types.ts';
import { PORTAL_SCOPES, type PortalScope } from '../api/ownership.types.ts';
import { fetchPortalPoles } from '../api/ownership.api.ts';
import type { PoleNavigator } from '../app/pole.navigator.ts';
import { t, tEnum, type MessageKey } from '../i18n/i18n.ts';
import { bdi, h, type Child } from '../ui/dom.builder.ts';
import { LoadedView } from './loaded.view.ts';
import { itemHead, zoomButton } from './zoom.button.ts';

const PORTAL_LIMIT = 200;

const SCOPE_LABELS: Record<PortalScope, MessageKey> = {
  owned: 'portal.scope.owned',
  attached: 'portal.scope.attached',
  orphans_near: 'portal.scope.orphans_near',
};
const SCOPE_HINTS: Record<PortalScope, MessageKey> = {
  owned: 'portal.hint.owned',
  attached: 'portal.hint.attached',
  orphans_near: 'portal.hint.orphans_near',
};

/** A carrier's poles: its own, those its cables hang on, and orphan poles near its network. */
export class PortalPoles extends LoadedView<PoleCollection> {
  private scope: PortalScope = 'owned';

  constructor(private readonly navigator: PoleNavigator) {
    super();
  }

  protected fetch(signal: AbortSignal): Promise<PoleCollection> {
    return fetchPortalPoles(this.scope, PORTAL_LIMIT, signal);
  }

  /** Sub-choice as a segmented control, not tabs: the work panel's tabs are already above it. */
  protected override head(): Child[] {
    const options = PORTAL_SCOPES.map((scope) => {
      const button = h(
        'button',
        { type: 'button', class: 'segment', 'aria-pressed': String(scope === this.scope), 'data-testid': `portal-scope-${scope}` },
        t(SCOPE_LABELS[scope]),
      );
      button.addEventListener('click', () => {
        if (scope === this.scope) return;
        this.scope = scope;
        this.state = { state: 'loading' };
        this.render();
        this.refresh();
      });
      return button;
    });
    return [h('div', { class: 'segments', role: 'group', 'aria-label': t('portal.scopeLabel') }, ...options), h('p', { class: 'hint' }, t(SCOPE_HINTS[this.scope]))];
  }

  protected renderValue(poles: PoleCollection): Child[] {
    if (poles.features.length === 0) return [h('p', { class: 'hint work-empty' }, t('portal.empty'))];
    return [
      h('p', { class: 'work-count' }, poles.features.length >= PORTAL_LIMIT ? t('portal.countCapped', { n: PORTAL_LIMIT }) : t('portal.count', { n: poles.features.length })),
      h('ul', { class: 'work-list', 'data-testid': 'portal-poles' }, ...poles.features.map((f) => this.item(f))),
    ];
  }

  private item(feature: PoleFeature): HTMLElement {
    const p = feature.properties;
    return h(
      'li',
      { class: 'work-item', 'data-pole-id': p.id },
      itemHead(
        zoomButton(() => this.navigator.goTo(p.id), t('work.zoomLabel', { code: p.code })),
        h('span', { class: 'work-item-code' }, bdi(p.code)),
        h('span', { class: `chip chip-condition-${p.condition}` }, tEnum('condition', p.condition)),
        h('span', { class: `chip chip-ownership-${p.ownership_status}` }, tEnum('ownership', p.ownership_status)),
      ),
    );
  }
}
