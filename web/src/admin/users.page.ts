import type { UserItem } from '../api/admin.types.ts';
import { fetchUsers } from '../api/users.api.ts';
import { noteAuthFailure } from '../auth/session.actions.ts';
import { loadInto } from '../state/loadable.ts';
import { t, tEnum } from '../i18n/i18n.ts';
import { dataTable } from '../ui/data.table.ts';
import { bdi, h, replaceChildren } from '../ui/dom.builder.ts';
import { formMessage } from '../ui/form.field.ts';
import type { AdminContext, AdminPage } from './admin.page.ts';
import { loadStateView, type Loadable } from './load.state.ts';
import { timeCell } from './time.cell.ts';
import { openUserDialog } from './user.dialog.ts';

/** Everyone who can sign in: who they are, what they may do, and whether they still can. */
export class UsersPage implements AdminPage {
  readonly el = h('section', { class: 'admin-page', 'aria-labelledby': 'users-title', 'data-testid': 'users-page' });
  private users: Loadable<UserItem[]> = { state: 'loading' };
  private readonly message = formMessage();

  constructor(private readonly ctx: AdminContext) {
    this.render();
    void this.load();
  }

  private load(): Promise<void> {
    return loadInto(fetchUsers, (state) => {
      this.users = state;
      this.render();
    }, noteAuthFailure);
  }

  render(): void {
    const create = h('button', { type: 'button', class: 'button button-primary', 'data-testid': 'user-create' }, '+ ', t('users.create'));
    create.addEventListener('click', () => openUserDialog(this.ctx, null, (item, created) => this.saved(item, created)));
    replaceChildren(
      this.el,
      h('div', { class: 'admin-page-head' }, h('h2', { id: 'users-title' }, t('users.title')), create),
      this.message.el,
      loadStateView(this.users, () => void this.load()),
      this.users.state === 'ready' ? this.table(this.users.value) : null,
    );
  }

  private saved(item: UserItem, created: boolean): void {
    if (this.users.state === 'ready') {
      const rest = this.users.value.filter((u) => u.id !== item.id);
      this.users = { state: 'ready', value: created ? [...rest, item] : this.users.value.map((u) => (u.id === item.id ? item : u)) };
    }
    this.render();
    this.message.show('ok', t(created ? 'users.createdMsg' : 'users.saved', { name: item.username }));
  }

  private table(users: UserItem[]): HTMLElement {
    if (users.length === 0) return h('p', { class: 'hint' }, t('users.empty'));
    const { refs } = this.ctx;
    const sorted = [...users].sort((a, b) => a.username.localeCompare(b.username));
    return dataTable(
      [
        { label: t('users.username'), cell: (u) => h('strong', null, bdi(u.username)) },
        { label: t('users.displayName'), cell: (u) => bdi(u.display_name) },
        { label: t('users.role'), cell: (u) => tEnum('role', u.role) },
        {
          label: t('users.org'),
          cell: (u) =>
            h('span', null, u.org_code ? bdi(refs.orgName(u.org_code) ?? u.org_code) : h('span', { class: 'muted' }, t('admin.none')),
              u.is_org_admin ? h('span', { class: 'chip chip-small' }, t('users.orgAdmin')) : null),
        },
        { label: t('users.district'), cell: (u) => (u.district_code ? bdi(refs.districtName(u.district_code) ?? u.district_code) : h('span', { class: 'muted' }, t('admin.none'))) },
        {
          label: t('users.status'),
          cell: (u) => h('span', { class: u.disabled ? 'status status-off' : 'status status-on' }, u.disabled ? t('users.inactive') : t('users.active')),
        },
        { label: t('users.lastLogin'), cell: (u) => timeCell(u.last_login_at, 'never') },
        {
          label: t('admin.actions'),
          className: 'cell-actions',
          cell: (u) => {
            const edit = h('button', { type: 'button', class: 'button button-small', 'aria-label': t('users.editLabel', { name: u.username }) }, t('users.edit'));
            edit.addEventListener('click', () => openUserDialog(this.ctx, u, (item, created) => this.saved(item, created)));
            return edit;
          },
        },
      ],
      sorted,
      (u) => ({ 'data-username': u.username, class: u.disabled ? 'row-muted' : null }),
    );
  }
}
