/**
 * `GET /api/ws`: the realtime websocket (protocol in `protocol.ts`, topics in `topics.ts`, docs/realtime.md).
 * Signed in by the session cookie, `Authorization: Bearer …`, or `?token=` for clients that cannot set
 * headers; without a valid one the socket is closed at once with 4401. Decorates `app.hub` for server
 * code that publishes (job progress).
 */
import websocket from '@fastify/websocket';
import type { FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { hashSecretToken, secretKind } from '../auth/secret-token';
import { ApiError } from '../errors';
import { negotiateLocale } from '../http/locale';
import { problems } from '../http/shared-schemas';
import { CLOSE_CROSS_SITE, CLOSE_UNAUTHENTICATED } from './connection';
import { createHub, DEFAULT_HUB_OPTIONS, type Hub, type HubOptions } from './hub';

declare module 'fastify' {
  interface FastifyInstance {
    /** Realtime topics: `app.hub.publish('job:<id>', progress, { users })`. */
    readonly hub: Hub;
  }
}

/** Frames from clients are small subscribe/unsubscribe messages. */
const MAX_FRAME_BYTES = 16 * 1024;

/** `?token=`: the same secrets a bearer header carries (a session secret or an API token). */
async function signInByQuery(request: FastifyRequest<{ Querystring: { token?: string } }>): Promise<void> {
  const token = request.query.token;
  if (request.user || !token) return;
  const { store, now } = request.server;
  const hash = hashSecretToken(token);
  const kind = secretKind(token) === 'apiToken' ? 'token' : 'session';
  const user = kind === 'token' ? await store.identity.findTokenUser(hash) : await store.identity.findSessionUser(hash, now());
  if (user) {
    request.user = user;
    request.credential = { kind, hash };
  }
}

/**
 * A cookie rides along on a socket opened by any page the user visits: a cookie-authenticated socket
 * must come from a page of this server (Origin host = Host). Bearer and query tokens are not ambient.
 */
function isCrossSiteCookieSocket(request: FastifyRequest<{ Querystring: { token?: string } }>): boolean {
  if (request.headers.authorization || request.query.token) return false;
  const origin = request.headers.origin;
  if (!origin) return false;
  try {
    return new URL(origin).host !== request.headers.host;
  } catch {
    return true;
  }
}

export const realtimePlugin = fp<Partial<HubOptions>>(
  async (app, options) => {
    await app.register(websocket, { options: { maxPayload: MAX_FRAME_BYTES } });
    const hub = await createHub(app.store, { ...DEFAULT_HUB_OPTIONS, ...options }, app.log, app.now);
    app.decorate('hub', hub);
    // Before the websocket plugin closes the sockets itself, so clients get the hub's close code.
    app.addHook('preClose', () => hub.close());

    app.route<{ Querystring: { token?: string } }>({
      method: 'GET',
      url: '/api/ws',
      schema: {
        // OpenAPI has no words for a websocket: docs/realtime.md describes the protocol.
        hide: true,
        querystring: { type: 'object', properties: { token: { type: 'string', minLength: 1, maxLength: 200 } }, additionalProperties: false },
        response: problems(400),
      },
      preValidation: signInByQuery,
      // A plain GET (no Upgrade header) is a client error, said as a problem document like any other.
      handler: async () => {
        throw new ApiError('ERR_BAD_REQUEST', { errors: [{ path: '/headers/upgrade', code: 'required', params: { missingProperty: 'upgrade' } }] });
      },
      wsHandler: (socket, request) => {
        if (!request.user || !request.credential) {
          socket.close(CLOSE_UNAUTHENTICATED, 'ERR_UNAUTHENTICATED');
          return;
        }
        if (isCrossSiteCookieSocket(request)) {
          socket.close(CLOSE_CROSS_SITE, 'ERR_FORBIDDEN');
          return;
        }
        hub.attach(socket, { user: request.user, credential: request.credential, locale: negotiateLocale(request.headers['accept-language']) });
      },
    });
  },
  { name: 'tangram-realtime', dependencies: ['tangram-store', 'tangram-auth'] },
);
