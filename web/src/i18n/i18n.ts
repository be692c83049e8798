import { en } from './en.ts';
import { zh, type MessageKey } from './zh.ts';

export type { MessageKey } from './zh.ts';
export type Lang = 'zh' | 'en';
export type Params = Record<string, string | number>;

const catalogues: Record<Lang, Record<MessageKey, string>> = { zh, en };
const STORAGE_KEY = 'polewatch.lang';
const listeners = new Set<() => void>();

// localStorage throws in some privacy modes; the app must still start, just in Chinese.
function readStoredLang(): Lang {
  try {
    const stored = window.localStorage.getItem(STORAGE_KEY);
    return stored === 'en' || stored === 'zh' ? stored : 'zh';
  } catch {
    return 'zh';
  }
}

let current: Lang = readStoredLang();
/** Which catalogue entry names the page in the browser tab (the map and the admin page differ). */
let documentTitle: MessageKey = 'app.documentTitle';

export function lang(): Lang {
  return current;
}

/** BCP 47 tag for the `lang` attribute and for Intl formatters. */
export function locale(): string {
  return current === 'zh' ? 'zh-CN' : 'en';
}

export function isMessageKey(key: string): key is MessageKey {
  return Object.prototype.hasOwnProperty.call(zh, key);
}

export function formatNumber(n: number): string {
  return new Intl.NumberFormat(locale()).format(n);
}

export function t(key: MessageKey, params?: Params): string {
  const template = catalogues[current][key];
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = params[name];
    if (value === undefined) return whole;
    return typeof value === 'number' ? formatNumber(value) : value;
  });
}

/**
 * Translates an enum value from the server (condition, material, ...). Values the catalogue
 * does not know yet are shown as sent rather than hidden, so a new server enum is visible.
 */
export type EnumPrefix =
  | 'condition'
  | 'ownership'
  | 'status'
  | 'material'
  | 'location'
  | 'action'
  | 'role'
  | 'tokens.status'
  | 'audit.action'
  | 'audit.entity'
  | 'audit.actorKind'
  | 'attach.kind'
  | 'attach.status'
  | 'attach.source'
  | 'claim.kind'
  | 'claim.status'
  | 'removal.status'
  | 'case.state'
  | 'case.category'
  | 'case.action'
  | 'case.outcome'
  | 'case.service'
  | 'case.doc'
  | 'case.flag'
  | 'case.purpose';

export function tEnum(prefix: EnumPrefix, value: string): string {
  const key = `${prefix}.${value}`;
  return isMessageKey(key) ? t(key) : value;
}

export function setLang(next: Lang): void {
  if (next === current) return;
  current = next;
  try {
    window.localStorage.setItem(STORAGE_KEY, next);
  } catch {
    // Not persisting is acceptable; the switch still works for this page view.
  }
  applyDocumentLang();
  for (const listener of listeners) listener();
}

/** Registers a re-render callback for language switches; returns an unsubscribe function. */
export function onLangChange(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function applyDocumentLang(title?: MessageKey): void {
  if (title) documentTitle = title;
  document.documentElement.lang = locale();
  document.title = t(documentTitle);
}
