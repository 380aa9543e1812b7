import { describe, expect, it } from 'vitest';
import { isReasonCode, REASON_CODES, reasonText } from './reasons';

const HAN = /\p{Script=Han}/u;

describe('reason catalogue', () => {
  it('gives every code a Chinese and an English text', () => {
    for (const code of REASON_CODES) {
      const text = reasonText(code);
      expect(text.zh, code).toMatch(HAN);
      expect(text.en.length, code).toBeGreaterThan(5);
      // English texts are English: Chinese only inside a quoted date example.
      expect(text.en.replace('2026年3月15日', ''), code).not.toMatch(HAN);
    }
  });

  it('keeps texts short enough for a table cell', () => {
    for (const code of REASON_CODES) {
      const text = reasonText(code);
      expect(text.zh.length, code).toBeLessThanOrEqual(60);
      expect(text.en.length, code).toBeLessThanOrEqual(120);
    }
  });

  it('never shows two different problems with the same words', () => {
    const zh = REASON_CODES.map((code) => reasonText(code).zh);
    const en = REASON_CODES.map((code) => reasonText(code).en);
    expect(new Set(zh).size).toBe(zh.length);
    expect(new Set(en).size).toBe(en.length);
  });

  it('tells the user what is wrong with an ID number check digit', () => {
    expect(reasonText('id_number_checksum')).toEqual({
      zh: '身份证校验位错误，请核对号码',
      en: 'ID number check digit is wrong; check the number',
    });
  });

  it('tells the user to convert a 15-digit ID number to 18 digits', () => {
    expect(reasonText('id_number_first_generation').zh).toContain('18 位');
    expect(reasonText('id_number_first_generation').en).toContain('18-digit');
  });

  it('recognises its own codes and nothing else', () => {
    expect(isReasonCode('amount_negative')).toBe(true);
    expect(isReasonCode('bucket_config_gap')).toBe(true);
    expect(isReasonCode('toString')).toBe(false);
    expect(isReasonCode('no_such_reason')).toBe(false);
  });

  it('hands out copies, so a caller cannot change the catalogue', () => {
    const text = reasonText('required');
    text.zh = 'changed';
    expect(reasonText('required').zh).not.toBe('changed');
  });
});
