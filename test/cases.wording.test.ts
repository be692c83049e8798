import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chineseCount, chineseDate, yuanInCapitals } from '../server/cases/cases.wording.ts';
import { addWorkingDays, isWorkingDay, yearsCounted, type DayKind } from '../server/calendar/calendar.rules.ts';

test('amounts in capitals (大写) as formal documents write them', () => {
  const cases: [number, string][] = [
    [1000, '壹仟元整'], [1005, '壹仟零伍元整'], [1050, '壹仟零伍拾元整'], [1100, '壹仟壹佰元整'], [2500, '贰仟伍佰元整'],
    [5000, '伍仟元整'], [9999, '玖仟玖佰玖拾玖元整'], [10000, '壹万元整'], [10010, '壹万零壹拾元整'], [12005, '壹万贰仟零伍元整'],
    [100000, '壹拾万元整'], [1, '壹元整'], [10, '壹拾元整'], [101, '壹佰零壹元整'],
  ];
  for (const [n, zh] of cases) assert.equal(yuanInCapitals(n), zh, String(n));
  assert.throws(() => yuanInCapitals(1000.5));
  assert.throws(() => yuanInCapitals(0));
});

test('dates and small counts in Chinese', () => {
  assert.equal(chineseDate('2026-10-08'), '2026年10月8日');
  assert.equal(chineseDate('2026-12-31'), '2026年12月31日');
  assert.deepEqual([1, 3, 5, 10, 15, 20, 60, 99].map(chineseCount), ['一', '三', '五', '十', '十五', '二十', '六十', '九十九']);
});

test('working days on the 2026 calendar: holidays skipped, make-up days counted', () => {
  // The 2026 entries around Mid-Autumn and National Day, as migration 0009 holds them.
  const cal = new Map<string, DayKind>([
    ['2026-09-20', 'workday'], ['2026-09-25', 'holiday'], ['2026-09-26', 'holiday'], ['2026-09-27', 'holiday'],
    ...['01', '02', '03', '04', '05', '06', '07'].map((d) => [`2026-10-${d}`, 'holiday'] as [string, DayKind]),
    ['2026-10-10', 'workday'],
  ]);
  assert.equal(isWorkingDay('2026-09-20', cal), true, 'Sunday 09-20 is a make-up working day');
  assert.equal(isWorkingDay('2026-09-19', cal), false, 'Saturday 09-19 is not');
  assert.equal(isWorkingDay('2026-10-10', cal), true, 'Saturday 10-10 is a make-up working day');
  assert.equal(isWorkingDay('2026-10-05', cal), false, 'Monday 10-05 is a holiday');
  assert.equal(addWorkingDays('2026-09-30', 1, cal), '2026-10-08');
  assert.equal(addWorkingDays('2026-09-28', 3, cal), '2026-10-08');
  assert.equal(addWorkingDays('2026-10-09', 1, cal), '2026-10-10');
  assert.equal(addWorkingDays('2026-10-08', 3, cal), '2026-10-12');
  assert.equal(addWorkingDays('2026-09-18', 1, cal), '2026-09-20', 'Friday + 1 lands on the Sunday make-up day');
  assert.equal(addWorkingDays('2026-09-24', 1, cal), '2026-09-28', 'Mid-Autumn Friday to Sunday are off');
  assert.deepEqual(yearsCounted('2026-12-31', '2027-01-08'), [2027]);
  assert.deepEqual(yearsCounted('2026-12-20', '2027-01-08'), [2026, 2027]);
});
