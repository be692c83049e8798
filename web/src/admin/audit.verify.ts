import { verifyAudit } from '../api/audit.api.ts';
import type { VerifyResult } from '../api/admin.types.ts';
import { t } from '../i18n/i18n.ts';
import { h, replaceChildren } from '../ui/dom.builder.ts';
import { describeError } from '../ui/error.describe.ts';

type VerifyState = { state: 'idle' } | { state: 'running' } | { state: 'done'; result: VerifyResult } | { state: 'failed'; error: unknown };

/** "Verify chain": recomputes the audit log's hash chain on the server and says what it found. */
export class AuditVerify {
  readonly el = h('div', { class: 'audit-verify' });
  private status: VerifyState = { state: 'idle' };

  render(): void {
    const s = this.status;
    const button = h('button', { type: 'button', class: 'button', 'data-testid': 'audit-verify' }, s.state === 'running' ? t('audit.verifying') : t('audit.verify'));
    button.disabled = s.state === 'running';
    button.addEventListener('click', () => void this.run());
    replaceChildren(this.el, button, this.result());
  }

  private result(): HTMLElement | null {
    const s = this.status;
    const box = (ok: boolean, ...lines: string[]) =>
      h('div', { class: `form-message form-message-${ok ? 'ok' : 'error'}`, role: ok ? 'status' : 'alert', 'data-testid': 'audit-verify-result' }, ...lines.filter(Boolean).map((line) => h('p', null, line)));
    if (s.state === 'failed') return box(false, t('audit.verifyFailed', { message: describeError(s.error) }));
    if (s.state !== 'done') return null;
    const r = s.result;
    if (r.ok) return box(true, t('audit.verifyOk', { n: r.count }));
    return box(false, t('audit.verifyBroken', { id: String(r.firstBrokenId ?? '?') }), r.reason ? t('audit.verifyReason', { reason: r.reason }) : '');
  }

  private async run(): Promise<void> {
    this.status = { state: 'running' };
    this.render();
    try {
      this.status = { state: 'done', result: await verifyAudit() };
    } catch (error) {
      this.status = { state: 'failed', error };
    }
    this.render();
  }
}
