/**
 * Who is calling: a session cookie (`tangram_session`) or `Authorization: Bearer <token>` (an API token,
 * or a session secret for clients without cookies). Resolves `request.user` for every route; contexts
 * that need a user register `requireUser`. The store's lookups skip disabled users, so disabling one
 * stops their sessions and tokens on the next request.
 */
import type { User } from '@tangram/schema';
import type { FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { hashSecretToken, secretKind } from '../auth/secret-token';
import { ApiError } from '../errors';

export const SESSION_COOKIE = 'tangram_session';

export type CredentialKind = 'session' | 'token';

declare module 'fastify' {
  interface FastifyRequest {
    user: User | null;
    credential: { readonly kind: CredentialKind; readonly hash: string } | null;
  }
}

export const authPlugin = fp(
  async (app) => {
    app.decorateRequest('user', null);
    app.decorateRequest('credential', null);
    app.addHook('onRequest', async (request) => {
      const bearer = bearerToken(request);
      if (bearer !== null) {
        const hash = hashSecretToken(bearer);
        if (secretKind(bearer) === 'apiToken') {
          const tokenUser = await app.store.identity.findTokenUser(hash);
          if (tokenUser) {
            request.user = tokenUser;
            request.credential = { kind: 'token', hash };
          }
          return;
        }
        const sessionUser = await app.store.identity.findSessionUser(hash, app.now());
        if (sessionUser) {
          request.user = sessionUser;
          request.credential = { kind: 'session', hash };
        }
        return;
      }
      const cookie = request.cookies[SESSION_COOKIE];
      if (cookie) {
        const hash = hashSecretToken(cookie);
        const sessionUser = await app.store.identity.findSessionUser(hash, app.now());
        if (sessionUser) {
          request.user = sessionUser;
          request.credential = { kind: 'session', hash };
        }
      }
    });
  },
  { name: 'tangram-auth', dependencies: ['tangram-store', '@fastify/cookie'] },
);

function bearerToken(request: FastifyRequest): string | null {
  const header = request.headers.authorization;
  if (!header) return null;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return match ? match[1]! : null;
}

/** onRequest hook for authenticated contexts: no valid credential -> 401. */
export async function requireUser(request: FastifyRequest, _reply: FastifyReply): Promise<void> {
  if (!request.user) throw new ApiError('ERR_UNAUTHENTICATED');
}

/** The signed-in user; call only inside a context guarded by `requireUser`. */
export function currentUser(request: FastifyRequest): User {
  if (!request.user) throw new ApiError('ERR_UNAUTHENTICATED');
  return request.user;
}

export function requireAdmin(request: FastifyRequest): User {
  const user = currentUser(request);
  if (!user.isAdmin) throw new ApiError('ERR_NOT_ADMIN');
  return user;
}

/** The store's view of who acts: the signed-in user, through a session or an API token. */
export function actorOf(request: FastifyRequest): { readonly userId: string; readonly via: 'user' | 'token' } {
  const user = currentUser(request);
  return { userId: user.id, via: request.credential?.kind === 'token' ? 'token' : 'user' };
}
