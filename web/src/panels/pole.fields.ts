import type { PoleDetailProps, PoleProps } from '../api/api.types.ts';
import { lang, t, tEnum, type MessageKey } from '../i18n/i18n.ts';
import { formatShanghai } from '../i18n/time.format.ts';
import type { Owners } from '../map/owner.colours.ts';
import { h } from '../ui/dom.builder.ts';

/** What the panel knows: list properties at once, detail properties once fetched. */
export type PanelPole = PoleProps & Partial<PoleDetailProps>;

export interface FieldRow {
  key: MessageKey;
  value: string;
  /** marks values worth a second look (orphan, broken, tangled) */
  alert?: boolean;
}

function pick(zhValue: string | null | undefined, enValue: string | null | undefined): string | null {
  return (lang() === 'zh' ? zhValue || enValue : enValue || zhValue) ?? null;
}

export function ownerLabel(pole: PanelPole, owners: Owners): string {
  if (pole.owner_code === null) return t('panel.ownerUnknown');
  return pick(pole.owner_name_zh, pole.owner_name_en) ?? owners.name(pole.owner_code);
}

export function poleFieldRows(pole: PanelPole, owners: Owners, lngLat: [number, number] | null): FieldRow[] {
  const none = t('panel.none');
  const rows: FieldRow[] = [
    { key: 'field.owner', value: ownerLabel(pole, owners), alert: pole.owner_code === null },
    { key: 'field.ownership_status', value: tEnum('ownership', pole.ownership_status) },
    {
      key: 'field.condition',
      value: tEnum('condition', pole.condition),
      alert: pole.condition === 'broken' || pole.condition === 'fallen',
    },
    { key: 'field.status', value: tEnum('status', pole.status) },
    { key: 'field.material', value: pole.material ? tEnum('material', pole.material) : none },
    { key: 'field.height_m', value: pole.height_m ? t('panel.heightValue', { h: pole.height_m }) : none },
    { key: 'field.install_year', value: pole.install_year !== null ? String(pole.install_year) : none },
    { key: 'field.district', value: pick(pole.district_name_zh, pole.district_name_en) ?? pole.district_code ?? none },
    { key: 'field.road', value: pick(pole.road_name_zh, pole.road_name_en) ?? none },
    { key: 'field.location_kind', value: pole.location_kind ? tEnum('location', pole.location_kind) : none },
    { key: 'field.cable_tangle', value: pole.cable_tangle ? t('panel.yes') : t('panel.no'), alert: pole.cable_tangle },
    { key: 'field.source_crs', value: pole.source_crs ?? none },
    { key: 'field.version', value: String(pole.version) },
    { key: 'field.updated_at', value: formatShanghai(pole.updated_at) ?? none },
  ];
  if (pole.removed_at) rows.push({ key: 'field.removed_at', value: formatShanghai(pole.removed_at) ?? none });
  if (lngLat) rows.push({ key: 'field.coordinates', value: `${lngLat[0].toFixed(6)}, ${lngLat[1].toFixed(6)}` });
  if (pole.note) rows.push({ key: 'field.note', value: pole.note });
  return rows;
}

/** The rows as the panel shows them: a definition list, worth-a-look values marked. */
export function poleFieldList(pole: PanelPole, owners: Owners, lngLat: [number, number] | null): HTMLElement {
  return h(
    'dl',
    { class: 'pole-fields' },
    ...poleFieldRows(pole, owners, lngLat).map((row) =>
      h('div', { class: row.alert ? 'field field-alert' : 'field' }, h('dt', null, t(row.key)), h('dd', null, row.value)),
    ),
  );
}
