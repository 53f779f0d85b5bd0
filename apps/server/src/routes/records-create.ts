import { autonumberFieldKeys } from '@tangram/engine-form';
import type { Problem } from '@tangram/schema';
import type { NewRecord } from '@tangram/store';
import type { FastifyInstance, FastifyPluginAsync } from 'fastify';
import { ApiError } from '../errors';
import { checkFileRefs } from '../files/file-refs';
import { actorOf } from '../plugins/auth';
import { visibleRecord } from '../records/field-access';
import { createOnce, IDEMPOTENCY_HEADER, REPLAYED_HEADER, requestFingerprint } from '../records/idempotency';
import type { FormWarning } from '../records/form-engine';
import { prepareNewRecord, type RecordInput } from '../records/prepare-record';
import type { PublishedForm, PublishedForms } from '../records/published-forms';
import { requireFormAction } from '../records/record-access';
import {
  BATCH_BODY_LIMIT, batchBody, formParams, idempotencyHeaders, newRecordBody, recordResponse, writeProblems,
} from './records.schema';

type FormParams = { app: string; form: string };

/**
 * POST …/records and …/records/batch. A batch is checked completely before anything is stored and is
 * stored in one transaction: every problem of every record is reported (`/records/12/data/phone`).
 */
export const recordCreateRoutes: FastifyPluginAsync<{ forms: PublishedForms }> = async (app, { forms }) => {
  app.post<{ Params: FormParams; Body: RecordInput; Headers: { 'idempotency-key'?: string } }>('/apps/:app/forms/:form/records', {
    schema: {
      tags: ['records'],
      summary: 'Create a record (validated by the published form; Idempotency-Key makes retries safe)',
      description: 'With `Idempotency-Key`, a retry (same key, same user, same body) answers 200 with the record the first call made and `Idempotent-Replayed: true`; the same key with another body is 409 ERR_IDEMPOTENCY_KEY_REUSED.',
      params: formParams,
      headers: idempotencyHeaders,
      body: newRecordBody,
      response: { 200: recordResponse, 201: recordResponse, ...writeProblems },
    },
  }, async (request, reply) => {
    const { app: appKey, form: formKey } = request.params;
    const { user, access, records, form } = await requireFormAction(app, forms, request, appKey, formKey, 'create');
    const key = request.headers[IDEMPOTENCY_HEADER];
    const [[prepared], fileIds] = await prepareAll(app, form, [request.body], () => '', { access, user, idempotencyKey: key });
    const input = key === undefined ? prepared! : { ...prepared!, idempotencyFingerprint: requestFingerprint(request.body) };
    const { record, replayed } = await createOnce(() => records.create(actorOf(request), access, form.version, input));
    await app.store.files.attach(fileIds[0]!, record.id);
    if (replayed) reply.header(REPLAYED_HEADER, 'true');
    return reply.code(replayed ? 200 : 201).send(visibleRecord(access, record));
  });

  app.post<{ Params: FormParams; Body: { records: RecordInput[] } }>('/apps/:app/forms/:form/records/batch', {
    bodyLimit: BATCH_BODY_LIMIT,
    schema: {
      tags: ['records'],
      summary: 'Create up to 1,000 records at once: all or nothing',
      params: formParams,
      body: batchBody,
      response: {
        201: { type: 'object', properties: { items: { type: 'array', items: recordResponse } }, required: ['items'] },
        ...writeProblems,
      },
    },
  }, async (request, reply) => {
    const { app: appKey, form: formKey } = request.params;
    const { user, access, records, form } = await requireFormAction(app, forms, request, appKey, formKey, 'create');
    const [prepared, fileIds] = await prepareAll(app, form, request.body.records, (i) => `/records/${i}`, { access, user });
    const created = await records.createMany(actorOf(request), access, form.version, prepared);
    await Promise.all(created.map((record, i) => app.store.files.attach(fileIds[i]!, record.id)));
    return reply.code(201).send({ items: created.map((r) => visibleRecord(access, r)) });
  });
};

/**
 * Prepares every input or throws one error listing all their problems: 403 when any field may not be
 * written (nothing about values is said then), else 422 with every value problem and pending warning.
 * Also returns, per input, the uploaded files its values reference (to link once it is stored).
 */
async function prepareAll(
  app: FastifyInstance,
  form: PublishedForm,
  inputs: readonly RecordInput[],
  basePath: (index: number) => string,
  options: { access: Parameters<typeof prepareNewRecord>[0]['access']; user: Parameters<typeof prepareNewRecord>[0]['user']; idempotencyKey?: string | undefined },
): Promise<[NewRecord[], string[][]]> {
  const files = await Promise.all(inputs.map((input, index) => checkFileRefs(app.store, {
    app: options.access.app, form: form.definition, data: input.data, basePath: `${basePath(index)}/data`, userId: options.user.id, recordId: null,
    idempotencyKey: options.idempotencyKey,
  })));
  const fileProblems = files.flatMap((f) => f.problems);
  if (fileProblems.length > 0) throw new ApiError('ERR_RECORD_INVALID', { errors: fileProblems });
  inputs = inputs.map((input, index) => ({ ...input, data: files[index]!.data }));
  const autoFields = autonumberFieldKeys(form.definition);
  // One block of numbers per auto-number field for the whole batch: gaps are allowed, repeats never.
  const firsts = await Promise.all(autoFields.map((field) => app.store.nextSequence(options.access.app, options.access.form, field, inputs.length)));
  const now = app.now();
  const forbidden: Problem[] = [];
  const invalid: Problem[] = [];
  const warnings: FormWarning[] = [];
  const ready: NewRecord[] = [];
  inputs.forEach((input, index) => {
    const autonumbers = Object.fromEntries(autoFields.map((field, i) => [field, firsts[i]! + index]));
    const result = prepareNewRecord({
      access: options.access, user: options.user, form, input, basePath: basePath(index), now, autonumbers,
      ...(options.idempotencyKey ? { idempotencyKey: options.idempotencyKey } : {}),
    });
    if (result.ok) ready.push(result.record);
    else {
      forbidden.push(...result.forbidden);
      invalid.push(...result.invalid);
      warnings.push(...result.warnings);
    }
  });
  if (forbidden.length > 0) throw new ApiError('ERR_FORBIDDEN', { errors: forbidden });
  if (invalid.length > 0) throw new ApiError('ERR_RECORD_INVALID', { errors: invalid, extra: warnings.length > 0 ? { warnings } : {} });
  return [ready, files.map((f) => [...f.fileIds])];
}
