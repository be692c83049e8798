import * as L from 'leaflet';
import type { SummaryProps } from '../api/api.types.ts';
import { formatNumber, locale, t } from '../i18n/i18n.ts';

/** Area grows with the count, but on a log scale so one dense cell doesn't swallow the map. */
export function clusterDiameter(count: number, maxDiameter = 78): number {
  return Math.round(Math.max(22, Math.min(78, maxDiameter, 26 + 8 * Math.log2(1 + count / 5))));
}

/** Compact label (12 345 → "1.2万" / "12K") so big counts fit the circle; Intl knows each language's way. */
function shortCount(n: number): string {
  if (n < 10000) return formatNumber(n);
  return new Intl.NumberFormat(locale(), { notation: 'compact', maximumFractionDigits: 1 }).format(n);
}

/**
 * A summary cell: a count in a blue disc, a red arc whose length is the share of broken or
 * fallen poles, and a black badge with the number of orphan poles.
 */
export function clusterIcon(p: SummaryProps, maxDiameter?: number): L.DivIcon {
  const d = clusterDiameter(p.count, maxDiameter);
  const root = document.createElement('div');
  root.className = 'cluster';
  root.style.width = root.style.height = `${d}px`;
  if (p.broken > 0) {
    // Never thinner than a visible sliver: one broken pole among 900 still matters.
    const share = Math.max(8, Math.min(100, (p.broken / Math.max(1, p.count)) * 100));
    root.style.setProperty('--broken-share', `${share}%`);
    root.classList.add('cluster-broken');
  }
  const disc = document.createElement('span');
  disc.className = 'cluster-disc';
  disc.textContent = shortCount(p.count);
  root.appendChild(disc);
  if (p.orphan > 0) {
    const badge = document.createElement('span');
    badge.className = 'cluster-orphan';
    badge.textContent = shortCount(p.orphan);
    root.appendChild(badge);
  }
  return L.divIcon({ className: 'cluster-icon', html: root, iconSize: [d, d], iconAnchor: [d / 2, d / 2] });
}

export function clusterTitle(p: SummaryProps): string {
  return t('cluster.title', { count: p.count, broken: p.broken, orphan: p.orphan, tangle: p.tangle });
}
