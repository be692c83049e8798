import type { Campaign, LocationKind } from '../api/dashboard.types.ts';
import { lang, t } from '../i18n/i18n.ts';

/** Names the server sends in both languages, shown in the current one. */
export function localName(item: { name_zh: string; name_en: string }): string {
  return lang() === 'zh' ? item.name_zh : item.name_en || item.name_zh;
}

export function campaignName(campaign: Campaign | null): string {
  return campaign ? localName(campaign) : t('campaign.noCampaign');
}

/** The bulletins' four kinds of place (主干道/街道/背街小巷/居民小区); an unknown one as sent. */
export function kindName(kind: LocationKind | string): string {
  switch (kind) {
    case 'main_road':
      return t('campaign.kind.main_road');
    case 'street':
      return t('campaign.kind.street');
    case 'alley':
      return t('campaign.kind.alley');
    case 'compound':
      return t('campaign.kind.compound');
    default:
      return kind;
  }
}
