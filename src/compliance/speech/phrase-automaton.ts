/**
 * A multi-phrase matcher (Aho-Corasick compiled to a full DFA) over UTF-16 code units, in typed arrays.
 *
 * The scan is one array lookup per code unit: `state = next[state * width + column[code]]`. Code units
 * that occur in no phrase share column 0, which always leads back to a state that depends only on the
 * longest phrase prefix ending there (usually the root). Each state lists the phrases that end there
 * (its own and those of its suffix states) as a slice of one flat array.
 *
 * Why not a library: the Aho-Corasick packages on npm match per grapheme cluster (Intl.Segmenter) and
 * allocate per step; on Chinese text they scan under 0.01 M characters/s where this does over 50 M
 * (bench/qa.ts). Phrases here are normalised text, so code-unit matching is what we want.
 */

export interface AutomatonHit {
  /** Index of the phrase in the list given to `compilePhrases`. */
  phrase: number;
  /** Half-open UTF-16 range in the scanned text. */
  start: number;
  end: number;
}

export interface PhraseAutomaton {
  readonly phraseCount: number;
  readonly stateCount: number;
  /** Every occurrence of every phrase (overlaps included), ordered by end, then by longer phrase first. */
  scan(text: string): AutomatonHit[];
  /** Calls `onHit(phrase, start, end)` for every occurrence, without allocating; same order as `scan`. */
  forEach(text: string, onHit: (phrase: number, start: number, end: number) => void): void;
  /** The number of occurrences (for benchmarks and tests). */
  count(text: string): number;
}

/** Compiles the phrases (non-empty strings; duplicates allowed, each reported under its own index). */
export function compilePhrases(phrases: readonly string[]): PhraseAutomaton {
  phrases.forEach((phrase, index) => {
    if (typeof phrase !== 'string' || phrase.length === 0) {
      throw new RangeError(`phrase ${index} is empty`);
    }
  });

  // Alphabet: one column per distinct code unit used by any phrase; column 0 is "any other".
  const column = new Uint16Array(0x10000);
  let width = 1;
  for (const phrase of phrases) {
    for (let i = 0; i < phrase.length; i += 1) {
      const code = phrase.charCodeAt(i);
      if (column[code] === 0) {
        column[code] = width;
        width += 1;
      }
    }
  }

  // Trie with sparse children.
  const children: Map<number, number>[] = [new Map()];
  const ownOutputs: number[][] = [[]];
  phrases.forEach((phrase, index) => {
    let state = 0;
    for (let i = 0; i < phrase.length; i += 1) {
      const symbol = column[phrase.charCodeAt(i)] as number;
      const edges = children[state] as Map<number, number>;
      let child = edges.get(symbol);
      if (child === undefined) {
        child = children.length;
        children.push(new Map());
        ownOutputs.push([]);
        edges.set(symbol, child);
      }
      state = child;
    }
    (ownOutputs[state] as number[]).push(index);
  });

  const stateCount = children.length;
  const next = new Int32Array(stateCount * width);
  const fail = new Int32Array(stateCount);
  const outputs: number[][] = new Array(stateCount);
  outputs[0] = ownOutputs[0] as number[];

  // Breadth-first: fill the DFA row of each state from its failure state's (already complete) row.
  const queue: number[] = [];
  for (const [symbol, child] of children[0] as Map<number, number>) {
    next[symbol] = child;
    fail[child] = 0;
    queue.push(child);
  }
  for (let head = 0; head < queue.length; head += 1) {
    const state = queue[head] as number;
    const failState = fail[state] as number;
    outputs[state] = [...(ownOutputs[state] as number[]), ...(outputs[failState] as number[])];
    const row = state * width;
    const failRow = failState * width;
    for (let symbol = 0; symbol < width; symbol += 1) next[row + symbol] = next[failRow + symbol] as number;
    for (const [symbol, child] of children[state] as Map<number, number>) {
      next[row + symbol] = child;
      fail[child] = next[failRow + symbol] as number;
      queue.push(child);
    }
  }

  // Outputs, longest phrase first within a state (own outputs are longer than inherited ones).
  const outStart = new Int32Array(stateCount + 1);
  let total = 0;
  for (let state = 0; state < stateCount; state += 1) {
    outStart[state] = total;
    total += (outputs[state] as number[]).length;
  }
  outStart[stateCount] = total;
  const outPhrase = new Int32Array(total);
  for (let state = 0; state < stateCount; state += 1) {
    const list = (outputs[state] as number[])
      .slice()
      .sort((a, b) => (phrases[b] as string).length - (phrases[a] as string).length || a - b);
    outPhrase.set(list, outStart[state] as number);
  }
  const lengths = Int32Array.from(phrases, (phrase) => phrase.length);

  function forEach(text: string, onHit: (phrase: number, start: number, end: number) => void): void {
    let state = 0;
    for (let i = 0; i < text.length; i += 1) {
      state = next[state * width + (column[text.charCodeAt(i)] as number)] as number;
      const from = outStart[state] as number;
      const to = outStart[state + 1] as number;
      for (let k = from; k < to; k += 1) {
        const phrase = outPhrase[k] as number;
        onHit(phrase, i + 1 - (lengths[phrase] as number), i + 1);
      }
    }
  }

  return {
    phraseCount: phrases.length,
    stateCount,
    forEach,
    scan(text: string): AutomatonHit[] {
      const hits: AutomatonHit[] = [];
      forEach(text, (phrase, start, end) => {
        hits.push({ phrase, start, end });
      });
      return hits;
    },
    count(text: string): number {
      let state = 0;
      let hits = 0;
      for (let i = 0; i < text.length; i += 1) {
        state = next[state * width + (column[text.charCodeAt(i)] as number)] as number;
        hits += (outStart[state + 1] as number) - (outStart[state] as number);
      }
      return hits;
    },
  };
}
