import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  APPROVAL_REFUSALS,
  approverRoleName,
  CASE_STAGES,
  type CaseStage,
  checkWaiverApproval,
  DEFAULT_WAIVER_MATRIX,
  decideWaiver,
  validateWaiverMatrix,
  WAIVER_APPROVER_ROLES,
  type WaiverAuthorityMatrix,
  type WaiverLevel,
  type WaiverRequest,
  type WaiverScope,
} from './waiver-authority';

const HAN = /\p{Script=Han}/u;

const request = (
  amountFen: number,
  balanceFen = 10_000_000,
  extra: Partial<WaiverRequest> = {},
): WaiverRequest => ({
  amountFen,
  balanceFen,
  daysPastDue: 45,
  stage: 'phone',
  ...extra,
});
const chainOf = (decision: ReturnType<typeof decideWaiver>) =>
  decision.outcome === 'approval_required' ? decision.chain : decision.reason;

describe('decideWaiver with the default matrix', () => {
  it('lets a team lead approve up to ¥500 and 10% of the balance', () => {
    expect(chainOf(decideWaiver(request(50_000)))).toEqual(['team_lead']);
    expect(chainOf(decideWaiver(request(10_000, 100_000)))).toEqual(['team_lead']);
  });

  it('sends a waiver above either team-lead limit up to the manager, through the team lead', () => {
    expect(chainOf(decideWaiver(request(50_001)))).toEqual(['team_lead', 'manager']);
    // ¥100 is 10.001% of ¥999.90: above the team lead's share.
    expect(chainOf(decideWaiver(request(10_000, 99_990)))).toEqual(['team_lead', 'manager']);
    expect(chainOf(decideWaiver(request(500_000)))).toEqual(['team_lead', 'manager']);
  });

  it('sends larger waivers to the risk committee, up to the whole balance', () => {
    const decision = decideWaiver(request(500_001));
    expect(decision).toMatchObject({
      outcome: 'approval_required',
      chain: ['team_lead', 'manager', 'risk_committee'],
      requiredRole: 'risk_committee',
      level: 3,
      scopeIndex: 0,
      basisPoints: 501,
    });
    expect(chainOf(decideWaiver(request(100_000, 100_000)))).toEqual([
      'team_lead',
      'manager',
      'risk_committee',
    ]);
  });

  it('explains the chain in both languages', () => {
    const decision = decideWaiver(request(60_000));
    expect(decision.text.zh).toBe('减免 ¥600.00（余额的 0.6%）需依次审批：催收组长 → 催收经理');
    expect(decision.text.en).toContain('CN¥600.00');
    expect(decision.text.en).toContain('Team lead → Collections manager');
  });

  it('never waives more than the balance', () => {
    const decision = decideWaiver(request(100_001, 100_000));
    expect(decision).toMatchObject({ outcome: 'not_allowed', reason: 'exceeds_balance' });
    expect(decision.text.zh).toContain('超过欠款余额');
  });

  it('refuses a zero, negative or fractional amount', () => {
    for (const amount of [0, -5, 1.5, Number.NaN]) {
      expect(decideWaiver(request(amount))).toMatchObject({
        outcome: 'not_allowed',
        reason: 'amount_invalid',
      });
    }
  });

  it('refuses a malformed balance, age or stage as a programming error', () => {
    expect(() => decideWaiver(request(100, -1))).toThrow(RangeError);
    expect(() => decideWaiver(request(100, 1000, { daysPastDue: 1.5 }))).toThrow(RangeError);
    expect(() => decideWaiver(request(100, 1000, { stage: 'court' as CaseStage }))).toThrow(RangeError);
  });
});

const level = (
  role: WaiverLevel['role'],
  maxAmountFen: number | null,
  maxBasisPoints: number,
): WaiverLevel => ({
  role,
  maxAmountFen,
  maxBasisPoints,
});

/** Early cases get less authority; the legal stage allows no waivers at all. */
const staged: WaiverAuthorityMatrix = {
  scopes: [
    {
      minDaysPastDue: 0,
      maxDaysPastDue: 30,
      stages: ['phone', 'visit', 'agency', 'write_off'],
      levels: [level('team_lead', 20_000, 500), level('manager', 200_000, 1_000)],
    },
    {
      minDaysPastDue: 31,
      maxDaysPastDue: null,
      stages: ['phone', 'visit', 'agency', 'write_off'],
      levels: [
        level('team_lead', 50_000, 1_000),
        level('manager', 500_000, 3_000),
        level('admin', null, 5_000),
      ],
    },
    { minDaysPastDue: 0, maxDaysPastDue: null, stages: ['legal'], levels: [] },
  ],
};

describe('decideWaiver with a staged matrix', () => {
  it('is valid', () => {
    expect(validateWaiverMatrix(staged)).toEqual({ ok: true });
  });

  it('uses the scope of the case age', () => {
    expect(chainOf(decideWaiver(request(30_000, 10_000_000, { daysPastDue: 20 }), staged))).toEqual([
      'team_lead',
      'manager',
    ]);
    expect(chainOf(decideWaiver(request(30_000, 10_000_000, { daysPastDue: 31 }), staged))).toEqual([
      'team_lead',
    ]);
  });

  it('refuses a waiver above the highest level and says what the top is', () => {
    const decision = decideWaiver(request(200_001, 10_000_000, { daysPastDue: 10 }), staged);
    expect(decision).toMatchObject({ outcome: 'not_allowed', reason: 'above_highest_level' });
    expect(decision.text.zh).toContain('催收经理');
    expect(decision.text.en).toContain('CN¥2,000.00');
    const share = decideWaiver(request(600_000, 1_000_000, { daysPastDue: 100 }), staged);
    expect(share).toMatchObject({ outcome: 'not_allowed', reason: 'above_highest_level' });
    expect(share.text.en).toContain('60%');
  });

  it('refuses every waiver in a scope without levels', () => {
    const decision = decideWaiver(request(1, 10_000_000, { stage: 'legal' }), staged);
    expect(decision).toMatchObject({ outcome: 'not_allowed', reason: 'scope_closed' });
  });

  it('can ask only the required level', () => {
    const decision = decideWaiver(request(600_000, 10_000_000, { daysPastDue: 100 }), {
      ...staged,
      chain: 'required_level',
    });
    expect(chainOf(decision)).toEqual(['admin']);
  });

  it('refuses to decide with an invalid matrix', () => {
    expect(() => decideWaiver(request(100), { scopes: [] })).toThrow(/matrix_empty/);
  });
});

describe('validateWaiverMatrix', () => {
  const problems = (matrix: WaiverAuthorityMatrix) => {
    const result = validateWaiverMatrix(matrix);
    return result.ok ? [] : result.problems.map((p) => `${p.row}.${p.field}:${p.code}`);
  };
  const one = (scope: Partial<WaiverScope>): WaiverAuthorityMatrix => ({
    scopes: [{ minDaysPastDue: 0, maxDaysPastDue: null, levels: [level('team_lead', 100, 100)], ...scope }],
  });

  it('accepts the default matrix', () => {
    expect(validateWaiverMatrix(DEFAULT_WAIVER_MATRIX)).toEqual({ ok: true });
  });

  it('refuses an empty matrix and an unknown chain', () => {
    expect(problems({ scopes: [] })).toEqual(['scopes.scopes:matrix_empty']);
    expect(problems({ ...one({}), chain: 'everyone' as 'every_level' })).toEqual([
      'matrix.chain:chain_invalid',
    ]);
  });

  it('names the level and field of a limit out of order', () => {
    expect(
      problems(one({ levels: [level('team_lead', 50_000, 1_000), level('manager', 40_000, 3_000)] })),
    ).toEqual(['scopes[0].levels[1].maxAmountFen:level_not_ascending']);
    expect(
      problems(one({ levels: [level('team_lead', 50_000, 1_000), level('manager', null, 900)] })),
    ).toEqual(['scopes[0].levels[1].maxBasisPoints:level_not_ascending']);
    expect(problems(one({ levels: [level('team_lead', null, 1_000), level('manager', 5, 1_000)] }))).toEqual([
      'scopes[0].levels[1].maxAmountFen:level_not_ascending',
    ]);
  });

  it('refuses a level that adds nothing over the one before', () => {
    expect(
      problems(one({ levels: [level('team_lead', 50_000, 1_000), level('manager', 50_000, 1_000)] })),
    ).toEqual(['scopes[0].levels[1].maxAmountFen:level_not_higher']);
  });

  it('refuses limits that are not whole or out of range', () => {
    expect(
      problems(one({ levels: [level('team_lead', -1, 1_000), level('manager', 10.5, 10_001)] })),
    ).toEqual([
      'scopes[0].levels[0].maxAmountFen:amount_invalid',
      'scopes[0].levels[1].maxAmountFen:amount_invalid',
      'scopes[0].levels[1].maxBasisPoints:basis_points_invalid',
    ]);
  });

  it('refuses roles that may not approve, and a role twice in a scope', () => {
    expect(
      problems(
        one({
          levels: [
            level('collector' as 'team_lead', 100, 100),
            level('team_lead', 200, 200),
            level('team_lead', 300, 300),
          ],
        }),
      ),
    ).toEqual(['scopes[0].levels[0].role:role_not_approver', 'scopes[0].levels[2].role:role_duplicate']);
  });

  it('checks day ranges and stages', () => {
    expect(problems(one({ minDaysPastDue: -1 }))).toEqual(['scopes[0].minDaysPastDue:days_invalid']);
    expect(
      problems({
        scopes: [
          { minDaysPastDue: 0, maxDaysPastDue: 30, levels: [] },
          { minDaysPastDue: 40, maxDaysPastDue: 20, levels: [] },
        ],
      }),
    ).toEqual(['scopes[1].maxDaysPastDue:days_range_inverted']);
    expect(problems(one({ stages: [] }))).toEqual([
      'scopes[0].stages:stages_empty',
      'scopes.stages:stage_not_covered',
    ]);
    expect(problems(one({ stages: ['phone', 'court' as CaseStage, 'phone'] }))[0]).toBe(
      'scopes[0].stages[1]:stage_unknown',
    );
    expect(problems(one({ stages: ['phone', 'court' as CaseStage, 'phone'] }))[1]).toBe(
      'scopes[0].stages[2]:stage_duplicate',
    );
  });

  it('finds gaps, overlaps and a missing open end, naming the scope', () => {
    const scope = (min: number, max: number | null): WaiverScope => ({
      minDaysPastDue: min,
      maxDaysPastDue: max,
      levels: [level('team_lead', 100, 100)],
    });
    expect(problems({ scopes: [scope(0, 30), scope(32, null)] })).toEqual([
      'scopes[1].minDaysPastDue:days_gap',
    ]);
    expect(problems({ scopes: [scope(1, null)] })).toEqual(['scopes[0].minDaysPastDue:days_gap']);
    expect(problems({ scopes: [scope(0, 30), scope(30, null)] })).toEqual([
      'scopes[1].minDaysPastDue:days_overlap',
    ]);
    expect(problems({ scopes: [scope(0, null), scope(31, null)] })).toEqual([
      'scopes[1].minDaysPastDue:days_overlap',
    ]);
    expect(problems({ scopes: [scope(0, 30), scope(31, 60)] })).toEqual([
      'scopes[1].maxDaysPastDue:days_open_end_missing',
    ]);
  });

  it('reports which stages a coverage problem concerns', () => {
    const result = validateWaiverMatrix({
      scopes: [{ minDaysPastDue: 0, maxDaysPastDue: null, stages: ['phone', 'visit'], levels: [] }],
    });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.problems).toHaveLength(1);
      expect(result.problems[0]).toMatchObject({
        row: 'scopes',
        code: 'stage_not_covered',
        stages: ['agency', 'legal', 'write_off'],
      });
      expect(result.problems[0]?.text.zh).toContain('agency、legal、write_off');
      expect(result.problems[0]?.text.en).toContain('agency, legal, write_off');
    }
  });

  it('explains every problem in both languages', () => {
    const result = validateWaiverMatrix({
      chain: 'x' as 'every_level',
      scopes: [
        {
          minDaysPastDue: 5,
          maxDaysPastDue: 3,
          stages: ['court' as CaseStage],
          levels: [level('trainee' as 'admin', -1, 20_000)],
        },
      ],
    });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      for (const p of result.problems) {
        expect(p.text.zh).toMatch(HAN);
        expect(p.text.en).not.toMatch(HAN);
      }
    }
  });
});

describe('checkWaiverApproval', () => {
  const chain = ['team_lead', 'manager'] as const;
  const lead = { id: 'u-lead', roles: ['team_lead'] as const };
  const manager = { id: 'u-mgr', roles: ['manager'] as const };

  it('lets the holders of each role approve their step in order', () => {
    const first = checkWaiverApproval({ requesterId: 'u-col', chain, approvals: [], approver: lead });
    expect(first).toEqual({ ok: true, step: 0, role: 'team_lead', completesChain: false });
    const second = checkWaiverApproval({
      requesterId: 'u-col',
      chain,
      approvals: [{ approverId: 'u-lead', role: 'team_lead' }],
      approver: manager,
    });
    expect(second).toEqual({ ok: true, step: 1, role: 'manager', completesChain: true });
  });

  it('never lets requesters approve their own request, whatever role they hold', () => {
    const result = checkWaiverApproval({
      requesterId: 'u-mgr',
      chain,
      approvals: [{ approverId: 'u-lead', role: 'team_lead' }],
      approver: manager,
    });
    expect(result).toMatchObject({ ok: false, reason: 'self_approval' });
  });

  it('needs the role of the step', () => {
    const result = checkWaiverApproval({ requesterId: 'u-col', chain, approvals: [], approver: manager });
    expect(result).toMatchObject({ ok: false, reason: 'missing_role' });
    if (!result.ok) expect(result.text.zh).toContain('催收组长');
  });

  it('lets one person approve only one step', () => {
    const both = { id: 'u-both', roles: ['team_lead', 'manager'] as const };
    const result = checkWaiverApproval({
      requesterId: 'u-col',
      chain,
      approvals: [{ approverId: 'u-both', role: 'team_lead' }],
      approver: both,
    });
    expect(result).toMatchObject({ ok: false, reason: 'already_approved' });
  });

  it('refuses approvals after the chain is complete', () => {
    const result = checkWaiverApproval({
      requesterId: 'u-col',
      chain: ['team_lead'],
      approvals: [{ approverId: 'u-lead', role: 'team_lead' }],
      approver: { id: 'u-other', roles: ['team_lead'] },
    });
    expect(result).toMatchObject({ ok: false, reason: 'chain_complete' });
  });

  it('has refusals and role names in both languages', () => {
    expect(APPROVAL_REFUSALS).toHaveLength(4);
    for (const role of WAIVER_APPROVER_ROLES) expect(approverRoleName(role).zh).toMatch(HAN);
  });

  it('property: a requester is refused at every step, whatever the chain and roles', () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...WAIVER_APPROVER_ROLES), { minLength: 1, maxLength: 4 }),
        fc.nat({ max: 4 }),
        (roles, done) => {
          const approvals = roles.slice(0, done).map((role, i) => ({ approverId: `a${i}`, role }));
          const result = checkWaiverApproval({
            requesterId: 'me',
            chain: roles,
            approvals,
            approver: { id: 'me', roles: [...WAIVER_APPROVER_ROLES] },
          });
          expect(result).toMatchObject({ ok: false, reason: 'self_approval' });
        },
      ),
    );
  });
});

/** Valid ascending ladders. */
const levelsArb: fc.Arbitrary<WaiverLevel[]> = fc
  .uniqueArray(fc.constantFrom(...WAIVER_APPROVER_ROLES), { minLength: 1, maxLength: 5 })
  .chain((roles) =>
    fc
      .tuple(
        fc.array(fc.integer({ min: 1, max: 10_000_000 }), {
          minLength: roles.length,
          maxLength: roles.length,
        }),
        fc.array(fc.integer({ min: 1, max: 2_000 }), { minLength: roles.length, maxLength: roles.length }),
        fc.boolean(),
      )
      .map(([amountSteps, bpsSteps, lastUnlimited]) => {
        let amount = 0;
        let bps = 0;
        return roles.map((role, i) => {
          amount += amountSteps[i] ?? 1;
          bps = Math.min(10_000, bps + (bpsSteps[i] ?? 1));
          const unlimited = lastUnlimited && i === roles.length - 1;
          return level(role, unlimited ? null : amount, bps);
        });
      }),
  );

describe('decideWaiver properties', () => {
  it('generated ladders whose limits rise are valid', () => {
    fc.assert(
      fc.property(levelsArb, (levels) => {
        const matrix = { scopes: [{ minDaysPastDue: 0, maxDaysPastDue: null, levels }] };
        expect(validateWaiverMatrix(matrix)).toEqual({ ok: true });
      }),
    );
  });

  it('the required level is the lowest whose limits hold, and the chain is every level up to it', () => {
    fc.assert(
      fc.property(
        levelsArb,
        fc.integer({ min: 1, max: 20_000_000 }),
        fc.integer({ min: 1, max: 50_000_000 }),
        fc.constantFrom<CaseStage>(...CASE_STAGES),
        (levels, amountFen, balanceFen, stage) => {
          const matrix = { scopes: [{ minDaysPastDue: 0, maxDaysPastDue: null, levels }] };
          const decision = decideWaiver({ amountFen, balanceFen, daysPastDue: 10, stage }, matrix);
          const fits = (l: WaiverLevel) =>
            (l.maxAmountFen === null || amountFen <= l.maxAmountFen) &&
            amountFen * 10_000 <= l.maxBasisPoints * balanceFen;
          if (amountFen > balanceFen) {
            expect(decision).toMatchObject({ outcome: 'not_allowed', reason: 'exceeds_balance' });
            return;
          }
          const index = levels.findIndex(fits);
          if (index === -1) {
            expect(decision).toMatchObject({ outcome: 'not_allowed', reason: 'above_highest_level' });
          } else {
            expect(decision).toMatchObject({
              outcome: 'approval_required',
              chain: levels.slice(0, index + 1).map((l) => l.role),
              level: index + 1,
            });
          }
        },
      ),
    );
  });

  it('a larger waiver on the same balance never needs a shorter chain', () => {
    fc.assert(
      fc.property(
        levelsArb,
        fc.integer({ min: 1, max: 10_000_000 }),
        fc.integer({ min: 0, max: 10_000_000 }),
        fc.integer({ min: 1, max: 50_000_000 }),
        (levels, amountFen, more, balanceFen) => {
          const matrix = { scopes: [{ minDaysPastDue: 0, maxDaysPastDue: null, levels }] };
          const length = (amount: number) => {
            const decision = decideWaiver(
              { amountFen: amount, balanceFen, daysPastDue: 0, stage: 'phone' },
              matrix,
            );
            return decision.outcome === 'approval_required'
              ? decision.chain.length
              : Number.POSITIVE_INFINITY;
          };
          expect(length(amountFen + more)).toBeGreaterThanOrEqual(length(amountFen));
        },
      ),
    );
  });
});
