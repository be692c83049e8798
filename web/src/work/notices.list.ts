import type { Notice } from '../api/ownership.types.ts';
import { fetchNotices, runNoticeJob } from '../api/ownership.api.ts';
import type { PoleNavigator } from '../app/pole.navigator.ts';
import { noteAuthFailure } from '../auth/session.actions.ts';
import { t } from '../i18n/i18n.ts';
import { formatShanghai } from '../i18n/time.format.ts';
import { noteOwnershipChange } from '../state/ownership.store.ts';
import { currentUser } from '../state/session.store.ts';
import { bdi, h, type Child } from '../ui/dom.builder.ts';
import { describeError } from '../ui/error.describe.ts';
import { formMessage } from '../ui/form.field.ts';
import { LoadedView } from './loaded.view.ts';
import { itemHead, zoomButton } from './zoom.button.ts';

/** Orphan poles under public notice, soonest deadline first; admins can run the lapse job. */
export class NoticesList extends LoadedView<Notice[]> {
  private readonly message = formMessage();

  constructor(private readonly navigator: PoleNavigator) {
    super();
  }

  protected fetch(signal: AbortSignal): Promise<Notice[]> {
    return fetchNotices('active', signal);
  }

  protected override head(): Child[] {
    return [h('p', { class: 'hint' }, t('notices.intro')), currentUser()?.role === 'admin' ? this.runButton() : null, this.message.el];
  }

  protected renderValue(notices: Notice[]): Child[] {
    if (notices.length === 0) return [h('p', { class: 'hint work-empty' }, t('notices.empty'))];
    const sorted = [...notices].sort((a, b) => a.ends_at.localeCompare(b.ends_at));
    return [
      h('p', { class: 'work-count' }, t('notices.count', { n: notices.length })),
      h(
        'ul',
        { class: 'work-list', 'data-testid': 'notices-list' },
        ...sorted.map((n) =>
          h(
            'li',
            { class: 'work-item' },
            itemHead(
              zoomButton(() => this.navigator.goTo(n.pole_id), t('work.zoomLabel', { code: n.pole_code })),
              h('span', { class: 'work-item-code' }, bdi(n.pole_code)),
              h('span', { class: 'hint' }, t('notices.ends', { date: formatShanghai(n.ends_at) ?? n.ends_at })),
            ),
          ),
        ),
      ),
    ];
  }

  /** The nightly job, run now: notices past their deadline make their poles presumed abandoned. */
  private runButton(): HTMLElement {
    const button = h('button', { type: 'button', class: 'button button-small', 'data-testid': 'notices-run' }, t('notices.run'));
    button.addEventListener('click', () => {
      button.disabled = true;
      runNoticeJob().then(
        (lapsed) => {
          button.disabled = false;
          this.message.show('ok', t('notices.ran', { n: lapsed }));
          if (lapsed > 0) noteOwnershipChange();
          else this.refresh();
        },
        (err: unknown) => {
          noteAuthFailure(err);
          button.disabled = false;
          this.message.show('error', t('notices.runFailed', { message: describeError(err) }));
        },
      );
    });
    return button;
  }
}
