import { describe, expect, it } from 'vitest';
import { clockFromEnv } from './config';

describe('clockFromEnv', () => {
  it('is real time without QINGSHOU_CLOCK', () => {
    const before = Date.now();
    const now = clockFromEnv({})().getTime();
    expect(now).toBeGreaterThanOrEqual(before);
    expect(now - Date.now()).toBeLessThanOrEqual(0);
  });

  it('starts at QINGSHOU_CLOCK and runs on from there', async () => {
    const clock = clockFromEnv({ QINGSHOU_CLOCK: '2026-11-24T10:00:00+08:00' });
    const first = clock().getTime();
    expect(Math.abs(first - Date.parse('2026-11-24T02:00:00Z'))).toBeLessThan(1000);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(clock().getTime()).toBeGreaterThan(first);
  });

  it('refuses a value that is not an instant, naming the variable', () => {
    expect(() => clockFromEnv({ QINGSHOU_CLOCK: 'tomorrow' })).toThrow(/QINGSHOU_CLOCK/);
    expect(() => clockFromEnv({ QINGSHOU_CLOCK: '2026-11-24' })).toThrow(/QINGSHOU_CLOCK/);
  });
});
