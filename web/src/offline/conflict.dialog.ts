import type { PolePatch } from '../api/api.types.ts';
import { t } from '../i18n/i18n.ts';
import type { Owners } from '../map/owner.colours.ts';
import { fieldLabel, formatValue } from '../panels/history.changes.ts';
import { Dialog } from '../ui/dialog.view.ts';
import { h } from '../ui/dom.builder.ts';
import { resolveConflict } from './outbox.actions.ts';
import { patchValueOf } from './outbox.senders.ts';
import type { PolePatchItem, PoleVersion } from './outbox.types.ts';

/** The history formatter knows the owner by its code field. */
const formatField = (field: string): string => (field === 'owner' ? 'owner_code' : field);

const COMPARED: readonly (keyof PolePatch)[] = ['condition', 'status', 'material', 'height_m', 'install_year', 'location_kind', 'cable_tangle', 'note', 'owner'];

/**
 * A queued edit answered 412: someone changed the pole while this phone was offline. Both
 * versions side by side (the fields I changed, and any others they changed), and the officer
 * chooses. Nothing is overwritten without that choice.
 */
export class ConflictDialog {
  private readonly dialog: Dialog;

  constructor(private readonly item: PolePatchItem, private readonly owners: Owners) {
    const theirs = item.theirs;
    const mineButton = h('button', { type: 'button', class: 'button button-primary', 'data-testid': 'conflict-mine' }, t('conflict.keepMine'));
    const theirsButton = h('button', { type: 'button', class: 'button', 'data-testid': 'conflict-theirs' }, t('conflict.keepTheirs'));
    mineButton.addEventListener('click', () => void this.choose('mine'));
    theirsButton.addEventListener('click', () => void this.choose('theirs'));
    this.dialog = new Dialog(
      { title: t('conflict.title', { code: item.base.code }), className: 'conflict-dialog' },
      h('p', null, theirs ? t('conflict.intro', { v: String(item.base.version), now: String(theirs.version) }) : t('conflict.introUnknown')),
      theirs ? this.table(theirs) : null,
      h('p', { class: 'hint' }, t('conflict.mineHint')),
      h('div', { class: 'form-actions' }, mineButton, theirsButton),
    );
  }

  open(): void {
    this.dialog.open();
  }

  private table(theirs: PoleVersion): HTMLElement {
    const { item } = this;
    const mine = new Set(Object.keys(item.patch));
    // Mine first, then what only they changed: context for the choice.
    const fields = COMPARED.filter((f) => mine.has(f) || patchValueOf(theirs, f) !== patchValueOf(item.base, f)).sort((a, b) => Number(mine.has(b)) - Number(mine.has(a)));
    const cell = (field: keyof PolePatch, value: unknown, testid: string): HTMLElement =>
      h('td', { 'data-testid': testid }, formatValue(formatField(field), value, this.owners));
    return h(
      'table',
      { class: 'conflict-table', 'data-testid': 'conflict-table' },
      h('thead', null, h('tr', null, h('th', null, t('conflict.field')), h('th', null, t('conflict.mine')), h('th', null, t('conflict.theirs')))),
      h(
        'tbody',
        null,
        ...fields.map((f) =>
          h(
            'tr',
            { 'data-field': f, class: mine.has(f) ? 'conflict-mine-row' : '' },
            h('th', { scope: 'row' }, fieldLabel(formatField(f))),
            cell(f, mine.has(f) ? item.patch[f] : patchValueOf(item.base, f), 'conflict-mine-value'),
            cell(f, patchValueOf(theirs, f), 'conflict-theirs-value'),
          ),
        ),
      ),
    );
  }

  private async choose(choice: 'mine' | 'theirs'): Promise<void> {
    await resolveConflict(this.item, choice);
    this.dialog.close();
  }
}
