import { describe, expect, it } from 'vitest';
import { retryDelayMs } from './backoff';

describe('retryDelayMs', () => {
  it('doubles from two seconds and stops at five minutes', () => {
    expect([1, 2, 3, 4, 8, 9, 30].map(retryDelayMs)).toEqual([2000, 4000, 8000, 16000, 256000, 300000, 300000]);
  });
});
