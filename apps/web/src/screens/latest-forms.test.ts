import { describe, expect, it } from 'vitest';
import type { FormSummary } from '../api/endpoints';
import { latestForms } from './latest-forms';

const form = (key: string, status: FormSummary['status'], version: number): FormSummary => ({ key, status, version, body: { name: { en: key } } });

describe('latestForms', () => {
  it('shows each form once: the newest published version over a draft of the same form', () => {
    const shown = latestForms([form('leads', 'draft', 0), form('leads', 'published', 1), form('leads', 'published', 2), form('customers', 'draft', 0)]);
    expect(shown.map((f) => `${f.key}@${f.version}`)).toEqual(['leads@2', 'customers@0']);
  });
});
