import { validateRole, type RoleDefinition } from '@tangram/schema';
import type { FastifyPluginAsync } from 'fastify';
import { requireApp, requireAppPermission } from '../auth/app-permission';
import { ApiError } from '../errors';
import { problems } from '../http/shared-schemas';
import { appParams, definitionBody, roleParams } from './params.schema';
import { validOrThrow } from './validated';

type RoleParams = { app: string; role: string };

const roleSummaries = {
  type: 'object',
  properties: {
    items: {
      type: 'array',
      items: {
        type: 'object',
        properties: { key: { type: 'string' }, name: { type: 'object', additionalProperties: { type: 'string' } } },
        required: ['key', 'name'],
      },
    },
  },
  required: ['items'],
} as const;

/** Roles of an app are designed like forms; members are managed by holders of `manageMembers`. */
export const roleRoutes: FastifyPluginAsync = async (app) => {
  // Keys and names only: enough to pick the roles a dashboard is the default for, or to say which role a
  // shared view is for. What a role grants stays with designers (`GET …/roles/:role`).
  app.get<{ Params: { app: string } }>('/apps/:app/roles', {
    schema: {
      tags: ['identity'],
      summary: 'The roles of an app, by key and name',
      params: appParams,
      response: { 200: roleSummaries, ...problems(400, 401, 404) },
    },
  }, async (request) => {
    await requireApp(app, request.params.app);
    const roles = await app.store.identity.listRoles(request.params.app);
    return { items: roles.map((r) => ({ key: r.key, name: r.name })) };
  });

  app.get<{ Params: RoleParams }>('/apps/:app/roles/:role', {
    schema: {
      tags: ['identity'],
      summary: 'A role of an app (designers)',
      params: roleParams,
      response: { 200: { type: 'object', additionalProperties: true }, ...problems(400, 401, 403, 404) },
    },
  }, async (request) => {
    await requireAppPermission(app, request, request.params.app, 'design');
    const role = (await app.store.identity.listRoles(request.params.app)).find((r) => r.key === request.params.role);
    if (!role) throw new ApiError('ERR_NOT_FOUND');
    return role;
  });

  app.put<{ Params: RoleParams; Body: unknown }>('/apps/:app/roles/:role', {
    schema: {
      tags: ['identity'],
      summary: 'Create or replace a role (designers); 422 lists every problem by path',
      params: roleParams,
      body: definitionBody,
      response: { 200: { type: 'object', additionalProperties: true }, ...problems(400, 401, 403, 404, 413, 415, 422) },
    },
  }, async (request) => {
    await requireApp(app, request.params.app);
    await requireAppPermission(app, request, request.params.app, 'design');
    const role = validOrThrow<RoleDefinition>(validateRole(request.body));
    if (role.key !== request.params.role) {
      throw new ApiError('ERR_DEFINITION_INVALID', { errors: [{ path: '/key', code: 'keyMismatch', params: { expected: request.params.role, value: role.key } }] });
    }
    await app.store.identity.saveRole(request.params.app, role);
    return role;
  });

  app.post<{ Params: { app: string }; Body: { userId: string; role: string; orgUnitId: string | null } }>('/apps/:app/members', {
    schema: {
      tags: ['identity'],
      summary: 'Give a user a role in an app at an org unit (admins and member managers)',
      params: { type: 'object', properties: { app: roleParams.properties.app }, required: ['app'] },
      body: {
        type: 'object',
        properties: {
          userId: { type: 'string', minLength: 1, maxLength: 64 },
          role: { type: 'string', minLength: 1, maxLength: 64 },
          orgUnitId: { type: ['string', 'null'], minLength: 1, maxLength: 64 },
        },
        required: ['userId', 'role', 'orgUnitId'],
        additionalProperties: false,
      },
      response: {
        201: { type: 'object', properties: { userId: { type: 'string' }, role: { type: 'string' }, orgUnitId: { type: ['string', 'null'] } }, required: ['userId', 'role', 'orgUnitId'] },
        ...problems(400, 401, 403, 404, 413, 415, 422),
      },
    },
  }, async (request, reply) => {
    const appKey = request.params.app;
    await requireApp(app, appKey);
    await requireAppPermission(app, request, appKey, 'manageMembers');
    const { userId, role, orgUnitId } = request.body;
    const problemsFound = [];
    if (!(await app.store.identity.getUser(userId))) problemsFound.push({ path: '/userId', code: 'invalidId', params: { value: userId } });
    if (!(await app.store.identity.listRoles(appKey)).some((r) => r.key === role)) problemsFound.push({ path: '/role', code: 'invalidId', params: { value: role } });
    if (orgUnitId !== null && !(await app.store.identity.listOrgUnits()).some((u) => u.id === orgUnitId)) {
      problemsFound.push({ path: '/orgUnitId', code: 'invalidId', params: { value: orgUnitId } });
    }
    if (problemsFound.length > 0) throw new ApiError('ERR_DEFINITION_INVALID', { errors: problemsFound });
    await app.store.identity.addMembership({ userId, app: appKey, role, orgUnitId });
    return reply.code(201).send({ userId, role, orgUnitId });
  });
};
