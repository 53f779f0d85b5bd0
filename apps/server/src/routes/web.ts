import fastifyStatic from '@fastify/static';
import type { FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { ApiError } from '../errors';
import { negotiateLocale } from '../http/locale';
import { PROBLEM_CONTENT_TYPE, problemFor } from '../http/problem';

/**
 * Serves the built single-page app. Any other GET that reaches the root not-found handler is a client-side
 * route, so it gets `index.html`; the `/api` context has its own not-found handler and never lands here.
 */
export const webRoutes = fp<{ root: string }>(async (app, { root }) => {
  await app.register(fastifyStatic, { root, wildcard: false, index: ['index.html'] });
  app.setNotFoundHandler((request: FastifyRequest, reply: FastifyReply) => {
    if (request.method === 'GET' || request.method === 'HEAD') return reply.type('text/html; charset=utf-8').sendFile('index.html');
    const problem = problemFor(new ApiError('ERR_ROUTE_NOT_FOUND'), negotiateLocale(request.headers['accept-language']));
    return reply.code(404).type(PROBLEM_CONTENT_TYPE).send(JSON.stringify(problem));
  });
}, { name: 'tangram-web' });
