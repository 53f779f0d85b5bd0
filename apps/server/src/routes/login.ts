import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import { verifyPassword } from '../auth/password';
import { startSession } from '../auth/session';
import { ApiError } from '../errors';
import { problems } from '../http/shared-schemas';
import { sessionResponseSchema } from './credentials.schema';

interface LoginBody { email: string; password: string }

export interface LoginRateLimit {
  /** Attempts per window per client address and email. */
  readonly max: number;
  readonly timeWindowMs: number;
}

/**
 * Sign in with email and password. Unknown email and wrong password answer the same error after the
 * same amount of work, and attempts are limited per address+email so guessing is slow.
 */
export const loginRoutes: FastifyPluginAsync<{ rateLimit: LoginRateLimit }> = async (app, { rateLimit }) => {
  app.post<{ Body: LoginBody }>('/auth/login', {
    config: {
      rateLimit: {
        max: rateLimit.max,
        timeWindow: rateLimit.timeWindowMs,
        keyGenerator: (request: FastifyRequest) => `${request.ip}|${loginEmail(request)}`,
      },
    },
    schema: {
      tags: ['auth'],
      summary: 'Sign in; sets the httpOnly session cookie',
      body: {
        type: 'object',
        properties: { email: { type: 'string', minLength: 1, maxLength: 254 }, password: { type: 'string', minLength: 1, maxLength: 256 } },
        required: ['email', 'password'],
        additionalProperties: false,
      },
      response: { 200: sessionResponseSchema, ...problems(400, 401, 413, 415, 429) },
    },
  }, async (request, reply) => {
    const email = request.body.email.trim().toLowerCase();
    const found = await app.store.identity.findUserByEmail(email);
    const ok = await verifyPassword(found?.passwordHash ?? null, request.body.password);
    if (!found || !ok || found.disabled) throw new ApiError('ERR_INVALID_CREDENTIALS');
    const { passwordHash: _hidden, ...user } = found;
    const session = await startSession(app, reply, user.id);
    return { user, token: session.token, expiresAt: session.expiresAt.toISOString() };
  });
};

function loginEmail(request: FastifyRequest): string {
  const body = request.body as { email?: unknown } | undefined;
  return typeof body?.email === 'string' ? body.email.trim().toLowerCase() : '';
}
