import { useSyncExternalStore } from 'react';
import { loadLocale } from '../i18n/locale-preference';
import { createOutbox, type OutboxSnapshot } from './outbox';
import { outboxDb } from './outbox-db';
import { sendSubmission } from './send-submission';

/** 128 random bits as hex; `crypto.randomUUID` exists only on HTTPS or localhost, getRandomValues everywhere. */
export function newIdempotencyKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return `tg-${Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')}`;
}

/** This device's queue, shared by the create form, the banner and the outbox page. */
export const deviceOutbox = createOutbox({
  db: outboxDb,
  // The language at sending time, so a refusal reads in the language the user works in.
  send: (entry) => sendSubmission(entry, loadLocale()),
  now: () => new Date(),
  newKey: newIdempotencyKey,
  later: (run, ms) => void setTimeout(run, ms),
  online: () => navigator.onLine,
  currentUser: signedInUserId,
});

/** Who the server says is signed in (`GET /api/auth/me`); null when nobody is, or there is no answer. */
async function signedInUserId(): Promise<string | null> {
  try {
    const response = await fetch('/api/auth/me', { credentials: 'include', headers: { accept: 'application/json' } });
    if (!response.ok) return null;
    const body = (await response.json()) as { id?: unknown; user?: { id?: unknown } };
    const id = body.user?.id ?? body.id;
    return typeof id === 'string' ? id : null;
  } catch {
    return null;
  }
}

export function useOutbox(): OutboxSnapshot {
  return useSyncExternalStore(deviceOutbox.subscribe, deviceOutbox.snapshot);
}

/**
 * At start-up: the service worker (the app opens without a network), the queue loaded and sent, and the
 * browser's online/offline events wired to it. IndexedDB or service workers can be unavailable (private
 * mode, plain http on a LAN address): the app then works online only.
 */
export function startOffline(): void {
  if ('serviceWorker' in navigator && window.isSecureContext) {
    void navigator.serviceWorker.register('/sw.js').catch(() => undefined);
  }
  window.addEventListener('online', () => deviceOutbox.setOnline(true));
  window.addEventListener('offline', () => deviceOutbox.setOnline(false));
  void deviceOutbox.start().catch(() => undefined);
}
