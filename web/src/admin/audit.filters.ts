import type { AuditQuery } from '../api/admin.types.ts';
import { t, tEnum } from '../i18n/i18n.ts';
import { h, replaceChildren } from '../ui/dom.builder.ts';
import { field, select, type FieldHandle, type Control } from '../ui/form.field.ts';
import { shanghaiInputToIso } from './audit.time.ts';

// What the server writes today; the lists only feed the pickers, the log may hold more.
export const AUDIT_ENTITY_TYPES = ['pole', 'user', 'api_token', 'session'] as const;
export const AUDIT_ACTIONS = [
  'pole.create',
  'pole.update',
  'user.create',
  'user.update',
  'token.create',
  'token.revoke',
  'auth.login',
  'auth.login_failed',
  'auth.logout',
] as const;

type FilterName = 'entity_type' | 'entity_id' | 'actor' | 'action' | 'from' | 'to';
export type AuditFilterValues = Record<FilterName, string>;

export const emptyAuditFilters = (): AuditFilterValues => ({ entity_type: '', entity_id: '', actor: '', action: '', from: '', to: '' });

export function auditQueryOf(v: AuditFilterValues): AuditQuery {
  return {
    entity_type: v.entity_type || undefined,
    entity_id: v.entity_id.trim() || undefined,
    actor: v.actor.trim() || undefined,
    action: v.action || undefined,
    from: shanghaiInputToIso(v.from),
    to: shanghaiInputToIso(v.to),
  };
}

/** The filter form; it owns the typed values so a language switch keeps them. */
export class AuditFilterForm {
  readonly el = h('form', { class: 'form admin-card audit-filters', novalidate: true, role: 'search', 'aria-labelledby': 'audit-filters-title' });
  private fields: Partial<Record<FilterName, FieldHandle<Control>>> = {};

  constructor(private readonly values: AuditFilterValues, private readonly onSearch: (values: AuditFilterValues) => void) {
    this.el.addEventListener('submit', (e) => {
      e.preventDefault();
      this.submit();
    });
  }

  render(): void {
    const v = this.values;
    const any = { value: '', label: t('audit.any') };
    const known = (list: readonly string[], current: string): string[] => (current && !list.includes(current) ? [...list, current] : [...list]);
    const f = (this.fields = {
      entity_type: field(t('audit.entityType'), select([any, ...known(AUDIT_ENTITY_TYPES, v.entity_type).map((x) => ({ value: x, label: tEnum('audit.entity', x) }))], v.entity_type, { name: 'entity_type' })),
      entity_id: field(t('audit.entityId'), h('input', { type: 'text', name: 'entity_id', maxlength: 40, value: v.entity_id, inputmode: 'numeric', autocomplete: 'off' })),
      action: field(t('audit.action'), select([any, ...known(AUDIT_ACTIONS, v.action).map((x) => ({ value: x, label: `${tEnum('audit.action', x)} (${x})` }))], v.action, { name: 'action' })),
      actor: field(t('audit.actor'), h('input', { type: 'text', name: 'actor', maxlength: 80, value: v.actor, autocomplete: 'off' }), t('audit.actorHint')),
      from: field(t('audit.from'), h('input', { type: 'datetime-local', name: 'from', value: v.from })),
      to: field(t('audit.to'), h('input', { type: 'datetime-local', name: 'to', value: v.to })),
    });
    for (const [name, handle] of Object.entries(f) as Array<[FilterName, FieldHandle<Control>]>) {
      handle.control.addEventListener(handle.control instanceof HTMLSelectElement ? 'change' : 'input', () => (v[name] = handle.control.value));
    }
    const reset = h('button', { type: 'button', class: 'button' }, t('audit.reset'));
    reset.addEventListener('click', () => {
      Object.assign(v, emptyAuditFilters());
      this.render();
      this.submit();
    });
    replaceChildren(
      this.el,
      h('h3', { id: 'audit-filters-title' }, t('audit.filters')),
      h('div', { class: 'form-grid' }, ...Object.values(f).map((x) => x.row)),
      h('div', { class: 'form-actions' }, h('button', { type: 'submit', class: 'button button-primary', 'data-testid': 'audit-search' }, t('audit.search')), reset),
    );
  }

  private submit(): void {
    const { from, to } = this.values;
    const bad = from !== '' && to !== '' && to <= from;
    this.fields.to?.setError(bad ? t('audit.timeOrder') : null);
    if (bad) {
      this.fields.to?.control.focus();
      return;
    }
    this.onSearch({ ...this.values });
  }
}
