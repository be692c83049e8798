import { ApiError } from '../api/api.error.ts';
import type { NewUser, UserItem, UserPatch } from '../api/admin.types.ts';
import { ROLES, type Role } from '../api/auth.types.ts';
import { createUser, patchUser } from '../api/users.api.ts';
import { t, tEnum } from '../i18n/i18n.ts';
import { Dialog } from '../ui/dialog.view.ts';
import { h } from '../ui/dom.builder.ts';
import { describeError } from '../ui/error.describe.ts';
import { checkField, field, formMessage, select, type Control, type FieldHandle } from '../ui/form.field.ts';
import type { AdminContext } from './admin.page.ts';

const USERNAME = /^[a-z0-9][a-z0-9._-]{2,39}$/;
const MIN_PASSWORD = 10;

/**
 * Create a user, or edit one (role, firm, district, disabled, password reset). The dialog
 * checks what it can explain in advance; the server decides.
 */
export function openUserDialog(ctx: AdminContext, existing: UserItem | null, onSaved: (item: UserItem, created: boolean) => void): void {
  const { refs } = ctx;
  const username = field(
    t('users.username'),
    h('input', { type: 'text', name: 'username', autocomplete: 'off', autocapitalize: 'none', spellcheck: 'false', maxlength: 40 }),
    t('users.usernameHint'),
  );
  const displayName = field(t('users.displayName'), h('input', { type: 'text', name: 'display_name', maxlength: 80, value: existing?.display_name ?? '' }));
  const role = field(t('users.role'), select(ROLES.map((r) => ({ value: r, label: tEnum('role', r) })), existing?.role ?? 'viewer', { name: 'role' }));
  const others = refs.organisations.filter((o) => o.kind !== 'carrier');
  const org = field(
    t('users.org'),
    select(
      [
        { value: '', label: t('users.orgNone') },
        { label: t('edit.ownerCarriers'), options: refs.carriers().map((o) => ({ value: o.code, label: refs.orgName(o.code) ?? o.code })) },
        { label: t('edit.ownerOthers'), options: others.map((o) => ({ value: o.code, label: refs.orgName(o.code) ?? o.code })) },
      ],
      existing?.org_code ?? '',
      { name: 'org' },
    ),
  );
  const district = field(
    t('users.district'),
    select(
      [{ value: '', label: t('users.districtNone') }, ...refs.districts.map((d) => ({ value: d.code, label: refs.districtName(d.code) ?? d.code }))],
      existing?.district_code ?? '',
      { name: 'district' },
    ),
  );
  const orgAdmin = checkField(t('users.orgAdmin'), existing?.is_org_admin ?? false, t('users.orgAdminHint'));
  const disabled = existing ? checkField(t('users.disabled'), existing.disabled, t('users.disabledHint')) : null;
  const password = field(
    existing ? t('users.newPassword') : t('users.password'),
    h('input', { type: 'password', name: 'password', autocomplete: 'new-password', maxlength: 200 }),
    existing ? t('users.newPasswordHint') : t('users.passwordHint'),
  );
  const message = formMessage();
  const submit = h('button', { type: 'submit', class: 'button button-primary' }, existing ? t('admin.save') : t('users.create'));
  const cancel = h('button', { type: 'button', class: 'button' }, t('admin.cancel'));
  const form = h(
    'form',
    { class: 'form', novalidate: true, 'data-testid': 'user-form' },
    existing ? null : username.row,
    displayName.row,
    role.row,
    org.row,
    district.row,
    orgAdmin.row,
    disabled?.row ?? null,
    password.row,
    message.el,
    h('div', { class: 'form-actions' }, submit, cancel),
  );
  const dialog = new Dialog({ title: existing ? t('users.editTitle', { name: existing.username }) : t('users.createTitle') }, form);
  cancel.addEventListener('click', () => dialog.close());

  const validate = (): boolean => {
    const checks: Array<[FieldHandle<Control>, string | null]> = [
      [username, existing || USERNAME.test(username.control.value.trim()) ? null : t('users.usernameInvalid')],
      [displayName, displayName.control.value.trim() ? null : t('admin.required')],
      [org, role.control.value === 'carrier' && refs.orgKind(org.control.value || null) !== 'carrier' ? t('users.carrierNeedsOrg') : null],
      [password, (existing && password.control.value === '') || password.control.value.length >= MIN_PASSWORD ? null : t('users.passwordShort')],
    ];
    for (const [handle, error] of checks) handle.setError(error);
    const first = checks.find(([, error]) => error !== null);
    first?.[0].control.focus();
    return first === undefined;
  };

  const changes = (item: UserItem): UserPatch => {
    const patch: UserPatch = {};
    const name = displayName.control.value.trim();
    if (name !== item.display_name) patch.display_name = name;
    if (role.control.value !== item.role) patch.role = role.control.value as Role;
    if ((org.control.value || null) !== item.org_code) patch.org = org.control.value || null;
    if ((district.control.value || null) !== item.district_code) patch.district = district.control.value || null;
    if (orgAdmin.control.checked !== item.is_org_admin) patch.is_org_admin = orgAdmin.control.checked;
    if (disabled && disabled.control.checked !== item.disabled) patch.disabled = disabled.control.checked;
    if (password.control.value) patch.password = password.control.value;
    return patch;
  };

  form.addEventListener('submit', (e) => {
    e.preventDefault();
    message.clear();
    if (!validate()) return;
    let request: Promise<UserItem>;
    if (existing) {
      const patch = changes(existing);
      if (Object.keys(patch).length === 0) {
        message.show('ok', t('edit.noChanges'));
        return;
      }
      request = patchUser(existing.id, patch);
    } else {
      const body: NewUser = {
        username: username.control.value.trim(),
        display_name: displayName.control.value.trim(),
        role: role.control.value as Role,
        org: org.control.value || null,
        district: district.control.value || null,
        password: password.control.value,
        is_org_admin: orgAdmin.control.checked,
      };
      request = createUser(body);
    }
    submit.disabled = true;
    request.then(
      (item) => {
        dialog.close();
        onSaved(item, existing === null);
      },
      (err: unknown) => {
        submit.disabled = false;
        if (err instanceof ApiError && err.code === 'conflict' && !existing) username.setError(describeError(err));
        message.show('error', describeError(err));
      },
    );
  });
  dialog.open();
}
