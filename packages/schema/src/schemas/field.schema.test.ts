import { expect, test } from 'vitest';
import { compileSchema } from '../validation/ajv-instance';
import { validFields } from '../validation/fixtures';
import { fieldSchema } from './field.schema';

// The standalone schema is what the server publishes for a single field; it must resolve on its own.
const validateField = compileSchema(fieldSchema);

test.each(Object.values(validFields))('the standalone field schema accepts a valid $kind field', (field) => {
  expect(validateField(field)).toBe(true);
});

test('the standalone field schema refuses a bad nested subtable field', () => {
  expect(validateField({ ...validFields.subtable, fields: [{ id: 'x', key: 'x', kind: 'text', label: { en: 'X' }, min: 1 }] })).toBe(false);
});
