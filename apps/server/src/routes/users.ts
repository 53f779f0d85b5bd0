import type { Locale } from '@tangram/schema';
import type { FastifyPluginAsync } from 'fastify';
import { hashPassword } from '../auth/password';
import { ApiError } from '../errors';
import { requireAdmin } from '../plugins/auth';
import { problems } from '../http/shared-schemas';
import { emailSchema, localeSchema, nameSchema, passwordSchema } from './credentials.schema';

interface CreateUserBody { email: string; password: string; name: string; locale?: Locale; isAdmin?: boolean }

/** User administration: admins only. */
export const userRoutes: FastifyPluginAsync = async (app) => {
  app.addHook('onRequest', async (request) => { requireAdmin(request); });

  app.get('/users', {
    schema: {
      tags: ['users'],
      summary: 'List users (admin)',
      response: { 200: { type: 'object', properties: { items: { type: 'array', items: { $ref: 'User#' } } }, required: ['items'] }, ...problems(401, 403) },
    },
  }, async () => {
    return { items: await app.store.identity.listUsers() };
  });

  app.post<{ Body: CreateUserBody }>('/users', {
    schema: {
      tags: ['users'],
      summary: 'Create a user (admin)',
      body: {
        type: 'object',
        properties: { email: emailSchema, password: passwordSchema, name: nameSchema, locale: localeSchema, isAdmin: { type: 'boolean' } },
        required: ['email', 'password', 'name'],
        additionalProperties: false,
      },
      response: { 201: { $ref: 'User#' }, ...problems(400, 401, 403, 409, 413, 415) },
    },
  }, async (request, reply) => {
    const { email, password, name, locale = 'zh-CN', isAdmin = false } = request.body;
    const normalised = email.toLowerCase();
    if (await app.store.identity.findUserByEmail(normalised)) {
      throw new ApiError('ERR_EMAIL_TAKEN', { errors: [{ path: '/email', code: 'emailTaken', params: { email: normalised } }] });
    }
    const user = await app.store.identity.createUser({ email: normalised, name, locale, isAdmin, passwordHash: await hashPassword(password) });
    return reply.code(201).send(user);
  });

  app.patch<{ Params: { id: string }; Body: { disabled: boolean } }>('/users/:id', {
    schema: {
      tags: ['users'],
      summary: 'Enable or disable a user (admin); a disabled user is signed out everywhere at once',
      params: { type: 'object', properties: { id: { type: 'string', minLength: 1, maxLength: 64 } }, required: ['id'] },
      body: { type: 'object', properties: { disabled: { type: 'boolean' } }, required: ['disabled'], additionalProperties: false },
      response: { 200: { $ref: 'User#' }, ...problems(400, 401, 403, 404, 409, 413, 415) },
    },
  }, async (request) => {
    const admin = requireAdmin(request);
    const before = await app.store.identity.getUser(request.params.id);
    if (!before) throw new ApiError('ERR_NOT_FOUND');
    // Disabling yourself could leave nobody able to undo it.
    if (before.id === admin.id && request.body.disabled) {
      throw new ApiError('ERR_CONFLICT', { errors: [{ path: '/disabled', code: 'ERR_CONFLICT', params: { reason: 'self' } }] });
    }
    await app.store.identity.setUserDisabled(before.id, request.body.disabled);
    return (await app.store.identity.getUser(before.id)) ?? { ...before, disabled: request.body.disabled };
  });
};
