/**
 * Multi-phrase search over normalised text (phrase-automaton, Aho-Corasick), reported in original-text offsets.
 *
 * Phrases are normalised with the same `normalizeForMatching` as the text, so a rule may list '坐牢' and
 * still catch '坐 牢', '坐\n牢' or '坐牢' written in traditional characters. Write phrases in simplified
 * Chinese: OpenCC converts phrase-aware, and a phrase normalised on its own could in rare cases differ from
 * the same characters inside a longer run (`normalizeForMatching(p).text === p` is the safe form).
 */
import { type NormalizedText, normalizeForMatching } from './normalize';
import { compilePhrases } from './phrase-automaton';

export interface PhraseMatch {
  /** The phrase as the rule author wrote it. */
  phrase: string;
  /** Its index in the list given to the matcher. */
  phraseIndex: number;
  /** UTF-16 offsets into the ORIGINAL text, half-open. */
  start: number;
  end: number;
  /** `original.slice(start, end)`: what a QA inspector sees (may contain the spaces normalisation removed). */
  quote: string;
}

export interface PhraseMatcher {
  /** Every occurrence of every phrase, overlapping ones included, ordered by start then by phrase index. */
  findAll(normalized: NormalizedText): PhraseMatch[];
}

/**
 * Compiles the phrases once; reuse the matcher for every turn. Throws a RangeError for a phrase that is
 * empty after normalisation (it would match everywhere and is a rule-authoring mistake).
 */
export function createPhraseMatcher(phrases: readonly string[]): PhraseMatcher {
  const patterns = phrases.map((phrase, phraseIndex) => {
    const pattern = normalizeForMatching(phrase).text;
    if (pattern.length === 0) {
      throw new RangeError(`phrase ${phraseIndex} (${JSON.stringify(phrase)}) is empty after normalisation`);
    }
    return pattern;
  });
  const automaton = compilePhrases(patterns);

  return {
    findAll(normalized: NormalizedText): PhraseMatch[] {
      if (patterns.length === 0) return [];
      return automaton
        .scan(normalized.text)
        .map((match) => {
          const phraseIndex = match.phrase;
          const range = normalized.toOriginal(match.start, match.end);
          return {
            phrase: phrases[phraseIndex] as string,
            phraseIndex,
            start: range.start,
            end: range.end,
            quote: normalized.original.slice(range.start, range.end),
          };
        })
        .sort((a, b) => a.start - b.start || a.phraseIndex - b.phraseIndex || a.end - b.end);
    },
  };
}

/** One-off convenience: compiles the phrases and searches once. Prefer `createPhraseMatcher` in loops. */
export function findAll(normalized: NormalizedText, phrases: readonly string[]): PhraseMatch[] {
  return createPhraseMatcher(phrases).findAll(normalized);
}
