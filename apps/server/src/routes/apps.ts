import { validateApp, type AppDefinition } from '@tangram/schema';
import type { FastifyPluginAsync } from 'fastify';
import { ApiError } from '../errors';
import { problems } from '../http/shared-schemas';
import { actorOf, requireAdmin } from '../plugins/auth';
import { definitionBody } from './params.schema';
import { validOrThrow } from './validated';

/** Apps: everyone signed in can list them; only admins create them. */
export const appRoutes: FastifyPluginAsync = async (app) => {
  app.get('/apps', {
    schema: {
      tags: ['apps'],
      summary: 'List apps',
      response: { 200: { type: 'object', properties: { items: { type: 'array', items: { $ref: 'App#' } } }, required: ['items'] }, ...problems(401) },
    },
  }, async () => ({ items: await app.store.definitions.listApps() }));

  app.post<{ Body: unknown }>('/apps', {
    schema: {
      tags: ['apps'],
      summary: 'Create an app (admin); the body is an AppDefinition, refused with 422 listing every problem',
      body: definitionBody,
      response: { 201: { $ref: 'App#' }, ...problems(400, 401, 403, 409, 413, 415, 422) },
    },
  }, async (request, reply) => {
    requireAdmin(request);
    const definition = validOrThrow<AppDefinition>(validateApp(request.body));
    if (await app.store.definitions.getApp(definition.key)) {
      throw new ApiError('ERR_CONFLICT', { errors: [{ path: '/key', code: 'duplicate', params: { value: definition.key } }] });
    }
    const created = await app.store.definitions.createApp(actorOf(request), definition);
    return reply.code(201).send(created);
  });
};
