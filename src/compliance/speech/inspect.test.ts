import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileRulebook } from './inspect';
import type { SpeechRule } from './rule-types';

const info = { explanation: { zh: '说明', en: 'why' }, alternative: '合规说法' };

const rules: SpeechRule[] = [
  {
    kind: 'phrase',
    id: 't.jail',
    category: 'false_legal',
    severity: 'error',
    phrases: ['坐牢'],
    unless: ['民事纠纷'],
    ...info,
  },
  {
    kind: 'phrase',
    id: 't.cooccur',
    category: 'threat',
    severity: 'error',
    phrases: ['我们都知道'],
    withAll: [['孩子', '学校']],
    ...info,
  },
  {
    kind: 'phrase',
    id: 't.disclosure',
    category: 'third_party_disclosure',
    severity: 'error',
    party: 'third_party',
    phrases: ['欠款'],
    ...info,
  },
  {
    kind: 'phrase',
    id: 't.amount',
    category: 'third_party_disclosure',
    severity: 'error',
    party: 'third_party',
    patterns: [/[0-9]+元/u],
    patternHints: ['元'],
    ...info,
  },
  {
    kind: 'phrase',
    id: 't.may',
    category: 'unhedged_consequence',
    severity: 'warning',
    phrases: ['起诉'],
    unless: ['可能'],
    yieldsTo: ['false_legal'],
    ...info,
  },
  {
    kind: 'opening',
    id: 't.opening',
    category: 'missing_identity',
    severity: 'error',
    openingTurns: 2,
    self: [/我姓/u],
    institution: [/银行/u],
    ...info,
  },
];
const inspector = compileRulebook(rules);
const agent = (text: string, party: 'debtor' | 'third_party' = 'debtor') =>
  inspector.inspect({ party, turns: [{ speaker: 'agent', text }] });

describe('compileRulebook', () => {
  it('reports findings at original offsets, through traditional characters, spaces and full-width text', () => {
    const text = '你 再不還 就 坐 牢！';
    const [finding] = agent(text);
    expect(finding).toMatchObject({ category: 'false_legal', rule: 't.jail', severity: 'error', turn: 0 });
    expect(text.slice(finding?.start, finding?.end)).toBe('坐 牢');
    expect(finding?.quote).toBe('坐 牢');
  });

  it('a negation in the same clause cancels a trigger; a question form or another clause does not', () => {
    expect(agent('不会让您坐牢的。')).toEqual([]);
    expect(agent('您不会坐牢。')).toEqual([]);
    expect(agent('你是不是想坐牢？')).toHaveLength(1);
    expect(agent('你不还，就去坐牢。')).toHaveLength(1);
    expect(agent('没有钱就去坐牢')).toHaveLength(1);
  });

  it('exceptions and co-occurrence are judged per sentence', () => {
    expect(agent('坐牢是谣传，欠款是民事纠纷。')).toEqual([]);
    expect(agent('这是民事纠纷。你再不还就坐牢！')).toHaveLength(1);
    expect(agent('你孩子在哪个学校我们都知道。')).toHaveLength(1);
    expect(agent('我们都知道。你孩子很可爱。')).toEqual([]);
  });

  it('party rules apply only to that party, including pattern triggers', () => {
    expect(agent('您的欠款是5000元。', 'debtor')).toEqual([]);
    expect(agent('他的欠款是5000元。', 'third_party').map((finding) => finding.quote)).toEqual([
      '欠款',
      '5000元',
    ]);
  });

  it('the house warning yields to a red-line finding in the same clause only', () => {
    expect(agent('我们会起诉你让你坐牢。').map((finding) => finding.rule)).toEqual(['t.jail']);
    expect(agent('我们会起诉你，你就等着坐牢吧。').map((finding) => finding.rule)).toEqual([
      't.may',
      't.jail',
    ]);
    expect(agent('我们可能会起诉。')).toEqual([]);
  });

  it('only agent turns are inspected', () => {
    const findings = inspector.inspect({
      party: 'debtor',
      turns: [
        { speaker: 'agent', text: '您好，我姓王，是银行的。' },
        { speaker: 'customer', text: '你们去起诉啊，我坐牢也不还！' },
        { speaker: 'agent', text: '我们会起诉。' },
      ],
    });
    expect(findings.map((finding) => [finding.turn, finding.rule])).toEqual([[2, 't.may']]);
  });

  it('the opening rule looks at the first two agent turns of a call', () => {
    const call = (first: string, second: string) =>
      inspector.inspect({
        party: 'debtor',
        turns: [
          { speaker: 'agent', text: first },
          { speaker: 'customer', text: '哪位？' },
          { speaker: 'agent', text: second },
          { speaker: 'customer', text: '嗯。' },
          { speaker: 'agent', text: '我姓王，银行的。' },
        ],
      });
    expect(call('喂？', '我姓王，是银行的。')).toEqual([]);
    expect(call('喂？', '你好。')).toEqual([
      {
        category: 'missing_identity',
        rule: 't.opening',
        severity: 'error',
        turn: 0,
        start: 0,
        end: 2,
        quote: '喂？',
      },
    ]);
  });

  it('refuses duplicate rule ids, patterns without hints and empty phrases', () => {
    expect(() => compileRulebook([rules[0] as SpeechRule, rules[0] as SpeechRule])).toThrow(/used twice/);
    expect(() => compileRulebook([{ ...(rules[3] as SpeechRule), patternHints: [] } as SpeechRule])).toThrow(
      /patternHints/,
    );
    expect(() => compileRulebook([{ ...(rules[0] as SpeechRule), phrases: [' '] } as SpeechRule])).toThrow(
      /empty/,
    );
  });

  it('every finding quotes the original text exactly and lies inside its turn', () => {
    const piece = fc.constantFrom(
      '坐牢',
      '坐 牢',
      '坐\n牢',
      '坐牢',
      '起诉',
      '起 訴',
      '不会',
      '可能',
      '。',
      '，',
      ' ',
      '欠款',
      '5000元',
      '５０００元',
      '我们都知道',
      '孩子',
      '\u200b',
    );
    fc.assert(
      fc.property(
        fc.array(piece, { maxLength: 20 }),
        fc.constantFrom('debtor', 'third_party'),
        (pieces, party) => {
          const text = pieces.join('');
          for (const finding of agent(text, party as 'debtor' | 'third_party')) {
            expect(finding.start).toBeGreaterThanOrEqual(0);
            expect(finding.end).toBeLessThanOrEqual(text.length);
            expect(finding.start).toBeLessThan(finding.end);
            expect(text.slice(finding.start, finding.end)).toBe(finding.quote);
          }
        },
      ),
      { numRuns: 500 },
    );
  });
});
