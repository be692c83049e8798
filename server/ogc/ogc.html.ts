/** Minimal HTML views of the OGC resources, for people who open the URLs in a browser. */
const esc = (s: unknown) => String(s ?? '').replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export function page(title: string, body: string): string {
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title)}</title><style>body{font:15px/1.5 system-ui,sans-serif;margin:2rem;max-width:70rem}table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:.25rem .5rem;text-align:left}code{background:#f3f3f3}</style>
</head><body><h1>${esc(title)}</h1>${body}</body></html>`;
}

export const linkList = (links: { href: string; rel: string; title?: string }[]) =>
  `<ul>${links.map((l) => `<li><a href="${esc(l.href)}">${esc(l.title ?? l.rel)}</a> <code>${esc(l.rel)}</code></li>`).join('')}</ul>`;

export function featureTable(features: { id?: unknown; properties: Record<string, unknown> }[]): string {
  const cols = [...new Set(features.flatMap((f) => Object.keys(f.properties)))].filter((c) => typeof features[0]?.properties[c] !== 'object' || features[0]?.properties[c] === null);
  const head = `<tr>${cols.map((c) => `<th>${esc(c)}</th>`).join('')}</tr>`;
  const rows = features.map((f) => `<tr>${cols.map((c) => `<td>${esc(f.properties[c])}</td>`).join('')}</tr>`).join('');
  return `<table>${head}${rows}</table>`;
}
