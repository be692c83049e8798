/**
 * The printed page every case document shares: A4, official-document type sizes, a CJK font
 * list that every office machine and the server's Chromium can satisfy, and the table of poles.
 * Everything that comes from data passes through esc(), so a name with markup prints as text.
 */
import { LABELS } from '../poles/poles.labels.ts';
import type { Condition, PoleStatus } from '../poles/poles.enums.ts';
import type { CasePole } from './cases.poles.repo.ts';
import { chineseDate } from './cases.wording.ts';

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
export const esc = (s: string | number): string => String(s).replace(/[&<>"']/g, (c) => ENTITIES[c]!);

const STYLE = `@page { size: A4; margin: 30mm 26mm 28mm 28mm; }
html { background: #fff; }
body { margin: 0 auto; max-width: 156mm; color: #000; font-size: 15pt; line-height: 1.75;
  font-family: "FangSong", "STFangsong", "Noto Serif CJK SC", "Noto Sans CJK SC", "WenQuanYi Micro Hei", "Microsoft YaHei", sans-serif; }
header { text-align: center; margin-bottom: 6mm; }
.authority { font-size: 20pt; letter-spacing: 0.15em; margin: 0; }
h1 { font-size: 22pt; font-weight: bold; letter-spacing: 0.1em; margin: 2mm 0 3mm; }
.docno { text-align: right; font-size: 13pt; margin: 0; }
p { margin: 0 0 1.5mm; text-indent: 2em; text-align: justify; }
p.party, p.plain { text-indent: 0; }
.fine { font-weight: bold; }
table.poles { width: 100%; border-collapse: collapse; font-size: 10.5pt; line-height: 1.4; margin: 3mm 0 4mm; page-break-inside: auto; }
table.poles caption { font-size: 12pt; font-weight: bold; margin-bottom: 1mm; }
table.poles th, table.poles td { border: 0.5pt solid #000; padding: 1mm 1.5mm; text-align: center; }
table.poles tr { page-break-inside: avoid; }
.sign { margin: 12mm 0 0 auto; width: 70mm; text-align: center; page-break-inside: avoid; }
.sign p { text-indent: 0; text-align: center; }
.seal { color: #666; font-size: 11pt; }
.receipt { margin-top: 10mm; border-top: 0.5pt dashed #000; padding-top: 3mm; font-size: 12pt; page-break-inside: avoid; }
.receipt p { text-indent: 0; }
.ref { font-size: 10.5pt; color: #333; text-indent: 0; margin-top: 4mm; }
@media screen { body { padding: 16mm 0; } }`;

export interface PageParts {
  title: string;
  authority: string;
  number: string;
  body: string;
}

export function page(p: PageParts): string {
  return `<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(p.title)} ${esc(p.number)}</title>
<style>
${STYLE}
</style>
</head>
<body>
<header>
<p class="authority">${esc(p.authority)}</p>
<h1>${esc(p.title)}</h1>
<p class="docno">${esc(p.number)}</p>
</header>
<main>
${p.body}
</main>
</body>
</html>
`;
}

const condition = (c: string) => LABELS.condition[c as Condition]?.[0] ?? c;
const status = (s: string) => LABELS.status[s as PoleStatus]?.[0] ?? s;

/** The poles the case is about, each with its code, where it stands and what state it is in. */
export function polesTable(poles: CasePole[]): string {
  const rows = poles.map((p, i) => `<tr><td>${i + 1}</td><td>${esc(p.code)}</td><td>${esc(p.district_name_zh ?? '')}${esc(p.road_name_zh ?? '')}</td>`
    + `<td>${p.lng.toFixed(6)}</td><td>${p.lat.toFixed(6)}</td><td>${esc(status(p.status))}、${esc(condition(p.condition))}</td></tr>`);
  return `<table class="poles">
<caption>涉案通信线杆清单（共${poles.length}根）</caption>
<thead><tr><th>序号</th><th>线杆编号</th><th>所在位置</th><th>经度（WGS84）</th><th>纬度（WGS84）</th><th>现状</th></tr></thead>
<tbody>
${rows.join('\n')}
</tbody>
</table>`;
}

/** The authority, the seal's place and the date of issue, bottom right as official documents have them. */
export function signature(authority: string, issuedOn: string): string {
  return `<div class="sign">
<p>${esc(authority)}</p>
<p class="seal">（印章）</p>
<p>${chineseDate(issuedOn)}</p>
</div>`;
}

/** The party's acknowledgement of receipt, filled in by hand at service. */
export const receipt = (caseNumber: string) => `<div class="receipt">
<p>受送达人（签名或者盖章）：＿＿＿＿＿＿　　送达日期：　　　年　　月　　日</p>
<p class="ref">案件编号：${esc(caseNumber)}</p>
</div>`;
