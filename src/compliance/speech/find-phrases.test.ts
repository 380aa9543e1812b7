import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createPhraseMatcher, findAll } from './find-phrases';
import { normalizeForMatching } from './normalize';

describe('findAll: prohibited phrases in collection calls, reported against the original turn', () => {
  it('finds 坐牢 split by a space in a traditional-Chinese sentence, quoting the original', () => {
    const original = '再不還錢你就等著坐 牢吧';
    const found = findAll(normalizeForMatching(original), ['坐牢']);
    expect(found).toEqual([{ phrase: '坐牢', phraseIndex: 0, start: 8, end: 11, quote: '坐 牢' }]);
  });

  it('finds several phrases, written simplified or traditional, across line breaks and full-width text', () => {
    const original = '你好，我是ＸＸ銀行的。\n你們再不還錢，我們就通知你的單\n位，還會起訴到法 院。';
    const found = findAll(normalizeForMatching(original), ['通知你的单位', '起訴', '法院', '坐牢']);
    expect(found.map(({ phrase, quote }) => ({ phrase, quote }))).toEqual([
      { phrase: '通知你的单位', quote: '通知你的單\n位' },
      { phrase: '起訴', quote: '起訴' },
      { phrase: '法院', quote: '法 院' },
    ]);
    for (const match of found) expect(original.slice(match.start, match.end)).toBe(match.quote);
  });

  it('matches Latin and full-width phrases case-insensitively', () => {
    const original = '您的ＣＲＥＤＩＴ  Report 会上征信';
    const found = findAll(normalizeForMatching(original), ['credit report']);
    expect(found).toHaveLength(1);
    expect(found[0]?.quote).toBe('ＣＲＥＤＩＴ  Report');
  });

  it('reports every occurrence, overlapping ones and repeated ones, in order of position', () => {
    const original = '坐牢坐牢，真的会坐牢';
    const found = createPhraseMatcher(['坐牢', '牢坐']).findAll(normalizeForMatching(original));
    expect(found.map((m) => [m.phrase, m.start])).toEqual([
      ['坐牢', 0],
      ['牢坐', 1],
      ['坐牢', 2],
      ['坐牢', 8],
    ]);
  });

  it('finds nothing in a compliant call and with no phrases', () => {
    const normalized = normalizeForMatching('您好，请问您方便在本周五前还款吗？我们可以协商分期。');
    expect(findAll(normalized, ['坐牢', '法院', '通知你的单位'])).toEqual([]);
    expect(findAll(normalized, [])).toEqual([]);
  });

  it('rejects a phrase that normalises to nothing', () => {
    expect(() => createPhraseMatcher(['坐牢', '\u200B'])).toThrow(RangeError);
  });

  it('finds a phrase however its characters are spaced, and the quote always normalises back to it', () => {
    const prefix = fc.constantFrom('', '喂，', 'Hello ', '你們再不還錢\n');
    const gap = fc.constantFrom('', ' ', '\n', '\u3000', '\u200B', ' \r\n ');
    fc.assert(
      fc.property(prefix, fc.array(gap, { minLength: 3, maxLength: 3 }), (before, gaps) => {
        const chars = [...'起訴你們'];
        const spoken = chars.map((c, i) => c + (gaps[i] ?? '')).join('');
        const original = `${before}${spoken}吧`;
        const found = findAll(normalizeForMatching(original), ['起诉你们']);
        expect(found).toHaveLength(1);
        const match = found[0];
        expect(match?.quote.startsWith('起')).toBe(true);
        expect(match?.quote.endsWith('們')).toBe(true);
        expect(normalizeForMatching(match?.quote ?? '').text).toBe('起诉你们');
      }),
      { numRuns: 200 },
    );
  });
});
