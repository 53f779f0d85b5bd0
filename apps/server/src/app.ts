/**
 * Builds the HTTP application without listening: `main.ts` listens, tests call `app.inject()`.
 *
 *   const app = await buildApp({ store });
 *   const res = await app.inject({ method: 'GET', url: '/api/health' }); // 200 {"status":"ok","database":"pglite"}
 */
import cookie from '@fastify/cookie';
import rateLimit from '@fastify/rate-limit';
import type { Store } from '@tangram/store';
import Fastify, { type FastifyBaseLogger, type FastifyInstance, type FastifyReply, type FastifyRequest, type FastifyServerOptions } from 'fastify';
import { ApiError } from './errors';
import { importWorkerPlugin } from './import/import-worker-plugin';
import { negotiateLocale } from './http/locale';
import { PROBLEM_CONTENT_TYPE, problemFor, toProblem } from './http/problem';
import { SHARED_SCHEMAS } from './http/shared-schemas';
import { createValidatorCompiler } from './http/validation';
import { authPlugin, requireUser } from './plugins/auth';
import { storePlugin } from './plugins/store';
import type { HubOptions } from './realtime/hub';
import { realtimePlugin } from './realtime/realtime-plugin';
import { appRoutes } from './routes/apps';
import { dashboardRoutes } from './routes/dashboards';
import { exportRoutes } from './routes/export';
import { fileRoutes } from './routes/files';
import { formImpactRoutes } from './routes/form-impact';
import { formRoutes } from './routes/forms';
import { healthRoutes } from './routes/health';
import { importRoutes } from './routes/import';
import { loginRoutes, type LoginRateLimit } from './routes/login';
import { openapiRoutes, registerOpenapi } from './routes/openapi';
import { orgUnitRoutes } from './routes/org-units';
import { peopleRoutes } from './routes/people';
import { publicFormAdminRoutes } from './routes/public-form-admin';
import { publicFormSubmitRoutes } from './routes/public-form-submit';
import { recordRoutes } from './routes/records';
import { reportRoutes } from './routes/reports';
import { roleRoutes } from './routes/roles';
import { sessionRoutes } from './routes/session';
import { setupRoutes } from './routes/setup';
import { userRoutes } from './routes/users';
import { webRoutes } from './routes/web';

export interface BuildAppOptions {
  readonly store: Store;
  /** Directory of the built web app (`apps/web/dist`); absent: API only. */
  readonly webRoot?: string;
  readonly logger?: FastifyServerOptions['logger'] | FastifyBaseLogger;
  /** The clock (tests move it to expire sessions). */
  readonly now?: () => Date;
  /** Login attempts per client address + email per window. Default 10 per minute. */
  readonly rateLimit?: Partial<LoginRateLimit>;
  /** Mark cookies `Secure` (serve over HTTPS). */
  readonly secureCookies?: boolean;
  /** Behind a reverse proxy: take the client address from X-Forwarded-For (login limits key on it). */
  readonly trustProxy?: boolean;
  /** Realtime hub timings and limits (tests shorten the heartbeat); defaults in `realtime/hub.ts`. */
  readonly realtime?: Partial<HubOptions>;
}

/** Request bodies above this are refused with 413; batch routes raise it for themselves. */
export const BODY_LIMIT = 1024 * 1024;

export async function buildApp(options: BuildAppOptions): Promise<FastifyInstance> {
  const loggerOption = options.logger ?? false;
  const app = Fastify({
    ...(isLoggerInstance(loggerOption) ? { loggerInstance: loggerOption } : { logger: loggerOption }),
    bodyLimit: BODY_LIMIT,
    trustProxy: options.trustProxy ?? false,
    // Ids, keys and filters travel in URLs; keep them short enough to log and index.
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: 200 },
  }) as unknown as FastifyInstance;

  // The API speaks JSON only: anything else (text/plain included) is refused with 415.
  app.removeContentTypeParser('text/plain');
  // An empty body sent as JSON (many HTTP clients do that for POST /logout) means "no body"; routes that
  // need one then answer 400 ERR_VALIDATION. `__proto__`/`constructor` keys still make the parse fail.
  const parseJson = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    const text = body.toString();
    if (text.trim() === '') done(null, undefined);
    else parseJson(request, text, done);
  });
  app.setValidatorCompiler(createValidatorCompiler(SHARED_SCHEMAS));
  for (const schema of SHARED_SCHEMAS) app.addSchema(schema);

  app.setErrorHandler((error, request, reply) => {
    const problem = toProblem(error, negotiateLocale(request.headers['accept-language']));
    if (problem.status >= 500) request.log.error({ err: error }, 'request failed');
    void reply.code(problem.status).type(PROBLEM_CONTENT_TYPE).send(JSON.stringify(problem));
  });

  app.decorate('secureCookies', options.secureCookies ?? false);
  await app.register(storePlugin, { store: options.store, now: options.now ?? (() => new Date()) });
  await app.register(cookie);
  await app.register(rateLimit, {
    global: false,
    // After body parsing, so the limit can be keyed by the email being tried.
    hook: 'preHandler',
    errorResponseBuilder: () => new ApiError('ERR_RATE_LIMITED'),
  });
  await app.register(authPlugin);
  await app.register(importWorkerPlugin);
  await registerOpenapi(app);
  await app.register(realtimePlugin, options.realtime ?? {});

  const loginLimit: LoginRateLimit = { max: options.rateLimit?.max ?? 10, timeWindowMs: options.rateLimit?.timeWindowMs ?? 60_000 };

  await app.register(async (api) => {
    // Public: no credential needed.
    await api.register(async (publicApi) => {
      await publicApi.register(healthRoutes);
      await publicApi.register(setupRoutes);
      await publicApi.register(loginRoutes, { rateLimit: loginLimit });
      await publicApi.register(openapiRoutes);
      await publicApi.register(publicFormSubmitRoutes);
    });
    // Authenticated: every route below needs a session cookie or a bearer token.
    await api.register(async (privateApi) => {
      privateApi.addHook('onRequest', requireUser);
      await privateApi.register(sessionRoutes);
      await privateApi.register(userRoutes);
      await privateApi.register(peopleRoutes);
      await privateApi.register(orgUnitRoutes);
      await privateApi.register(appRoutes);
      await privateApi.register(roleRoutes);
      await privateApi.register(formRoutes);
      await privateApi.register(formImpactRoutes);
      await privateApi.register(recordRoutes);
      await privateApi.register(importRoutes);
      await privateApi.register(fileRoutes);
      await privateApi.register(exportRoutes);
      await privateApi.register(reportRoutes);
      await privateApi.register(dashboardRoutes);
      await privateApi.register(publicFormAdminRoutes);
    });
    api.setNotFoundHandler(notFound);
  }, { prefix: '/api' });

  // Outside /api: the web app (with its client-side routes), or a plain 404 when serving the API only.
  if (options.webRoot) await app.register(webRoutes, { root: options.webRoot });
  else app.setNotFoundHandler(notFound);
  return app;
}

function notFound(request: FastifyRequest, reply: FastifyReply): void {
  const problem = problemFor(new ApiError('ERR_ROUTE_NOT_FOUND'), negotiateLocale(request.headers['accept-language']));
  void reply.code(404).type(PROBLEM_CONTENT_TYPE).send(JSON.stringify(problem));
}

function isLoggerInstance(logger: unknown): logger is FastifyBaseLogger {
  return typeof logger === 'object' && logger !== null && typeof (logger as FastifyBaseLogger).child === 'function';
}
