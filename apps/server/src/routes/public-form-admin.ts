import type { FormDefinition } from '@tangram/schema';
import type { PublicForm, PublicFormSettings } from '@tangram/store';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import QRCode from 'qrcode';
import { requireApp, requireAppPermission } from '../auth/app-permission';
import { ApiError } from '../errors';
import { negotiateLocale } from '../http/locale';
import { actorOf } from '../plugins/auth';
import { isPublicField } from '../public-forms/public-fields';
import { settingsProblems } from '../public-forms/settings-problems';
import { createShareToken } from '../public-forms/share-token';
import { createPublishedForms } from '../records/published-forms';
import { formParams } from './params.schema';
import { adminProblems, publicFormAdminResponse, publicFormSettingsBody } from './public-form.schema';

type FormParams = { app: string; form: string };
type SettingsBody = PublicFormSettings & { enabled: boolean };

/**
 * Publishing a form to the public: settings, share link, token rotation, QR code and embed snippet.
 * Designers only (admins, or the app's `design` permission).
 */
export const publicFormAdminRoutes: FastifyPluginAsync = async (app) => {
  const forms = createPublishedForms(app.store);

  /** The designer check and the latest published form; 404 / 409 before anything else is said. */
  async function designerForm(request: FastifyRequest<{ Params: FormParams }>): Promise<FormDefinition> {
    const { app: appKey, form: formKey } = request.params;
    await requireAppPermission(app, request, appKey, 'design');
    await requireApp(app, appKey);
    return (await forms.latest(appKey, formKey)).definition;
  }

  app.get<{ Params: FormParams }>('/apps/:app/forms/:form/public', {
    schema: { tags: ['public forms'], summary: 'The public-form settings, share link and embed snippet of a form', params: formParams, response: { 200: publicFormAdminResponse, ...adminProblems } },
  }, async (request) => {
    const form = await designerForm(request);
    const saved = await app.store.publicForms.get(request.params.app, request.params.form);
    return saved ? view(request, form, saved) : { enabled: false, token: null, link: null, embed: null, settings: defaultSettings(form) };
  });

  app.put<{ Params: FormParams; Body: SettingsBody }>('/apps/:app/forms/:form/public', {
    schema: { tags: ['public forms'], summary: 'Save the public-form settings (the first save creates the share token)', params: formParams, body: publicFormSettingsBody, response: { 200: publicFormAdminResponse, ...adminProblems } },
  }, async (request) => {
    const form = await designerForm(request);
    const { enabled, ...settings } = request.body;
    const [owner, units] = await Promise.all([
      settings.ownerId === null ? null : app.store.identity.getUser(settings.ownerId),
      settings.orgUnitId === null ? [] : app.store.identity.listOrgUnits(),
    ]);
    const problems = settingsProblems(form, settings, {
      ownerExists: owner !== null,
      orgUnitExists: units.some((u) => u.id === settings.orgUnitId),
    }, negotiateLocale(request.headers['accept-language']));
    if (problems.length > 0) throw new ApiError('ERR_PUBLIC_FORM_INVALID', { errors: problems });
    const saved = await app.store.publicForms.save(actorOf(request), request.params.app, request.params.form, { enabled, settings }, createShareToken());
    return view(request, form, saved);
  });

  app.post<{ Params: FormParams }>('/apps/:app/forms/:form/public/token', {
    schema: { tags: ['public forms'], summary: 'Replace the share token: the old link, QR code and embed stop working', params: formParams, response: { 200: publicFormAdminResponse, ...adminProblems } },
  }, async (request) => {
    const form = await designerForm(request);
    const rotated = await app.store.publicForms.rotateToken(actorOf(request), request.params.app, request.params.form, createShareToken());
    if (!rotated) throw new ApiError('ERR_NOT_FOUND', { params: { app: request.params.app, form: request.params.form } });
    return view(request, form, rotated);
  });

  const qr = (format: 'png' | 'svg') => async (request: FastifyRequest<{ Params: FormParams }>, reply: FastifyReply) => {
    await designerForm(request);
    const saved = await app.store.publicForms.get(request.params.app, request.params.form);
    if (!saved) throw new ApiError('ERR_NOT_FOUND', { params: { app: request.params.app, form: request.params.form } });
    const link = shareLink(request, saved.token);
    // Quartile error correction survives a crease or a smudge on a printed card at the till.
    const options = { errorCorrectionLevel: 'Q' as const, margin: 2 };
    const name = `${request.params.form}-qr.${format}`;
    void reply.header('content-disposition', `inline; filename="${name}"`).header('cache-control', 'no-store');
    if (format === 'svg') return reply.type('image/svg+xml').send(await QRCode.toString(link, { ...options, type: 'svg' }));
    return reply.type('image/png').send(await QRCode.toBuffer(link, { ...options, type: 'png', width: 768 }));
  };
  const qrSchema = (format: string) => ({
    tags: ['public forms'],
    summary: `The share link as a QR code (${format}, printable)`,
    params: formParams,
    response: { 200: { description: `${format} image`, type: 'string', format: 'binary' }, ...adminProblems },
  });
  app.get<{ Params: FormParams }>('/apps/:app/forms/:form/public/qr.png', { schema: qrSchema('PNG') }, qr('png'));
  app.get<{ Params: FormParams }>('/apps/:app/forms/:form/public/qr.svg', { schema: qrSchema('SVG') }, qr('svg'));
};

/** The address visitors open, on the host the designer reached (behind a proxy: with trustProxy). */
function shareLink(request: FastifyRequest, token: string): string {
  return `${request.protocol}://${request.host}/f/${encodeURIComponent(token)}`;
}

function view(request: FastifyRequest, form: FormDefinition, saved: PublicForm) {
  const link = shareLink(request, saved.token);
  const title = (form.name['zh-CN'] ?? form.name.en ?? form.key).replace(/[<>"&]/g, '');
  return {
    enabled: saved.enabled,
    token: saved.token,
    link,
    embed: `<iframe src="${link}" title="${title}" width="100%" height="760" style="border:0;max-width:520px" loading="lazy"></iframe>`,
    settings: saved.settings,
  };
}

/** A first proposal: every field a visitor can fill, repeated phone numbers merged for 30 days. */
function defaultSettings(form: FormDefinition): PublicFormSettings {
  const phone = form.fields.find((f) => f.kind === 'phone');
  return {
    fields: form.fields.filter(isPublicField).map((f) => f.key),
    prefill: [],
    ownerId: null,
    orgUnitId: null,
    thankYou: {},
    duplicate: phone ? { field: phone.key, days: 30 } : null,
    rateLimitPerHour: 20,
  };
}
