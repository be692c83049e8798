import { ValueStore } from './value.store.ts';

export const STYLE_MODES = ['condition', 'owner', 'ownership'] as const;
export type StyleMode = (typeof STYLE_MODES)[number];

const STORAGE_KEY = 'polewatch.styleMode';

function readStored(): StyleMode {
  try {
    const stored = window.localStorage.getItem(STORAGE_KEY);
    return STYLE_MODES.find((m) => m === stored) ?? 'condition';
  } catch {
    return 'condition';
  }
}

export const styleModeStore = new ValueStore<StyleMode>(readStored());

// A field officer switching to "by owner" (or an officer working through claims, to "by
// ownership status") usually wants it again next visit.
styleModeStore.subscribe((mode) => {
  try {
    window.localStorage.setItem(STORAGE_KEY, mode);
  } catch {
    // Not persisting is harmless.
  }
});
