import type { CaseAction, CaseDocument, DocumentKind, DocumentRequest } from '../api/cases.types.ts';
import { t, tEnum } from '../i18n/i18n.ts';
import { h, type Child } from '../ui/dom.builder.ts';
import { field } from '../ui/form.field.ts';
import { FineField, ServiceFields } from './action.fields.ts';
import type { ActionContext } from './action.steps.ts';
import { documentLink } from './case.documents.ts';
import { DeadlineField } from './deadline.field.ts';
import type { Step } from './step.dialog.ts';

type DocumentRef = Pick<CaseDocument, 'id' | 'kind' | 'number' | 'url'>;

/** An issued document that has not been acted on yet: the step can go on with it. */
function pendingDocument(documents: readonly CaseDocument[], kind: DocumentKind): CaseDocument | null {
  const candidates = documents.filter((d) => d.kind === kind && d.served_on === null);
  return candidates[candidates.length - 1] ?? null;
}

/** 「已制作 … 请打开打印后送达」 with the link to the print-ready page. */
function issuedNote(doc: DocumentRef, fresh: boolean): HTMLElement {
  const kind = tEnum('case.doc', doc.kind);
  return h(
    'div',
    { class: 'issued-note', 'data-testid': 'issued-note' },
    h('p', null, fresh ? t('act.issued', { kind, number: doc.number }) : t('act.pending', { kind, number: doc.number })),
    documentLink(doc),
  );
}

/** The order's own fields: what to correct, and by when. */
function orderFields(): { nodes: Child[]; read: () => DocumentRequest | null } {
  const required = field(t('order.required'), h('textarea', { name: 'correction_required', rows: 3, maxlength: 2000 }), t('order.requiredHint'));
  const deadline = new DeadlineField();
  return {
    nodes: [required.row, deadline.el],
    read: () => {
      const text = required.control.value.trim();
      required.setError(text === '' ? t('order.requiredMissing') : null);
      if (text === '') return required.control.focus(), null;
      const by = deadline.read();
      return by ? { kind: 'order', correction_required: text, ...by } : null;
    },
  };
}

/** The proposed fine, with what it means for the party's right to a hearing as it is typed. */
function noticeFields(threshold: number): { nodes: Child[]; read: () => DocumentRequest | null } {
  const fine = new FineField(t('notice.fine'), t('notice.fineHint'), 'proposed_fine');
  const hint = h('p', { class: 'hearing-hint', 'aria-live': 'polite', 'data-testid': 'hearing-hint' });
  const update = (): void => {
    const value = fine.value();
    hint.textContent = value === null ? '' : value >= threshold ? t('notice.hearing', { n: threshold }) : t('notice.noHearing', { n: threshold });
    hint.classList.toggle('hearing-hint-on', value !== null && value >= threshold);
  };
  fine.handle.control.addEventListener('input', update);
  return {
    nodes: [fine.handle.row, hint],
    read: () => {
      const value = fine.read();
      return value === null ? null : { kind: 'penalty_notice', proposed_fine: value };
    },
  };
}

function decisionFields(proposed: number | null): { nodes: Child[]; read: () => DocumentRequest | null } {
  const fine = new FineField(t('decision.fine'), t('decision.fineHint', { n: proposed ?? '—' }), 'fine_yuan', proposed);
  return {
    nodes: [fine.handle.row],
    read: () => {
      const value = fine.read();
      return value === null ? null : { kind: 'decision', fine_yuan: value };
    },
  };
}

/**
 * Steps that rest on a document: 责令限期改正 (issue the order, then record its service),
 * 拟处罚告知 (the notice, then its service) and 处罚决定 (issue the decision, then decide).
 * A document issued earlier and not yet acted on is picked up where it was left, with the
 * choice to issue a new one instead (a typo in the deadline must not be served).
 */
export function documentStep(action: CaseAction, kind: DocumentKind, ctx: ActionContext): Step {
  const c = ctx.detail();
  const pending = pendingDocument(c.documents, kind);
  return pending ? useStep(action, pending, false, ctx) : issueStep(action, kind, ctx);
}

function issueStep(action: CaseAction, kind: DocumentKind, ctx: ActionContext): Step {
  const c = ctx.detail();
  const fields = kind === 'order' ? orderFields() : kind === 'penalty_notice' ? noticeFields(c.settings.hearing_threshold) : decisionFields(c.proposed_fine);
  return {
    content: [
      h('p', { class: 'hint' }, t(kind === 'order' ? 'act.intro.serve_order' : kind === 'penalty_notice' ? 'act.intro.serve_notice' : 'act.intro.decide')),
      h('h3', { class: 'step-title' }, t('act.step1'), ' · ', tEnum('case.doc', kind)),
      ...fields.nodes,
    ],
    confirmLabel: t('act.issue'),
    run: () => {
      const request = fields.read();
      if (!request) return null;
      return ctx.issue(request).then((doc) => useStep(action, doc, true, ctx));
    },
  };
}

function useStep(action: CaseAction, doc: DocumentRef, fresh: boolean, ctx: ActionContext): Step {
  const again = (goTo: (next: Step) => void): HTMLElement | null => {
    // Only where the server would issue another one now.
    if (!(ctx.detail().can_issue ?? []).includes(doc.kind)) return null;
    const button = h('button', { type: 'button', class: 'button button-small', 'data-testid': 'issue-new' }, t('act.issueNew'));
    button.addEventListener('click', () => goTo(issueStep(action, doc.kind, ctx)));
    return button;
  };
  if (action === 'decide') {
    return {
      content: (goTo) => [issuedNote(doc, fresh), again(goTo)],
      confirmLabel: t('case.action.decide'),
      run: () => ctx.move({ action, document_id: doc.id }).then(() => 'done' as const),
    };
  }
  const service = new ServiceFields();
  return {
    content: (goTo) => [issuedNote(doc, fresh), again(goTo), h('h3', { class: 'step-title' }, t('act.step2')), ...service.rows],
    confirmLabel: tEnum('case.action', action),
    run: () => {
      const s = service.read();
      return s ? ctx.move({ action, document_id: doc.id, service: s }).then(() => 'done' as const) : null;
    },
  };
}
