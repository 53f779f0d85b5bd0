import { describe, expect, it } from 'vitest';
import { intOption, parseArgs } from './args';

describe('parseArgs', () => {
  it('reads --quick and both value spellings', () => {
    const args = parseArgs(['--quick', '--size=1_000', '--runs', '7'], ['size', 'runs']);
    expect(args.quick).toBe(true);
    expect(intOption(args, 'size', 5)).toBe(1000);
    expect(intOption(args, 'runs', 5)).toBe(7);
    expect(intOption(args, 'warmup', 5)).toBe(5);
  });

  it('refuses unknown options and bad numbers', () => {
    expect(() => parseArgs(['--qiuck'], [])).toThrow(/unknown option "--qiuck"/);
    expect(() => intOption(parseArgs(['--size=-3'], ['size']), 'size', 1)).toThrow(/positive integer/);
    expect(() => parseArgs(['--size'], ['size'])).toThrow(/needs a value/);
  });
});
