import { TOKEN_ROLES, type TokenItem, type TokenRole } from '../api/admin.types.ts';
import { createToken, fetchTokens, revokeToken } from '../api/tokens.api.ts';
import { noteAuthFailure } from '../auth/session.actions.ts';
import { loadInto } from '../state/loadable.ts';
import { t, tEnum } from '../i18n/i18n.ts';
import { confirmDialog } from '../ui/confirm.dialog.ts';
import { dataTable } from '../ui/data.table.ts';
import { bdi, h, replaceChildren } from '../ui/dom.builder.ts';
import { describeError } from '../ui/error.describe.ts';
import { formMessage } from '../ui/form.field.ts';
import type { AdminContext, AdminPage } from './admin.page.ts';
import { loadStateView, type Loadable } from './load.state.ts';
import { timeCell } from './time.cell.ts';
import { TokenForm } from './token.form.ts';
import { revealToken } from './token.reveal.ts';

type TokenStatus = 'active' | 'revoked' | 'expired';

function statusOf(token: TokenItem, now = Date.now()): TokenStatus {
  if (token.revoked_at) return 'revoked';
  if (token.expires_at && Date.parse(token.expires_at) <= now) return 'expired';
  return 'active';
}

/**
 * API tokens for carrier systems. Admins see every firm's; a firm's own administrator sees
 * and issues only its firm's (the server enforces the same split).
 */
export class TokensPage implements AdminPage {
  readonly el = h('section', { class: 'admin-page', 'aria-labelledby': 'tokens-title', 'data-testid': 'tokens-page' });
  private tokens: Loadable<TokenItem[]> = { state: 'loading' };
  private readonly message = formMessage();
  private readonly form: TokenForm;

  constructor(private readonly ctx: AdminContext) {
    // Only an admin chooses the firm; anyone else issues tokens for their own.
    const fixedOrg = ctx.user.role === 'admin' ? null : ctx.user.org;
    this.form = new TokenForm(ctx.refs, fixedOrg, (name, org, role: TokenRole, days) => this.create(name, org, role, days));
    this.render();
    void this.load();
  }

  private load(): Promise<void> {
    return loadInto(fetchTokens, (state) => {
      this.tokens = state;
      this.render();
    }, noteAuthFailure);
  }

  render(): void {
    const { user, refs } = this.ctx;
    this.form.render();
    replaceChildren(
      this.el,
      h('div', { class: 'admin-page-head' }, h('h2', { id: 'tokens-title' }, t('tokens.title'))),
      h('p', { class: 'hint' }, t('tokens.intro')),
      user.role !== 'admin' && user.org ? h('p', { class: 'scope-note' }, t('tokens.scopeOrg', { org: refs.orgName(user.org) ?? user.org })) : null,
      this.form.el,
      this.message.el,
      loadStateView(this.tokens, () => void this.load()),
      this.tokens.state === 'ready' ? this.table(this.tokens.value) : null,
    );
  }

  private async create(name: string, org: string, role: TokenRole, days: number | null): Promise<void> {
    this.message.clear();
    const created = await createToken({ name, org, role, ...(days === null ? {} : { expires_in_days: days }) });
    if (this.tokens.state === 'ready') this.tokens = { state: 'ready', value: [created.item, ...this.tokens.value] };
    this.render();
    revealToken(created.item.name, created.token);
  }

  private async revoke(token: TokenItem): Promise<void> {
    const sure = await confirmDialog(t('tokens.revokeTitle'), t('tokens.revokeText', { name: token.name }), t('tokens.revokeConfirm'));
    if (!sure) return;
    try {
      const item = await revokeToken(token.id);
      if (this.tokens.state === 'ready') this.tokens = { state: 'ready', value: this.tokens.value.map((x) => (x.id === item.id ? item : x)) };
      this.render();
      this.message.show('ok', t('tokens.revoked', { name: item.name }));
    } catch (err) {
      this.message.show('error', describeError(err));
    }
  }

  private table(tokens: TokenItem[]): HTMLElement {
    if (tokens.length === 0) return h('p', { class: 'hint' }, t('tokens.empty'));
    const { refs } = this.ctx;
    return dataTable(
      [
        { label: t('tokens.name'), cell: (x) => h('strong', null, bdi(x.name)) },
        { label: t('tokens.org'), cell: (x) => bdi(refs.orgName(x.org_code) ?? x.org_code) },
        { label: t('tokens.role'), cell: (x) => (TOKEN_ROLES.includes(x.role) ? t(`tokens.role.${x.role}`) : x.role) },
        // Older servers send no prefix; the id is the public part of every token's text.
        { label: t('tokens.prefix'), cell: (x) => h('code', null, `${x.prefix ?? `pwt_${x.id}_`}…`) },
        { label: t('tokens.createdBy'), cell: (x) => h('span', null, x.created_by ? bdi(x.created_by) : null, x.created_by ? ' · ' : null, timeCell(x.created_at)) },
        { label: t('tokens.lastUsed'), cell: (x) => timeCell(x.last_used_at, 'never') },
        { label: t('tokens.expiresAt'), cell: (x) => (x.expires_at ? timeCell(x.expires_at) : t('tokens.expires.never')) },
        {
          label: t('tokens.status'),
          cell: (x) => {
            const status = statusOf(x);
            return h('span', { class: `status status-${status === 'active' ? 'on' : 'off'}` }, tEnum('tokens.status', status));
          },
        },
        {
          label: t('admin.actions'),
          className: 'cell-actions',
          cell: (x) => {
            if (statusOf(x) !== 'active') return null;
            const button = h('button', { type: 'button', class: 'button button-small button-danger', 'aria-label': t('tokens.revokeLabel', { name: x.name }) }, t('tokens.revoke'));
            button.addEventListener('click', () => void this.revoke(x));
            return button;
          },
        },
      ],
      tokens,
      (x) => ({ 'data-token-id': x.id, class: statusOf(x) === 'active' ? null : 'row-muted' }),
    );
  }
}
