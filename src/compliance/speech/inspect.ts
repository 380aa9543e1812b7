/**
 * The transcript scanner: compiles a rulebook once (one phrase automaton for every rule's phrases), then
 * inspects agent turns sentence by sentence. Customer turns are never findings: a debtor may say anything.
 *
 * Per agent turn: normalise (normalize.ts), scan every phrase in one pass, split into sentences (。！？；
 * and their ASCII forms), then for each rule's trigger in a sentence check the rule's conditions (party,
 * co-occurrence, exceptions, negation). Findings are mapped back to the original text.
 */
import { type NormalizedText, normalizeForMatching } from './normalize';
import { compilePhrases, type PhraseAutomaton } from './phrase-automaton';
import type { OpeningRule, PhraseRule, SpeechRule } from './rule-types';
import type { SpeechFinding, SpeechRuleInfo, Transcript } from './types';

export interface SpeechInspector {
  inspect(transcript: Transcript): SpeechFinding[];
  /** The distinct normalised phrases compiled into the automaton (benchmarks, diagnostics). */
  readonly phrases: readonly string[];
  /** Automaton states (a size measure for benchmarks). */
  readonly automatonStates: number;
}

/** Sentence ends; a "sentence" is the scope of co-occurrence and of exceptions. */
const SENTENCE_END = /[。！？!?；;…]/u;
/**
 * Clause breaks inside a sentence: a negation does not reach across them. Sentence-final particles count
 * too, because speech-recognition text often has no punctuation ("你总不能不管吧先帮他垫上").
 */
const CLAUSE_BREAK = /[，,、：:。！？!?；;…\s吧吗呢啊嘛呀]/u;
/** Clause ends for the house warning's yielding (spaces are not clause ends: ASR text has them anywhere). */
const CLAUSE_END = /[，,、：:。！？!?；;…]/u;
/**
 * A negation at the end of the clause text before a trigger, with at most six characters between it and
 * the trigger, none of which turns the clause into a consequence ("没有钱就去借" is not negated).
 */
const NEGATED =
  /(?:不会|不能|不是|没有|没办法|不收|不另收|不另外收|不加收|唔会|唔好|唔使|唔系|冇|并不|绝不|决不|绝对不|不要|不用|不得|不可以|不允许|不可能|禁止|严禁|从不|从来不|从来没|不再|无需|不需要|无权|没有权|不存在|请勿|切勿|千万别|请别|不必)[^就才便那再还]{0,6}$/u;
const NEGATION_WINDOW = 12;
const A_NOT_A = /能不能|会不会|是不是|要不要|可不可以|有没有|有冇|系唔系|用不用|行不行|好不好/gu;

interface CompiledPhraseRule {
  rule: PhraseRule;
  withAll: number[][];
  unless: number[];
  patterns: RegExp[];
  patternHints: number[];
}

interface Candidate {
  rule: CompiledPhraseRule;
  sentence: number;
  start: number;
  end: number;
}

/** Start offsets of the pieces of a normalised text ended by `end` (always starts with 0). */
function pieceStarts(text: string, end: RegExp): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i += 1) {
    if (end.test(text[i] as string) && i + 1 < text.length) starts.push(i + 1);
  }
  return starts;
}

function pieceOf(starts: readonly number[], position: number): number {
  let low = 0;
  let high = starts.length - 1;
  while (low < high) {
    const middle = (low + high + 1) >> 1;
    if ((starts[middle] as number) <= position) low = middle;
    else high = middle - 1;
  }
  return low;
}

function isNegated(text: string, sentenceStart: number, triggerStart: number): boolean {
  let from = triggerStart;
  const limit = Math.max(sentenceStart, triggerStart - NEGATION_WINDOW);
  while (from > limit && !CLAUSE_BREAK.test(text[from - 1] as string)) from -= 1;
  // "能不能", "会不会" ... ask; they do not negate.
  return NEGATED.test(text.slice(from, triggerStart).replace(A_NOT_A, ''));
}

function overlaps(a: { start: number; end: number }, b: { start: number; end: number }): boolean {
  return a.start < b.end && b.start < a.end;
}

export function ruleInfo(rule: SpeechRule): SpeechRuleInfo {
  return {
    id: rule.id,
    category: rule.category,
    severity: rule.severity,
    explanation: rule.explanation,
    alternative: rule.alternative,
  };
}

/** Compiles a rulebook. Throws a RangeError naming the rule for a phrase that normalises to nothing. */
export function compileRulebook(rules: readonly SpeechRule[]): SpeechInspector {
  const phraseIndex = new Map<string, number>();
  const phraseList: string[] = [];
  const intern = (rule: SpeechRule, phrase: string): number => {
    const normalized = normalizeForMatching(phrase).text.trim();
    if (normalized.length === 0)
      throw new RangeError(`rule ${rule.id}: phrase ${JSON.stringify(phrase)} is empty`);
    let index = phraseIndex.get(normalized);
    if (index === undefined) {
      index = phraseList.length;
      phraseList.push(normalized);
      phraseIndex.set(normalized, index);
    }
    return index;
  };

  const ids = new Set<string>();
  const phraseRules: CompiledPhraseRule[] = [];
  const openingRules: OpeningRule[] = [];
  /** Per phrase: the rules it triggers. */
  const triggers: CompiledPhraseRule[][] = [];

  for (const rule of rules) {
    if (ids.has(rule.id)) throw new RangeError(`rule id ${rule.id} is used twice`);
    ids.add(rule.id);
    if (rule.kind === 'opening') {
      openingRules.push(rule);
      continue;
    }
    if ((rule.patterns?.length ?? 0) > 0 && (rule.patternHints?.length ?? 0) === 0) {
      throw new RangeError(`rule ${rule.id}: patterns need patternHints`);
    }
    const compiled: CompiledPhraseRule = {
      rule,
      withAll: (rule.withAll ?? []).map((group) => group.map((phrase) => intern(rule, phrase))),
      unless: (rule.unless ?? []).map((phrase) => intern(rule, phrase)),
      patterns: (rule.patterns ?? []).map(
        (pattern) =>
          new RegExp(pattern.source, pattern.flags.includes('g') ? pattern.flags : `${pattern.flags}g`),
      ),
      patternHints: (rule.patternHints ?? []).map((phrase) => intern(rule, phrase)),
    };
    phraseRules.push(compiled);
    for (const phrase of rule.phrases ?? []) {
      const index = intern(rule, phrase);
      const list = triggers[index] ?? [];
      list.push(compiled);
      triggers[index] = list;
    }
  }
  const hinted = phraseRules.filter((compiled) => compiled.patterns.length > 0);
  const automaton: PhraseAutomaton = compilePhrases(phraseList);
  const ruleOrder = new Map(rules.map((rule, index) => [rule.id, index]));

  function inspectTurn(
    normalized: NormalizedText,
    party: Transcript['party'],
    turn: number,
  ): SpeechFinding[] {
    const text = normalized.text;
    const starts = pieceStarts(text, SENTENCE_END);
    const sentenceEnd = (sentence: number) => starts[sentence + 1] ?? text.length;
    /** Per sentence: the phrases present in it. */
    const present = new Map<number, Set<number>>();
    const triggered: { phrase: number; start: number; end: number; sentence: number }[] = [];
    automaton.forEach(text, (phrase, start, end) => {
      const sentence = pieceOf(starts, start);
      let set = present.get(sentence);
      if (!set) {
        set = new Set();
        present.set(sentence, set);
      }
      set.add(phrase);
      if (triggers[phrase]) triggered.push({ phrase, start, end, sentence });
    });
    if (present.size === 0) return [];

    const candidates: Candidate[] = [];
    const accept = (rule: CompiledPhraseRule, sentence: number, start: number, end: number) => {
      const { rule: definition } = rule;
      if (definition.party && definition.party !== party) return;
      const phrases = present.get(sentence);
      if (!phrases) return;
      if (!rule.withAll.every((group) => group.some((phrase) => phrases.has(phrase)))) return;
      if (rule.unless.some((phrase) => phrases.has(phrase))) return;
      if (definition.negatable !== false && isNegated(text, starts[sentence] as number, start)) return;
      candidates.push({ rule, sentence, start, end });
    };

    for (const hit of triggered) {
      for (const rule of triggers[hit.phrase] as CompiledPhraseRule[])
        accept(rule, hit.sentence, hit.start, hit.end);
    }
    for (const rule of hinted) {
      for (const [sentence, phrases] of present) {
        if (!rule.patternHints.some((phrase) => phrases.has(phrase))) continue;
        const from = starts[sentence] as number;
        const sentenceText = text.slice(from, sentenceEnd(sentence));
        for (const pattern of rule.patterns) {
          pattern.lastIndex = 0;
          for (let match = pattern.exec(sentenceText); match; match = pattern.exec(sentenceText)) {
            if (match[0].length === 0) {
              pattern.lastIndex += 1;
              continue;
            }
            accept(rule, sentence, from + match.index, from + match.index + match[0].length);
          }
        }
      }
    }

    // One finding per category and overlapping range: the earliest rule in the book, then the longest quote.
    candidates.sort(
      (a, b) =>
        (ruleOrder.get(a.rule.rule.id) as number) - (ruleOrder.get(b.rule.rule.id) as number) ||
        b.end - b.start - (a.end - a.start) ||
        a.start - b.start,
    );
    const kept: Candidate[] = [];
    for (const candidate of candidates) {
      const duplicate = kept.some(
        (other) => other.rule.rule.category === candidate.rule.rule.category && overlaps(other, candidate),
      );
      if (!duplicate) kept.push(candidate);
    }
    // A warning that yields to red lines is dropped when one of them was found in the same clause.
    const clauses = pieceStarts(text, CLAUSE_END);
    const clausesOf = (candidate: Candidate) => {
      const first = pieceOf(clauses, candidate.start);
      const last = pieceOf(clauses, Math.max(candidate.start, candidate.end - 1));
      return Array.from({ length: last - first + 1 }, (_, i) => first + i);
    };
    const errorsByClause = new Map<number, Set<string>>();
    for (const candidate of kept) {
      if (candidate.rule.rule.severity !== 'error') continue;
      for (const clause of clausesOf(candidate)) {
        const set = errorsByClause.get(clause) ?? new Set<string>();
        set.add(candidate.rule.rule.category);
        errorsByClause.set(clause, set);
      }
    }

    return kept
      .filter((candidate) => {
        const yieldsTo = candidate.rule.rule.yieldsTo;
        if (!yieldsTo) return true;
        return !clausesOf(candidate).some((clause) => {
          const errors = errorsByClause.get(clause);
          return errors !== undefined && yieldsTo.some((category) => errors.has(category));
        });
      })
      .map((candidate) => {
        const range = normalized.toOriginal(candidate.start, candidate.end);
        return {
          category: candidate.rule.rule.category,
          rule: candidate.rule.rule.id,
          severity: candidate.rule.rule.severity,
          turn,
          start: range.start,
          end: range.end,
          quote: normalized.original.slice(range.start, range.end),
        };
      });
  }

  function inspectOpening(
    rule: OpeningRule,
    transcript: Transcript,
    normalizedTurns: Map<number, NormalizedText>,
  ): SpeechFinding | null {
    if (transcript.turns.length < 2) return null;
    const agentTurns: number[] = [];
    transcript.turns.forEach((turn, index) => {
      if (turn.speaker === 'agent' && agentTurns.length < rule.openingTurns) agentTurns.push(index);
    });
    const first = agentTurns[0];
    if (first === undefined) return null;
    const opening = agentTurns.map((index) => (normalizedTurns.get(index) as NormalizedText).text).join('。');
    const saysWho = rule.self.some((pattern) => pattern.test(opening));
    const saysWhere = rule.institution.some((pattern) => pattern.test(opening));
    if (saysWho && saysWhere) return null;
    const original = transcript.turns[first]?.text ?? '';
    return {
      category: rule.category,
      rule: rule.id,
      severity: rule.severity,
      turn: first,
      start: 0,
      end: original.length,
      quote: original,
    };
  }

  return {
    phrases: phraseList,
    automatonStates: automaton.stateCount,
    inspect(transcript: Transcript): SpeechFinding[] {
      const findings: SpeechFinding[] = [];
      const normalizedTurns = new Map<number, NormalizedText>();
      transcript.turns.forEach((turn, index) => {
        if (turn.speaker !== 'agent') return;
        const normalized = normalizeForMatching(turn.text);
        normalizedTurns.set(index, normalized);
        findings.push(...inspectTurn(normalized, transcript.party, index));
      });
      for (const rule of openingRules) {
        const finding = inspectOpening(rule, transcript, normalizedTurns);
        if (finding) findings.push(finding);
      }
      return findings.sort((a, b) => a.turn - b.turn || a.start - b.start || a.end - b.end);
    },
  };
}
