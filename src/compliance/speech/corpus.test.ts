/**
 * Accuracy on the labelled corpus (test/fixtures/speech). Targets from the rulebook's specification:
 * recall at least 0.95 and at most 2% of compliant utterances flagged. The per-category figures are in
 * docs/compliance-profiles.md (`node bin/run-ts.mjs scripts/speech-accuracy.ts`).
 */
import { describe, expect, it } from 'vitest';
import { scoreCorpus, scoreItems } from '../../../test/helpers/speech-corpus';
import { createSpeechInspector } from './index';

describe.each([
  ['the first labelled corpus', ''],
  ['the second labelled corpus (written separately)', 'holdout'],
  ['the third labelled corpus (written separately, to avoid stock phrases)', 'blind'],
])('%s', (_name, folder) => {
  const score = scoreCorpus(scoreItems(createSpeechInspector('cn-cba'), folder));

  it('is the size the specification asks for', () => {
    expect(score.items).toBeGreaterThanOrEqual(300);
    expect(score.compliantItems).toBeGreaterThanOrEqual(100);
    expect(score.labels).toBeGreaterThanOrEqual(250);
  });

  it('finds at least 95% of labelled violations, and at least 90% in every category with 10 or more labels', () => {
    expect(score.recall).toBeGreaterThanOrEqual(0.95);
    for (const category of score.categories.filter((row) => row.labelled >= 10)) {
      expect({ category: category.category, recall: category.recall }).toEqual({
        category: category.category,
        recall: expect.toSatisfy((recall: number) => recall >= 0.9),
      });
    }
  });

  it('flags at most 2% of compliant utterances', () => {
    expect(score.falsePositiveRate).toBeLessThanOrEqual(0.02);
  });
});
