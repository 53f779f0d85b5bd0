import { validateOrgUnit, type OrgUnit } from '@tangram/schema';
import type { FastifyPluginAsync } from 'fastify';
import { ApiError } from '../errors';
import { problems } from '../http/shared-schemas';
import { requireAdmin } from '../plugins/auth';
import { definitionBody } from './params.schema';
import { validOrThrow } from './validated';

/** The organisation tree (HQ -> region -> store): everyone reads it, admins grow it. */
export const orgUnitRoutes: FastifyPluginAsync = async (app) => {
  app.get('/org-units', {
    schema: {
      tags: ['identity'],
      summary: 'List org units',
      response: { 200: { type: 'object', properties: { items: { type: 'array', items: { $ref: 'OrgUnit#' } } }, required: ['items'] }, ...problems(401) },
    },
  }, async () => ({ items: await app.store.identity.listOrgUnits() }));

  app.post<{ Body: unknown }>('/org-units', {
    schema: {
      tags: ['identity'],
      summary: 'Create an org unit (admin): {id, parentId, kind, name}',
      body: definitionBody,
      response: { 201: { $ref: 'OrgUnit#' }, ...problems(400, 401, 403, 409, 413, 415, 422) },
    },
  }, async (request, reply) => {
    requireAdmin(request);
    const unit = validOrThrow<OrgUnit>(validateOrgUnit(request.body));
    const existing = await app.store.identity.listOrgUnits();
    if (existing.some((u) => u.id === unit.id)) throw new ApiError('ERR_CONFLICT', { errors: [{ path: '/id', code: 'duplicateId', params: { id: unit.id } }] });
    if (unit.parentId !== null && !existing.some((u) => u.id === unit.parentId)) {
      throw new ApiError('ERR_DEFINITION_INVALID', { errors: [{ path: '/parentId', code: 'orgUnitParentRequired', params: { id: unit.parentId } }] });
    }
    return reply.code(201).send(await app.store.identity.createOrgUnit(unit));
  });
};
