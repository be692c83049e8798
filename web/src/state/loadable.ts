/** Data a view is waiting for: loading, ready, or failed with the reason. */
export type Loadable<T> = { state: 'loading' } | { state: 'ready'; value: T } | { state: 'failed'; error: unknown };

/**
 * Runs a fetch and reports each state to `set`, which stores it and re-renders; failures go
 * to `onError` too (e.g. to notice an expired session) without escaping as a rejection.
 */
export async function loadInto<T>(fetcher: () => Promise<T>, set: (s: Loadable<T>) => void, onError?: (e: unknown) => void): Promise<void> {
  set({ state: 'loading' });
  try {
    set({ state: 'ready', value: await fetcher() });
  } catch (error) {
    onError?.(error);
    set({ state: 'failed', error });
  }
}
