import type { PublicForm } from '@tangram/store';
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import { ApiError } from '../errors';
import { publicDefinition } from '../public-forms/public-fields';
import { submitPublicForm, type SubmissionInput } from '../public-forms/public-submission';
import { createPublishedForms } from '../records/published-forms';
import { publicFormView, publicProblems, submissionBody, submissionResponse, tokenParams } from './public-form.schema';

type TokenParams = { token: string };

const HOUR_MS = 60 * 60 * 1000;

/**
 * What anyone holding a share link may do: read the form (trimmed to its public fields) and submit it.
 * A disabled form, a rotated token and an unknown token all answer the same 404.
 */
export const publicFormSubmitRoutes: FastifyPluginAsync = async (app) => {
  const forms = createPublishedForms(app.store);
  // Looked up once per request, before the rate limit (which needs the form's own limit).
  const opened = new WeakMap<FastifyRequest, PublicForm>();

  async function openForm(request: FastifyRequest<{ Params: TokenParams }>): Promise<void> {
    const found = await app.store.publicForms.findByToken(request.params.token);
    if (!found || !found.enabled) throw new ApiError('ERR_NOT_FOUND', { params: { token: request.params.token } });
    opened.set(request, found);
  }
  const formOf = (request: FastifyRequest): PublicForm => opened.get(request)!;

  app.get<{ Params: TokenParams }>('/public/forms/:token', {
    preValidation: openForm,
    schema: { tags: ['public forms'], summary: 'A public form, for anyone with its link', params: tokenParams, response: { 200: publicFormView, ...publicProblems } },
  }, async (request, reply) => {
    const publicForm = formOf(request);
    const form = await forms.latest(publicForm.app, publicForm.form);
    void reply.header('cache-control', 'no-store');
    return { form: publicDefinition(form.definition, publicForm.settings.fields), thankYou: publicForm.settings.thankYou };
  });

  app.post<{ Params: TokenParams; Body: SubmissionInput }>('/public/forms/:token/submissions', {
    preValidation: openForm,
    config: {
      rateLimit: {
        max: async (request: FastifyRequest) => opened.get(request)?.settings.rateLimitPerHour ?? 1,
        timeWindow: HOUR_MS,
        keyGenerator: (request: FastifyRequest) => `public|${request.ip}|${(request.params as TokenParams).token}`,
      },
    },
    schema: {
      tags: ['public forms'],
      summary: 'Submit a public form (anonymous; rate-limited per client address)',
      params: tokenParams,
      body: submissionBody,
      response: { 201: submissionResponse, ...publicProblems },
    },
  }, async (request, reply) => {
    const publicForm = formOf(request);
    await submitPublicForm(app, forms, publicForm, request.body);
    // The same answer whatever happened (new record, repeat visitor, honeypot): nothing to learn from it.
    return reply.code(201).send({ status: 'received', thankYou: publicForm.settings.thankYou });
  });
};
