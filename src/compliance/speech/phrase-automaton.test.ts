import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compilePhrases } from './phrase-automaton';

/** Every occurrence by brute force, in the automaton's order (by end, then longer phrase first). */
function naive(text: string, phrases: readonly string[]) {
  const hits: { phrase: number; start: number; end: number }[] = [];
  phrases.forEach((phrase, index) => {
    for (let at = text.indexOf(phrase); at !== -1; at = text.indexOf(phrase, at + 1)) {
      hits.push({ phrase: index, start: at, end: at + phrase.length });
    }
  });
  return hits.sort((a, b) => a.end - b.end || b.end - b.start - (a.end - a.start) || a.phrase - b.phrase);
}

describe('compilePhrases', () => {
  it('finds overlapping, nested and repeated phrases', () => {
    const automaton = compilePhrases(['坐牢', '去坐牢', '牢', '坐牢']);
    expect(automaton.scan('你去坐牢吧')).toEqual([
      { phrase: 1, start: 1, end: 4 },
      { phrase: 0, start: 2, end: 4 },
      { phrase: 3, start: 2, end: 4 },
      { phrase: 2, start: 3, end: 4 },
    ]);
    expect(automaton.count('你去坐牢吧')).toBe(4);
  });

  it('refuses an empty phrase', () => {
    expect(() => compilePhrases(['罚息', ''])).toThrow(RangeError);
  });

  it('agrees with a brute-force search on any text and phrases', () => {
    const alphabet = fc.constantFrom('坐', '牢', '还', '钱', 'a', 'b', '，', ' ', '😀');
    const word = fc.array(alphabet, { minLength: 1, maxLength: 4 }).map((chars) => chars.join(''));
    fc.assert(
      fc.property(
        fc.array(word, { minLength: 1, maxLength: 12 }),
        fc.array(alphabet, { maxLength: 60 }),
        (phrases, chars) => {
          const text = chars.join('');
          const automaton = compilePhrases(phrases);
          expect(automaton.scan(text)).toEqual(naive(text, phrases));
          expect(automaton.count(text)).toBe(naive(text, phrases).length);
        },
      ),
      { numRuns: 400 },
    );
  });
});
