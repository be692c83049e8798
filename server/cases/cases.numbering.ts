import type { CaseDocumentConfig } from '../config/config.ts';

/**
 * Case and document numbers in the form official documents use (发文字号):
 * <机关代字><种类>〔年份〕第<序号>号, numbered per kind per year. The sequence itself comes from
 * case_counters under a row lock (cases.repo nextCounter), so two issues never share a number.
 */
export type DocumentKind = 'order' | 'penalty_notice' | 'decision';

/** The kind part of the number: 责令改正 → 责改, 处罚告知 → 罚告, 处罚决定 → 罚决. */
const KIND_CODE: Record<DocumentKind, string> = { order: '责改', penalty_notice: '罚告', decision: '罚决' };

const serial = (prefix: string, year: number, n: number) => `${prefix}〔${year}〕第${String(n).padStart(4, '0')}号`;

export const caseNumber = (c: CaseDocumentConfig, year: number, n: number) => serial(c.casePrefix, year, n);
export const documentNumber = (c: CaseDocumentConfig, kind: DocumentKind, year: number, n: number) => serial(c.documentPrefix + KIND_CODE[kind], year, n);

/** Document titles as printed. */
export const DOCUMENT_TITLE: Record<DocumentKind, string> = {
  order: '责令限期改正通知书',
  penalty_notice: '行政处罚告知书',
  decision: '行政处罚决定书',
};
