import type { AuditItem } from '../api/admin.types.ts';
import { fetchAudit } from '../api/audit.api.ts';
import { noteAuthFailure } from '../auth/session.actions.ts';
import { t } from '../i18n/i18n.ts';
import { h, replaceChildren } from '../ui/dom.builder.ts';
import { describeError } from '../ui/error.describe.ts';
import type { AdminContext, AdminPage } from './admin.page.ts';
import { AuditFilterForm, auditQueryOf, emptyAuditFilters, type AuditFilterValues } from './audit.filters.ts';
import { auditTable } from './audit.table.ts';
import { AuditVerify } from './audit.verify.ts';

type Fetching = 'idle' | 'first' | 'more';

/**
 * The audit log: filter, page through with "load more", unfold an entry's before/after,
 * and verify the hash chain. Filters can be preset from the address
 * (#/audit?entity_type=pole&entity_id=42) so other pages can link to one record's trail.
 */
export class AuditPage implements AdminPage {
  readonly el = h('section', { class: 'admin-page', 'aria-labelledby': 'audit-title', 'data-testid': 'audit-page' });
  private items: AuditItem[] = [];
  private next: string | null = null;
  private fetching: Fetching = 'idle';
  private error: unknown = null;
  private readonly expanded = new Set<number>();
  private readonly filters: AuditFilterForm;
  private readonly verify = new AuditVerify();
  private values: AuditFilterValues;
  /** bumps on every new search, so a slow earlier answer cannot land on a newer one */
  private generation = 0;

  constructor(private readonly ctx: AdminContext, preset: URLSearchParams) {
    this.values = emptyAuditFilters();
    for (const name of Object.keys(this.values) as Array<keyof AuditFilterValues>) {
      const v = preset.get(name);
      if (v) this.values[name] = v;
    }
    this.filters = new AuditFilterForm(this.values, (values) => this.search(values));
    this.render();
    this.search(this.values);
  }

  private search(values: AuditFilterValues): void {
    this.values = values;
    this.items = [];
    this.next = null;
    this.expanded.clear();
    void this.fetchPage('first');
  }

  private async fetchPage(kind: Exclude<Fetching, 'idle'>): Promise<void> {
    const generation = kind === 'first' ? ++this.generation : this.generation;
    this.fetching = kind;
    this.error = null;
    this.render();
    try {
      const page = await fetchAudit(auditQueryOf(this.values), kind === 'more' ? this.next : null);
      if (generation !== this.generation) return;
      this.items = [...this.items, ...page.items];
      this.next = page.next;
    } catch (err) {
      if (generation !== this.generation) return;
      noteAuthFailure(err);
      this.error = err;
    }
    this.fetching = 'idle';
    this.render();
  }

  render(): void {
    this.filters.render();
    this.verify.render();
    replaceChildren(
      this.el,
      h('div', { class: 'admin-page-head' }, h('h2', { id: 'audit-title' }, t('audit.title')), this.verify.el),
      h('p', { class: 'hint' }, t('audit.intro')),
      this.filters.el,
      this.error ? h('div', { class: 'form-message form-message-error', role: 'alert' }, t('admin.loadFailed', { message: describeError(this.error) })) : null,
      this.fetching === 'first' ? h('p', { class: 'hint', role: 'status' }, t('admin.loading')) : this.results(),
    );
  }

  private results(): HTMLElement | null {
    if (this.items.length === 0) return this.error ? null : h('p', { class: 'hint', role: 'status' }, t('audit.empty'));
    const more = h('button', { type: 'button', class: 'button', 'data-testid': 'audit-more' }, this.fetching === 'more' ? t('admin.loading') : t('audit.loadMore'));
    more.disabled = this.fetching !== 'idle';
    more.addEventListener('click', () => void this.fetchPage('more'));
    const toggle = (id: number): void => {
      if (!this.expanded.delete(id)) this.expanded.add(id);
      this.render();
      this.el.querySelector<HTMLElement>(`[aria-controls="audit-detail-${id}"]`)?.focus();
    };
    return h(
      'div',
      { class: 'audit-results' },
      h('p', { class: 'hint', role: 'status' }, this.next ? t('audit.shown', { n: this.items.length }) : t('audit.end', { n: this.items.length })),
      auditTable(this.items, this.ctx.refs, this.expanded, toggle),
      this.next ? h('div', { class: 'load-more' }, more) : null,
    );
  }
}
