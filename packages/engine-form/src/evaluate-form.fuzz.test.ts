import { messages, validateForm } from '@tangram/schema';
import { expect, test } from 'vitest';
import { evaluateForm } from './evaluate-form';
import { createCtx, customerForm } from './fixtures';

/** A small seeded generator (mulberry32): the same cases on every run. */
function seeded(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SAMPLES: readonly unknown[] = [
  null, '', ' ', 'web', 'pregnancy', '13800138000', '+86 138 0013 8000', 'a@b.cn', 'https://x.cn', '2025-01-01',
  '2025-01-01T00:00:00Z', '1234.5', '1e3', 'NaN', '__proto__', 0, -1, 1.5, 0.1 + 0.2, 1e21, Number.MAX_SAFE_INTEGER, true, false,
  [], ['baby'], ['baby', 'baby'], [{ sku: 'a', qty: 2, price: '3.10' }], [1, 'x', null], {}, { province: 'a', city: 'b' },
  { id: 'f', name: 'a.png', size: 1, mime: 'image/png' }, [{ id: 'f', name: 'a.png', size: 1, mime: 'image/png' }], { expr: 1 },
];

test('random inputs never crash and every problem is located and worded', () => {
  const random = seeded(20251123);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const keys = [...customerForm.fields.map((f) => f.key), 'unknown', 'constructor', '__proto__'];
  for (let i = 0; i < 3000; i++) {
    const input: Record<string, unknown> = {};
    const n = Math.floor(random() * 8);
    for (let j = 0; j < n; j++) Object.defineProperty(input, pick(keys), { value: pick(SAMPLES), enumerable: true, configurable: true, writable: true });
    const mode = random() < 0.5 ? 'create' : 'update';
    const result = evaluateForm(customerForm, input, {
      ...createCtx, mode, previous: mode === 'update' ? { name: 'Ann', stage: pick(['won', 'new']), deal_amount: '1.00' } : undefined,
      confirmedWarnings: random() < 0.5 ? ['child_pregnancy'] : [],
    });
    if (result.ok) {
      expect(Object.keys(result.data).every((k) => customerForm.fields.some((f) => f.key === k))).toBe(true);
    } else {
      for (const p of result.problems) {
        expect(p.path).toMatch(/^\/(data|confirmedWarnings)(\/|$)/);
        expect(Object.hasOwn(messages, p.code)).toBe(true);
      }
    }
  }
});

test('randomly broken definitions never crash the validator', () => {
  const random = seeded(7);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const base = JSON.parse(JSON.stringify(customerForm)) as Record<string, unknown>;
  for (let i = 0; i < 1000; i++) {
    const form = JSON.parse(JSON.stringify(base)) as { fields: Record<string, unknown>[] };
    const field = pick(form.fields);
    const prop = pick([...Object.keys(field), 'options', 'min', 'max', 'pattern', 'default', 'expr', 'fields', 'kind']);
    field[prop] = pick(SAMPLES);
    const result = validateForm(form);
    if (!result.ok) {
      expect(result.problems.length).toBeGreaterThan(0);
      for (const p of result.problems) expect(Object.hasOwn(messages, p.code)).toBe(true);
    }
  }
});
