import { describe, expect, it } from 'vitest';
import { checkLogic } from './check-logic';

const vars = (name: string) => ['stage', 'budget', 'tags', '$user.id'].includes(name);

describe('checkLogic', () => {
  it('accepts a well-formed filter over known fields', () => {
    expect(checkLogic({ and: [{ '==': [{ var: 'stage' }, 'won'] }, { '>': [{ var: 'budget' }, 5] }] }, { vars })).toEqual([]);
  });

  it('locates unknown operators and unknown variables', () => {
    expect(checkLogic({ or: [{ regex: ['a', 'b'] }, { '==': [{ var: 'secret' }, 1] }] }, { vars })).toEqual([
      { path: '/or/0/regex', code: 'ERR_LOGIC_UNKNOWN_OPERATOR', params: { operator: 'regex' } },
      { path: '/or/1/==/0/var/0', code: 'ERR_LOGIC_UNKNOWN_VARIABLE', params: { name: 'secret' } },
    ]);
  });

  it('checks missing keys but not the per-item variables of array operations', () => {
    expect(checkLogic({ some: [{ var: 'tags' }, { '==': [{ var: 'label' }, 'vip'] }] }, { vars })).toEqual([]);
    expect(checkLogic({ missing: ['stage', 'salary'] }, { vars })).toEqual([
      { path: '/missing', code: 'ERR_LOGIC_UNKNOWN_VARIABLE', params: { name: 'salary' } },
    ]);
  });

  it('refuses expressions nested too deeply or too large', () => {
    let deep: unknown = true;
    for (let i = 0; i < 40; i += 1) deep = { '!': [deep] };
    expect(checkLogic(deep)).toMatchObject([{ code: 'ERR_LOGIC_TOO_DEEP', params: { maxDepth: 32 } }]);
    const wide = { or: Array.from({ length: 2000 }, (_, i) => ({ '==': [{ var: 'stage' }, String(i)] })) };
    expect(checkLogic(wide, { maxNodes: 500 })).toMatchObject([{ code: 'ERR_LOGIC_TOO_LARGE', params: { maxNodes: 500 } }]);
  });

  it('reports wrong arity where it is certain', () => {
    expect(checkLogic({ '==': [1] })).toEqual([
      { path: '/==', code: 'ERR_LOGIC_ARITY', params: { operator: '==', min: 2, max: 2, actual: 1 } },
    ]);
    expect(checkLogic({ '<': [1, 2, 3] })).toEqual([]);
  });

  it('knows the custom operators of the instance that will run the expression', () => {
    expect(checkLogic({ daysSince: [{ var: 'stage' }] }, { operators: ['daysSince'] })).toEqual([]);
  });
});
