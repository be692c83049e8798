/**
 * polewatch's service worker. Hand-written (no Workbox): the build (sw.plugin.ts) compiles
 * this file to /sw.js and puts the list of the map page's files in PRECACHE.
 *
 * - The app shell (index.html and everything it loads) is cached at install, so the map page
 *   opens with no signal at all.
 * - The map's reads (/api/poles, /api/spans, reference data) are network-first: fresh when
 *   there is a connection, the last answer when there is not.
 * - Writes and sign-in are never touched: they go to the network or fail, and the page's
 *   outbox (IndexedDB) keeps what could not be sent. A cached write would be a lost write.
 */
/** the map page's files, from the build */
declare const PRECACHE: string[];
/** changes with every build whose files change, so a new deployment replaces the old shell */
declare const VERSION: string;
// A classic script (not a module, which older phone browsers cannot run as a worker), so the
// global is narrowed here rather than redeclared.
const sw = self as unknown as ServiceWorkerGlobalScope;

const SHELL_PREFIX = 'polewatch-shell-';
const SHELL = `${SHELL_PREFIX}${VERSION}`;
// Kept across deployments: the last area seen must survive an app update made in the office.
const DATA = 'polewatch-data-v1';
const MAX_DATA_ENTRIES = 120;
/** the page's own address in the cache; "/" and "/index.html" are the same page */
const SHELL_PAGE = '/index.html';
// In an alley a request can hang for a minute before failing; the officer gets the saved
// copy after this long, and the late answer still refreshes the cache.
const NAVIGATION_TIMEOUT_MS = 4000;
const DATA_TIMEOUT_MS = 8000;

/** Reads the map draws from; each is public (the same for every caller) and safe to replay. */
const DATA_PATHS: readonly RegExp[] = [
  /^\/api\/poles$/,
  /^\/api\/poles\/summary$/,
  /^\/api\/spans$/,
  /^\/api\/basemap(\/.*)?$/,
  /^\/api\/(config|organisations|districts|roads)$/,
];

/** What the map needs before it can draw anything; fetched at install, best effort. */
const REFERENCE = ['/api/config', '/api/organisations', '/api/districts', '/api/roads'];

sw.addEventListener('install', (event) => {
  event.waitUntil(
    (async () => {
      const cache = await caches.open(SHELL);
      // cache: 'reload' so the shell is the server's current one, not a stale HTTP-cache copy.
      await cache.addAll(PRECACHE.map((url) => new Request(url, { cache: 'reload' })));
      // The first visit's own reads went past us (we were not installed yet): without these,
      // a reload out of signal right after that visit would have a shell but no map.
      await Promise.allSettled(
        REFERENCE.map(async (path) => {
          const url = new URL(path, sw.location.origin);
          const response = await fetch(url);
          if (response.status === 200) await remember(url, new Request(url), response);
        }),
      );
      await sw.skipWaiting();
    })(),
  );
});

sw.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      const names = await caches.keys();
      await Promise.all(names.filter((n) => n.startsWith(SHELL_PREFIX) && n !== SHELL).map((n) => caches.delete(n)));
      // The page that registered us is controlled at once, so its next reads fill the cache.
      await sw.clients.claim();
    })(),
  );
});

sw.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== sw.location.origin) return;
  if (url.pathname.startsWith('/api/auth')) return;

  if (request.mode === 'navigate') {
    if (url.pathname === '/' || url.pathname === SHELL_PAGE) event.respondWith(shellPage(request));
    return;
  }
  if (DATA_PATHS.some((re) => re.test(url.pathname))) {
    event.respondWith(networkFirst(request, url));
    return;
  }
  if (!url.pathname.startsWith('/api/')) event.respondWith(cacheFirst(request));
});

/** Resolves with the answer, or with null when it has not come within `ms`. */
function within(promise: Promise<Response>, ms: number): Promise<Response | null> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => resolve(null), ms);
    promise.then(
      (r) => {
        clearTimeout(timer);
        resolve(r);
      },
      (e: unknown) => {
        clearTimeout(timer);
        reject(e instanceof Error ? e : new Error(String(e)));
      },
    );
  });
}

async function shellPage(request: Request): Promise<Response> {
  const cache = await caches.open(SHELL);
  const network = fetch(request).then(async (response) => {
    if (response.ok) await cache.put(SHELL_PAGE, response.clone());
    return response;
  });
  network.catch(() => undefined);
  try {
    const fresh = await within(network, NAVIGATION_TIMEOUT_MS);
    if (fresh) return fresh;
  } catch {
    // offline: the saved page below
  }
  return (await cache.match(SHELL_PAGE)) ?? network;
}

async function cacheFirst(request: Request): Promise<Response> {
  const hit = await caches.match(request, { cacheName: SHELL });
  return hit ?? fetch(request);
}

/** The key under which the newest answer for a path is kept, whatever its query. */
function latestKey(url: URL): string {
  return `${url.origin}${url.pathname}?pw-latest`;
}

async function remember(url: URL, request: Request, response: Response): Promise<void> {
  const cache = await caches.open(DATA);
  await cache.put(request, response.clone());
  // "The last viewed area": after a reload the map may ask for a slightly different box,
  // and the newest answer for the same path is then far better than nothing.
  await cache.put(latestKey(url), response);
  const keys = await cache.keys();
  const excess = keys.length - MAX_DATA_ENTRIES;
  // keys() lists in insertion order: the oldest go first.
  for (const key of keys.slice(0, Math.max(0, excess))) await cache.delete(key);
}

async function saved(request: Request, url: URL): Promise<Response | null> {
  const cache = await caches.open(DATA);
  return (await cache.match(request)) ?? (await cache.match(latestKey(url))) ?? null;
}

async function networkFirst(request: Request, url: URL): Promise<Response> {
  const network = fetch(request).then(async (response) => {
    if (response.status === 200) await remember(url, request, response.clone());
    return response;
  });
  // A late or failed answer must not surface as an unhandled rejection.
  network.catch(() => undefined);
  let fresh: Response | null;
  try {
    fresh = await within(network, DATA_TIMEOUT_MS);
  } catch {
    // Offline. Nothing saved either: the page sees the network failure it would without us.
    return (await saved(request, url)) ?? Response.error();
  }
  // A 503 (database gone) is as good as no answer when a saved copy exists.
  if (fresh && fresh.status !== 503) return fresh;
  return (await saved(request, url)) ?? fresh ?? network;
}
