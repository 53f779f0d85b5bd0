/**
 * How long to wait before the next attempt after `attempts` failed ones: doubling from 2 s, capped at
 * 5 minutes, so a phone with a flaky signal neither hammers the server nor waits long once it is back.
 *
 *   retryDelayMs(1) -> 2000, retryDelayMs(4) -> 16000, retryDelayMs(20) -> 300000
 */
export function retryDelayMs(attempts: number): number {
  return Math.min(300_000, 1000 * 2 ** Math.max(1, attempts));
}
