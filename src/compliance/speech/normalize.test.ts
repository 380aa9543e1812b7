import fc from 'fast-check';
import { Converter } from 'opencc-js';
import { describe, expect, it } from 'vitest';
import { normalizeForMatching } from './normalize';

const text = (original: string) => normalizeForMatching(original).text;

/** Characters that exercise every step: Han (traditional and simplified), kana, full-width, Latin, digits,
 * every kind of whitespace, zero-width characters, punctuation and an astral Han character. */
const interesting = fc.constantFrom(
  ...'你們们再不還还錢钱就去坐牢法院瞭解麼么苧乾燥著催收逾期𠮷の아ＡＢＣａ１２３abcXYZ012，。、「」!?'.split(
    '',
  ),
  ...[...'𠮷𡻕'],
  ' ',
  '\n',
  '\r\n',
  '\t',
  '\u3000',
  '\u00A0',
  '\u200B',
  '\u200C',
  '\u200D',
  '\uFEFF',
  '\u00AD',
);
const mixedString = fc.oneof(
  fc.array(interesting, { maxLength: 30 }).map((parts) => parts.join('')),
  fc.string({ unit: 'grapheme', maxLength: 30 }),
  fc.string({ unit: 'binary', maxLength: 30 }),
);

describe('normalizeForMatching: the text rules scan', () => {
  it('converts traditional Chinese to simplified, phrase-aware', () => {
    expect(text('你們再不還錢就去坐牢')).toBe('你们再不还钱就去坐牢');
    expect(text('瞭解')).toBe('了解');
    expect(text('乾燥')).toBe('干燥');
  });

  it('folds full-width letters, digits and punctuation and lower-cases Latin letters', () => {
    expect(text('ＡＢＣ１２３')).toBe('abc123');
    expect(text('ＡＢＣ１２３')).toBe(text('abc123'));
    expect(text('請還款！？（ＣＮＹ）')).toBe('请还款!?(cny)');
    expect(text('Hello\u3000World')).toBe('hello world');
  });

  it('removes whitespace and line breaks inside Chinese words and between Chinese and digits', () => {
    expect(text('法 院')).toBe('法院');
    expect(text('法\n院')).toBe('法院');
    expect(text('法\r\n \t院')).toBe('法院');
    expect(text('欠款 5000 元')).toBe('欠款5000元');
    expect(text('坐\u3000牢')).toBe('坐牢');
    expect(text('还钱， 你们\n!')).toBe('还钱,你们!');
    expect(text('ok, 好的')).toBe('ok,好的');
  });

  it('collapses other whitespace runs to one space', () => {
    expect(text('call   me\n\nback')).toBe('call me back');
    expect(text('5000  yuan')).toBe('5000 yuan');
    expect(text('  你好  ')).toBe(' 你好 ');
    expect(text('ok 好的')).toBe('ok 好的');
  });

  it('removes zero-width characters and soft hyphens, also when they hide a space between Chinese words', () => {
    expect(text('坐\u200B牢')).toBe('坐牢');
    expect(text('co\u00ADllection')).toBe('collection');
    expect(text('\uFEFF坐 \u200D牢')).toBe('坐牢');
  });

  it('keeps opencc conversion code-point aligned (checked on its dictionary behaviour)', () => {
    // The property the mapping relies on: for these phrases OpenCC keeps one output character per input
    // character. If a dictionary update breaks this, normalise falls back to per-character conversion.
    const convert = Converter({ from: 'tw', to: 'cn' });
    for (const phrase of ['你們再不還錢就去坐牢', '瞭解', '頭髮', '發現', '計程車']) {
      expect([...convert(phrase)]).toHaveLength([...phrase].length);
    }
    // And OpenCC alone is not idempotent (麼 → 么 → 幺); normalise converts to a fixed point.
    expect(convert(convert('麼'))).not.toBe(convert('麼'));
    expect(text(text('麼'))).toBe(text('麼'));
  });
});

describe('normalizeForMatching: mapping back to the original', () => {
  it('maps a phrase with an inner space back to the quote including the space', () => {
    const original = '再不還錢你就等著坐 牢吧';
    const normalized = normalizeForMatching(original);
    const at = normalized.text.indexOf('坐牢');
    expect(at).toBeGreaterThanOrEqual(0);
    const range = normalized.toOriginal(at, at + 2);
    expect(range).toEqual({ start: 8, end: 11 });
    expect(original.slice(range.start, range.end)).toBe('坐 牢');
  });

  it('maps a collapsed whitespace run to the whole run and astral characters to both code units', () => {
    const original = 'a \n\t b𠮷';
    const normalized = normalizeForMatching(original);
    expect(normalized.text).toBe('a b𠮷');
    expect(normalized.toOriginal(1, 2)).toEqual({ start: 1, end: 5 });
    expect(normalized.toOriginal(3, 5)).toEqual({ start: 6, end: 8 });
    // Half of a surrogate pair still maps to the whole original character.
    expect(normalized.toOriginal(3, 4)).toEqual({ start: 6, end: 8 });
  });

  it('maps empty ranges to a position and rejects ranges outside the text', () => {
    const normalized = normalizeForMatching('\u200B法 院\u200B');
    expect(normalized.text).toBe('法院');
    expect(normalized.toOriginal(0, 0)).toEqual({ start: 1, end: 1 });
    expect(normalized.toOriginal(2, 2)).toEqual({ start: 4, end: 4 });
    expect(() => normalized.toOriginal(1, 3)).toThrow(RangeError);
    expect(() => normalized.toOriginal(2, 1)).toThrow(RangeError);
    expect(() => normalized.toOriginal(-1, 1)).toThrow(RangeError);
    expect(() => normalized.toOriginal(0.5, 1)).toThrow(RangeError);
    expect(normalizeForMatching('').toOriginal(0, 0)).toEqual({ start: 0, end: 0 });
  });

  it('every range of text maps inside the original, and single characters map exactly', () => {
    fc.assert(
      fc.property(mixedString, fc.nat(), fc.nat(), (original, a, b) => {
        const normalized = normalizeForMatching(original);
        const length = normalized.text.length;
        const start = Math.min(a, b) % (length + 1);
        const end = start + (Math.max(a, b) % (length - start + 1));
        const range = normalized.toOriginal(start, end);
        expect(range.start).toBeGreaterThanOrEqual(0);
        expect(range.start).toBeLessThanOrEqual(range.end);
        expect(range.end).toBeLessThanOrEqual(original.length);
        // Every character of text maps to a range that normalises to exactly that character
        // (a collapsed whitespace run normalises to ' ').
        let i = 0;
        for (const char of normalized.text) {
          const one = normalized.toOriginal(i, i + char.length);
          const quote = original.slice(one.start, one.end);
          // Removed zero-width characters may sit inside a kept range (e.g. inside a whitespace run).
          const visible = quote.replace(/[\u200B-\u200D\uFEFF\u00AD]/gu, '');
          if (char === ' ') expect(visible.trim()).toBe('');
          else expect([...visible]).toHaveLength(1);
          i += char.length;
        }
      }),
      { numRuns: 500 },
    );
  });

  it('the whole text maps from the first to the last kept character', () => {
    fc.assert(
      fc.property(mixedString, (original) => {
        const normalized = normalizeForMatching(original);
        const whole = normalized.toOriginal(0, normalized.text.length);
        if (normalized.text.length === 0) {
          expect(whole.start).toBe(whole.end);
          return;
        }
        // Only zero-width characters (removed) may be left outside the quote.
        const outside = original.slice(0, whole.start) + original.slice(whole.end);
        expect(outside.replace(/[\u200B-\u200D\uFEFF\u00AD]/gu, '')).toBe('');
        const quote = original.slice(whole.start, whole.end);
        expect(quote).not.toMatch(/^[\u200B-\u200D\uFEFF\u00AD]|[\u200B-\u200D\uFEFF\u00AD]$/u);
      }),
      { numRuns: 500 },
    );
  });
});

describe('normalizeForMatching: properties rules depend on', () => {
  it('is idempotent', () => {
    fc.assert(
      fc.property(mixedString, (original) => {
        const once = text(original);
        expect(text(once)).toBe(once);
      }),
      { numRuns: 1000 },
    );
  });

  it('spaces and line breaks inserted between the Chinese characters of a phrase do not change text', () => {
    const phrase = fc.array(
      fc.constantFrom(...'你們们再不還还錢钱就去坐牢法院瞭解麼乾燥著催收逾期的了'.split('')),
      { minLength: 1, maxLength: 12 },
    );
    const gap = fc.array(fc.constantFrom(' ', '\n', '\r\n', '\t', '\u3000', '\u200B'), {
      maxLength: 3,
    });
    fc.assert(
      fc.property(phrase, fc.array(gap, { maxLength: 12 }), (chars, gaps) => {
        const compact = chars.join('');
        const spaced = chars
          .map((char, i) => char + (i < chars.length - 1 ? (gaps[i] ?? []).join('') : ''))
          .join('');
        expect(text(spaced)).toBe(text(compact));
      }),
      { numRuns: 500 },
    );
  });

  it('a traditional phrase normalises like its simplified form', () => {
    const pairs: [string, string][] = [
      ['你們再不還錢就去坐牢', '你们再不还钱就去坐牢'],
      ['法院', '法 院'],
      ['ＡＢＣ１２３', 'abc123'],
      ['我們會通知你的單位和家人', '我们会通知你的单位和家人'],
      ['逾期費用', '逾期费用'],
      ['上門催收', '上门催收'],
    ];
    for (const [a, b] of pairs) expect(text(a)).toBe(text(b));
    // The same holds inside longer, spaced-out sentences.
    expect(text('再不還錢，\n你們就等著 坐 牢')).toBe(text('再不还钱,你们就等着坐牢'));
  });
});
