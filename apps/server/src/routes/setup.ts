import type { Locale } from '@tangram/schema';
import type { FastifyPluginAsync } from 'fastify';
import { hashPassword } from '../auth/password';
import { startSession } from '../auth/session';
import { ApiError } from '../errors';
import { problems } from '../http/shared-schemas';
import { emailSchema, localeSchema, nameSchema, passwordSchema, sessionResponseSchema } from './credentials.schema';

interface SetupBody { email: string; password: string; name: string; locale: Locale }

/** First run: while no user exists, anyone may create the first administrator (and is signed in). */
export const setupRoutes: FastifyPluginAsync = async (app) => {
  app.get('/setup', {
    schema: {
      tags: ['auth'],
      summary: 'Whether the first administrator still has to be created',
      response: { 200: { type: 'object', properties: { needed: { type: 'boolean' } }, required: ['needed'] } },
    },
  }, async () => ({ needed: (await app.store.identity.countUsers()) === 0 }));

  app.post<{ Body: SetupBody }>('/setup', {
    schema: {
      tags: ['auth'],
      summary: 'Create the first administrator and sign in',
      body: {
        type: 'object',
        properties: { email: emailSchema, password: passwordSchema, name: nameSchema, locale: localeSchema },
        required: ['email', 'password', 'name', 'locale'],
        additionalProperties: false,
      },
      response: { 201: sessionResponseSchema, ...problems(400, 409, 413, 415) },
    },
  }, async (request, reply) => {
    if ((await app.store.identity.countUsers()) > 0) throw new ApiError('ERR_SETUP_DONE');
    const { email, password, name, locale } = request.body;
    const passwordHash = await hashPassword(password);
    // Atomic in the store: of two racing first-run requests only one becomes admin.
    const user = await app.store.identity.createFirstUser({ email: email.toLowerCase(), name, passwordHash, locale, isAdmin: true });
    if (!user) throw new ApiError('ERR_SETUP_DONE');
    const session = await startSession(app, reply, user.id);
    return reply.code(201).send({ user, token: session.token, expiresAt: session.expiresAt.toISOString() });
  });
};
