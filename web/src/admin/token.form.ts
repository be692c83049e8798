import { TOKEN_ROLES, type TokenRole } from '../api/admin.types.ts';
import { t } from '../i18n/i18n.ts';
import { h, replaceChildren } from '../ui/dom.builder.ts';
import { describeError } from '../ui/error.describe.ts';
import { field, formMessage, select, type FieldHandle, type Option } from '../ui/form.field.ts';
import type { AdminRefs } from './admin.refs.ts';

const EXPIRY_DAYS = ['30', '90', '365', 'never'] as const;

export type CreateToken = (name: string, org: string, role: TokenRole, days: number | null) => Promise<void>;

/** The "create token" form. Keeps what was typed across re-renders (a language switch). */
export class TokenForm {
  readonly el = h('form', { class: 'form admin-card token-form', novalidate: true, 'data-testid': 'token-form', 'aria-labelledby': 'token-form-title' });
  private readonly values = { name: '', org: '', role: 'carrier' as string, expires: '365' as string };
  private readonly message = formMessage();
  private busy = false;
  private nameField: FieldHandle<HTMLInputElement> | null = null;

  constructor(private readonly refs: AdminRefs, private readonly fixedOrg: string | null, private readonly onCreate: CreateToken) {
    this.values.org = fixedOrg ?? refs.carriers()[0]?.code ?? '';
    this.el.addEventListener('submit', (e) => {
      e.preventDefault();
      void this.submit();
    });
  }

  render(): void {
    const { refs, values } = this;
    const name = field(t('tokens.name'), h('input', { type: 'text', name: 'name', maxlength: 80, value: values.name, autocomplete: 'off' }), t('tokens.nameHint'));
    name.control.addEventListener('input', () => (values.name = name.control.value));
    const orgOptions: Option[] = this.fixedOrg
      ? [{ value: this.fixedOrg, label: refs.orgName(this.fixedOrg) ?? this.fixedOrg }]
      : refs.organisations.map((o) => ({ value: o.code, label: refs.orgName(o.code) ?? o.code }));
    const org = field(t('tokens.org'), select(orgOptions, values.org, { name: 'org' }));
    org.control.disabled = this.fixedOrg !== null;
    org.control.addEventListener('change', () => (values.org = org.control.value));
    const role = field(t('tokens.role'), select(TOKEN_ROLES.map((r) => ({ value: r, label: t(`tokens.role.${r}`) })), values.role, { name: 'role' }));
    role.control.addEventListener('change', () => (values.role = role.control.value));
    const expires = field(t('tokens.expires'), select(EXPIRY_DAYS.map((d) => ({ value: d, label: t(`tokens.expires.${d}`) })), values.expires, { name: 'expires' }));
    expires.control.addEventListener('change', () => (values.expires = expires.control.value));
    const submit = h('button', { type: 'submit', class: 'button button-primary', 'data-testid': 'token-create' }, t('tokens.create'));
    submit.disabled = this.busy;
    this.nameField = name;
    replaceChildren(
      this.el,
      h('h3', { id: 'token-form-title' }, t('tokens.createTitle')),
      h('div', { class: 'form-grid' }, name.row, org.row, role.row, expires.row),
      this.message.el,
      h('div', { class: 'form-actions' }, submit),
    );
  }

  private async submit(): Promise<void> {
    if (this.busy) return;
    const name = this.values.name.trim();
    this.nameField?.setError(name ? null : t('admin.required'));
    if (!name) {
      this.nameField?.control.focus();
      return;
    }
    this.message.clear();
    this.busy = true;
    this.render();
    try {
      const days = this.values.expires === 'never' ? null : Number(this.values.expires);
      await this.onCreate(name, this.values.org, this.values.role as TokenRole, days);
      this.values.name = '';
    } catch (err) {
      this.message.show('error', describeError(err));
    } finally {
      this.busy = false;
      this.render();
    }
  }
}
