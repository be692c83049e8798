/**
 * How figures are written in formal Chinese documents: amounts of money in 大写 (the form that
 * cannot be altered by adding a stroke), dates as 2026年10月12日 (GB/T 9704 writes the date in
 * Arabic numerals), and short counts of days in Chinese numerals.
 */
const CAPITAL = ['零', '壹', '贰', '叁', '肆', '伍', '陆', '柒', '捌', '玖'];
const CAPITAL_UNITS = ['', '拾', '佰', '仟'];

/** Up to four digits in capitals, with 零 for inner gaps: 1005 → 壹仟零伍, 1050 → 壹仟零伍拾. */
function capitalGroup(n: number): string {
  const digits = String(n).padStart(4, '0').split('').map(Number);
  let out = '';
  let pendingZero = false;
  digits.forEach((d, i) => {
    if (d === 0) {
      if (out !== '') pendingZero = true;
      return;
    }
    if (pendingZero) out += '零';
    pendingZero = false;
    out += CAPITAL[d]! + CAPITAL_UNITS[3 - i]!;
  });
  return out;
}

/** Whole yuan in capitals ending 元整: 5000 → 伍仟元整, 10000 → 壹万元整, 12005 → 壹万贰仟零伍元整. */
export function yuanInCapitals(yuan: number): string {
  if (!Number.isInteger(yuan) || yuan < 1 || yuan >= 100_000_000) throw new RangeError(`amount out of range: ${yuan}`);
  const high = Math.floor(yuan / 10_000);
  const low = yuan % 10_000;
  let out = high > 0 ? capitalGroup(high) + '万' : '';
  if (low > 0) out += (high > 0 && low < 1000 ? '零' : '') + capitalGroup(low);
  return `${out}元整`;
}

/** 2026-10-12 → 2026年10月12日. */
export function chineseDate(day: string): string {
  return `${Number(day.slice(0, 4))}年${Number(day.slice(5, 7))}月${Number(day.slice(8, 10))}日`;
}

const NUMERAL = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

/** Small counts (days, poles) in Chinese numerals: 3 → 三, 15 → 十五, 60 → 六十, 99 → 九十九. */
export function chineseCount(n: number): string {
  if (!Number.isInteger(n) || n < 0 || n > 99) return String(n);
  if (n < 10) return NUMERAL[n]!;
  const tens = Math.floor(n / 10);
  return `${tens === 1 ? '' : NUMERAL[tens]}十${n % 10 === 0 ? '' : NUMERAL[n % 10]}`;
}

/** ¥ with thousands separators, for the figure written next to the capitals: 5000 → 5,000. */
export const yuanFigure = (yuan: number) => yuan.toLocaleString('en-US');
