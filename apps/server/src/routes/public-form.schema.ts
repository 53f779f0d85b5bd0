import { problems } from '../http/shared-schemas';
import { shareTokenPattern } from '../public-forms/share-token';
import { keyPattern } from './params.schema';

const fieldKey = { type: 'string', pattern: keyPattern } as const;
const text = { $ref: 'LocalizedText#' } as const;

export const publicFormSettingsBody = {
  type: 'object',
  properties: {
    enabled: { type: 'boolean' },
    fields: { type: 'array', items: fieldKey, maxItems: 200, uniqueItems: true },
    prefill: { type: 'array', items: fieldKey, maxItems: 50, uniqueItems: true },
    ownerId: { type: ['string', 'null'], minLength: 1, maxLength: 64 },
    orgUnitId: { type: ['string', 'null'], minLength: 1, maxLength: 64 },
    thankYou: {
      type: 'object',
      properties: {
        title: text,
        message: text,
        // Only web pages: a `javascript:` address would run in the visitor's browser.
        redirectUrl: { type: 'string', maxLength: 2000, pattern: '^https?://[^\\s]+$' },
      },
      additionalProperties: false,
    },
    duplicate: {
      type: ['object', 'null'],
      properties: { field: fieldKey, days: { type: 'integer', minimum: 1, maximum: 3650 } },
      required: ['field', 'days'],
      additionalProperties: false,
    },
    rateLimitPerHour: { type: 'integer', minimum: 1, maximum: 10000 },
  },
  required: ['enabled', 'fields', 'prefill', 'ownerId', 'orgUnitId', 'thankYou', 'duplicate', 'rateLimitPerHour'],
  additionalProperties: false,
} as const;

const settingsResponse = {
  type: 'object',
  properties: {
    fields: { type: 'array', items: { type: 'string' } },
    prefill: { type: 'array', items: { type: 'string' } },
    ownerId: { type: ['string', 'null'] },
    orgUnitId: { type: ['string', 'null'] },
    thankYou: { type: 'object', additionalProperties: true },
    duplicate: { type: ['object', 'null'], additionalProperties: true },
    rateLimitPerHour: { type: 'integer' },
  },
  required: ['fields', 'prefill', 'ownerId', 'orgUnitId', 'thankYou', 'duplicate', 'rateLimitPerHour'],
} as const;

export const publicFormAdminResponse = {
  type: 'object',
  properties: {
    enabled: { type: 'boolean' },
    token: { type: ['string', 'null'], description: 'null until the settings are first saved' },
    link: { type: ['string', 'null'], description: 'The share link (absolute)' },
    embed: { type: ['string', 'null'], description: 'An iframe snippet for a web page' },
    settings: settingsResponse,
  },
  required: ['enabled', 'token', 'link', 'embed', 'settings'],
} as const;

export const tokenParams = {
  type: 'object',
  properties: { token: { type: 'string', pattern: shareTokenPattern } },
  required: ['token'],
} as const;

export const publicFormView = {
  type: 'object',
  properties: {
    form: { type: 'object', additionalProperties: true, description: 'The form trimmed to its public fields' },
    thankYou: { type: 'object', additionalProperties: true },
  },
  required: ['form', 'thankYou'],
} as const;

export const submissionBody = {
  type: 'object',
  properties: {
    data: { type: 'object', additionalProperties: true },
    params: { type: 'object', additionalProperties: { type: 'string', maxLength: 500 }, maxProperties: 30 },
    website: { type: 'string', maxLength: 500 },
  },
  required: ['data'],
  additionalProperties: false,
} as const;

export const submissionResponse = {
  type: 'object',
  properties: { status: { type: 'string', enum: ['received'] }, thankYou: { type: 'object', additionalProperties: true } },
  required: ['status', 'thankYou'],
} as const;

export const adminProblems = problems(400, 401, 403, 404, 409, 415, 422);
export const publicProblems = problems(400, 404, 409, 413, 415, 422, 429);
