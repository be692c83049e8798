import { ApiError } from '../api/api.error.ts';
import { fetchOfficerCandidates, issueDocument, moveCase, setCaseOfficers } from '../api/cases.api.ts';
import { CASE_ACTIONS, type CaseAction, type CaseDetail, type DocumentKind } from '../api/cases.types.ts';
import type { CasePhoto, PhotoPurpose } from '../api/evidence.api.ts';
import { t, tEnum } from '../i18n/i18n.ts';
import type { Loadable } from '../state/loadable.ts';
import { currentUser } from '../state/session.store.ts';
import { bdi, h, type Child } from '../ui/dom.builder.ts';
import { describeError } from '../ui/error.describe.ts';
import { formMessage } from '../ui/form.field.ts';
import { runAction, type ActionContext } from './action.steps.ts';
import { caseDocuments } from './case.documents.ts';
import { caseHeader } from './case.header.ts';
import { casePhotos } from './case.photos.ts';
import { caseTimeline } from './case.timeline.ts';
import { OfficersEditor } from './officers.editor.ts';
import { PhotoAdder } from './photo.adder.ts';
import { changeParty, PARTY_OPEN_STATES } from './party.step.ts';
import type { Owners } from '../map/owner.colours.ts';

export interface CaseWorkOptions {
  owners: Owners;
  /** the case on screen, once loaded */
  current: () => CaseDetail | null;
  /** a newer copy of the case (a step's answer) */
  accept: (detail: CaseDetail) => void;
  reload: () => Promise<void>;
  reloadPhotos: () => void;
  /** draw the case again (a message changed) */
  rerender: () => void;
  zoomTo: (lat: number, lng: number) => void;
}

/** Withdrawing is never the next thing to do: it goes last, after the real next steps. */
const LAST: readonly CaseAction[] = ['withdraw'];

/** The step each document is issued for; its form issues the document, then takes the step. */
const STEP_OF: Record<DocumentKind, CaseAction> = { order: 'serve_order', penalty_notice: 'serve_notice', decision: 'decide' };

/**
 * The steps to offer: what the server says may be done now, plus the steps whose document may
 * be issued now (the server offers serving an order only once it exists; the form does both).
 */
export function offeredSteps(c: Pick<CaseDetail, 'next_actions' | 'can_issue'>): CaseAction[] {
  const offered = new Set<CaseAction>([...c.next_actions, ...(c.can_issue ?? []).map((k) => STEP_OF[k])]);
  return CASE_ACTIONS.filter((a) => offered.has(a)).sort((a, b) => Number(LAST.includes(a)) - Number(LAST.includes(b)));
}

const isCity = (): boolean => {
  const role = currentUser()?.role;
  return role === 'officer' || role === 'admin';
};

/**
 * What can be done with one case, below its header: the next steps the server allows this
 * caller (nothing else is offered), adding photos, and the file itself (photos, documents,
 * timeline). The editors inside are kept while the same case is shown, so a language switch
 * or a reload does not lose a half-picked photo.
 */
export class CaseWork {
  private caseId: number | null = null;
  private officers: OfficersEditor;
  private adders = new Map<PhotoPurpose, PhotoAdder>();
  private readonly message = formMessage();
  /** the last step done or refused, re-worded on a language switch */
  private outcome: { kind: 'ok' | 'error'; text: () => string } | null = null;

  constructor(private readonly options: CaseWorkOptions) {
    this.officers = this.officersEditor();
  }

  /** A case opened afresh starts clean: no message left from the last visit. */
  forget(): void {
    this.caseId = null;
  }

  render(c: CaseDetail, photos: Loadable<CasePhoto[]>, final: boolean): Child[] {
    if (c.id !== this.caseId) {
      this.caseId = c.id;
      this.officers = this.officersEditor();
      this.adders = new Map();
      this.outcome = null;
    }
    if (this.outcome) this.message.show(this.outcome.kind, this.outcome.text());
    else this.message.clear();
    const adder = this.adder(c, final);
    return [
      caseHeader(c, { poleButton: (p) => this.poleButton(p), officers: this.officers.render(c, isCity() && !final), partyButton: this.partyButton(c) }),
      this.message.el,
      h('h3', null, t('casePanel.actions')),
      this.actions(c),
      adder?.el ?? null,
      h('h3', null, t('casePanel.photos')),
      this.photos(photos),
      h('h3', null, t('casePanel.documents')),
      caseDocuments(c.documents),
      h('h3', null, t('casePanel.timeline')),
      caseTimeline(c.events, c.documents),
    ];
  }

  private officersEditor(): OfficersEditor {
    return new OfficersEditor({
      candidates: () => fetchOfficerCandidates(),
      save: async (ids) => {
        const c = this.options.current();
        if (c) this.options.accept(await setCaseOfficers(c.id, ids));
      },
    });
  }

  private partyButton(c: CaseDetail): HTMLElement | null {
    if (!isCity() || !PARTY_OPEN_STATES.includes(c.state)) return null;
    const button = h('button', { type: 'button', class: 'button button-small', 'data-testid': 'party-change' }, t('party.change'));
    button.addEventListener('click', () => void changeParty(c, this.options.owners, (next) => this.options.accept(next)));
    return button;
  }

  private poleButton(p: CaseDetail['poles'][number]): HTMLElement {
    const label = t('casePanel.zoomLabel', { code: p.code });
    const button = h('button', { type: 'button', class: 'button button-small case-pole', 'aria-label': label, title: label, 'data-pole-id': p.id }, bdi(p.code));
    button.addEventListener('click', () => this.options.zoomTo(p.lat, p.lng));
    return button;
  }

  private actions(c: CaseDetail): HTMLElement {
    const actions = offeredSteps(c);
    if (actions.length === 0) return h('p', { class: 'hint', 'data-testid': 'case-no-actions' }, t('casePanel.noActions'));
    return h(
      'div',
      { class: 'case-actions', 'data-testid': 'case-actions' },
      ...actions.map((action) => {
        const danger = LAST.includes(action);
        const button = h('button', { type: 'button', class: `button button-small${danger ? ' button-danger' : ' button-primary'}`, 'data-action': action, 'data-testid': `action-${action}` }, tEnum('case.action', action));
        button.addEventListener('click', () => void this.run(action));
        return button;
      }),
    );
  }

  private async run(action: CaseAction): Promise<void> {
    const done = await runAction(action, this.context());
    if (!done) return;
    this.outcome = { kind: 'ok', text: () => t('casePanel.done', { action: tEnum('case.action', action) }) };
    // Someone reading the file wants the step's new documents and photos too.
    this.options.reloadPhotos();
    this.options.rerender();
  }

  /** Sends with the version on screen; a stale one reloads the case so the retry is on fresh data. */
  private context(): ActionContext {
    const { options } = this;
    const current = (): CaseDetail => {
      const c = options.current();
      if (!c) throw new Error('no case on screen');
      return c;
    };
    const conflicted = async (err: unknown): Promise<never> => {
      if (err instanceof ApiError && err.status === 409) await options.reload();
      throw err;
    };
    return {
      detail: current,
      move: async (body) => {
        const c = current();
        const next = await moveCase(c.id, { ...body, version: c.version }).catch(conflicted);
        options.accept(next);
      },
      issue: async (request) => {
        const doc = await issueDocument(current().id, request).catch(conflicted);
        // The new document belongs in the list at once, even if the dialog is then closed.
        await options.reload();
        return doc;
      },
    };
  }

  /** Officers add evidence to any open case; the party's carrier adds proof while the order runs. */
  private adder(c: CaseDetail, final: boolean): PhotoAdder | null {
    const role = currentUser()?.role;
    const purpose: PhotoPurpose | null =
      final ? null : isCity() ? 'evidence' : role === 'carrier' && (c.state === 'ordered' || c.state === 'correction_submitted') ? 'correction_proof' : null;
    if (!purpose) return null;
    let adder = this.adders.get(purpose);
    if (!adder) {
      adder = new PhotoAdder({ caseId: c.id, purpose, onUploaded: () => this.options.reloadPhotos() });
      this.adders.set(purpose, adder);
    }
    return adder;
  }

  private photos(photos: Loadable<CasePhoto[]>): HTMLElement {
    if (photos.state === 'loading') return h('p', { class: 'hint' }, t('casePanel.photosLoading'));
    if (photos.state === 'failed') return h('p', { class: 'panel-error' }, t('casePanel.photosFailed', { message: describeError(photos.error) }));
    return casePhotos(photos.value);
  }
}
