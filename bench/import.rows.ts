/**
 * The survey CSV both import benches upload: deterministic rows as a field team's Excel sheet
 * has them (Chinese headers and values, GBK), scattered over the city.
 */
import iconv from 'iconv-lite';
import seedrandom from 'seedrandom';

const OWNERS = ['联通', '电信', '移动', '广电', '无主', 'unicom'];
const CONDITIONS = ['完好', '倾斜', '破损', '断杆', '倒伏', 'good'];
const MATERIALS = ['水泥杆', '木杆', '钢杆', ''];
const ROADS = ['东昌路', '兴华路', '柳园南路', '花园北路', '振兴路', '湖南路', '建设路'];

export interface SurveyRow { code: string; lng: number; lat: number; owner: string; condition: string; material: string; height: string; year: number; note: string }

/** `rows` survey rows whose codes start with `prefix`; the same prefix and count give the same rows. */
export function surveyRows(prefix: string, rows: number): SurveyRow[] {
  const rnd = seedrandom('polewatch-import-bench');
  return Array.from({ length: rows }, (_, i) => ({
    code: `${prefix}-${String(i + 1).padStart(6, '0')}`,
    lng: Number((115.93 + rnd() * 0.15).toFixed(7)),
    lat: Number((36.40 + rnd() * 0.1).toFixed(7)),
    owner: OWNERS[Math.floor(rnd() * OWNERS.length)]!,
    condition: CONDITIONS[Math.floor(rnd() * CONDITIONS.length)]!,
    material: MATERIALS[Math.floor(rnd() * MATERIALS.length)]!,
    height: (6 + rnd() * 9).toFixed(1),
    year: 1990 + Math.floor(rnd() * 35),
    note: `${ROADS[Math.floor(rnd() * ROADS.length)]}${Math.floor(rnd() * 300)}号附近`,
  }));
}

/** The rows as the GBK CSV file a surveyor uploads. */
export function surveyCsv(rows: SurveyRow[]): Buffer {
  return iconv.encode(
    ['编号,经度,纬度,权属,状况,材质,杆高,安装年份,备注', ...rows.map((r) => [r.code, r.lng, r.lat, r.owner, r.condition, r.material, r.height, r.year, r.note].join(','))].join('\r\n') + '\r\n',
    'gbk',
  );
}
