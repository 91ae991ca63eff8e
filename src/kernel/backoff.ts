/** Delay before retry number `attempts` (1-based): 1, 2, 4 ... minutes, at most an hour. Posts are never given up. */
export function retryDelayMs(attempts: number): number {
  return Math.min(60, 2 ** Math.max(0, attempts - 1)) * 60_000;
}
