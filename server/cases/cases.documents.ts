/**
 * The three documents of the procedure, rendered once at issue and stored byte for byte:
 * 责令限期改正通知书 (order to correct), 行政处罚告知书 (notice of intended penalty) and
 * 行政处罚决定书 (penalty decision). Pure: the facts come in, complete HTML comes out.
 * The statutes cited besides the city regulation are the Administrative Penalty Law as revised
 * in 2021 (Arts. 44, 45, 63, 64, 67, 72, 73); the regulation itself comes from config.
 */
import type { CaseDocumentConfig } from '../config/config.ts';
import type { CasePole } from './cases.poles.repo.ts';
import type { DocumentTerms } from './cases.documents.repo.ts';
import type { Category } from './cases.repo.ts';
import { DOCUMENT_TITLE, type DocumentKind } from './cases.numbering.ts';
import { esc, page, polesTable, receipt, signature } from './cases.print.ts';
import { chineseCount, chineseDate, yuanFigure, yuanInCapitals } from './cases.wording.ts';

/** Art. 41: the fine for not correcting by the deadline, in whole yuan. */
export const FINE_MIN = 1000;
export const FINE_MAX = 10000;

/** What was found, as the documents word it. */
export const CATEGORY_TEXT: Record<Category, string> = {
  abandoned_not_removed: '废弃的通信线杆未及时拆除',
  broken_unmaintained: '通信线杆破损、倾斜未及时维护',
  tangled_cables: '通信线缆杂乱缠绕未及时整理',
  unauthorised_attachment: '未经许可在线杆上架设、挂载线缆',
  other: '通信线杆设施不符合管理要求',
};

export interface DocumentFacts {
  config: CaseDocumentConfig;
  kind: DocumentKind;
  number: string;
  issuedOn: string;
  caseNumber: string;
  category: Category;
  description: string;
  foundOn: string;
  party: string;
  poles: CasePole[];
  terms: DocumentTerms;
  /** For the notice and the decision: the order that was served and the failed recheck. */
  order?: { number: string; servedOn: string; deadline: string; recheckOn: string; recheckNote: string };
  /** For the decision: the notice that was served and what came of the hearing right. */
  notice?: { number: string; servedOn: string; statementEndsOn: string; hearingOffered: boolean; hearingRequestedOn: string | null; hearingHeldOn: string | null };
}

/** Free text from officers ends as a sentence, whatever punctuation they typed. */
const sentence = (s: string) => (/[。！？.!?；;]$/.test(s.trim()) ? esc(s.trim()) : `${esc(s.trim())}。`);
const para = (html: string, cls = '') => `<p${cls ? ` class="${cls}"` : ''}>${html}</p>`;
const basis = (c: CaseDocumentConfig) => `${esc(c.regulation)}${esc(c.article)}`;
const fine = (yuan: number) => `<span class="fine">罚款人民币${yuanFigure(yuan)}元（大写：${yuanInCapitals(yuan)}）</span>`;
const remedies = (c: CaseDocumentConfig, what: string) =>
  para(`如不服本${what}，可以在收到本${what}之日起六十日内向${esc(c.reviewBody)}申请行政复议，或者在六个月内依法向人民法院提起行政诉讼。`);
const locations = (poles: CasePole[]) => {
  const places = [...new Set(poles.map((p) => `${p.district_name_zh ?? ''}${p.road_name_zh ?? ''}`).filter((s) => s !== ''))];
  return places.length ? `位于${esc(places.slice(0, 5).join('、'))}${places.length > 5 ? '等处' : ''}的` : '';
};

function foundFacts(f: DocumentFacts, lead = ''): string {
  return para(`${lead}经查，你单位所有或者使用的${locations(f.poles)}通信线杆共${chineseCount(f.poles.length)}根（编号、坐标见下表），存在${CATEGORY_TEXT[f.category]}的情形。`
    + `本机关执法人员于${chineseDate(f.foundOn)}现场检查发现，现场情况为：${sentence(f.description)}`);
}

function orderBody(f: DocumentFacts): string {
  const t = f.terms;
  const within = t.correction_working_days ? `（自本通知书签发之日起${chineseCount(t.correction_working_days)}个工作日内）` : '';
  return [
    para(`${esc(f.party)}：`, 'party'),
    foundFacts(f),
    para(`你单位的上述行为违反了${basis(f.config)}的规定。依据${basis(f.config)}的规定，现责令你单位于${chineseDate(t.correction_deadline!)}前（含当日）${within}改正，具体要求：${sentence(t.correction_required!)}`),
    para('改正完成后，请及时告知本机关并提供改正情况的照片等材料。期限届满后，本机关将进行复查。'),
    para(`逾期不改正的，本机关将依据${basis(f.config)}的规定，对你单位处一千元以上一万元以下罚款。`),
    remedies(f.config, '通知'),
    polesTable(f.poles),
    signature(f.config.authority, f.issuedOn),
    receipt(f.caseNumber),
  ].join('\n');
}

function orderHistory(f: DocumentFacts): string {
  const o = f.order!;
  return para(`本机关于${chineseDate(o.servedOn)}向你单位送达了《责令限期改正通知书》（${esc(o.number)}），责令你单位于${chineseDate(o.deadline)}前（含当日）改正上述违法行为。`
    + `本机关执法人员于${chineseDate(o.recheckOn)}复查，你单位逾期未改正。复查情况：${sentence(o.recheckNote)}`);
}

const EVIDENCE = '以上事实有现场检查记录、现场照片、《责令限期改正通知书》及其送达记录、复查记录等证据证实。';

function noticeBody(f: DocumentFacts): string {
  const t = f.terms;
  return [
    para(`${esc(f.party)}：`, 'party'),
    foundFacts(f),
    orderHistory(f),
    para(EVIDENCE),
    para(`你单位的上述行为违反了${basis(f.config)}的规定。依据${basis(f.config)}的规定，本机关拟对你单位作出如下行政处罚：${fine(t.proposed_fine!)}。`),
    para(`根据《中华人民共和国行政处罚法》第四十四条、第四十五条的规定，你单位有权进行陈述和申辩。你单位可以在收到本告知书之日起${chineseCount(t.statement_days!)}个工作日内向本机关提出陈述、申辩；逾期未提出的，视为放弃陈述、申辩的权利。本机关不因你单位陈述、申辩而给予更重的处罚。`),
    t.hearing_available
      ? para(`因拟处罚款数额达到${yuanFigure(t.hearing_threshold!)}元，根据《中华人民共和国行政处罚法》第六十三条、第六十四条的规定，你单位有权要求举行听证。你单位要求听证的，应当在收到本告知书之日起${chineseCount(t.hearing_request_days!)}个工作日内向本机关提出；逾期未提出的，视为放弃听证的权利。`)
      : '',
    polesTable(f.poles),
    signature(f.config.authority, f.issuedOn),
    receipt(f.caseNumber),
  ].filter((s) => s !== '').join('\n');
}

function hearingOutcome(n: NonNullable<DocumentFacts['notice']>): string {
  if (!n.hearingOffered) return '';
  if (n.hearingRequestedOn && n.hearingHeldOn) return `你单位于${chineseDate(n.hearingRequestedOn)}要求听证，本机关于${chineseDate(n.hearingHeldOn)}依法举行了听证。`;
  return '你单位在规定期限内未要求听证。';
}

function decisionBody(f: DocumentFacts): string {
  const t = f.terms;
  const n = f.notice!;
  return [
    para(`当事人：${esc(f.party)}`, 'party'),
    foundFacts(f, '违法事实：'),
    orderHistory(f),
    para(EVIDENCE),
    para(`本机关于${chineseDate(n.servedOn)}向你单位送达了《行政处罚告知书》（${esc(n.number)}），告知了拟作出行政处罚的事实、理由、依据以及你单位依法享有的陈述、申辩${n.hearingOffered ? '、要求听证' : ''}的权利。陈述、申辩期限已于${chineseDate(n.statementEndsOn)}届满。${hearingOutcome(n)}`),
    para(`本机关认为，你单位的上述行为违反了${basis(f.config)}的规定。依据${basis(f.config)}的规定，本机关决定对你单位作出如下行政处罚：${fine(t.fine_yuan!)}。`),
    para(`依照《中华人民共和国行政处罚法》第六十七条第三款的规定，你单位应当自收到本决定书之日起${chineseCount(t.payment_days!)}日内，到指定的银行或者通过电子支付系统缴纳罚款。到期不缴纳罚款的，本机关可以依照《中华人民共和国行政处罚法》第七十二条第一款的规定，每日按罚款数额的百分之三加处罚款（加处罚款的数额不超出罚款的数额），并可以依法申请人民法院强制执行。`),
    remedies(f.config, '决定'),
    para('行政复议或者行政诉讼期间，本决定不停止执行，法律另有规定的除外。'),
    polesTable(f.poles),
    signature(f.config.authority, f.issuedOn),
    receipt(f.caseNumber),
  ].join('\n');
}

const BODY: Record<DocumentKind, (f: DocumentFacts) => string> = { order: orderBody, penalty_notice: noticeBody, decision: decisionBody };

export function renderDocument(f: DocumentFacts): string {
  return page({ title: DOCUMENT_TITLE[f.kind], authority: f.config.authority, number: f.number, body: BODY[f.kind](f) });
}
