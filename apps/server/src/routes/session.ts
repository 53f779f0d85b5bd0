import type { FastifyPluginAsync } from 'fastify';
import { clearSessionCookie } from '../auth/session';
import { createSecretToken } from '../auth/secret-token';
import { currentUser } from '../plugins/auth';
import { problems } from '../http/shared-schemas';

/** The signed-in user's own session and API tokens. Registered inside the authenticated context. */
export const sessionRoutes: FastifyPluginAsync = async (app) => {
  app.get('/auth/me', {
    schema: {
      tags: ['auth'],
      summary: 'The signed-in user',
      response: { 200: { type: 'object', properties: { user: { $ref: 'User#' } }, required: ['user'] }, ...problems(401) },
    },
  }, async (request) => ({ user: currentUser(request) }));

  app.post('/auth/logout', {
    schema: {
      tags: ['auth'],
      summary: 'End the current session',
      response: { 204: { type: 'null' }, ...problems(401) },
    },
  }, async (request, reply) => {
    if (request.credential?.kind === 'session') await app.store.identity.deleteSession(request.credential.hash);
    clearSessionCookie(app, reply);
    return reply.code(204).send();
  });

  app.post<{ Body: { name: string } }>('/auth/tokens', {
    schema: {
      tags: ['auth'],
      summary: 'Create an API token (the secret is shown only in this response)',
      body: {
        type: 'object',
        properties: { name: { type: 'string', minLength: 1, maxLength: 100 } },
        required: ['name'],
        additionalProperties: false,
      },
      response: {
        201: { type: 'object', properties: { id: { type: 'string' }, name: { type: 'string' }, token: { type: 'string' } }, required: ['id', 'name', 'token'] },
        ...problems(400, 401, 413, 415),
      },
    },
  }, async (request, reply) => {
    const user = currentUser(request);
    const { token, hash } = createSecretToken('apiToken');
    const { id } = await app.store.identity.createApiToken(user.id, request.body.name, hash);
    return reply.code(201).send({ id, name: request.body.name, token });
  });
};
