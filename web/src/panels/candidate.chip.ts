import { patchPole, type PoleWithEtag } from '../api/poles.api.ts';
import { t } from '../i18n/i18n.ts';
import { confirmDialog } from '../ui/confirm.dialog.ts';
import { h } from '../ui/dom.builder.ts';
import { describeError } from '../ui/error.describe.ts';
import type { PanelPole } from './pole.fields.ts';

/**
 * The removal-candidate mark a completed burial puts on a pole it left with no overhead cable,
 * and, for officers, the way to take a pole that must stay (a street-light pole, say) off the
 * list. Setting the mark is the burial's job; nobody sets it by hand.
 */
export function candidateChip(pole: PanelPole, etag: string | null, onSaved: (saved: PoleWithEtag) => void): HTMLElement | null {
  if (!pole.removal_candidate || pole.status === 'removed') return null;
  const vars = { project: String(pole.removal_candidate_project_id ?? '—'), since: pole.removal_candidate_since ?? '—' };
  const chip = h('span', { class: 'chip chip-candidate', 'data-testid': 'pole-candidate', title: t('panel.candidateTitle', vars) }, t('panel.candidate'));
  if (!pole.permissions?.editOwner || etag === null) return h('div', { class: 'candidate-row' }, chip);
  const message = h('p', { class: 'panel-error', role: 'alert', hidden: true });
  const lift = h('button', { type: 'button', class: 'button button-small', 'data-testid': 'candidate-lift' }, t('panel.candidateLift'));
  lift.addEventListener('click', async () => {
    if (!(await confirmDialog(t('panel.candidateLift'), t('panel.candidateLiftConfirm', { code: pole.code }), t('panel.candidateLift')))) return;
    lift.disabled = true;
    try {
      onSaved(await patchPole(pole.id, etag, { removal_candidate: false }));
    } catch (err) {
      lift.disabled = false;
      message.textContent = describeError(err);
      message.hidden = false;
    }
  });
  return h('div', { class: 'candidate-row' }, chip, lift, message);
}
