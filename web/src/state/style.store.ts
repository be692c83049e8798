import { ValueStore } from './value.store.ts';

export type StyleMode = 'condition' | 'owner';

const STORAGE_KEY = 'polewatch.styleMode';

function readStored(): StyleMode {
  try {
    return window.localStorage.getItem(STORAGE_KEY) === 'owner' ? 'owner' : 'condition';
  } catch {
    return 'condition';
  }
}

export const styleModeStore = new ValueStore<StyleMode>(readStored());

// A field officer switching to "by owner" usually wants it again next visit.
styleModeStore.subscribe((mode) => {
  try {
    window.localStorage.setItem(STORAGE_KEY, mode);
  } catch {
    // Not persisting is harmless.
  }
});
