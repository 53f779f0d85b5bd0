import type { FastifyInstance, FastifyReply } from 'fastify';
import { SESSION_COOKIE } from '../plugins/auth';
import { createSecretToken } from './secret-token';

export const SESSION_DAYS = 14;
const DAY_MS = 24 * 60 * 60 * 1000;

/** Starts a session for the user and sets its cookie. Returns the secret (usable as a bearer token too). */
export async function startSession(app: FastifyInstance, reply: FastifyReply, userId: string): Promise<{ token: string; expiresAt: Date }> {
  const { token, hash } = createSecretToken();
  const expiresAt = new Date(app.now().getTime() + SESSION_DAYS * DAY_MS);
  await app.store.identity.createSession(userId, hash, expiresAt);
  reply.setCookie(SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: 'lax',
    path: '/',
    expires: expiresAt,
    secure: app.secureCookies,
  });
  return { token, expiresAt };
}

export function clearSessionCookie(app: FastifyInstance, reply: FastifyReply): void {
  reply.clearCookie(SESSION_COOKIE, { path: '/', httpOnly: true, sameSite: 'lax', secure: app.secureCookies });
}

declare module 'fastify' {
  interface FastifyInstance {
    /** Send cookies with `Secure` (behind HTTPS). */
    readonly secureCookies: boolean;
  }
}
