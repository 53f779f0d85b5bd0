import { validateDashboard, type DashboardDefinition } from '@tangram/schema';
import type { StoredDashboard } from '@tangram/store';
import type { FastifyPluginAsync } from 'fastify';
import { requireApp, requireAppPermission } from '../auth/app-permission';
import { ApiError } from '../errors';
import { problems } from '../http/shared-schemas';
import { currentUser } from '../plugins/auth';
import { appParams, definitionBody } from './params.schema';
import { dashboardList, dashboardParams, storedDashboard } from './reports.schema';
import { validOrThrow } from './validated';

type KeyParams = { app: string; key: string };

const view = (stored: StoredDashboard) => ({ key: stored.key, dashboard: stored.body as DashboardDefinition, updatedAt: stored.updatedAt });

/**
 * Dashboards: anyone signed in may read them (each chart then runs under the reader's own permissions);
 * saving and deleting needs the app's `design` permission.
 */
export const dashboardRoutes: FastifyPluginAsync = async (app) => {
  const dashboards = app.store.dashboards;

  app.get<{ Params: { app: string } }>('/apps/:app/dashboards', {
    schema: { tags: ['reports'], summary: 'Dashboards of an app', params: appParams, response: { 200: dashboardList, ...problems(400, 401, 404) } },
  }, async (request) => {
    await requireApp(app, request.params.app);
    const items = (await dashboards.list(request.params.app)).map((d) => {
      const body = d.body as DashboardDefinition;
      return { key: d.key, title: body.title, roles: body.roles ?? [], updatedAt: d.updatedAt };
    });
    return { items };
  });

  app.post<{ Params: { app: string }; Body: unknown }>('/apps/:app/dashboards', {
    schema: {
      tags: ['reports'], summary: 'Create a dashboard (designers); 422 lists every problem by path', params: appParams, body: definitionBody,
      response: { 201: storedDashboard, ...problems(400, 401, 403, 404, 409, 413, 415, 422) },
    },
  }, async (request, reply) => {
    await requireApp(app, request.params.app);
    const user = await requireAppPermission(app, request, request.params.app, 'design');
    const dashboard = validOrThrow<DashboardDefinition>(validateDashboard(request.body));
    const stored = await dashboards.create({ userId: user.id, via: 'user' }, request.params.app, dashboard.key, dashboard);
    return reply.code(201).send(view(stored));
  });

  app.get<{ Params: { app: string } }>('/apps/:app/dashboards/default', {
    schema: {
      tags: ['reports'], summary: 'The dashboard made the default for one of the caller\'s roles (HQ, store manager, clerk)', params: appParams,
      response: { 200: storedDashboard, ...problems(400, 401, 404) },
    },
  }, async (request) => {
    await requireApp(app, request.params.app);
    const roles = new Set(await dashboards.rolesOf(currentUser(request).id, request.params.app));
    const found = (await dashboards.list(request.params.app)).find((d) => ((d.body as DashboardDefinition).roles ?? []).some((r) => roles.has(r)));
    if (!found) throw new ApiError('ERR_NOT_FOUND', { params: { app: request.params.app } });
    return view(found);
  });

  app.get<{ Params: KeyParams }>('/apps/:app/dashboards/:key', {
    schema: { tags: ['reports'], summary: 'One dashboard', params: dashboardParams, response: { 200: storedDashboard, ...problems(400, 401, 404) } },
  }, async (request) => {
    const found = await dashboards.get(request.params.app, request.params.key);
    if (!found) throw new ApiError('ERR_NOT_FOUND', { params: { key: request.params.key } });
    return view(found);
  });

  app.put<{ Params: KeyParams; Body: unknown }>('/apps/:app/dashboards/:key', {
    schema: {
      tags: ['reports'], summary: 'Replace a dashboard (designers); 422 lists every problem by path', params: dashboardParams, body: definitionBody,
      response: { 200: storedDashboard, ...problems(400, 401, 403, 404, 413, 415, 422) },
    },
  }, async (request) => {
    await requireApp(app, request.params.app);
    const user = await requireAppPermission(app, request, request.params.app, 'design');
    const dashboard = validOrThrow<DashboardDefinition>(validateDashboard(request.body));
    if (dashboard.key !== request.params.key) {
      throw new ApiError('ERR_DEFINITION_INVALID', { errors: [{ path: '/key', code: 'keyMismatch', params: { expected: request.params.key } }] });
    }
    const stored = await dashboards.replace({ userId: user.id, via: 'user' }, request.params.app, request.params.key, dashboard);
    if (!stored) throw new ApiError('ERR_NOT_FOUND', { params: { key: request.params.key } });
    return view(stored);
  });

  app.delete<{ Params: KeyParams }>('/apps/:app/dashboards/:key', {
    schema: { tags: ['reports'], summary: 'Delete a dashboard (designers)', params: dashboardParams, response: { 204: { type: 'null' }, ...problems(400, 401, 403, 404) } },
  }, async (request, reply) => {
    await requireApp(app, request.params.app);
    await requireAppPermission(app, request, request.params.app, 'design');
    if (!(await dashboards.remove(request.params.app, request.params.key))) throw new ApiError('ERR_NOT_FOUND', { params: { key: request.params.key } });
    return reply.code(204).send();
  });
};
