import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { answerQaLine } from './speech-lines';

const calls = readFileSync(
  fileURLToPath(new URL('../../test/fixtures/speech/transcripts.jsonl', import.meta.url)),
  'utf8',
)
  .trim()
  .split('\n');

describe('the qingshou qa JSON Lines contract', () => {
  it('answers a transcript with exactly the contract fields, offsets into the original turn text', () => {
    const line = JSON.stringify({
      id: 'call-1',
      profile: 'cn-cba',
      party: 'debtor',
      turns: [
        { speaker: 'agent', text: '您好，我是華信銀行的周敏。' },
        { speaker: 'customer', text: '沒錢，你去告我啊。' },
        { speaker: 'agent', text: '嗯 再不還 就 等著 坐 牢 吧' },
      ],
    });
    expect(answerQaLine(line)).toEqual({
      id: 'call-1',
      findings: [
        {
          category: 'false_legal',
          rule: 'cn.false_legal.criminal',
          severity: 'error',
          turn: 2,
          start: 11,
          end: 14,
          quote: '坐 牢',
        },
      ],
    });
  });

  it('a single utterance is a one-turn transcript; profile may be left out', () => {
    const answer = answerQaLine(
      JSON.stringify({
        id: 'u',
        party: 'third_party',
        turns: [{ speaker: 'agent', text: '他欠了我们两万块。' }],
      }),
    );
    expect(answer.findings.map((finding) => finding.category)).toEqual([
      'third_party_disclosure',
      'third_party_disclosure',
    ]);
  });

  it('names the field and the reason of a bad line, with no findings', () => {
    expect(answerQaLine('{')).toMatchObject({ id: null, findings: [], error: { field: 'line' } });
    expect(answerQaLine(JSON.stringify({ id: 'x', party: 'debtor', turns: [] }))).toMatchObject({
      id: 'x',
      findings: [],
      error: { code: 'VALIDATION_FAILED', field: 'turns', reason: 'a transcript needs at least one turn' },
    });
    expect(
      answerQaLine(
        JSON.stringify({ id: 'y', profile: 'xx', party: 'debtor', turns: [{ speaker: 'agent', text: '' }] }),
      ),
    ).toMatchObject({ error: { field: 'profile' } });
    expect(
      answerQaLine(JSON.stringify({ id: 'z', party: 'debtor', turns: [{ speaker: 'robot', text: '你好' }] })),
    ).toMatchObject({ error: { field: 'turns.0.speaker' } });
  });

  it('every corpus call answers with its own id and quotes that match the turn text', () => {
    for (const line of calls) {
      const input = JSON.parse(line) as { id: string; turns: { text: string }[] };
      const answer = answerQaLine(line);
      expect(answer.id).toBe(input.id);
      expect(answer.error).toBeUndefined();
      for (const finding of answer.findings) {
        expect(Object.keys(finding).sort()).toEqual([
          'category',
          'end',
          'quote',
          'rule',
          'severity',
          'start',
          'turn',
        ]);
        expect(input.turns[finding.turn]?.text.slice(finding.start, finding.end)).toBe(finding.quote);
      }
    }
  });
});
