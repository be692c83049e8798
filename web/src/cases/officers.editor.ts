import type { CaseDetail, CaseOfficer } from '../api/cases.types.ts';
import { noteAuthFailure } from '../auth/session.actions.ts';
import { t } from '../i18n/i18n.ts';
import { bdi, h, replaceChildren } from '../ui/dom.builder.ts';
import { describeError } from '../ui/error.describe.ts';
import { formMessage, select } from '../ui/form.field.ts';

export interface OfficersEditorOptions {
  /** the officers who could join (the server's list); failing is said in words */
  candidates: () => Promise<CaseOfficer[]>;
  /** saves the whole list; the panel takes the case it answers with */
  save: (userIds: number[]) => Promise<void>;
}

function officerName(o: CaseOfficer): string {
  return o.display_name ? `${o.display_name}（${o.username}）` : o.username;
}

/**
 * The officers on a case (执法人员不得少于两人): their names, and for officers an "add" that
 * lists the others. The list is loaded only when asked for: most visits never need it.
 */
export class OfficersEditor {
  readonly el = h('span', { class: 'case-officers' });
  private readonly message = formMessage();
  private choosing = false;
  private busy = false;
  private list: CaseOfficer[] | null = null;

  constructor(private readonly options: OfficersEditorOptions) {}

  render(c: CaseDetail, editable: boolean): HTMLElement {
    const names = h('span', { class: 'case-officer-names', 'data-testid': 'case-officer-names' }, ...c.officers.flatMap((o, i) => (i === 0 ? [bdi(officerName(o))] : ['、', bdi(officerName(o))])));
    const needTwo = c.officers.length < 2 && editable ? h('span', { class: 'hint case-officers-need' }, t('officers.needTwo')) : null;
    replaceChildren(this.el, names, needTwo, editable ? this.adder(c) : null, this.message.el);
    return this.el;
  }

  private adder(c: CaseDetail): HTMLElement {
    if (!this.choosing) {
      const button = h('button', { type: 'button', class: 'button button-small', 'data-testid': 'officers-add' }, t('officers.add'));
      button.addEventListener('click', () => void this.open(c));
      return button;
    }
    const on = new Set(c.officers.map((o) => o.id));
    const others = (this.list ?? []).filter((o) => !on.has(o.id));
    if (others.length === 0) return h('span', { class: 'hint' }, t('officers.none'));
    const chooser = select([{ value: '', label: t('officers.choose') }, ...others.map((o) => ({ value: String(o.id), label: officerName(o) }))], '', {
      name: 'officer',
      'data-testid': 'officers-select',
      'aria-label': t('officers.choose'),
    });
    chooser.disabled = this.busy;
    chooser.addEventListener('change', () => {
      const id = Number(chooser.value);
      if (Number.isInteger(id) && id > 0) void this.add(c, id);
    });
    return chooser;
  }

  private async open(c: CaseDetail): Promise<void> {
    this.message.clear();
    try {
      this.list = await this.options.candidates();
      this.choosing = true;
    } catch (err) {
      noteAuthFailure(err);
      this.message.show('error', t('officers.loadFailed', { message: describeError(err) }));
    }
    this.render(c, true);
  }

  private async add(c: CaseDetail, id: number): Promise<void> {
    this.busy = true;
    this.render(c, true);
    try {
      await this.options.save([...c.officers.map((o) => o.id), id]);
      this.choosing = false;
      this.message.show('ok', t('officers.saved'));
    } catch (err) {
      noteAuthFailure(err);
      this.message.show('error', t('act.failed', { message: describeError(err) }));
      this.render(c, true);
    } finally {
      this.busy = false;
    }
  }
}
