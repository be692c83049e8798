import type { CaseAction, CaseDetail, DocumentRequest, IssuedDocument, TransitionRequest } from '../api/cases.types.ts';
import { t, tEnum, type MessageKey } from '../i18n/i18n.ts';
import { h } from '../ui/dom.builder.ts';
import { PaymentFields, ReasonField, ServiceFields } from './action.fields.ts';
import { documentStep } from './document.steps.ts';
import { stepDialog, type Step } from './step.dialog.ts';

/** What a step's form may do to the case; the panel sends with the case's current version. */
export interface ActionContext {
  /** the case as last loaded (its version, documents, settings) */
  detail: () => CaseDetail;
  move: (body: Omit<TransitionRequest, 'version'>) => Promise<void>;
  issue: (request: DocumentRequest) => Promise<IssuedDocument>;
}

type Body = Omit<TransitionRequest, 'version' | 'action'>;

/** A step whose only field is nothing at all, or a reason. */
function simpleStep(action: CaseAction, ctx: ActionContext, intro: MessageKey, reason?: { label: MessageKey; required: boolean }): Step {
  const field = reason ? new ReasonField(t(reason.label), reason.required) : null;
  return {
    content: [h('p', null, t(intro)), field?.handle.row ?? null],
    confirmLabel: tEnum('case.action', action),
    danger: action === 'withdraw',
    run: () => {
      const text = field ? field.read() : '';
      if (text === null) return null;
      const body: Body = text ? { reason: text } : {};
      return ctx.move({ action, ...body }).then(() => 'done' as const);
    },
  };
}

function fieldsStep(action: CaseAction, ctx: ActionContext, intro: MessageKey, fields: ServiceFields | PaymentFields): Step {
  return {
    content: [h('p', null, t(intro)), ...fields.rows],
    confirmLabel: tEnum('case.action', action),
    run: () => {
      const value = fields.read();
      if (!value) return null;
      const body: Body = 'method' in value ? { service: value } : value;
      return ctx.move({ action, ...body }).then(() => 'done' as const);
    },
  };
}

/**
 * The form of each step of the procedure, with exactly the fields that step needs. Which
 * steps are offered is the server's answer (next_actions); this only knows how to ask.
 */
export function stepFor(action: CaseAction, ctx: ActionContext): Step {
  switch (action) {
    case 'serve_order':
      return documentStep(action, 'order', ctx);
    case 'serve_notice':
      return documentStep(action, 'penalty_notice', ctx);
    case 'decide':
      return documentStep(action, 'decision', ctx);
    case 'serve_decision':
      return fieldsStep(action, ctx, 'act.intro.serve_decision', new ServiceFields());
    case 'record_payment':
      return fieldsStep(action, ctx, 'act.intro.record_payment', new PaymentFields());
    case 'recheck_corrected':
      return simpleStep(action, ctx, 'act.intro.recheck_corrected', { label: 'act.recheckReason', required: true });
    case 'recheck_not_corrected':
      return simpleStep(action, ctx, 'act.intro.recheck_not_corrected', { label: 'act.recheckReason', required: true });
    case 'hold_hearing':
      return simpleStep(action, ctx, 'act.intro.hold_hearing', { label: 'act.hearingSummary', required: true });
    case 'withdraw':
      return simpleStep(action, ctx, 'act.intro.withdraw', { label: 'act.withdrawReason', required: true });
    case 'close':
      // Closing an unpaid case (the city pulls the pole at the party's cost) must say why.
      return ctx.detail().state === 'overdue'
        ? simpleStep(action, ctx, 'act.intro.closeOverdue', { label: 'act.reason', required: true })
        : simpleStep(action, ctx, 'act.intro.close', { label: 'act.reason', required: false });
    case 'open':
      return simpleStep(action, ctx, 'act.intro.open');
    case 'investigate':
      return simpleStep(action, ctx, 'act.intro.investigate');
    case 'submit_correction':
      return simpleStep(action, ctx, 'act.intro.submit_correction');
    case 'request_hearing':
      return simpleStep(action, ctx, 'act.intro.request_hearing');
    case 'mark_overdue':
      return simpleStep(action, ctx, 'act.intro.mark_overdue');
  }
}

/** Opens the step's form; resolves true once it went through. */
export function runAction(action: CaseAction, ctx: ActionContext): Promise<boolean> {
  return stepDialog(tEnum('case.action', action), `action-form-${action}`, stepFor(action, ctx));
}
