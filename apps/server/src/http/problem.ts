/**
 * Turns anything thrown while handling a request into an RFC 9457 problem document:
 * `{ type, title, status, code, detail, errors?: [{ path, code, message }] }`, worded in the caller's language.
 * Unknown errors become a bare 500 that leaks nothing; they are the server's bug, never the caller's.
 */
import type { Locale, Problem } from '@tangram/schema';
import { StoreError } from '@tangram/store';
import { ApiError, isApiErrorCode, type ApiErrorCode, type ApiProblemDetail } from '../errors';
import { errorTitle, problemMessage } from './messages';

export interface ProblemDocument {
  readonly type: string;
  readonly title: string;
  readonly status: number;
  readonly code: string;
  readonly detail: string;
  readonly errors?: readonly { readonly path: string; readonly code: string; readonly message: string; readonly params?: Readonly<Record<string, unknown>> }[];
  readonly [extra: string]: unknown;
}

export const PROBLEM_CONTENT_TYPE = 'application/problem+json; charset=utf-8';

interface WarningLike {
  readonly checkId: string;
  readonly path: string;
  readonly message: Readonly<Partial<Record<Locale, string>>>;
  readonly fields: readonly string[];
}

interface AjvErrorLike {
  readonly instancePath?: string;
  readonly keyword: string;
  readonly params?: Record<string, unknown>;
  readonly message?: string;
}

interface FastifyErrorLike {
  readonly code?: string;
  readonly statusCode?: number;
  readonly validation?: readonly AjvErrorLike[];
  readonly validationContext?: string;
}

/** The problem document for any thrown value. */
export function toProblem(error: unknown, locale: Locale): ProblemDocument {
  return render(classify(error), locale);
}

/** The problem document for a known code (not-found handler, hooks). */
export function problemFor(error: ApiError, locale: Locale): ProblemDocument {
  return render(error, locale);
}

function render(error: ApiError, locale: Locale): ProblemDocument {
  const title = errorTitle(error.code, locale, error.params);
  const errors = error.errors?.map((p) => ({
    path: p.path,
    code: p.code,
    message: problemMessage(p as Problem, locale),
    ...(p.params && Object.keys(p.params).length > 0 ? { params: p.params } : {}),
  }));
  const detail = errors && errors.length > 0 ? errors.map((e) => `${e.path || '/'}: ${e.message}`).join('; ') : title;
  // Form-check warnings carry their own text in each language; the caller confirms them by `checkId`.
  const warnings = Array.isArray(error.extra.warnings)
    ? (error.extra.warnings as WarningLike[]).map((w) => ({
      path: w.path,
      code: 'warning',
      checkId: w.checkId,
      message: w.message[locale] ?? w.message.en ?? w.message['zh-CN'] ?? w.checkId,
      fields: w.fields,
    }))
    : undefined;
  return {
    ...error.extra,
    ...(warnings ? { warnings } : {}),
    type: `https://tangram.dev/problems/${error.code.toLowerCase().replace(/_/g, '-')}`,
    title,
    status: error.status,
    code: error.code,
    detail,
    ...(errors && errors.length > 0 ? { errors } : {}),
  };
}

const FASTIFY_CODES: Readonly<Record<string, ApiErrorCode>> = {
  FST_ERR_CTP_INVALID_JSON_BODY: 'ERR_MALFORMED_JSON',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'ERR_MALFORMED_JSON',
  FST_ERR_CTP_BODY_TOO_LARGE: 'ERR_PAYLOAD_TOO_LARGE',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'ERR_UNSUPPORTED_MEDIA_TYPE',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'ERR_BAD_REQUEST',
  FST_ERR_NOT_FOUND: 'ERR_ROUTE_NOT_FOUND',
};

function classify(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  if (error instanceof StoreError || isStoreErrorLike(error)) {
    const e = error as StoreError;
    return new ApiError(e.code, {
      params: e.params,
      errors: e.path !== undefined ? [{ path: e.path, code: e.code, params: e.params }] : undefined,
      extra: e.code === 'ERR_RECORD_STALE' && e.params.currentVersion !== undefined ? { currentVersion: e.params.currentVersion } : {},
    });
  }
  if (isLogicErrorLike(error)) {
    return new ApiError('ERR_INVALID_LOGIC', {
      errors: [{ path: error.path ?? '', code: error.code, params: error.params ?? {} }],
    });
  }
  const fastifyError = (error ?? {}) as FastifyErrorLike;
  if (fastifyError.validation) {
    return new ApiError('ERR_VALIDATION', { errors: fastifyError.validation.map((v) => ajvProblem(v, fastifyError.validationContext)) });
  }
  if (fastifyError.code && FASTIFY_CODES[fastifyError.code]) {
    const code = FASTIFY_CODES[fastifyError.code]!;
    return new ApiError(code, code === 'ERR_MALFORMED_JSON' ? { errors: [{ path: '', code: 'malformedJson' }] } : {});
  }
  // Other client errors fastify raises itself (bad headers, …) keep their 4xx meaning.
  if (fastifyError.statusCode && fastifyError.statusCode >= 400 && fastifyError.statusCode < 500) {
    if (fastifyError.statusCode === 429) return new ApiError('ERR_RATE_LIMITED');
    if (fastifyError.statusCode === 413) return new ApiError('ERR_PAYLOAD_TOO_LARGE');
    if (fastifyError.statusCode === 415) return new ApiError('ERR_UNSUPPORTED_MEDIA_TYPE');
    if (fastifyError.statusCode === 404) return new ApiError('ERR_ROUTE_NOT_FOUND');
    return new ApiError('ERR_BAD_REQUEST');
  }
  return new ApiError('ERR_INTERNAL');
}

/** Paths are JSON pointers into the body; other parts are prefixed (`/query/limit`, `/params/id`). */
function ajvProblem(v: AjvErrorLike, context: string | undefined): ApiProblemDetail {
  const prefix = context === 'body' || context === undefined ? '' : `/${context === 'querystring' ? 'query' : context}`;
  let path = `${prefix}${v.instancePath ?? ''}`;
  // The message catalogue names the expected type `expected`; ajv calls it `type`.
  const params = v.keyword === 'type' ? { ...v.params, expected: v.params?.type } : v.params ?? {};
  if (v.keyword === 'required' && typeof params.missingProperty === 'string') path += `/${params.missingProperty}`;
  if (v.keyword === 'additionalProperties' && typeof params.additionalProperty === 'string') path += `/${params.additionalProperty}`;
  return { path, code: v.keyword, params };
}

function isStoreErrorLike(error: unknown): boolean {
  return error instanceof Error && error.name === 'StoreError' && isApiErrorCode((error as { code?: unknown }).code);
}

interface LogicErrorLike { code: string; path?: string; params?: Record<string, unknown>; message: string }
// LogicError is matched by name so the server does not depend on the class identity of another package build.
function isLogicErrorLike(error: unknown): error is LogicErrorLike {
  return error instanceof Error && error.name === 'LogicError' && typeof (error as { code?: unknown }).code === 'string';
}

