/**
 * QA scan benchmark: `node bin/run-ts.mjs bench/qa.ts [--mb 50]` (also `npm run bench -- qa`).
 *
 * 1. Builds a transcript corpus of about --mb megabytes (UTF-8, JSON Lines in the `qingshou qa` input
 *    format, deterministic): whole calls assembled from the labelled utterances and calls under
 *    test/fixtures/speech, with a deterministic mix of compliant and violating agent turns.
 * 2. Rule compilation: loading the speech modules (OpenCC dictionaries included) and compiling the
 *    whole rulebook.
 * 3. Literal stage, same run, same text: the phrase automaton vs one V8 RegExp alternation of the same
 *    phrases (longest first), both counting every match over the already-normalised agent turns.
 * 4. Full rulebook on one core: `inspect()` of every call (normalisation, phrases, patterns, party and
 *    opening rules, mapping to original offsets).
 * Memory: heap and RSS after compiling and at the end of the scan.
 */
import { readFileSync } from 'node:fs';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const { values: args } = parseArgs({ options: { mb: { type: 'string', default: '50' } } });
const targetBytes = Number(args.mb) * 1024 * 1024;

interface Turn {
  speaker: 'agent' | 'customer';
  text: string;
}
interface Call {
  id: string;
  profile: 'cn-cba';
  party: 'debtor' | 'third_party';
  turns: Turn[];
}

const fixtures = (name: string) => fileURLToPath(new URL(`../test/fixtures/speech/${name}`, import.meta.url));
const lines = (name: string) =>
  readFileSync(fixtures(name), 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line));

const utterances = [...lines('utterances.jsonl'), ...lines('holdout/utterances.jsonl')] as {
  party: 'debtor' | 'third_party';
  text: string;
}[];
const calls = [...lines('transcripts.jsonl'), ...lines('holdout/transcripts.jsonl')] as Call[];
const customerLines = calls.flatMap((call) => call.turns.filter((turn) => turn.speaker === 'customer'));

/** Deterministic PRNG (mulberry32). */
function random(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function buildCorpus(): { calls: Call[]; bytes: number; chars: number } {
  const next = random(20261125);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)] as T;
  const out: Call[] = [];
  let bytes = 0;
  let chars = 0;
  while (bytes < targetBytes) {
    let call: Call;
    if (next() < 0.5) {
      const base = pick(calls);
      call = { ...base, id: `c${out.length}`, turns: base.turns };
    } else {
      const party = next() < 0.2 ? 'third_party' : 'debtor';
      const turns: Turn[] = [];
      const length = 6 + Math.floor(next() * 14);
      for (let i = 0; i < length; i += 1) {
        turns.push(
          i % 2 === 0
            ? { speaker: 'agent', text: pick(utterances).text }
            : { speaker: 'customer', text: pick(customerLines).text },
        );
      }
      call = { id: `c${out.length}`, profile: 'cn-cba', party, turns };
    }
    out.push(call);
    bytes += Buffer.byteLength(`${JSON.stringify(call)}\n`);
    chars += call.turns.reduce((sum, turn) => sum + turn.text.length, 0);
  }
  return { calls: out, bytes, chars };
}

const mb = (value: number) => `${(value / 1024 / 1024).toFixed(0)} MB`;
const rate = (chars: number, ms: number) => `${(((chars / ms) * 1000) / 1e6).toFixed(2)} M chars/s`;

const corpus = buildCorpus();
const agentTexts = corpus.calls.flatMap((call) =>
  call.turns.filter((turn) => turn.speaker === 'agent').map((turn) => turn.text),
);

// 2. Compilation, from a cold module cache: loading the OpenCC dictionaries is included.
const compileStart = performance.now();
const { createSpeechInspector } = await import('../src/compliance/speech');
const inspector = createSpeechInspector('cn-cba');
const compileMs = performance.now() - compileStart;
const { normalizeForMatching } = await import('../src/compliance/speech/normalize');
const { compilePhrases } = await import('../src/compliance/speech/phrase-automaton');
const afterCompile = process.memoryUsage();

// 3. Literal stage over the normalised agent text, automaton vs RegExp alternation of the same phrases.
const normalized = agentTexts.map((text) => normalizeForMatching(text).text);
const normalizedChars = normalized.reduce((sum, text) => sum + text.length, 0);
const phrases = inspector.phrases;
const automaton = compilePhrases(phrases);
const escapeRegExp = (phrase: string) => phrase.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const alternation = new RegExp(
  [...phrases]
    .sort((a, b) => b.length - a.length)
    .map(escapeRegExp)
    .join('|'),
  'gu',
);

function timeIt(run: () => number): { ms: number; count: number } {
  run(); // warm-up
  const start = performance.now();
  const count = run();
  return { ms: performance.now() - start, count };
}
const literal = timeIt(() => normalized.reduce((sum, text) => sum + automaton.count(text), 0));
const regexp = timeIt(() =>
  normalized.reduce((sum, text) => {
    alternation.lastIndex = 0;
    let count = 0;
    while (alternation.exec(text) !== null) count += 1;
    return sum + count;
  }, 0),
);

// 4. The full rulebook on one core.
const fullStart = performance.now();
let findings = 0;
for (const call of corpus.calls) findings += inspector.inspect(call).length;
const fullMs = performance.now() - fullStart;
const afterScan = process.memoryUsage();

const report = [
  `QA scan benchmark, ${new Date().toISOString().slice(0, 10)}, ${os.cpus()[0]?.model ?? 'cpu'} (${os.cpus().length} vCPU), Node ${process.version}`,
  '',
  `corpus: ${corpus.calls.length.toLocaleString('en')} calls, ${mb(corpus.bytes)} of JSON Lines, ${(corpus.chars / 1e6).toFixed(1)} M characters of turn text (${(normalizedChars / 1e6).toFixed(1)} M normalised agent characters)`,
  `rulebook: ${phrases.length} distinct phrases, ${automaton.stateCount.toLocaleString('en')} automaton states`,
  '',
  '| measurement | time | throughput | result |',
  '| --- | ---: | ---: | ---: |',
  `| rule compilation (whole rulebook) | ${compileMs.toFixed(0)} ms | | target < 2,000 ms |`,
  `| literal stage: phrase automaton | ${literal.ms.toFixed(0)} ms | ${rate(normalizedChars, literal.ms)} | ${literal.count.toLocaleString('en')} matches |`,
  `| literal stage: one RegExp alternation | ${regexp.ms.toFixed(0)} ms | ${rate(normalizedChars, regexp.ms)} | ${regexp.count.toLocaleString('en')} matches (leftmost, non-overlapping) |`,
  `| full rulebook, one core | ${(fullMs / 1000).toFixed(1)} s | ${rate(corpus.chars, fullMs)} | ${findings.toLocaleString('en')} findings; target ≥ 1 M chars/s |`,
  '',
  `memory: heap ${mb(afterCompile.heapUsed)} / RSS ${mb(afterCompile.rss)} after compiling (corpus loaded); heap ${mb(afterScan.heapUsed)} / RSS ${mb(afterScan.rss)} after the scan`,
];
console.log(report.join('\n'));
