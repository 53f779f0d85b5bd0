import { validateForm, type FormDefinition } from '@tangram/schema';
import type { FastifyPluginAsync } from 'fastify';
import { isAppDesigner, requireApp, requireAppPermission } from '../auth/app-permission';
import { ApiError } from '../errors';
import { problems } from '../http/shared-schemas';
import { actorOf, currentUser } from '../plugins/auth';
import { definitionBody, formParams } from './params.schema';
import { validOrThrow } from './validated';

type FormParams = { app: string; form: string };

/**
 * Form definitions: designers (admins, or holders of the app's `design` permission) list, create, edit
 * the draft and publish. Anyone with an action on the form may read its published versions, which is
 * what a client needs to render and check the form.
 */
export const formRoutes: FastifyPluginAsync = async (app) => {
  const versionList = { type: 'object', properties: { items: { type: 'array', items: { $ref: 'DefinitionVersion#' } } }, required: ['items'] } as const;

  app.get<{ Params: { app: string } }>('/apps/:app/forms', {
    schema: {
      tags: ['forms'],
      summary: 'List the forms of an app: designers get drafts and published versions, others the published forms they may use',
      params: { type: 'object', properties: { app: formParams.properties.app }, required: ['app'] },
      response: { 200: versionList, ...problems(400, 401, 404) },
    },
  }, async (request) => {
    const appKey = request.params.app;
    await requireApp(app, appKey);
    const all = await app.store.definitions.list(appKey, 'form');
    if (await isAppDesigner(app, request, appKey)) return { items: all };
    const user = currentUser(request);
    const published = all.filter((d) => d.status === 'published');
    const usable = await Promise.all(published.map(async (d) => (await app.store.identity.resolveAccess(user, appKey, d.key)).actions.size > 0));
    return { items: published.filter((_, i) => usable[i]) };
  });

  app.post<{ Params: { app: string }; Body: unknown }>('/apps/:app/forms', {
    schema: {
      tags: ['forms'],
      summary: 'Create a form draft; the body is a FormDefinition (422 lists every problem by path)',
      params: { type: 'object', properties: { app: formParams.properties.app }, required: ['app'] },
      body: definitionBody,
      response: { 201: { $ref: 'DefinitionVersion#' }, ...problems(400, 401, 403, 404, 409, 413, 415, 422) },
    },
  }, async (request, reply) => {
    await requireApp(app, request.params.app);
    await requireAppPermission(app, request, request.params.app, 'design');
    const form = validOrThrow<FormDefinition>(validateForm(request.body));
    const existing = (await app.store.definitions.getDraft(request.params.app, 'form', form.key))
      ?? (await app.store.definitions.getPublished(request.params.app, 'form', form.key));
    if (existing) throw new ApiError('ERR_CONFLICT', { errors: [{ path: '/key', code: 'duplicate', params: { value: form.key } }] });
    const saved = await app.store.definitions.saveDraft(actorOf(request), request.params.app, 'form', form.key, form);
    return reply.code(201).send(saved);
  });

  app.get<{ Params: FormParams }>('/apps/:app/forms/:form', {
    schema: {
      tags: ['forms'],
      summary: 'The draft of a form (designers)',
      params: formParams,
      response: { 200: { $ref: 'DefinitionVersion#' }, ...problems(400, 401, 403, 404) },
    },
  }, async (request) => {
    await requireAppPermission(app, request, request.params.app, 'design');
    const draft = await app.store.definitions.getDraft(request.params.app, 'form', request.params.form);
    if (!draft) throw new ApiError('ERR_NOT_FOUND');
    return draft;
  });

  app.put<{ Params: FormParams; Body: unknown }>('/apps/:app/forms/:form', {
    schema: {
      tags: ['forms'],
      summary: 'Replace the draft of a form (designers); 422 lists every problem by path',
      params: formParams,
      body: definitionBody,
      response: { 200: { $ref: 'DefinitionVersion#' }, ...problems(400, 401, 403, 404, 413, 415, 422) },
    },
  }, async (request) => {
    await requireApp(app, request.params.app);
    await requireAppPermission(app, request, request.params.app, 'design');
    const form = validOrThrow<FormDefinition>(validateForm(request.body));
    if (form.key !== request.params.form) {
      throw new ApiError('ERR_DEFINITION_INVALID', { errors: [{ path: '/key', code: 'keyMismatch', params: { expected: request.params.form, value: form.key } }] });
    }
    return app.store.definitions.saveDraft(actorOf(request), request.params.app, 'form', form.key, form);
  });

  app.post<{ Params: FormParams; Body: { note?: string } | undefined }>('/apps/:app/forms/:form/publish', {
    schema: {
      tags: ['forms'],
      summary: 'Publish the draft as a new immutable version (designers)',
      params: formParams,
      body: { type: 'object', properties: { note: { type: 'string', maxLength: 500 } }, additionalProperties: false },
      response: { 201: { $ref: 'DefinitionVersion#' }, ...problems(400, 401, 403, 404, 409, 413, 415, 422) },
    },
  }, async (request, reply) => {
    await requireAppPermission(app, request, request.params.app, 'design');
    const draft = await app.store.definitions.getDraft(request.params.app, 'form', request.params.form);
    if (!draft) throw new ApiError('ERR_NOT_FOUND');
    // A draft saved before a validator change must still be valid when it becomes a version.
    validOrThrow<FormDefinition>(validateForm(draft.body));
    const published = await app.store.definitions.publish(actorOf(request), request.params.app, 'form', request.params.form, request.body?.note);
    return reply.code(201).send(published);
  });

  app.get<{ Params: FormParams & { version: string } }>('/apps/:app/forms/:form/versions/:version', {
    schema: {
      tags: ['forms'],
      summary: 'A published version of a form (`latest` for the newest); for anyone with an action on the form',
      params: {
        type: 'object',
        properties: { ...formParams.properties, version: { type: 'string', pattern: '^(latest|[1-9][0-9]{0,8})$' } },
        required: ['app', 'form', 'version'],
      },
      response: { 200: { $ref: 'DefinitionVersion#' }, ...problems(400, 401, 404) },
    },
  }, async (request) => {
    const { app: appKey, form, version } = request.params;
    const user = currentUser(request);
    if (!user.isAdmin) {
      const access = await app.store.identity.resolveAccess(user, appKey, form);
      if (access.actions.size === 0) throw new ApiError('ERR_NOT_FOUND');
    }
    const found = await app.store.definitions.getPublished(appKey, 'form', form, version === 'latest' ? undefined : Number(version));
    if (!found) throw new ApiError('ERR_NOT_FOUND');
    return found;
  });
};
