/*
 * Tangram's service worker: lets the staff app open with no network (street promotions, expos, shop floors).
 * - Pages: network first; offline, the cached app shell (index.html) answers every address.
 * - Built assets (/assets/*, hashed names that never change): cache first, stored the first time they load.
 * - The few API reads a form page needs to open (who is signed in, apps, forms, the form definition and the
 *   caller's access): network first, the last good answer when offline. An answer that is not OK (signed
 *   out, access removed) deletes the stored one, so the cache never outlives a permission.
 * Record lists and writes are never cached: submissions made offline wait in the app's own queue (IndexedDB).
 */
const SHELL = 'tangram-shell-v1';
const DATA = 'tangram-data-v1';
const KEEP = [SHELL, DATA];

const CACHED_READS = [
  /^\/api\/setup$/,
  /^\/api\/auth\/me$/,
  /^\/api\/apps$/,
  /^\/api\/apps\/[^/]+\/forms$/,
  /^\/api\/apps\/[^/]+\/forms\/[^/]+\/versions\/latest$/,
  /^\/api\/apps\/[^/]+\/forms\/[^/]+\/access$/,
];

self.addEventListener('install', (event) => {
  event.waitUntil(caches.open(SHELL).then((cache) => cache.addAll(['/index.html', '/favicon.svg'])).then(() => self.skipWaiting()));
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches.keys()
      .then((keys) => Promise.all(keys.filter((key) => !KEEP.includes(key)).map((key) => caches.delete(key))))
      .then(() => self.clients.claim()),
  );
});

async function networkFirst(request, cacheName, fallbackUrl) {
  const cache = await caches.open(cacheName);
  try {
    const response = await fetch(request);
    if (response.ok) await cache.put(fallbackUrl ?? request, response.clone());
    else if (!fallbackUrl) await cache.delete(request);
    return response;
  } catch (error) {
    const cached = await cache.match(fallbackUrl ?? request);
    if (cached) return cached;
    throw error;
  }
}

async function cacheFirst(request) {
  const cache = await caches.open(SHELL);
  const cached = await cache.match(request);
  if (cached) return cached;
  const response = await fetch(request);
  if (response.ok) await cache.put(request, response.clone());
  return response;
}

self.addEventListener('fetch', (event) => {
  const { request } = event;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (request.mode === 'navigate') {
    event.respondWith(networkFirst(request, SHELL, '/index.html'));
    return;
  }
  if (url.pathname.startsWith('/assets/')) {
    event.respondWith(cacheFirst(request));
    return;
  }
  if (url.search === '' && CACHED_READS.some((pattern) => pattern.test(url.pathname))) {
    event.respondWith(networkFirst(request, DATA));
  }
});
