import { formatProblem, messages } from '@tangram/schema';
import { expect, test } from 'vitest';

/** Every code the engine can emit, so the UI never falls back to the generic message for one of ours. */
const ENGINE_CODES = [
  'unknownField', 'required', 'type', 'invalidNumber', 'tooManyDecimals', 'minimum', 'maximum', 'minLength', 'maxLength',
  'pattern', 'notAnOption', 'minItems', 'maxItems', 'duplicate', 'invalidDate', 'invalidDatetime', 'invalidPhone',
  'invalidEmail', 'invalidUrl', 'invalidId', 'invalidFileRef', 'fileTooLarge', 'fileType', 'invalidRating',
  'invalidRegion', 'minRows', 'maxRows', 'readOnly', 'check', 'warningNotConfirmed', 'autonumberMissing', 'invalid',
  'ERR_LOGIC_UNKNOWN_OPERATOR', 'ERR_LOGIC_INVALID',
];

test.each(ENGINE_CODES)('%s has a message in both languages', (code) => {
  expect(Object.hasOwn(messages, code)).toBe(true);
  expect(formatProblem({ code, params: { limit: 1, max: 5, decimals: 2, value: 'x', field: 'f', expected: 'string', operator: 'op', accept: ['image/*'], message: { en: 'm' } } }, 'en')).not.toMatch(/\{\w+\}/);
});
