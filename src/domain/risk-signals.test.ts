import { describe, expect, it } from 'vitest';
import { isRiskSignal, RISK_SIGNALS, riskSignalText } from './risk-signals';

const HAN = /\p{Script=Han}/u;

describe('risk signals', () => {
  it('explain every signal in Chinese and English, each differently', () => {
    const zh = new Set<string>();
    for (const signal of RISK_SIGNALS) {
      const text = riskSignalText(signal);
      expect(text.zh, signal).toMatch(HAN);
      expect(text.en, signal).not.toMatch(HAN);
      zh.add(text.zh);
    }
    expect(zh.size).toBe(RISK_SIGNALS.length);
  });

  it('recognise their own codes and nothing else', () => {
    expect(isRiskSignal('complaint')).toBe(true);
    expect(isRiskSignal('Complaint')).toBe(false);
    expect(isRiskSignal('toString')).toBe(false);
  });

  it('hand out copies', () => {
    const text = riskSignalText('complaint');
    text.zh = 'changed';
    expect(riskSignalText('complaint').zh).not.toBe('changed');
  });
});
