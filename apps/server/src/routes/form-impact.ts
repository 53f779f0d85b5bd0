import { validateForm, type FormDefinition } from '@tangram/schema';
import type { FastifyPluginAsync } from 'fastify';
import { requireApp, requireAppPermission } from '../auth/app-permission';
import { ApiError } from '../errors';
import { negotiateLocale } from '../http/locale';
import { problems } from '../http/shared-schemas';
import { previewPublishImpact } from '../forms/publish-impact';
import { formParams } from './params.schema';
import { validOrThrow } from './validated';

const CHANGE_KINDS = ['fieldAdded', 'fieldRemoved', 'keyRenamed', 'kindChanged', 'becameRequired', 'optionRemoved'];

const impactSchema = {
  type: 'object',
  properties: {
    fromVersion: { type: ['integer', 'null'] },
    total: { type: 'integer' },
    changes: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          kind: { type: 'string', enum: CHANGE_KINDS },
          field: { type: 'string' },
          label: { type: 'object', additionalProperties: { type: 'string' } },
          required: { type: 'boolean' },
          from: { type: 'string' },
          to: { type: 'string' },
          values: { type: 'array', items: { type: 'string' } },
          affected: { type: 'integer' },
          samples: { type: 'array', items: { type: 'object', properties: { id: { type: 'string' }, value: {} }, required: ['id'] } },
          message: { type: 'string' },
        },
        required: ['kind', 'field', 'affected', 'samples', 'message'],
      },
    },
  },
  required: ['fromVersion', 'total', 'changes'],
} as const;

/**
 * `POST /api/apps/:app/forms/:form/publish/preview`: what publishing the saved draft would do to the
 * records written with the published version, before it happens (docs/form-designer.md).
 */
export const formImpactRoutes: FastifyPluginAsync = async (app) => {
  app.post<{ Params: { app: string; form: string } }>('/apps/:app/forms/:form/publish/preview', {
    schema: {
      tags: ['forms'],
      summary: 'Preview a publish: each change of the draft against the published version, the records it touches (counted over the whole form) and what happens to them',
      params: formParams,
      body: { type: 'object', additionalProperties: false },
      response: { 200: impactSchema, ...problems(400, 401, 403, 404, 415, 422) },
    },
  }, async (request) => {
    const { app: appKey, form } = request.params;
    await requireApp(app, appKey);
    const user = await requireAppPermission(app, request, appKey, 'design');
    const draft = await app.store.definitions.getDraft(appKey, 'form', form);
    if (!draft) throw new ApiError('ERR_NOT_FOUND');
    const body = validOrThrow<FormDefinition>(validateForm(draft.body));
    return previewPublishImpact(app.store, user, appKey, form, body, negotiateLocale(request.headers['accept-language']));
  });
};
