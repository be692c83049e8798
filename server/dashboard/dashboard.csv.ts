/**
 * CSV that Excel opens correctly: UTF-8 with a BOM (so Chinese is not read as GBK), CRLF line
 * ends, quoted cells, and any cell that Excel would run as a formula (= + - @, tab, CR)
 * prefixed with an apostrophe so it stays text.
 */
const FORMULA = /^[=+\-@\t\r]/;

export function csvCell(v: unknown): string {
  let s = v === null || v === undefined ? '' : String(v);
  if (typeof v === 'string' && FORMULA.test(s)) s = `'${s}`;
  return /[",\r\n']/.test(s) || s !== s.trim() ? `"${s.replace(/"/g, '""')}"` : s;
}

export function toCsv(header: string[], rows: unknown[][]): string {
  return '\uFEFF' + [header, ...rows].map((r) => r.map(csvCell).join(',')).join('\r\n') + '\r\n';
}
