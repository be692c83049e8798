import { onLangChange, t } from '../i18n/i18n.ts';
import { h } from './dom.builder.ts';

/** How much of the screen the sheet takes: a peek at the title, half, or all below the header. */
export type SheetSize = 'collapsed' | 'half' | 'full';

const SIZES: readonly SheetSize[] = ['collapsed', 'half', 'full'];
/** a movement shorter than this is a tap on the handle, not a drag */
const TAP_PX = 8;
const NARROW = '(max-width: 640px)';

/**
 * Turns a side panel into a bottom sheet on phones: a drag handle to pull it between three
 * heights with a thumb (it snaps to the nearest), a tap on the handle to step through them,
 * and the arrow keys for keyboards. The panel's own content goes in `content`, which
 * scrolls; on wide screens the handle is hidden and the panel is the plain side panel.
 */
export class BottomSheet {
  readonly content: HTMLElement;
  private readonly handle: HTMLButtonElement;
  private size: SheetSize = 'half';
  private drag: { startY: number; startH: number; moved: boolean } | null = null;

  constructor(private readonly el: HTMLElement) {
    this.handle = h('button', { type: 'button', class: 'sheet-handle', 'data-testid': 'sheet-handle' }, h('span', { class: 'sheet-grip', 'aria-hidden': 'true' }));
    this.content = h('div', { class: 'sheet-content' });
    el.classList.add('sheet');
    el.replaceChildren(this.handle, this.content);
    this.set('half');
    this.handle.addEventListener('click', () => {
      // A drag ends with a click event too; only a real tap steps the size.
      if (!this.drag?.moved) this.set(this.size === 'collapsed' ? 'half' : this.size === 'half' ? 'full' : 'collapsed');
      this.drag = null;
    });
    this.handle.addEventListener('keydown', (e) => {
      const step = e.key === 'ArrowUp' ? 1 : e.key === 'ArrowDown' ? -1 : 0;
      if (step === 0) return;
      e.preventDefault();
      const i = Math.min(SIZES.length - 1, Math.max(0, SIZES.indexOf(this.size) + step));
      this.set(SIZES[i]!);
    });
    this.handle.addEventListener('pointerdown', (e) => this.start(e));
    this.handle.addEventListener('pointermove', (e) => this.move(e));
    this.handle.addEventListener('pointerup', (e) => this.end(e));
    this.handle.addEventListener('pointercancel', (e) => this.end(e));
    this.handle.addEventListener('lostpointercapture', (e) => this.end(e));
    onLangChange(() => this.label());
  }

  get current(): SheetSize {
    return this.size;
  }

  set(size: SheetSize): void {
    this.size = size;
    this.el.dataset.sheet = size;
    this.el.style.removeProperty('height');
    this.label();
  }

  private label(): void {
    this.handle.setAttribute('aria-label', t('sheet.handle', { size: t(`sheet.${this.size}` as const) }));
    this.handle.title = t('sheet.handleHint');
  }

  private start(e: PointerEvent): void {
    if (!window.matchMedia(NARROW).matches) return;
    this.handle.setPointerCapture(e.pointerId);
    this.drag = { startY: e.clientY, startH: this.el.getBoundingClientRect().height, moved: false };
    this.el.classList.add('sheet-dragging');
  }

  private move(e: PointerEvent): void {
    const d = this.drag;
    if (!d) return;
    const dy = d.startY - e.clientY;
    if (Math.abs(dy) > TAP_PX) d.moved = true;
    if (d.moved) this.el.style.height = `${Math.max(this.heightOf('collapsed'), Math.min(this.heightOf('full'), d.startH + dy))}px`;
  }

  private end(e: PointerEvent): void {
    const d = this.drag;
    if (!this.el.classList.contains('sheet-dragging')) return; // already ended (pointerup, then lostpointercapture)
    this.el.classList.remove('sheet-dragging');
    if (this.handle.hasPointerCapture(e.pointerId)) this.handle.releasePointerCapture(e.pointerId);
    if (!d?.moved) return;
    // The height the finger asked for, not the rendered one, which may still be easing towards it.
    const h = parseFloat(this.el.style.height) || this.el.getBoundingClientRect().height;
    const nearest = SIZES.reduce((best, s) => (Math.abs(this.heightOf(s) - h) < Math.abs(this.heightOf(best) - h) ? s : best), this.size);
    this.set(nearest);
  }

  /** The height each size has in CSS, read by briefly applying it (the numbers live in app.css). */
  private heightOf(size: SheetSize): number {
    const probe = h('div', { class: 'sheet sheet-probe', 'data-sheet': size, 'aria-hidden': 'true' });
    this.el.parentElement?.appendChild(probe);
    const height = probe.getBoundingClientRect().height;
    probe.remove();
    return height;
  }
}
