/**
 * The labelled speech corpus (test/fixtures/speech) and how the rulebook is scored on it.
 *
 * Unit of scoring: one agent utterance (a line of utterances.jsonl, or one agent turn of a call in
 * transcripts.jsonl). For each category: a true positive is a labelled item with a finding of that
 * category; a false negative a labelled item without one; a false positive an item not labelled with the
 * category that gets a finding of it. The false-positive rate is the share of compliant items (no label
 * at all) that get any finding.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import {
  SPEECH_CATEGORIES,
  type SpeechCategory,
  type SpeechInspector,
  type SpeechParty,
  type TranscriptTurn,
} from '../../src/compliance/speech';

interface UtteranceLine {
  id: string;
  party: SpeechParty;
  text: string;
  expect: SpeechCategory[];
  script: 'simplified' | 'traditional';
  noise: boolean;
}

interface TranscriptLine {
  id: string;
  party: SpeechParty;
  turns: TranscriptTurn[];
  expect: { turn: number; category: SpeechCategory }[];
}

export interface ScoredItem {
  id: string;
  text: string;
  expected: SpeechCategory[];
  found: SpeechCategory[];
  quotes: string[];
}

export interface CategoryScore {
  category: SpeechCategory;
  labelled: number;
  truePositives: number;
  falsePositives: number;
  precision: number;
  recall: number;
}

export interface CorpusScore {
  items: number;
  compliantItems: number;
  flaggedCompliant: number;
  falsePositiveRate: number;
  labels: number;
  truePositives: number;
  recall: number;
  precision: number;
  categories: CategoryScore[];
  misses: ScoredItem[];
  falseAlarms: ScoredItem[];
}

const fixtures = (name: string) => fileURLToPath(new URL(`../fixtures/speech/${name}`, import.meta.url));

function readLines<T>(file: string): T[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim().length > 0)
    .map((line) => JSON.parse(line) as T);
}

/** Inspects every item of a corpus folder ('' for the development corpus, 'holdout' for the held-out one). */
export function scoreItems(inspector: SpeechInspector, folder = ''): ScoredItem[] {
  const prefix = folder ? `${folder}/` : '';
  const items: ScoredItem[] = [];
  for (const line of readLines<UtteranceLine>(fixtures(`${prefix}utterances.jsonl`))) {
    const findings = inspector.inspect({ party: line.party, turns: [{ speaker: 'agent', text: line.text }] });
    items.push({
      id: line.id,
      text: line.text,
      expected: [...new Set(line.expect)],
      found: [...new Set(findings.map((finding) => finding.category))],
      quotes: findings.map((finding) => `${finding.category}:${finding.quote}`),
    });
  }
  for (const call of readLines<TranscriptLine>(fixtures(`${prefix}transcripts.jsonl`))) {
    const findings = inspector.inspect({ party: call.party, turns: call.turns });
    call.turns.forEach((turn, index) => {
      if (turn.speaker !== 'agent') return;
      const here = findings.filter((finding) => finding.turn === index);
      items.push({
        id: `${call.id}#${index}`,
        text: turn.text,
        expected: [
          ...new Set(call.expect.filter((label) => label.turn === index).map((label) => label.category)),
        ],
        found: [...new Set(here.map((finding) => finding.category))],
        quotes: here.map((finding) => `${finding.category}:${finding.quote}`),
      });
    });
  }
  return items;
}

export function scoreCorpus(items: readonly ScoredItem[]): CorpusScore {
  const categories = SPEECH_CATEGORIES.map((category): CategoryScore => {
    let labelled = 0;
    let truePositives = 0;
    let falsePositives = 0;
    for (const item of items) {
      const expected = item.expected.includes(category);
      const found = item.found.includes(category);
      if (expected) labelled += 1;
      if (expected && found) truePositives += 1;
      if (!expected && found) falsePositives += 1;
    }
    return {
      category,
      labelled,
      truePositives,
      falsePositives,
      precision: truePositives + falsePositives === 0 ? 1 : truePositives / (truePositives + falsePositives),
      recall: labelled === 0 ? 1 : truePositives / labelled,
    };
  });
  const compliant = items.filter((item) => item.expected.length === 0);
  const flaggedCompliant = compliant.filter((item) => item.found.length > 0).length;
  const labels = categories.reduce((sum, score) => sum + score.labelled, 0);
  const truePositives = categories.reduce((sum, score) => sum + score.truePositives, 0);
  const falsePositives = categories.reduce((sum, score) => sum + score.falsePositives, 0);
  return {
    items: items.length,
    compliantItems: compliant.length,
    flaggedCompliant,
    falsePositiveRate: compliant.length === 0 ? 0 : flaggedCompliant / compliant.length,
    labels,
    truePositives,
    recall: labels === 0 ? 1 : truePositives / labels,
    precision: truePositives + falsePositives === 0 ? 1 : truePositives / (truePositives + falsePositives),
    categories,
    misses: items.filter((item) => item.expected.some((category) => !item.found.includes(category))),
    falseAlarms: items.filter((item) => item.found.some((category) => !item.expected.includes(category))),
  };
}
