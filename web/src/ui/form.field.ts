import { h, type Child } from './dom.builder.ts';

/**
 * Labelled form controls with a hint and an error line, wired for screen readers: the hint
 * and the error are announced with the control (aria-describedby), and a field in error is
 * marked aria-invalid. Errors are our own catalogue sentences, never the browser's.
 */
export type Control = HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement;

export interface FieldHandle<C extends Control> {
  row: HTMLElement;
  control: C;
  setError(message: string | null): void;
}

let sequence = 0;
const nextId = (stem: string): string => `${stem}-${++sequence}`;

function describe(control: Control, hint: string | undefined, className: string, label: Child): { row: HTMLElement; error: HTMLElement } {
  if (!control.id) control.id = nextId('field');
  const hintEl = hint ? h('span', { class: 'field-hint', id: nextId('hint') }, hint) : null;
  const error = h('span', { class: 'field-error', id: nextId('error'), hidden: true });
  control.setAttribute('aria-describedby', [hintEl?.id, error.id].filter(Boolean).join(' '));
  const row =
    className === 'form-check'
      ? h('div', { class: className }, h('label', { class: 'check' }, control, h('span', null, label)), hintEl, error)
      : h('div', { class: className }, h('label', { for: control.id, class: 'field-label' }, label), control, hintEl, error);
  return { row, error };
}

function handle<C extends Control>(control: C, row: HTMLElement, error: HTMLElement): FieldHandle<C> {
  return {
    row,
    control,
    setError(message) {
      error.textContent = message ?? '';
      error.hidden = message === null;
      if (message === null) control.removeAttribute('aria-invalid');
      else control.setAttribute('aria-invalid', 'true');
    },
  };
}

export function field<C extends Control>(label: string, control: C, hint?: string): FieldHandle<C> {
  const { row, error } = describe(control, hint, 'form-field', label);
  return handle(control, row, error);
}

export function checkField(label: string, checked: boolean, hint?: string): FieldHandle<HTMLInputElement> {
  const control = h('input', { type: 'checkbox' });
  control.checked = checked;
  const { row, error } = describe(control, hint, 'form-check', label);
  return handle(control, row, error);
}

export interface Option {
  value: string;
  label: string;
}
export interface OptionGroup {
  label: string;
  options: Option[];
}

/** A <select>; `selected` that matches no option leaves the first one chosen. */
export function select(items: ReadonlyArray<Option | OptionGroup>, selected: string | null, attrs?: Record<string, string>): HTMLSelectElement {
  const toOption = (o: Option): HTMLOptionElement => {
    const option = h('option', { value: o.value }, o.label);
    option.selected = o.value === selected;
    return option;
  };
  return h(
    'select',
    attrs ?? null,
    ...items.map((item) => ('options' in item ? h('optgroup', { label: item.label }, ...item.options.map(toOption)) : toOption(item))),
  );
}

/** The status line under a form: errors are alerts, successes polite announcements. */
export function formMessage(): { el: HTMLElement; show(kind: 'error' | 'ok', ...content: Child[]): void; clear(): void } {
  const el = h('div', { class: 'form-message', 'aria-live': 'polite', hidden: true });
  return {
    el,
    show(kind, ...content) {
      el.className = `form-message form-message-${kind}`;
      el.setAttribute('role', kind === 'error' ? 'alert' : 'status');
      el.replaceChildren(...content.map((c) => (typeof c === 'object' && c ? c : document.createTextNode(String(c ?? '')))));
      el.hidden = false;
    },
    clear() {
      el.hidden = true;
      el.replaceChildren();
    },
  };
}
