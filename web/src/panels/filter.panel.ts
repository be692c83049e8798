import { CONDITIONS, OWNERSHIP_STATUSES, POLE_STATUSES, type DistrictCollection } from '../api/api.types.ts';
import { OWNER_NONE, type PoleFilters } from '../api/poles.query.ts';
import { lang, onLangChange, t, tEnum, type MessageKey } from '../i18n/i18n.ts';
import type { Owners } from '../map/owner.colours.ts';
import { CONDITION_COLOURS, OWNERSHIP_COLOURS, dotStyle, swatchStyle } from '../map/pole.style.ts';
import { countText } from '../map/status.control.ts';
import { defaultFilters, filtersStore } from '../state/filters.store.ts';
import { viewStore } from '../state/view.store.ts';
import { h, replaceChildren } from '../ui/dom.builder.ts';
import { swatch } from '../ui/swatch.view.ts';

type ListKey = 'owner' | 'ownership' | 'condition' | 'status' | 'district';

interface Choice {
  value: string;
  label: string;
  swatch?: SVGSVGElement;
}

export interface FilterPanelOptions {
  owners: Owners;
  districts: () => DistrictCollection | null;
  onClose: () => void;
}

/**
 * Collapsible filter panel. It owns no filter state: every tick writes filtersStore (which
 * reloads the map) and sync() re-reads the store, so the shortcut checkboxes and the lists
 * can never disagree.
 */
export class FilterPanel {
  private readonly inputs: Array<{ input: HTMLInputElement; list: ListKey; value: string }> = [];
  private orphanBox: HTMLInputElement | null = null;
  private tangleBox: HTMLInputElement | null = null;
  private countEl: HTMLElement | null = null;

  constructor(private readonly el: HTMLElement, private readonly options: FilterPanelOptions) {
    el.setAttribute('aria-labelledby', 'filter-panel-title');
    this.build();
    onLangChange(() => this.build());
    filtersStore.subscribe(() => this.sync());
    viewStore.subscribe(() => this.renderCount());
  }

  /** Builds the whole panel; runs again on a language switch, then sync() restores the ticks. */
  build(): void {
    this.inputs.length = 0;
    const closeButton = h('button', { type: 'button', class: 'icon-button', 'aria-label': t('filter.close'), title: t('filter.close') }, '×');
    closeButton.addEventListener('click', () => this.options.onClose());

    this.orphanBox = h('input', { type: 'checkbox', id: 'filter-orphan' });
    this.orphanBox.addEventListener('change', () => {
      this.patch({ owner: this.orphanBox?.checked ? [OWNER_NONE] : [] });
    });
    this.tangleBox = h('input', { type: 'checkbox', id: 'filter-tangle' });
    this.tangleBox.addEventListener('change', () => this.patch({ tangle: this.tangleBox?.checked ?? false }));

    const resetButton = h('button', { type: 'button', class: 'text-button', id: 'filter-reset' }, t('filter.reset'));
    resetButton.addEventListener('click', () => filtersStore.set(defaultFilters()));

    this.countEl = h('p', { class: 'filter-count', 'aria-live': 'polite' });

    replaceChildren(
      this.el,
      h('div', { class: 'panel-head' }, h('h2', { id: 'filter-panel-title', tabindex: -1 }, t('filter.title')), closeButton),
      h(
        'div',
        { class: 'panel-body' },
        this.countEl,
        h(
          'div',
          { class: 'filter-shortcuts' },
          h('label', { class: 'check check-strong', for: 'filter-orphan' }, this.orphanBox, h('span', null, t('filter.orphanOnly'))),
          h('label', { class: 'check', for: 'filter-tangle' }, this.tangleBox, h('span', null, t('filter.tangleOnly'))),
        ),
        this.group('owner', 'filter.owner', 'filter.hintAll', this.ownerChoices()),
        this.group('condition', 'filter.condition', 'filter.hintAll', this.conditionChoices()),
        this.group('ownership', 'filter.ownership', 'filter.hintAll', this.ownershipChoices()),
        this.group('status', 'filter.status', 'filter.hintStatus', POLE_STATUSES.map((v) => ({ value: v, label: tEnum('status', v) }))),
        this.group('district', 'filter.district', 'filter.hintAll', this.districtChoices()),
        resetButton,
      ),
    );
    this.sync();
    this.renderCount();
  }

  private ownerChoices(): Choice[] {
    const { owners } = this.options;
    return [
      ...owners.carriers().map((org) => ({
        value: org.code,
        label: owners.name(org.code),
        swatch: swatch({ fill: owners.colour(org.code), stroke: '#2d2d2a', strokeWidth: 1 }, 18),
      })),
      {
        value: OWNER_NONE,
        label: t('filter.ownerNone'),
        // Exactly the hollow dashed dot the map uses for orphan poles in "by owner" mode.
        swatch: swatch(swatchStyle(dotStyle({ condition: 'good', owner_code: null, ownership_status: 'unknown' }, 'owner', owners, 15)), 18),
      },
    ];
  }

  private conditionChoices(): Choice[] {
    return CONDITIONS.map((c) => ({
      value: c,
      label: tEnum('condition', c),
      swatch: swatch({ fill: CONDITION_COLOURS[c], stroke: '#2d2d2a', strokeWidth: 1 }, 18),
    }));
  }

  private ownershipChoices(): Choice[] {
    // The same colours as the "by ownership status" map mode.
    return OWNERSHIP_STATUSES.map((v) => ({
      value: v,
      label: tEnum('ownership', v),
      swatch: swatch({ fill: OWNERSHIP_COLOURS[v], stroke: '#2d2d2a', strokeWidth: 1 }, 18),
    }));
  }

  private districtChoices(): Choice[] {
    const features = this.options.districts()?.features ?? [];
    return features.map((f) => ({
      value: f.properties.code,
      label: lang() === 'zh' ? f.properties.name_zh : f.properties.name_en || f.properties.name_zh,
    }));
  }

  private group(list: ListKey, titleKey: MessageKey, hintKey: MessageKey, choices: Choice[]): HTMLElement {
    const items = choices.map((choice) => {
      const id = `filter-${list}-${choice.value}`;
      const input = h('input', { type: 'checkbox', id, value: choice.value, name: `filter-${list}` });
      input.addEventListener('change', () => this.toggle(list, choice.value, input.checked));
      this.inputs.push({ input, list, value: choice.value });
      return h('label', { class: 'check', for: id }, input, choice.swatch ?? null, h('span', null, choice.label));
    });
    return h(
      'fieldset',
      { class: 'filter-group' },
      h('legend', null, t(titleKey), ' ', h('span', { class: 'hint' }, t(hintKey))),
      items.length > 0 ? h('div', { class: 'filter-options' }, ...items) : h('p', { class: 'hint' }, t('filter.noneLoaded')),
    );
  }

  private toggle(list: ListKey, value: string, on: boolean): void {
    const current = filtersStore.get()[list] as string[];
    const next = on ? [...new Set([...current, value])] : current.filter((v) => v !== value);
    this.patch({ [list]: next } as Partial<PoleFilters>);
  }

  private patch(change: Partial<PoleFilters>): void {
    filtersStore.set({ ...filtersStore.get(), ...change });
  }

  private sync(): void {
    const filters = filtersStore.get();
    for (const { input, list, value } of this.inputs) input.checked = (filters[list] as string[]).includes(value);
    if (this.orphanBox) this.orphanBox.checked = filters.owner.length === 1 && filters.owner[0] === OWNER_NONE;
    if (this.tangleBox) this.tangleBox.checked = filters.tangle;
  }

  private renderCount(): void {
    const v = viewStore.get();
    if (this.countEl) this.countEl.textContent = v.loaded ? countText(v) : '';
  }
}
