import { setResponsible } from '../api/cases.api.ts';
import type { CaseDetail } from '../api/cases.types.ts';
import { t } from '../i18n/i18n.ts';
import type { Owners } from '../map/owner.colours.ts';
import { h } from '../ui/dom.builder.ts';
import { field, select } from '../ui/form.field.ts';
import { ReasonField } from './action.fields.ts';
import { stepDialog } from './step.dialog.ts';

/** The server's shortest reason for changing the party. */
const MIN_REASON = 2;

/** States in which the party may still change: once the order is served on it, it is fixed. */
export const PARTY_OPEN_STATES: readonly string[] = ['found', 'opened', 'investigating'];

/**
 * 确定/变更当事人: the firm the case is against. Proposed by the server from the poles' owner;
 * an officer names it (an orphan pole has none) or changes it, always with a reason.
 */
export function changeParty(c: CaseDetail, owners: Owners, done: (next: CaseDetail) => void): Promise<boolean> {
  const parties = owners.all.filter((o) => o.kind !== 'enforcement');
  const org = field(
    t('party.org'),
    select([{ value: '', label: t('party.choose') }, ...parties.map((o) => ({ value: o.code, label: owners.name(o.code) }))], c.responsible_org?.code ?? '', { name: 'org' }),
  );
  const reason = new ReasonField(t('act.reason'), true);
  return stepDialog(t('party.title'), 'party-form', {
    content: [h('p', null, t('party.intro')), org.row, reason.handle.row],
    confirmLabel: t('act.confirm'),
    run: () => {
      const code = org.control.value;
      org.setError(code === '' ? t('party.required') : null);
      if (code === '') return org.control.focus(), null;
      const text = reason.read();
      if (text === null) return null;
      if (text.length < MIN_REASON) {
        reason.handle.setError(t('act.reasonRequired'));
        return null;
      }
      return setResponsible(c.id, code, text).then((next) => {
        done(next);
        return 'done' as const;
      });
    },
  });
}
