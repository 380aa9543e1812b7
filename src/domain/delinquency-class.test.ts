import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  ABILITY_EVIDENCE,
  type CaseHistorySummary,
  type ClassOverride,
  classifyDelinquency,
  classOverrideProblem,
  DELINQUENCY_CLASSES,
  delinquencyClassText,
  isStatedReason,
  STATED_REASONS,
  type StatedReason,
  statedReasonText,
} from './delinquency-class';
import { RISK_SIGNALS, type RiskSignal, riskSignalText } from './risk-signals';

const HAN = /\p{Script=Han}/u;

/** A case with no history at all. */
const blank = (): CaseHistorySummary => ({
  promises: { made: 0, kept: 0, broken: 0 },
  paymentsLast90Days: { count: 0, totalFen: 0 },
  balanceFen: 1_000_000,
  contact: { attempts: 0, rightPartyContacts: 0, allNumbersInvalid: false },
});
const withReason = (
  statedReason: StatedReason,
  extra: Partial<CaseHistorySummary> = {},
): CaseHistorySummary => ({
  ...blank(),
  contact: { attempts: 3, rightPartyContacts: 1, allNumbersInvalid: false },
  statedReason,
  ...extra,
});
const codes = (summary: CaseHistorySummary) => classifyDelinquency(summary).reasons.map((r) => r.code);

describe('classifyDelinquency: the four classes', () => {
  it('puts a reachable debtor who forgot in class 1', () => {
    const result = classifyDelinquency(withReason('forgot'));
    expect(result).toMatchObject({ class: 1, source: 'rules', willing: true, able: true, derivedClass: 1 });
    expect(result.text?.name.zh).toContain('一类');
    expect(result.reasons.map((r) => r.code)).toEqual(['reachable', 'stated_reason', 'stated_reason']);
  });

  it('puts a debtor who lost their job and pays a little in class 2', () => {
    const result = classifyDelinquency(
      withReason('job_loss', {
        promises: { made: 2, kept: 0, partlyKept: 1, broken: 1 },
        paymentsLast90Days: { count: 1, totalFen: 20_000 },
      }),
    );
    expect(result).toMatchObject({ class: 2, willing: true, able: false });
    expect(result.text?.treatment.en).toContain('plan');
  });

  it('puts a debtor who refuses but owns assets in class 3', () => {
    const result = classifyDelinquency(withReason('refuses', { abilityEvidence: ['assets_known'] }));
    expect(result).toMatchObject({ class: 3, willing: false, able: true });
  });

  it('puts a debtor who refuses and is bankrupt in class 4', () => {
    const result = classifyDelinquency(withReason('refuses', { riskSignals: ['bankruptcy'] }));
    expect(result).toMatchObject({ class: 4, willing: false, able: false });
  });

  it('treats an asset transfer as able and unwilling', () => {
    const result = classifyDelinquency({ ...blank(), riskSignals: ['asset_transfer'] });
    expect(result.class).toBe(3);
    expect(result.reasons.every((r) => r.subject === 'asset_transfer')).toBe(true);
  });

  it('reads repeated broken promises as unwillingness', () => {
    const result = classifyDelinquency({
      ...blank(),
      promises: { made: 3, kept: 0, broken: 3 },
      abilityEvidence: ['employed'],
    });
    expect(result.class).toBe(3);
    expect(result.reasons[0]).toMatchObject({ code: 'promises_broken_repeatedly', weight: -2 });
  });

  it('reads payments of a significant share of the balance as ability', () => {
    const summary = { ...blank(), balanceFen: 100_000, paymentsLast90Days: { count: 2, totalFen: 10_000 } };
    expect(codes(summary)).toContain('paid_significant_share');
    const small = { ...summary, paymentsLast90Days: { count: 2, totalFen: 9_999 } };
    expect(codes(small)).not.toContain('paid_significant_share');
    expect(
      classifyDelinquency(summary, { significantShareBp: 2000 }).reasons.map((r) => r.code),
    ).not.toContain('paid_significant_share');
  });
});

describe('classifyDelinquency: contactability', () => {
  it('reads invalid numbers as possible avoidance and does not presume ability', () => {
    const result = classifyDelinquency({
      ...blank(),
      contact: { attempts: 5, rightPartyContacts: 0, allNumbersInvalid: true },
    });
    expect(result).toMatchObject({ class: 4, willing: false, able: false });
    expect(result.reasons.map((r) => r.code)).toEqual(['unreachable', 'ability_unproven']);
  });

  it('counts lost contact and invalid numbers once', () => {
    const result = classifyDelinquency({
      ...blank(),
      contact: { attempts: 5, rightPartyContacts: 0, allNumbersInvalid: true },
      riskSignals: ['lost_contact'],
    });
    expect(result.willingnessScore).toBe(-1);
  });

  it('reads many attempts without a right-party contact as avoidance, from a configurable count', () => {
    const summary = {
      ...blank(),
      contact: { attempts: 10, rightPartyContacts: 0, allNumbersInvalid: false },
    };
    expect(codes(summary)).toContain('avoids_contact');
    expect(classifyDelinquency(summary, { avoidanceAttempts: 11 }).class).toBeNull();
  });

  it('reads a debtor who answers as reachable', () => {
    const summary = { ...blank(), contact: { attempts: 5, rightPartyContacts: 1, allNumbersInvalid: false } };
    expect(codes(summary)).toEqual(['reachable', 'ability_presumed']);
    expect(classifyDelinquency(summary, { reachablePercent: 25 }).class).toBeNull();
  });
});

describe('classifyDelinquency: presumptions and special rules', () => {
  it('does not classify a case without any evidence', () => {
    const result = classifyDelinquency(blank());
    expect(result).toMatchObject({ class: null, derivedClass: null, willing: null, able: null, text: null });
    expect(result.reasons.map((r) => r.code)).toEqual(['no_evidence']);
  });

  it('presumes willingness when only ability is known', () => {
    const result = classifyDelinquency({ ...blank(), riskSignals: ['multiple_lenders'] });
    expect(result).toMatchObject({ class: 2, willing: true, able: false });
    expect(result.reasons.map((r) => r.code)).toContain('willingness_presumed');
  });

  it('presumes ability for a willing debtor', () => {
    const result = classifyDelinquency({ ...blank(), promises: { made: 1, kept: 0, broken: 0 } });
    expect(result).toMatchObject({ class: 1 });
    expect(result.reasons.map((r) => r.code)).toEqual(['promises_made_open', 'ability_presumed']);
  });

  it('puts a deceased debtor in class 4 and asks for verification', () => {
    const result = classifyDelinquency(withReason('forgot', { riskSignals: ['deceased'] }));
    expect(result.class).toBe(4);
    expect(result.verifyFirst.map((r) => r.code)).toEqual(['deceased_estate']);
  });

  it('does not count a complaint for or against the debtor', () => {
    const plain = classifyDelinquency(withReason('cashflow'));
    const complained = classifyDelinquency(withReason('cashflow', { riskSignals: ['complaint'] }));
    expect(complained.reasons).toEqual(plain.reasons);
    expect(complained.class).toBe(plain.class);
  });

  it.each<StatedReason>(['dispute', 'fraud_claim', 'already_paid_claim', 'third_party_spent'])(
    'asks to verify the %s claim before any pressure',
    (reason) => {
      const result = classifyDelinquency(withReason(reason));
      expect(result.verifyFirst).toHaveLength(1);
      expect(result.verifyFirst[0]).toMatchObject({ code: 'stated_reason', subject: reason });
    },
  );

  it('asks nothing to be verified for an ordinary hardship', () => {
    expect(classifyDelinquency(withReason('illness')).verifyFirst).toEqual([]);
  });
});

describe('classifyDelinquency: manual override', () => {
  const override: ClassOverride = {
    class: 3,
    by: 'u-zhang',
    why: '客户名下有两套房产，核实后确认有还款能力',
  };

  it('lets a valid override win and reports it with the derived class', () => {
    const result = classifyDelinquency(withReason('job_loss', { override }));
    expect(result).toMatchObject({ class: 3, source: 'override', derivedClass: 2, override });
    expect(result.text?.name.zh).toContain('三类');
    expect(result.reasons[0]).toMatchObject({ code: 'manual_override', dimension: 'class' });
    expect(result.reasons[0]?.text.zh).toContain('u-zhang');
    expect(result.reasons[0]?.text.en).toContain('class 3');
  });

  it('applies an override even when the rules cannot classify', () => {
    expect(classifyDelinquency({ ...blank(), override }).class).toBe(3);
  });

  it.each<[string, ClassOverride, 'class' | 'by' | 'why']>([
    ['a class outside 1-4', { ...override, class: 5 as unknown as 1 }, 'class'],
    ['no author', { ...override, by: '  ' }, 'by'],
    ['no reason', { ...override, why: '' }, 'why'],
  ])('does not apply an override with %s', (_, bad, problem) => {
    expect(classOverrideProblem(bad)).toBe(problem);
    const result = classifyDelinquency(withReason('job_loss', { override: bad }));
    expect(result).toMatchObject({ class: 2, source: 'rules', override: null });
    expect(result.reasons.at(-1)?.code).toBe('override_invalid');
  });
});

describe('classifyDelinquency: input and texts', () => {
  it('refuses counts that are not whole numbers >= 0', () => {
    expect(() => classifyDelinquency({ ...blank(), promises: { made: -1, kept: 0, broken: 0 } })).toThrow(
      RangeError,
    );
    expect(() => classifyDelinquency({ ...blank(), balanceFen: 1.5 })).toThrow(RangeError);
  });

  it('has texts in both languages for every class, stated reason and signal', () => {
    for (const value of DELINQUENCY_CLASSES) {
      const text = delinquencyClassText(value);
      for (const t of [text.name, text.treatment]) {
        expect(t.zh).toMatch(HAN);
        expect(t.en).not.toMatch(HAN);
      }
    }
    const zh = new Set<string>();
    for (const reason of STATED_REASONS) {
      expect(isStatedReason(reason)).toBe(true);
      const text = statedReasonText(reason);
      expect(text.zh).toMatch(HAN);
      expect(text.en).not.toMatch(HAN);
      zh.add(text.zh);
    }
    expect(zh.size).toBe(STATED_REASONS.length);
    for (const signal of RISK_SIGNALS) expect(riskSignalText(signal).zh).toMatch(HAN);
    expect(isStatedReason('toString')).toBe(false);
  });
});

const summaryArb: fc.Arbitrary<CaseHistorySummary> = fc
  .record({
    kept: fc.nat({ max: 4 }),
    partlyKept: fc.nat({ max: 3 }),
    broken: fc.nat({ max: 5 }),
    open: fc.nat({ max: 2 }),
    paymentCount: fc.nat({ max: 5 }),
    paidFen: fc.nat({ max: 2_000_000 }),
    balanceFen: fc.nat({ max: 5_000_000 }),
    attempts: fc.nat({ max: 30 }),
    rpc: fc.nat({ max: 10 }),
    allNumbersInvalid: fc.boolean(),
    statedReason: fc.option(fc.constantFrom(...STATED_REASONS), { nil: null }),
    riskSignals: fc.uniqueArray(fc.constantFrom<RiskSignal>(...RISK_SIGNALS), { maxLength: 4 }),
    abilityEvidence: fc.uniqueArray(fc.constantFrom(...ABILITY_EVIDENCE), { maxLength: 2 }),
  })
  .map((r) => ({
    promises: {
      made: r.kept + r.partlyKept + r.broken + r.open,
      kept: r.kept,
      partlyKept: r.partlyKept,
      broken: r.broken,
    },
    paymentsLast90Days: { count: r.paymentCount, totalFen: r.paymentCount === 0 ? 0 : r.paidFen },
    balanceFen: r.balanceFen,
    contact: {
      attempts: r.attempts + r.rpc,
      rightPartyContacts: r.rpc,
      allNumbersInvalid: r.allNumbersInvalid,
    },
    statedReason: r.statedReason,
    riskSignals: r.riskSignals,
    abilityEvidence: r.abilityEvidence,
  }));

describe('classifyDelinquency properties', () => {
  it('the class follows from willing and able, and the scores are the sums of the reasons', () => {
    fc.assert(
      fc.property(summaryArb, (summary) => {
        const result = classifyDelinquency(summary);
        const sum = (dimension: string) =>
          result.reasons.filter((r) => r.dimension === dimension).reduce((total, r) => total + r.weight, 0);
        expect(result.willingnessScore).toBe(sum('willingness'));
        expect(result.abilityScore).toBe(sum('ability'));
        if (result.class === null) {
          expect(result.reasons.map((r) => r.code)).toEqual(['no_evidence']);
        } else {
          const expected = result.willing ? (result.able ? 1 : 2) : result.able ? 3 : 4;
          expect(result.class).toBe(expected);
          if (result.willingnessScore !== 0 && !summary.riskSignals?.includes('deceased')) {
            expect(result.willing).toBe(result.willingnessScore > 0);
          }
        }
        expect(result.source).toBe('rules');
        expect(result.derivedClass).toBe(result.class);
      }),
    );
  });

  it('gives every reason a Chinese and an English text', () => {
    fc.assert(
      fc.property(summaryArb, (summary) => {
        for (const reason of classifyDelinquency(summary).reasons) {
          expect(reason.text.zh).toMatch(HAN);
          expect(reason.text.en).not.toMatch(HAN);
        }
      }),
    );
  });

  it('one more kept promise never lowers willingness', () => {
    fc.assert(
      fc.property(summaryArb, (summary) => {
        const more = {
          ...summary,
          promises: { ...summary.promises, made: summary.promises.made + 1, kept: summary.promises.kept + 1 },
        };
        expect(classifyDelinquency(more).willingnessScore).toBeGreaterThanOrEqual(
          classifyDelinquency(summary).willingnessScore,
        );
      }),
    );
  });

  it('a valid override always wins and keeps the derived class', () => {
    fc.assert(
      fc.property(summaryArb, fc.constantFrom(...DELINQUENCY_CLASSES), (summary, value) => {
        const plain = classifyDelinquency(summary);
        const result = classifyDelinquency({
          ...summary,
          override: { class: value, by: 'lead-1', why: 'checked' },
        });
        expect(result.class).toBe(value);
        expect(result.source).toBe('override');
        expect(result.derivedClass).toBe(plain.derivedClass);
      }),
    );
  });
});
