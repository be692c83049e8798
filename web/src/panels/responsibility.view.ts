import type { OrgName, Responsibility } from '../api/ownership.types.ts';
import { lang, locale, t } from '../i18n/i18n.ts';
import { formatShanghai } from '../i18n/time.format.ts';
import { h } from '../ui/dom.builder.ts';

function orgName(org: OrgName): string {
  return lang() === 'zh' ? org.name_zh || org.name_en : org.name_en || org.name_zh;
}

/**
 * 「中国电信、中国移动」 / "China Telecom and China Mobile". Chinese lists of names take the
 * enumeration comma throughout (Intl would put 和 before the last one).
 */
function orgList(orgs: readonly OrgName[]): string {
  const names = orgs.map(orgName);
  return lang() === 'zh' ? names.join('、') : new Intl.ListFormat(locale(), { type: 'conjunction' }).format(names);
}

/** Who answers for the pole, and so who must pull it (Art. 41), as sentences. */
function partyLine(r: Responsibility): string {
  switch (r.party) {
    case 'owner':
      return t('resp.owner', { orgs: orgList(r.orgs) });
    case 'attached_firms':
      return t('resp.attached', { orgs: orgList(r.orgs) });
    case 'city':
      return r.removal.cityRemoves ? t('resp.cityRemoves') : t('resp.city');
  }
}

function removalLines(r: Responsibility): string[] {
  const lines: string[] = [];
  // For attached firms the first line already says that the cables move off first.
  if (r.party !== 'attached_firms' && r.removal.mustMoveOff.length > 0) {
    lines.push(t('resp.mustMoveOff', { orgs: orgList(r.removal.mustMoveOff) }));
  }
  if (r.removal.lastOut) lines.push(t('resp.lastOut', { org: orgName(r.removal.lastOut) }));
  return lines;
}

function noticeLine(r: Responsibility): HTMLElement | null {
  const notice = r.notice;
  if (!notice) return null;
  const ends = formatShanghai(notice.ends_at) ?? notice.ends_at;
  const text =
    notice.status === 'active'
      ? t('resp.noticeActive', { date: ends })
      : notice.status === 'lapsed'
        ? t('resp.noticeLapsed', { date: ends })
        : t('resp.noticeCancelled');
  return h('p', { class: `resp-notice resp-notice-${notice.status}`, 'data-testid': 'pole-notice' }, text);
}

export function responsibilityView(r: Responsibility): HTMLElement {
  return h(
    'div',
    { class: 'responsibility', 'data-testid': 'responsibility', 'data-party': r.party },
    h('p', { class: 'resp-party' }, partyLine(r)),
    ...removalLines(r).map((line) => h('p', { class: 'resp-removal' }, line)),
    noticeLine(r),
  );
}
