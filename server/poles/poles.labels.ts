import type { Condition, Material, OwnershipStatus, PoleStatus } from './poles.enums.ts';

/**
 * The registry's vocabularies in Chinese and English, as the map shows them. Exports print
 * them next to the codes, and imports read them back, so one table serves both directions.
 */
type Labels<T extends string> = Record<T, readonly [zh: string, en: string]>;

export const LABELS: {
  condition: Labels<Condition>;
  status: Labels<PoleStatus>;
  ownership_status: Labels<OwnershipStatus>;
  material: Labels<Material>;
} = {
  condition: { good: ['完好', 'Good'], leaning: ['倾斜', 'Leaning'], damaged: ['破损', 'Damaged'], broken: ['断杆', 'Broken'], fallen: ['倒伏', 'Fallen'] },
  status: { in_service: ['在用', 'In service'], abandoned: ['废弃', 'Abandoned'], removed: ['已拔除', 'Removed'] },
  ownership_status: {
    unknown: ['权属未知', 'Owner unknown'], claimed: ['已认领（待确认）', 'Claimed (awaiting decision)'], disputed: ['权属争议', 'Disputed'],
    confirmed: ['权属已确认', 'Owner confirmed'], presumed_abandoned: ['推定废弃', 'Presumed abandoned'],
  },
  material: { concrete: ['水泥杆', 'Concrete'], wood: ['木杆', 'Wood'], steel: ['钢杆', 'Steel'], composite: ['复合材料杆', 'Composite'], unknown: ['材质不明', 'Material unknown'] },
};

/** Other words field crews write in survey sheets for the same values. */
const SYNONYMS: { condition: Partial<Record<Condition, string[]>>; material: Partial<Record<Material, string[]>> } = {
  condition: {
    good: ['良好', '正常', '好'],
    damaged: ['损坏', '破损杆'],
    broken: ['断裂', '折断', '断'],
    fallen: ['倒杆', '倒塌', '倒地'],
  },
  material: {
    concrete: ['水泥', '混凝土', '混凝土杆', '水泥电杆'],
    wood: ['木', '木质', '木头'],
    steel: ['钢', '铁', '铁杆', '钢管杆'],
    composite: ['复合', '复合材料', '玻璃钢'],
    unknown: ['不明', '未知'],
  },
};

/** The code for a written value: the code itself, its Chinese or English label, or a synonym. */
export function parseLabel<K extends 'condition' | 'material'>(kind: K, raw: string): keyof (typeof LABELS)[K] | undefined {
  const v = raw.trim().toLowerCase();
  const labels = LABELS[kind] as Record<string, readonly [string, string]>;
  const synonyms = SYNONYMS[kind] as Record<string, string[] | undefined>;
  for (const [code, [zh, en]] of Object.entries(labels)) {
    if (v === code || v === zh || v === en.toLowerCase() || synonyms[code]?.includes(v)) return code as keyof (typeof LABELS)[K];
  }
  return undefined;
}

/** Every value a person may write for a field, for the message that refuses a cell. */
export function acceptedLabels(kind: 'condition' | 'material'): string {
  return Object.entries(LABELS[kind] as Record<string, readonly [string, string]>).map(([code, [zh]]) => `${code}/${zh}`).join(', ');
}
