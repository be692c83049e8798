import { t } from './i18n.ts';

/**
 * Who did something, as a person reads it. The server records actors as `user:<id>:<name>`
 * or `token:<id>:<name>` so the audit trail stays exact; the id means nothing on screen.
 */
export function formatActor(actor: string): string {
  const m = /^(user|token):\d+:(.+)$/.exec(actor);
  if (!m?.[2]) return actor;
  return m[1] === 'token' ? t('actor.token', { name: m[2] }) : m[2];
}
