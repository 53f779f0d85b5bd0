import { describe, expect, it } from 'vitest';
import { createLogic } from './create-logic';
import { LogicError } from './errors';

describe('createLogic', () => {
  it('reads $-prefixed context variables as plain data paths', () => {
    const logic = createLogic();
    const data = { owner: 'u1', $user: { id: 'u1' }, $now: '2024-05-01T00:00:00.000Z', due: '2024-04-30T00:00:00.000Z' };
    expect(logic.apply({ '==': [{ var: 'owner' }, { var: '$user.id' }] }, data)).toBe(true);
    expect(logic.apply({ '<': [{ var: 'due' }, { var: '$now' }] }, data)).toBe(true);
  });

  it('compiles once and evaluates the same closure against many records', () => {
    const isHot = createLogic().compile({ and: [{ '==': [{ var: 'channel' }, 'web'] }, { '>': [{ var: 'budget' }, 50000] }] });
    expect(isHot({ channel: 'web', budget: 80000 })).toBe(true);
    expect(isHot({ channel: 'web', budget: 100 })).toBe(false);
    expect(isHot({ channel: 'expo', budget: 80000 })).toBe(false);
  });

  it('keeps custom operations to the instance that registered them', () => {
    const withDouble = createLogic({ operations: { double: (x) => (x as number) * 2 } });
    expect(withDouble.apply({ double: [{ var: 'n' }] }, { n: 21 })).toBe(42);
    expect(() => createLogic().apply({ double: [1] })).toThrow(LogicError);
  });

  it('refuses custom operations that would replace a built-in, and has no "method"', () => {
    expect(() => createLogic({ operations: { '==': () => true } })).toThrowError(/replace a built-in/);
    expect(() => createLogic({ operations: { method: () => true } })).toThrowError(/replace a built-in/);
    const error = catchError(() => createLogic().compile({ method: [{ var: 'name' }, 'toUpperCase'] }));
    expect(error).toMatchObject({ code: 'ERR_LOGIC_UNKNOWN_OPERATOR', path: '/method' });
  });

  it('locates an unknown operator by its JSON path at compile time', () => {
    const error = catchError(() => createLogic().compile({ and: [true, { if: [{ frobnicate: [] }, 1, 2] }] }));
    expect(error).toBeInstanceOf(LogicError);
    expect(error).toMatchObject({ code: 'ERR_LOGIC_UNKNOWN_OPERATOR', path: '/and/1/if/0/frobnicate', params: { operator: 'frobnicate' } });
  });

  it('never reads through the prototype chain', () => {
    const logic = createLogic();
    expect(logic.apply({ var: 'constructor' }, {})).toBeNull();
    expect(logic.apply({ var: '__proto__.polluted' }, {})).toBeNull();
    expect(logic.apply({ var: 'a.toString' }, { a: {} })).toBeNull();
  });

  it('treats a missing field and an absent key alike, and applies defaults to them', () => {
    const logic = createLogic();
    expect(logic.apply({ var: ['stage', 'new'] }, {})).toBe('new');
    expect(logic.apply({ missing: ['phone', 'email'] }, { phone: '', email: 'a@b.c' })).toEqual(['phone']);
  });
});

function catchError(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  throw new Error('expected an error');
}
