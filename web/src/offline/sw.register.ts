/**
 * Registers /sw.js (built from web/sw/sw.ts) so the map page opens without a connection.
 * Only in a production build: the dev server has no /sw.js, and a worker caching Vite's
 * modules would only get in the way of hot reload.
 */
export function registerServiceWorker(): Promise<ServiceWorkerRegistration | null> {
  if (!import.meta.env.PROD || !('serviceWorker' in navigator)) return Promise.resolve(null);
  return navigator.serviceWorker.register('/sw.js', { scope: '/' }).catch(() => null);
}

/** True once a worker controls this page (its reads go through the offline cache). */
export function offlineShellReady(): Promise<boolean> {
  if (!import.meta.env.PROD || !('serviceWorker' in navigator)) return Promise.resolve(false);
  if (navigator.serviceWorker.controller) return Promise.resolve(true);
  return new Promise((resolve) => navigator.serviceWorker.addEventListener('controllerchange', () => resolve(true), { once: true }));
}
