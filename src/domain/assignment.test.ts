import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type AssignmentRules,
  assignmentRulesOf,
  DEFAULT_ASSIGNMENT_RULES,
  type PlanInput,
  type PlannerCase,
  type PlannerCollector,
  planAssignment,
  validateAssignmentRules,
} from './assignment';

const HAN = /\p{Script=Han}/u;

const collector = (id: string, overrides: Partial<PlannerCollector> = {}): PlannerCollector => ({
  id,
  name: `催收员${id}`,
  teamId: 'team-early',
  teamCode: 'T-EARLY',
  capacity: 800,
  load: 0,
  active: true,
  certified: true,
  ...overrides,
});

const kase = (id: string, debtorId: string, overrides: Partial<PlannerCase> = {}): PlannerCase => ({
  id,
  debtorId,
  bucket: 'M1',
  balanceFen: 100_000,
  ...overrides,
});

const plan = (overrides: Partial<PlanInput> & Pick<PlanInput, 'cases' | 'collectors'>) =>
  planAssignment({ debtorCollectors: new Map(), rules: { ...DEFAULT_ASSIGNMENT_RULES }, ...overrides });

describe('validateAssignmentRules', () => {
  const context = { bucketCodes: ['M0', 'M1', 'M2', 'M3', 'M3+'], teamCodes: ['T-EARLY', 'T-LATE'] };

  it('fills the defaults for fields left out', () => {
    expect(validateAssignmentRules({}, context)).toEqual({ ok: true, rules: DEFAULT_ASSIGNMENT_RULES });
    expect(
      validateAssignmentRules(
        { sameDebtor: false, teamsByBucket: { M1: ['T-EARLY'], M2: ['T-LATE'] } },
        context,
      ),
    ).toEqual({
      ok: true,
      rules: {
        sameDebtor: false,
        teamsByBucket: { M1: ['T-EARLY'], M2: ['T-LATE'] },
        skipCollectorsOverCapacity: true,
      },
    });
  });

  it('names every wrong field: unknown bucket and team, empty list, duplicates, types, unknown keys', () => {
    const result = validateAssignmentRules(
      {
        sameDebtor: 'yes',
        capacity: 3,
        teamsByBucket: { M9: ['T-EARLY'], M1: ['T-NOPE', 'T-EARLY', 'T-EARLY'], M2: [] },
      },
      context,
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const fields = result.problems.map((p) => [p.field, p.code]);
    expect(fields).toEqual([
      ['capacity', 'unknown_field'],
      ['sameDebtor', 'not_boolean'],
      ['teamsByBucket.M9', 'unknown_bucket'],
      ['teamsByBucket.M1[0]', 'unknown_team'],
      ['teamsByBucket.M1[2]', 'team_duplicate'],
      ['teamsByBucket.M2', 'teams_empty'],
    ]);
    for (const p of result.problems) {
      expect(p.zh).toMatch(HAN);
      expect(p.en).not.toMatch(HAN);
    }
    expect(result.problems.find((p) => p.field === 'teamsByBucket.M9')?.zh).toContain('M9');
    expect(result.problems.find((p) => p.field === 'teamsByBucket.M1[0]')?.en).toContain('T-NOPE');
  });

  it('refuses what is not an object', () => {
    expect(validateAssignmentRules([], context)).toMatchObject({ ok: false, problems: [{ field: 'rules' }] });
    expect(validateAssignmentRules({ teamsByBucket: 'T-EARLY' }, context)).toMatchObject({
      ok: false,
      problems: [{ field: 'teamsByBucket', code: 'teams_by_bucket_not_object' }],
    });
  });

  it('reads stored rules leniently, null being the defaults', () => {
    expect(assignmentRulesOf(null)).toEqual(DEFAULT_ASSIGNMENT_RULES);
    expect(assignmentRulesOf({ sameDebtor: false, teamsByBucket: { M1: ['T-EARLY', 3] } })).toEqual({
      sameDebtor: false,
      teamsByBucket: { M1: ['T-EARLY'] },
      skipCollectorsOverCapacity: true,
    });
  });
});

describe('planAssignment examples', () => {
  it('balances by load ratio with the reason naming the collector and the load', () => {
    const result = plan({
      cases: [kase('c1', 'd1')],
      collectors: [
        collector('a', { name: '张三', load: 120, capacity: 800 }),
        collector('b', { name: '李四', load: 100, capacity: 400 }),
      ],
    });
    expect(result.entries[0]).toMatchObject({ collectorId: 'a', teamId: 'team-early', rule: 'balanced' });
    expect(result.entries[0]?.reason).toEqual({
      zh: '按容量均衡：张三 当前 120/800',
      en: 'Balanced by capacity: 张三 has 120/800',
    });
    expect(result.loads).toEqual({ a: 121, b: 100 });
  });

  it('keeps a debtor with the collector of their other cases', () => {
    const result = plan({
      cases: [kase('c1', 'd1'), kase('c2', 'd1'), kase('c3', 'd2')],
      collectors: [collector('a', { name: '张三', load: 500 }), collector('b', { load: 0 })],
      debtorCollectors: new Map([['d1', 'a']]),
    });
    expect(result.entries.map((e) => [e.caseId, e.collectorId, e.rule])).toEqual([
      ['c1', 'a', 'same_debtor'],
      ['c2', 'a', 'same_debtor'],
      ['c3', 'b', 'balanced'],
    ]);
    expect(result.entries[0]?.reason.zh).toBe('同一债务人已由 张三 处理');
  });

  it('returns a contract to its previous collector, and explains when it cannot', () => {
    const collectors = [
      collector('a', { name: '张三', load: 10, capacity: 10 }),
      collector('b', { name: '李四' }),
    ];
    const back = plan({ cases: [kase('c1', 'd1', { previousCollectorId: 'b' })], collectors });
    expect(back.entries[0]).toMatchObject({ collectorId: 'b', rule: 'same_contract' });
    expect(back.entries[0]?.reason.zh).toBe('同一合同此前由 李四 处理');

    const full = plan({ cases: [kase('c1', 'd1', { previousCollectorId: 'a' })], collectors });
    expect(full.entries[0]).toMatchObject({ collectorId: 'b', rule: 'balanced' });
    expect(full.entries[0]?.reason.zh).toBe('原催收员 张三 已满（10/10）；按容量均衡：李四 当前 0/800');
    expect(full.entries[0]?.reason.en).toBe(
      'The previous collector 张三 is full (10/10); Balanced by capacity: 李四 has 0/800',
    );

    const inactive = plan({
      cases: [kase('c1', 'd1', { previousCollectorId: 'b' })],
      collectors: [collector('a'), collector('b', { name: '李四', active: false })],
    });
    expect(inactive.entries[0]?.collectorId).toBe('a');
    expect(inactive.entries[0]?.reason.zh).toContain('原催收员 李四 已停用');
  });

  it('sends buckets to the teams that take them, and a case of a team to that team', () => {
    const rules: AssignmentRules = { ...DEFAULT_ASSIGNMENT_RULES, teamsByBucket: { M3: ['T-LATE'] } };
    const collectors = [
      collector('early'),
      collector('late', { teamId: 'team-late', teamCode: 'T-LATE', load: 700 }),
    ];
    const result = plan({
      rules,
      collectors,
      cases: [
        kase('c1', 'd1', { bucket: 'M3' }),
        kase('c2', 'd2', { bucket: 'M1' }),
        kase('c3', 'd3', { bucket: 'M1', teamId: 'team-late' }),
      ],
    });
    expect(result.entries.map((e) => e.collectorId)).toEqual(['late', 'early', 'late']);
  });

  it("keeps a case of a team in that team, even against the debtor's collector", () => {
    const result = plan({
      cases: [kase('c1', 'd1', { teamId: 'team-late', previousCollectorId: 'a' })],
      collectors: [
        collector('a', { name: '张三' }),
        collector('b', { name: '李四', teamId: 'team-late', teamCode: 'T-LATE', load: 300 }),
      ],
      debtorCollectors: new Map([['d1', 'a']]),
    });
    expect(result.entries[0]).toMatchObject({ collectorId: 'b', teamId: 'team-late', rule: 'balanced' });
    expect(result.entries[0]?.reason.zh).toBe(
      '原催收员 张三 不在案件所属团队；按容量均衡：李四 当前 300/800',
    );
  });

  it('leaves what nobody can take, saying why', () => {
    const none = plan({
      cases: [kase('c1', 'd1')],
      collectors: [collector('a', { active: false })],
    });
    expect(none.entries[0]).toMatchObject({ collectorId: null, code: 'no_eligible_collector' });
    expect(none.entries[0]?.reason.zh).toContain('没有在岗的催收员');

    const full = plan({
      cases: [kase('c1', 'd1'), kase('c2', 'd1')],
      collectors: [collector('a', { load: 799 }), collector('b', { load: 799 })],
    });
    expect(full.entries.every((e) => e.collectorId === null && e.code === 'no_collector_with_room')).toBe(
      true,
    );
    expect(full.entries[0]?.reason.zh).toBe(
      '没有有余量的催收员（该债务人共 2 件案件）：各团队的 2 名催收员均已满',
    );

    const uncertified = plan({
      cases: [kase('c1', 'd1')],
      collectors: [collector('a', { certified: false })],
      requireCertification: true,
    });
    expect(uncertified.entries[0]?.reason.zh).toContain('已认证的催收员');
  });

  it('lets collectors go over capacity only when the rule allows', () => {
    const cases = [kase('c1', 'd1'), kase('c2', 'd2')];
    const collectors = [collector('a', { load: 10, capacity: 10 })];
    expect(plan({ cases, collectors }).entries.map((e) => e.collectorId)).toEqual([null, null]);
    const rules = { ...DEFAULT_ASSIGNMENT_RULES, skipCollectorsOverCapacity: false };
    expect(plan({ cases, collectors, rules }).entries.map((e) => e.collectorId)).toEqual(['a', 'a']);
  });

  it('gives equal collectors equal shares', () => {
    const cases = Array.from({ length: 10 }, (_, i) => kase(`c${i}`, `d${i}`));
    const result = plan({ cases, collectors: [collector('a'), collector('b'), collector('c')] });
    expect(Object.values(result.loads).sort()).toEqual([3, 3, 4]);
  });
});

// ——— properties ———

const ids = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => `${prefix}${i}`);

const inputArb = fc
  .record({
    collectors: fc.array(
      fc.record({
        capacity: fc.integer({ min: 0, max: 12 }),
        load: fc.integer({ min: 0, max: 14 }),
        active: fc.boolean(),
        certified: fc.boolean(),
        team: fc.constantFrom('T-EARLY', 'T-LATE'),
      }),
      { minLength: 0, maxLength: 6 },
    ),
    cases: fc.array(
      fc.record({
        debtor: fc.integer({ min: 0, max: 8 }),
        bucket: fc.constantFrom('M1', 'M2', 'M3'),
        balanceFen: fc.integer({ min: 1, max: 10_000_000 }),
        daysPastDue: fc.integer({ min: 0, max: 120 }),
        previous: fc.option(fc.integer({ min: 0, max: 7 }), { nil: undefined }),
      }),
      { maxLength: 40 },
    ),
    debtorCollectors: fc.array(fc.tuple(fc.integer({ min: 0, max: 8 }), fc.integer({ min: 0, max: 7 })), {
      maxLength: 5,
    }),
    sameDebtor: fc.boolean(),
    skip: fc.boolean(),
    byBucket: fc.boolean(),
    requireCertification: fc.boolean(),
  })
  .map((x): PlanInput => {
    const collectorIds = ids('u', x.collectors.length);
    return {
      collectors: x.collectors.map((c, i) =>
        collector(collectorIds[i] as string, {
          capacity: c.capacity,
          load: c.load,
          active: c.active,
          certified: c.certified,
          teamCode: c.team,
          teamId: c.team === 'T-EARLY' ? 'team-early' : 'team-late',
        }),
      ),
      cases: x.cases.map((c, i) =>
        kase(`k${String(i).padStart(3, '0')}`, `d${c.debtor}`, {
          bucket: c.bucket,
          balanceFen: c.balanceFen,
          daysPastDue: c.daysPastDue,
          previousCollectorId: c.previous === undefined ? null : `u${c.previous}`,
        }),
      ),
      debtorCollectors: new Map(x.debtorCollectors.map(([d, u]) => [`d${d}`, `u${u}`])),
      rules: {
        sameDebtor: x.sameDebtor,
        skipCollectorsOverCapacity: x.skip,
        teamsByBucket: x.byBucket ? { M1: ['T-EARLY'], M3: ['T-LATE'] } : null,
      },
      requireCertification: x.requireCertification,
    };
  });

describe('planAssignment properties', () => {
  it('plans every case once, or says why not', () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        const { entries } = planAssignment(input);
        expect(entries.map((e) => e.caseId)).toEqual(input.cases.map((c) => c.id));
        for (const e of entries) {
          expect(e.reason.zh.length).toBeGreaterThan(0);
          expect(e.reason.en.length).toBeGreaterThan(0);
          if (e.collectorId === null) expect(e.rule).toBeNull();
          else expect(input.collectors.some((c) => c.id === e.collectorId)).toBe(true);
        }
      }),
    );
  });

  it("keeps a debtor's cases with one collector when the same-debtor rule is on", () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        fc.pre(input.rules.sameDebtor);
        const { entries } = planAssignment(input);
        const debtorOf = new Map(input.cases.map((c) => [c.id, c.debtorId]));
        const byDebtor = new Map<string, Set<string | null>>();
        for (const e of entries) {
          const d = debtorOf.get(e.caseId) as string;
          const set = byDebtor.get(d) ?? new Set();
          set.add(e.collectorId);
          byDebtor.set(d, set);
        }
        for (const set of byDebtor.values()) expect(set.size).toBe(1);
      }),
    );
  });

  it('never gives an active, eligible collector more than capacity when skipping full collectors', () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        fc.pre(input.rules.skipCollectorsOverCapacity);
        const { entries, loads } = planAssignment(input);
        for (const c of input.collectors) {
          const given = entries.filter((e) => e.collectorId === c.id).length;
          if (given > 0) expect(loads[c.id]).toBeLessThanOrEqual(c.capacity);
          expect(loads[c.id]).toBe(c.load + given);
        }
        // Nobody is left out while an eligible collector could have taken the case alone: a case left
        // for lack of room (without the same-debtor rule) means every eligible collector is full.
        if (!input.rules.sameDebtor) {
          for (const e of entries.filter((x) => x.code === 'no_collector_with_room')) {
            const k = input.cases.find((c) => c.id === e.caseId) as PlannerCase;
            const teams = input.rules.teamsByBucket?.[k.bucket] ?? null;
            for (const c of input.collectors) {
              const eligible =
                c.active &&
                (!input.requireCertification || c.certified) &&
                c.capacity > 0 &&
                (teams === null || teams.includes(c.teamCode as string));
              if (eligible) expect(loads[c.id]).toBeGreaterThanOrEqual(c.capacity);
            }
          }
        }
      }),
    );
  });

  it('is the same plan for the same input, in any order', () => {
    fc.assert(
      fc.property(inputArb, fc.integer(), (input, seed) => {
        const first = planAssignment(input);
        const shuffle = <T>(list: readonly T[]) =>
          list
            .map((value, i) => ({ value, key: Math.sin(seed + i * 7919) }))
            .sort((a, b) => a.key - b.key)
            .map((x) => x.value);
        const again = planAssignment({
          ...input,
          cases: shuffle(input.cases),
          collectors: shuffle(input.collectors),
        });
        const asMap = (p: typeof first) => new Map(p.entries.map((e) => [e.caseId, e]));
        expect(asMap(again)).toEqual(asMap(first));
        expect(again.loads).toEqual(first.loads);
        expect(planAssignment(input)).toEqual(first);
      }),
    );
  });
});
