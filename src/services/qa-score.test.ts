import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { callScore, meanScore } from './qa-score';

describe('the call score', () => {
  it('is 100 clean, 0 with a red line, 5 off per warning down to 60', () => {
    expect(callScore(0, 0)).toBe(100);
    expect(callScore(1, 0)).toBe(0);
    expect(callScore(2, 3)).toBe(0);
    expect(callScore(0, 1)).toBe(95);
    expect(callScore(0, 8)).toBe(60);
    expect(callScore(0, 9)).toBe(60);
  });

  it('stays within 60-100 without a red line and never rises with more warnings', () => {
    fc.assert(
      fc.property(fc.nat(1000), (w) => {
        const s = callScore(0, w);
        return s >= 60 && s <= 100 && callScore(0, w + 1) <= s;
      }),
    );
  });

  it('averages calls to one decimal', () => {
    expect(meanScore([0, 85, 60, 100])).toBe(61.3);
    expect(meanScore([])).toBeNull();
  });
});
