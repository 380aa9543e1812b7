import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_BUCKETS, SHORT_CYCLE_BUCKETS } from './aging';
import { SCRIPT_STAGES } from './script-library';
import {
  type ActionPlan,
  DEFAULT_LARGE_BALANCE_FEN,
  defaultStrategy,
  diffStrategies,
  dueEscalations,
  ESCALATION_ACTIONS,
  matchSegment,
  RISK_LEVELS,
  type RiskLevel,
  type Segment,
  type SegmentCondition,
  type SegmentFacts,
  STRATEGY_CHANNELS,
  STRATEGY_SCRIPT_STAGES,
  type StrategyDefinition,
  validateStrategy,
} from './strategy';

const BUCKETS = DEFAULT_BUCKETS.map((b) => b.code);
const ctx = { bucketCodes: BUCKETS };
const TEMPLATE = '0190a1b2-0000-7000-8000-000000000001';
const HAN = /\p{Script=Han}/u;

const anyCase: SegmentCondition = {
  buckets: null,
  classes: null,
  riskLevels: null,
  balanceMinFen: null,
  balanceMaxFen: null,
};
const callPlan = (overrides: Partial<ActionPlan> = {}): ActionPlan => ({
  channels: ['call'],
  callEveryDays: 3,
  sms: null,
  scriptStage: null,
  escalations: [],
  ...overrides,
});
const segment = (
  key: string,
  when: Partial<SegmentCondition> = {},
  plan: Partial<ActionPlan> = {},
): Segment => ({
  key,
  name: { zh: `分群 ${key}`, en: `Segment ${key}` },
  when: { ...anyCase, ...when },
  plan: callPlan(plan),
});
const strategy = (...segments: Segment[]): StrategyDefinition => ({ segments });
const sample = (): StrategyDefinition =>
  strategy(
    segment(
      'late',
      { buckets: ['M3', 'M3+'] },
      { escalations: [{ id: 'agency', action: 'agency', afterBrokenPromises: null, afterDaysPastDue: 91 }] },
    ),
    segment('large', { balanceMinFen: 5_000_000 }),
    segment('rest'),
  );
const facts = (overrides: Partial<SegmentFacts> = {}): SegmentFacts => ({
  bucket: 'M1',
  delinquencyClass: null,
  riskLevel: 'in_collection',
  balanceFen: 100_000,
  ...overrides,
});

/** The problems of a definition (expects it to be refused). */
function problemsOf(def: unknown, context: Parameters<typeof validateStrategy>[1] = ctx) {
  const result = validateStrategy(def, context);
  if (result.ok) throw new Error('expected the definition to be refused');
  for (const p of result.problems) {
    expect(p.zh, p.field).toMatch(HAN);
    expect(p.en.length, p.field).toBeGreaterThan(3);
  }
  return result.problems;
}
function withSegment(index: number, change: (s: Record<string, unknown>) => void): unknown {
  const def = JSON.parse(JSON.stringify(sample())) as { segments: Record<string, unknown>[] };
  change(def.segments[index] as Record<string, unknown>);
  return def;
}

describe('validateStrategy', () => {
  it('accepts a well-formed definition and returns a copy with names trimmed', () => {
    const def = sample();
    (def.segments[0] as Segment).name = { zh: '  晚期  ', en: ' Late ' };
    const result = validateStrategy(def, ctx);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.definition.segments[0]?.name).toEqual({ zh: '晚期', en: 'Late' });
    expect(result.definition.segments).not.toBe(def.segments);
  });

  it('refuses what is not a definition, an empty list and more than 50 segments', () => {
    expect(problemsOf(null)).toMatchObject([{ field: '', code: 'not_object' }]);
    expect(problemsOf([])).toMatchObject([{ code: 'not_object' }]);
    expect(problemsOf({})).toMatchObject([{ field: 'segments', code: 'required' }]);
    expect(problemsOf({ segments: 'x' })).toMatchObject([{ field: 'segments', code: 'wrong_type' }]);
    expect(problemsOf({ segments: [] })).toMatchObject([{ field: 'segments', code: 'segments_empty' }]);
    const many = strategy(
      ...Array.from({ length: 50 }, (_, i) => segment(`s${i}`, { classes: [1] })),
      segment('rest'),
    );
    expect(problemsOf(many)).toMatchObject([{ field: 'segments', code: 'too_many_segments' }]);
    const fifty = strategy(
      ...Array.from({ length: 49 }, (_, i) => segment(`s${i}`, { classes: [1] })),
      segment('rest'),
    );
    expect(validateStrategy(fifty, ctx).ok).toBe(true);
  });

  it('names unknown fields and wrong types', () => {
    const problems = problemsOf(
      withSegment(1, (s) => {
        (s.when as Record<string, unknown>).balanceMinfen = 5;
        (s.plan as Record<string, unknown>).callEveryDays = '3';
      }),
    );
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ field: 'segments[1].when.balanceMinfen', code: 'unknown_field' }),
        expect.objectContaining({ field: 'segments[1].plan.callEveryDays', code: 'wrong_type' }),
      ]),
    );
  });

  it('refuses bucket codes the portfolio does not have, naming the known ones', () => {
    const [p] = problemsOf(withSegment(0, (s) => ((s.when as SegmentCondition).buckets = ['M3', 'M9'])));
    expect(p).toMatchObject({ field: 'segments[0].when.buckets[1]', code: 'unknown_bucket' });
    expect(p?.zh).toContain('M9');
    expect(p?.en).toContain('M0, M1, M2, M3, M3+');
  });

  it('refuses duplicate segment keys, bad key formats and duplicate escalation ids', () => {
    const dup = strategy(segment('a', { classes: [1] }), segment('a', { classes: [2] }), segment('rest'));
    expect(problemsOf(dup)).toMatchObject([{ field: 'segments[1].key', code: 'duplicate_key' }]);
    expect(problemsOf(withSegment(0, (s) => (s.key = 'Late Cases')))).toMatchObject([
      { field: 'segments[0].key', code: 'key_format' },
    ]);
    const esc = { id: 'x', action: 'letter', afterBrokenPromises: 1, afterDaysPastDue: null } as const;
    const twice = strategy(
      segment('a', { classes: [1] }, { escalations: [esc] }),
      segment('rest', {}, { escalations: [{ ...esc, action: 'visit' }] }),
    );
    expect(problemsOf(twice)).toMatchObject([
      { field: 'segments[1].plan.escalations[0].id', code: 'duplicate_escalation_id' },
    ]);
    expect(
      problemsOf(
        withSegment(0, (s) => (((s.plan as ActionPlan).escalations[0] as { id: string }).id = 'A!')),
      ),
    ).toMatchObject([{ field: 'segments[0].plan.escalations[0].id', code: 'key_format' }]);
  });

  it('refuses a balance band whose lower bound is not below the upper one, negative and fractional amounts', () => {
    const inverted = problemsOf(
      withSegment(1, (s) =>
        Object.assign(s.when as SegmentCondition, { balanceMinFen: 5_000_000, balanceMaxFen: 1_000_000 }),
      ),
    );
    expect(inverted).toMatchObject([
      { field: 'segments[1].when.balanceMinFen', code: 'balance_range_inverted' },
    ]);
    expect(inverted[0]?.zh).toContain('¥50,000.00');
    expect(inverted[0]?.zh).toContain('¥10,000.00');
    const equal = problemsOf(
      withSegment(1, (s) =>
        Object.assign(s.when as SegmentCondition, { balanceMinFen: 100, balanceMaxFen: 100 }),
      ),
    );
    expect(equal).toMatchObject([{ code: 'balance_range_inverted' }]);
    expect(
      problemsOf(withSegment(1, (s) => ((s.when as SegmentCondition).balanceMinFen = -1))),
    ).toMatchObject([{ field: 'segments[1].when.balanceMinFen', code: 'negative' }]);
    expect(
      problemsOf(withSegment(1, (s) => ((s.when as SegmentCondition).balanceMinFen = 10.5))),
    ).toMatchObject([{ field: 'segments[1].when.balanceMinFen', code: 'not_integer' }]);
  });

  it('refuses empty channels, a missing or out-of-range call cadence, and non-integers', () => {
    expect(problemsOf(withSegment(2, (s) => ((s.plan as ActionPlan).channels = [])))).toMatchObject([
      { field: 'segments[2].plan.channels', code: 'channels_empty' },
    ]);
    expect(problemsOf(withSegment(2, (s) => ((s.plan as ActionPlan).callEveryDays = null)))).toMatchObject([
      { field: 'segments[2].plan.callEveryDays', code: 'cadence_required' },
    ]);
    expect(problemsOf(withSegment(2, (s) => ((s.plan as ActionPlan).callEveryDays = 31)))).toMatchObject([
      { field: 'segments[2].plan.callEveryDays', code: 'cadence_range' },
    ]);
    expect(problemsOf(withSegment(2, (s) => ((s.plan as ActionPlan).callEveryDays = 2.5)))).toMatchObject([
      { field: 'segments[2].plan.callEveryDays', code: 'not_integer' },
    ]);
    expect(
      problemsOf(
        withSegment(2, (s) =>
          Object.assign(s.plan as ActionPlan, { channels: ['letter'], callEveryDays: 3 }),
        ),
      ),
    ).toMatchObject([{ field: 'segments[2].plan.callEveryDays', code: 'cadence_without_call' }]);
  });

  it('needs an SMS template and cadence exactly when SMS is a channel, from the published list when given', () => {
    expect(
      problemsOf(withSegment(2, (s) => ((s.plan as ActionPlan).channels = ['call', 'sms']))),
    ).toMatchObject([{ field: 'segments[2].plan.sms', code: 'sms_required' }]);
    const withSms = (templateFamilyId: string, everyDays = 5) =>
      withSegment(2, (s) =>
        Object.assign(s.plan as ActionPlan, {
          channels: ['call', 'sms'],
          sms: { templateFamilyId, everyDays },
        }),
      );
    expect(problemsOf(withSms(''))).toMatchObject([
      { field: 'segments[2].plan.sms.templateFamilyId', code: 'template_required' },
    ]);
    expect(problemsOf(withSms(TEMPLATE, 0))).toMatchObject([
      { field: 'segments[2].plan.sms.everyDays', code: 'cadence_range' },
    ]);
    expect(validateStrategy(withSms(TEMPLATE), ctx).ok).toBe(true);
    expect(validateStrategy(withSms(TEMPLATE), { ...ctx, smsTemplateFamilyIds: [TEMPLATE] }).ok).toBe(true);
    expect(problemsOf(withSms(TEMPLATE), { ...ctx, smsTemplateFamilyIds: ['other'] })).toMatchObject([
      { field: 'segments[2].plan.sms.templateFamilyId', code: 'template_not_published' },
    ]);
    expect(
      problemsOf(
        withSegment(2, (s) => ((s.plan as ActionPlan).sms = { templateFamilyId: TEMPLATE, everyDays: 5 })),
      ),
    ).toMatchObject([{ field: 'segments[2].plan.sms', code: 'sms_without_channel' }]);
  });

  it('refuses an escalation with neither trigger, or a trigger out of range', () => {
    const esc = (e: Record<string, unknown>) =>
      withSegment(
        0,
        (s) =>
          ((s.plan as ActionPlan).escalations = [
            { id: 'e1', action: 'legal', afterBrokenPromises: null, afterDaysPastDue: null, ...e } as never,
          ]),
      );
    expect(problemsOf(esc({}))).toMatchObject([
      { field: 'segments[0].plan.escalations[0]', code: 'no_trigger' },
    ]);
    expect(problemsOf(esc({ afterBrokenPromises: 0 }))).toMatchObject([
      { field: 'segments[0].plan.escalations[0].afterBrokenPromises', code: 'trigger_range' },
    ]);
    expect(problemsOf(esc({ afterDaysPastDue: -3 }))).toMatchObject([
      { field: 'segments[0].plan.escalations[0].afterDaysPastDue', code: 'trigger_range' },
    ]);
    expect(problemsOf(esc({ action: 'sue', afterDaysPastDue: 3 }))).toMatchObject([
      { field: 'segments[0].plan.escalations[0].action', code: 'invalid_value' },
    ]);
  });

  it('refuses a last segment that is not a catch-all, and segments after a catch-all', () => {
    const noCatchAll = strategy(segment('a', { classes: [1] }), segment('b', { buckets: ['M1'] }));
    expect(problemsOf(noCatchAll)).toMatchObject([{ field: 'segments[1].when', code: 'last_not_catch_all' }]);
    const unreachable = strategy(segment('a'), segment('b', { classes: [1] }), segment('c'));
    expect(problemsOf(unreachable)[0]).toMatchObject({ field: 'segments[1]', code: 'unreachable_segment' });
  });

  it('refuses empty names, empty lists and unknown classes or risk levels', () => {
    const problems = problemsOf(
      withSegment(0, (s) => {
        s.name = { zh: ' ', en: 'Late' };
        Object.assign(s.when as SegmentCondition, { classes: [5], riskLevels: [] });
      }),
    );
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ field: 'segments[0].name.zh', code: 'name_empty' }),
        expect.objectContaining({ field: 'segments[0].when.classes[0]', code: 'invalid_value' }),
        expect.objectContaining({ field: 'segments[0].when.riskLevels', code: 'empty_list' }),
      ]),
    );
  });
});

describe('matchSegment', () => {
  it('takes the first segment whose condition holds and says why, naming the segments passed over', () => {
    const result = matchSegment(sample(), facts({ bucket: 'M1', balanceFen: 6_000_000 }));
    expect(result.index).toBe(1);
    expect(result.segment.key).toBe('large');
    expect(result.reasons[0]?.zh).toContain('余额 ¥60,000.00 在 ¥50,000.00 及以上 范围内');
    expect(result.reasons[1]?.zh).toContain('逾期阶段 M1 不在 M3、M3+ 中');
    expect(result.reasons[1]?.en).toContain('the bucket M1 is not one of M3, M3+');
  });

  it('a case that matches nothing else lands in the catch-all, which says so', () => {
    const result = matchSegment(sample(), facts({ balanceFen: 4_999_999 }));
    expect(result.segment.key).toBe('rest');
    expect(result.reasons).toHaveLength(3);
    expect(result.reasons[0]?.en).toContain('has no condition');
    expect(result.reasons[2]?.zh).toContain('不在');
  });

  it('a case not yet assessed is class 0; the upper balance bound is exclusive', () => {
    const def = strategy(
      segment('unassessed', { classes: [0] }),
      segment('small', { balanceMaxFen: 1000 }),
      segment('rest'),
    );
    expect(matchSegment(def, facts({ delinquencyClass: null })).segment.key).toBe('unassessed');
    expect(matchSegment(def, facts({ delinquencyClass: 2, balanceFen: 999 })).segment.key).toBe('small');
    expect(matchSegment(def, facts({ delinquencyClass: 2, balanceFen: 1000 })).segment.key).toBe('rest');
  });
});

describe('dueEscalations', () => {
  const plan = callPlan({
    escalations: [
      { id: 'letter', action: 'letter', afterBrokenPromises: 2, afterDaysPastDue: null },
      { id: 'visit', action: 'visit', afterBrokenPromises: null, afterDaysPastDue: 75 },
      { id: 'legal', action: 'legal', afterBrokenPromises: 4, afterDaysPastDue: 120 },
    ],
  });
  const ids = (brokenPromises: number, daysPastDue: number) =>
    dueEscalations(plan, { brokenPromises, daysPastDue }).map((e) => e.id);

  it('triggers at the threshold, not before; either trigger of two is enough', () => {
    expect(ids(1, 74)).toEqual([]);
    expect(ids(2, 74)).toEqual(['letter']);
    expect(ids(0, 75)).toEqual(['visit']);
    expect(ids(4, 10)).toEqual(['letter', 'legal']);
    expect(ids(0, 120)).toEqual(['visit', 'legal']);
  });
});

describe('defaultStrategy', () => {
  const def = defaultStrategy(BUCKETS, { smsTemplateFamilyId: TEMPLATE });
  const seg = (f: Partial<SegmentFacts>) => matchSegment(def, facts(f)).segment;

  it('is valid for the default buckets, with and without an SMS template, and against the published list', () => {
    expect(validateStrategy(def, { bucketCodes: BUCKETS, smsTemplateFamilyIds: [TEMPLATE] }).ok).toBe(true);
    const noSms = defaultStrategy(BUCKETS);
    expect(validateStrategy(noSms, { bucketCodes: BUCKETS, smsTemplateFamilyIds: [] }).ok).toBe(true);
    expect(noSms.segments.every((s) => !s.plan.channels.includes('sms'))).toBe(true);
  });

  it('follows the credit-card playbook: SMS + calls early, more calls in M2, hardship for class 2, letters and visits for class 3/4', () => {
    expect(seg({ bucket: 'M0' }).plan).toMatchObject({ channels: ['sms', 'call'], scriptStage: 'M0' });
    expect(seg({ bucket: 'M1' }).plan.channels).toEqual(['call', 'sms']);
    const m1Calls = seg({ bucket: 'M1' }).plan.callEveryDays as number;
    expect(seg({ bucket: 'M2' }).plan.callEveryDays).toBeLessThan(m1Calls);
    expect(seg({ bucket: 'M2', delinquencyClass: 2 }).key).toBe('class2_hardship');
    expect(seg({ bucket: 'M3', delinquencyClass: 3 }).plan.channels).toEqual(['call', 'letter', 'visit']);
    expect(seg({ bucket: 'M2', delinquencyClass: 4 }).plan.channels).toContain('letter');
  });

  it('over 90 days: agency placement; legal review earlier for large balances and for class 4 after many days', () => {
    const late = seg({ bucket: 'M3+', balanceFen: 300_000 });
    expect(dueEscalations(late.plan, { brokenPromises: 0, daysPastDue: 91 }).map((e) => e.action)).toEqual([
      'agency',
    ]);
    const large = seg({ bucket: 'M3+', balanceFen: DEFAULT_LARGE_BALANCE_FEN });
    expect(dueEscalations(large.plan, { brokenPromises: 0, daysPastDue: 120 }).map((e) => e.action)).toEqual([
      'agency',
      'legal',
    ]);
    const class4 = seg({ bucket: 'M3+', delinquencyClass: 4 });
    expect(dueEscalations(class4.plan, { brokenPromises: 0, daysPastDue: 179 }).map((e) => e.action)).toEqual(
      ['agency'],
    );
    expect(
      dueEscalations(class4.plan, { brokenPromises: 0, daysPastDue: 180 }).map((e) => e.action),
    ).toContain('legal');
  });

  it('names only the buckets it is given (short cycles, or codes it does not know)', () => {
    const short = SHORT_CYCLE_BUCKETS.map((b) => b.code);
    const shortDef = defaultStrategy(short);
    expect(validateStrategy(shortDef, { bucketCodes: short }).ok).toBe(true);
    expect(matchSegment(shortDef, facts({ bucket: 'S2' })).segment.key).toBe('early');
    const odd = defaultStrategy(['A', 'B']);
    expect(validateStrategy(odd, { bucketCodes: ['A', 'B'] }).ok).toBe(true);
    expect(odd.segments.flatMap((s) => s.when.buckets ?? [])).toEqual([]);
  });

  it('uses the script stages of the script library', () => {
    expect([...STRATEGY_SCRIPT_STAGES]).toEqual([...SCRIPT_STAGES]);
  });
});

describe('diffStrategies', () => {
  it('lists added, removed, moved and changed segments with the fields and their values', () => {
    const before = sample();
    const after = strategy(
      segment('large', { balanceMinFen: 8_000_000 }),
      segment(
        'late',
        { buckets: ['M3', 'M3+'] },
        {
          escalations: [{ id: 'agency', action: 'agency', afterBrokenPromises: null, afterDaysPastDue: 91 }],
        },
      ),
      segment('early', { buckets: ['M1'] }),
      segment('rest'),
    );
    before.segments.splice(2, 0, segment('m2', { buckets: ['M2'] }));
    const changes = diffStrategies(before, after);
    const kinds = changes.map((c) => `${c.kind}:${c.segmentKey}`);
    expect(kinds).toEqual(['moved:large', 'changed:large', 'added:early', 'removed:m2']);
    const changed = changes.find((c) => c.kind === 'changed');
    expect(changed?.fields).toEqual(['when.balanceMinFen']);
    expect(changed?.zh).toContain('余额下限：¥50,000.00 → ¥80,000.00');
    expect(changed?.en).toContain('lower balance bound: CN¥50,000.00 → CN¥80,000.00');
  });

  it('treats lists as sets and names escalation changes', () => {
    const before = strategy(
      segment(
        'a',
        { buckets: ['M1', 'M2'] },
        { escalations: [{ id: 'x', action: 'letter', afterBrokenPromises: 2, afterDaysPastDue: null }] },
      ),
      segment('rest'),
    );
    const after = strategy(
      segment(
        'a',
        { buckets: ['M2', 'M1'] },
        { escalations: [{ id: 'x', action: 'letter', afterBrokenPromises: 3, afterDaysPastDue: null }] },
      ),
      segment('rest'),
    );
    const changes = diffStrategies(before, after);
    expect(changes).toHaveLength(1);
    expect(changes[0]?.fields).toEqual(['plan.escalations.x']);
    expect(changes[0]?.zh).toContain('违约 2 次');
    expect(changes[0]?.zh).toContain('违约 3 次');
  });
});

// ---- properties ----

const bucketListArb = fc.uniqueArray(fc.stringMatching(/^[A-Z][A-Z0-9+]{0,3}$/), {
  minLength: 1,
  maxLength: 8,
});

function subsetArb<T>(values: readonly T[]): fc.Arbitrary<T[] | null> {
  return fc.option(fc.subarray([...values], { minLength: 1 }), { nil: null });
}

function conditionArb(buckets: string[]): fc.Arbitrary<SegmentCondition> {
  return fc
    .record({
      buckets: subsetArb(buckets),
      classes: subsetArb([0, 1, 2, 3, 4] as const),
      riskLevels: subsetArb(RISK_LEVELS),
      band: fc.option(
        fc.tuple(
          fc.option(fc.nat(10_000_000), { nil: null }),
          fc.option(fc.integer({ min: 1, max: 10_000_000 }), { nil: null }),
        ),
        { nil: null },
      ),
    })
    .map(({ buckets, classes, riskLevels, band }) => {
      let [min, max] = band ?? [null, null];
      if (min !== null && max !== null) {
        if (min > max) [min, max] = [max, min];
        if (min === max) max = min + 1;
      }
      const when = {
        buckets,
        classes: classes as SegmentCondition['classes'],
        riskLevels,
        balanceMinFen: min,
        balanceMaxFen: max,
      };
      // Only the last segment is a catch-all: give the others at least one condition.
      if (Object.values(when).every((v) => v === null)) when.classes = [1];
      return when;
    });
}

function planArb(prefix: string): fc.Arbitrary<ActionPlan> {
  return fc
    .record({
      channels: fc.subarray([...STRATEGY_CHANNELS], { minLength: 1 }),
      call: fc.integer({ min: 1, max: 30 }),
      sms: fc.integer({ min: 1, max: 30 }),
      scriptStage: fc.constantFrom(null, ...STRATEGY_SCRIPT_STAGES),
      escalations: fc.array(
        fc.record({
          action: fc.constantFrom(...ESCALATION_ACTIONS),
          broken: fc.option(fc.integer({ min: 1, max: 20 }), { nil: null }),
          days: fc.option(fc.integer({ min: 0, max: 720 }), { nil: null }),
        }),
        { maxLength: 3 },
      ),
    })
    .map((p) => ({
      channels: p.channels,
      callEveryDays: p.channels.includes('call') ? p.call : null,
      sms: p.channels.includes('sms') ? { templateFamilyId: TEMPLATE, everyDays: p.sms } : null,
      scriptStage: p.scriptStage,
      escalations: p.escalations.map((e, i) => ({
        id: `${prefix}-e${i}`,
        action: e.action,
        afterBrokenPromises: e.broken,
        afterDaysPastDue: e.broken === null && e.days === null ? 30 : e.days,
      })),
    }));
}

const validArb = bucketListArb.chain((buckets) =>
  fc.integer({ min: 0, max: 8 }).chain((n) =>
    fc
      .tuple(
        fc.tuple(...Array.from({ length: n }, (_, i) => fc.tuple(conditionArb(buckets), planArb(`s${i}`)))),
        planArb('rest'),
      )
      .map(([rest, lastPlan]) => ({
        buckets,
        def: {
          segments: [
            ...rest.map(([when, plan], i) => ({
              key: `s${i}`,
              name: { zh: `分群${i}`, en: `Segment ${i}` },
              when,
              plan,
            })),
            { key: 'rest', name: { zh: '其他', en: 'Other' }, when: { ...anyCase }, plan: lastPlan },
          ],
        } as StrategyDefinition,
      })),
  ),
);

function factsArb(buckets: string[]): fc.Arbitrary<SegmentFacts> {
  return fc.record({
    bucket: fc.oneof(fc.constantFrom(...buckets), fc.string({ maxLength: 4 })),
    delinquencyClass: fc.constantFrom(null, 1, 2, 3, 4) as fc.Arbitrary<SegmentFacts['delinquencyClass']>,
    riskLevel: fc.constantFrom(...RISK_LEVELS) as fc.Arbitrary<RiskLevel>,
    balanceFen: fc.nat(20_000_000),
  });
}

/** An independent reading of a condition, to check matchSegment against. */
function holds(when: SegmentCondition, f: SegmentFacts): boolean {
  return (
    (when.buckets === null || when.buckets.includes(f.bucket)) &&
    (when.classes === null || when.classes.some((c) => c === (f.delinquencyClass ?? 0))) &&
    (when.riskLevels === null || when.riskLevels.includes(f.riskLevel)) &&
    (when.balanceMinFen === null || f.balanceFen >= when.balanceMinFen) &&
    (when.balanceMaxFen === null || f.balanceFen < when.balanceMaxFen)
  );
}

describe('properties', () => {
  it('generated definitions are valid and come back unchanged', () => {
    fc.assert(
      fc.property(validArb, ({ buckets, def }) => {
        const result = validateStrategy(def, { bucketCodes: buckets, smsTemplateFamilyIds: [TEMPLATE] });
        expect(result).toEqual({ ok: true, definition: def });
      }),
    );
  });

  it('matchSegment always returns a segment, and the first matching one wins', () => {
    fc.assert(
      fc.property(
        validArb.chain((v) => fc.tuple(fc.constant(v), factsArb(v.buckets))),
        ([{ def }, f]) => {
          const result = matchSegment(def, f);
          expect(def.segments[result.index]).toBe(result.segment);
          expect(holds(result.segment.when, f)).toBe(true);
          for (const earlier of def.segments.slice(0, result.index))
            expect(holds(earlier.when, f)).toBe(false);
          expect(result.reasons.length).toBeGreaterThanOrEqual(result.index + 1);
        },
      ),
    );
  });

  it('validateStrategy never throws on arbitrary JSON, and refuses what is not a definition', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const result = validateStrategy(value, ctx);
        if (!result.ok) expect(result.problems.length).toBeGreaterThan(0);
      }),
    );
  });

  it('validateStrategy never throws when any part of a valid definition is replaced by arbitrary JSON', () => {
    fc.assert(
      fc.property(validArb, fc.nat(), fc.jsonValue(), ({ buckets, def }, pick, junk) => {
        const copy = JSON.parse(JSON.stringify(def)) as unknown;
        const slots: [Record<string, unknown> | unknown[], string | number][] = [];
        const walk = (node: unknown) => {
          if (Array.isArray(node))
            node.forEach((child, i) => {
              slots.push([node, i]);
              walk(child);
            });
          else if (node && typeof node === 'object')
            for (const [k, child] of Object.entries(node)) {
              slots.push([node as Record<string, unknown>, k]);
              walk(child);
            }
        };
        walk(copy);
        const slot = slots[pick % slots.length];
        if (slot) (slot[0] as Record<string | number, unknown>)[slot[1]] = junk;
        const result = validateStrategy(copy, { bucketCodes: buckets });
        for (const p of result.ok ? [] : result.problems) {
          expect(typeof p.field).toBe('string');
          expect(p.zh).toMatch(HAN);
        }
      }),
    );
  });

  it('defaultStrategy is valid for any bucket list, with or without an SMS template', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(
          fc.oneof(
            fc.constantFrom('M0', 'M1', 'M2', 'M3', 'M3+', 'M4', 'S1', 'S2', 'S3'),
            fc.string({ minLength: 1, maxLength: 5 }),
          ),
          {
            minLength: 1,
            maxLength: 10,
          },
        ),
        fc.boolean(),
        (buckets, sms) => {
          const def = defaultStrategy(buckets, sms ? { smsTemplateFamilyId: TEMPLATE } : {});
          const result = validateStrategy(def, { bucketCodes: buckets, smsTemplateFamilyIds: [TEMPLATE] });
          expect(result.ok ? [] : result.problems).toEqual([]);
          for (const s of def.segments) for (const b of s.when.buckets ?? []) expect(buckets).toContain(b);
        },
      ),
    );
  });

  it('the diff of a definition with itself is empty', () => {
    fc.assert(
      fc.property(validArb, ({ def }) => {
        expect(diffStrategies(def, def)).toEqual([]);
        expect(diffStrategies(def, JSON.parse(JSON.stringify(def)))).toEqual([]);
      }),
    );
  });

  it('a diff against an empty-ish version lists every segment once as added or removed', () => {
    fc.assert(
      fc.property(validArb, ({ def }) => {
        const minimal: StrategyDefinition = { segments: [segment('zz-only')] };
        const added = diffStrategies(minimal, def);
        expect(added.filter((c) => c.kind === 'added').map((c) => c.segmentKey)).toEqual(
          def.segments.map((s) => s.key),
        );
        expect(added.filter((c) => c.kind === 'removed').map((c) => c.segmentKey)).toEqual(['zz-only']);
      }),
    );
  });
});
