/**
 * The text normaliser every speech rule matches against, with an exact map back to the original text.
 *
 * Rules scan `NormalizedText.text`; findings are reported with `toOriginal`, so the `start`/`end`/`quote`
 * of a QA finding index into the turn's ORIGINAL text (the `qingshou qa` contract).
 *
 * What normalisation does, in the order it is applied (the order matters; see the notes on each step):
 * 1. removes zero-width characters (U+200B-U+200D, U+FEFF) and soft hyphens (U+00AD). Done first so that
 *    they neither split a phrase nor hide whitespace between two CJK characters.
 * 2. folds full-width ASCII (U+FF01-U+FF5E) to half-width and the ideographic space (U+3000) to a space;
 *    lower-cases Latin letters (only where lower-casing gives one code point).
 * 3. removes whitespace runs (spaces, tabs, line breaks, NBSP, ...) that sit between two CJK characters or
 *    between a CJK character and an ASCII digit or ASCII punctuation ('坐 牢', '法\n院', '还 5000',
 *    '还钱，\n你们' whose comma is ASCII after step 2); every other whitespace run, including at the start
 *    and the end, becomes a single ' '.
 * 4. converts traditional to simplified Chinese with OpenCC ('tw' → 'cn', phrase-aware), one maximal run
 *    of Han characters at a time, after step 3 so that '瞭 解' and '瞭解' both become '了解'. The result is
 *    kept code-point aligned: a run whose conversion would change its number of code points is converted
 *    character by character instead (the bundled dictionaries have no such entry; this is a guard). The
 *    conversion is repeated until it no longer changes the run (OpenCC maps 麼→么 and then 么→幺), so that
 *    normalising a normalised text changes nothing. Then a few variant characters are folded (帐 → 账).
 *
 * Every code point of `text` comes from one contiguous range of the original: a kept character, or, for a
 * collapsed whitespace run, the whole run. Removed characters belong to no code point of `text`, but a
 * range of `text` that spans them maps to an original range that includes them ('坐牢' → '坐 牢').
 */
import { Converter } from 'opencc-js';

export interface OriginalRange {
  /** UTF-16 offset into the original text, inclusive. */
  start: number;
  /** UTF-16 offset into the original text, exclusive. */
  end: number;
}

export interface NormalizedText {
  /** The text as given; `original.slice(start, end)` of a mapped range is the quote an inspector sees. */
  readonly original: string;
  /** What rules scan. */
  readonly text: string;
  /**
   * Maps the half-open UTF-16 range [start, end) of `text` to the smallest half-open range of `original`
   * that produced it. An empty range maps to an empty range at the corresponding original position.
   * Throws a RangeError unless 0 <= start <= end <= text.length (integers).
   */
  toOriginal(start: number, end: number): OriginalRange;
}

const toSimplified = Converter({ from: 'tw', to: 'cn' });

const ZERO_WIDTH = /^[\u200B-\u200D\uFEFF\u00AD]$/u;
const WHITESPACE = /^\s$/u;
const HAN = /^\p{Script=Han}$/u;
const LATIN = /^\p{Script=Latin}$/u;
/** CJK characters for the whitespace rule: Han, kana, Hangul, Bopomofo and CJK punctuation (、。「」...). */
const CJK =
  /^[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\p{Script=Bopomofo}\u3001-\u303F\uFF5F-\uFF65]$/u;
const DIGIT = /^[0-9]$/;
const ASCII_PUNCTUATION = /^[!-/:-@[-`{-~]$/;
/**
 * Variant characters that OpenCC leaves as they are but that mean the same in collection talk: Taiwan and
 * Hong Kong text writes 帳戶 and 帳單, which simplify to 帐户/帐单, while mainland text writes 账户/账单.
 */
const VARIANTS: Readonly<Record<string, string>> = { 帐: '账' };
/** Upper bound for repeating the OpenCC conversion until it is stable; real chains are 2 steps long. */
const MAX_CONVERSION_ROUNDS = 4;

/** One code point of the normalised text and the original range that produced it. */
interface Unit {
  char: string;
  start: number;
  end: number;
}

function foldCharacter(char: string): string {
  const code = char.codePointAt(0) ?? 0;
  if (code >= 0xff01 && code <= 0xff5e) {
    return foldCharacter(String.fromCodePoint(code - 0xfee0));
  }
  if (code === 0x3000) return ' ';
  if (LATIN.test(char)) {
    const lower = char.toLowerCase();
    if ([...lower].length === 1) return lower;
  }
  return char;
}

function isCjk(char: string): boolean {
  return CJK.test(char);
}

function joinsWithoutSpace(left: string, right: string): boolean {
  const tight = (char: string) => isCjk(char) || DIGIT.test(char) || ASCII_PUNCTUATION.test(char);
  return (isCjk(left) && tight(right)) || (tight(left) && isCjk(right));
}

/** Steps 1-3: drop zero-width characters, fold width and case, handle whitespace runs. */
function foldAndSpace(original: string): Unit[] {
  const folded: Unit[] = [];
  let offset = 0;
  for (const char of original) {
    const start = offset;
    offset += char.length;
    if (ZERO_WIDTH.test(char)) continue;
    folded.push({ char: foldCharacter(char), start, end: offset });
  }

  const units: Unit[] = [];
  let index = 0;
  while (index < folded.length) {
    const unit = folded[index] as Unit;
    if (!WHITESPACE.test(unit.char)) {
      units.push(unit);
      index += 1;
      continue;
    }
    let last = index;
    while (last + 1 < folded.length && WHITESPACE.test((folded[last + 1] as Unit).char)) last += 1;
    const before = units[units.length - 1]?.char;
    const after = folded[last + 1]?.char;
    const removed = before !== undefined && after !== undefined && joinsWithoutSpace(before, after);
    if (!removed) {
      units.push({ char: ' ', start: unit.start, end: (folded[last] as Unit).end });
    }
    index = last + 1;
  }
  return units;
}

/** One OpenCC pass over a run of Han code points, keeping one output code point per input code point. */
function convertOnce(run: string[]): string[] {
  const whole = [...toSimplified(run.join(''))];
  if (whole.length === run.length) return whole;
  return run.map((char) => {
    const converted = [...toSimplified(char)];
    return converted.length === 1 ? (converted[0] as string) : char;
  });
}

function convertRun(run: string[]): string[] {
  let current = run;
  for (let round = 0; round < MAX_CONVERSION_ROUNDS; round += 1) {
    const next = convertOnce(current);
    if (next.every((char, i) => char === current[i])) return current;
    current = next;
  }
  return current;
}

/** Step 4: traditional → simplified, per maximal Han run, in place. */
function simplify(units: Unit[]): void {
  let index = 0;
  while (index < units.length) {
    if (!HAN.test((units[index] as Unit).char)) {
      index += 1;
      continue;
    }
    let end = index;
    while (end < units.length && HAN.test((units[end] as Unit).char)) end += 1;
    const converted = convertRun(units.slice(index, end).map((unit) => unit.char));
    converted.forEach((char, i) => {
      (units[index + i] as Unit).char = VARIANTS[char] ?? char;
    });
    index = end;
  }
}

export function normalizeForMatching(original: string): NormalizedText {
  const units = foldAndSpace(original);
  simplify(units);

  const text = units.map((unit) => unit.char).join('');
  // Per UTF-16 code unit of `text`: the original range of the code point it belongs to.
  const sourceStart = new Int32Array(text.length);
  const sourceEnd = new Int32Array(text.length);
  let position = 0;
  for (const unit of units) {
    for (let k = 0; k < unit.char.length; k += 1) {
      sourceStart[position] = unit.start;
      sourceEnd[position] = unit.end;
      position += 1;
    }
  }

  const endOfLastKept = text.length > 0 ? (sourceEnd[text.length - 1] as number) : 0;

  return {
    original,
    text,
    toOriginal(start: number, end: number): OriginalRange {
      if (
        !Number.isInteger(start) ||
        !Number.isInteger(end) ||
        start < 0 ||
        start > end ||
        end > text.length
      ) {
        throw new RangeError(
          `range [${start}, ${end}) is not inside the normalised text (length ${text.length})`,
        );
      }
      if (start === end) {
        const at = start < text.length ? (sourceStart[start] as number) : endOfLastKept;
        return { start: at, end: at };
      }
      return { start: sourceStart[start] as number, end: sourceEnd[end - 1] as number };
    },
  };
}
