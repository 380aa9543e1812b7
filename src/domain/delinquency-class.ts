/**
 * The four classes of delinquency (四类逾期, DOMAIN.md): willingness to pay × ability to pay.
 *   1 willing and able      → reminder, fix the payment channel;
 *   2 willing, not able     → plan, instalments, hardship options;
 *   3 able, not willing     → firm, lawful pressure, escalation, legal route;
 *   4 neither               → assess, skip-trace assets, legal or write-off.
 *
 * The class is derived from a summary of the case's history. Every piece of evidence adds or takes
 * points on one axis (willingness or ability) and comes back as a reason with its weight and a text
 * in zh/en, so that the workbench can say why a case is in its class. A positive total means yes, a
 * negative one no. When an axis has no evidence (or its evidence cancels out) a presumption decides,
 * and says so:
 * - willingness is presumed (benefit of the doubt: a first reminder is the lightest treatment);
 * - ability is presumed for a willing debtor (class 1, a reminder) but not for an unwilling one:
 *   class 3's firm pressure needs evidence that the debtor can pay, so without it the case is class 4
 *   (assess and trace assets first).
 * With no evidence at all the class is null (not yet assessed, as the cases table allows).
 *
 * Special rules: a reported death puts the case in class 4 (the estate and heirs: assess, legal or
 * write-off). A complaint says nothing about willingness or ability (complaining is a right) and is
 * not evidence here. Claims that must be checked before any pressure (a dispute, "not my spending", a
 * fraud claim, "I already paid", a reported death) are listed in `verifyFirst`.
 *
 * A manual override (class, by whom, why) is data: when it is valid it wins, and the answer says so
 * and still carries what the rules derived. An invalid override (class not 1-4, no author, no reason)
 * is not applied and is reported as a reason, so a nightly batch never stops on one case.
 */
import { type BilingualText, copyText } from './bilingual';
import { type RiskSignal, riskSignalText } from './risk-signals';

export const DELINQUENCY_CLASSES = [1, 2, 3, 4] as const;
export type DelinquencyClass = (typeof DELINQUENCY_CLASSES)[number];

const classTexts: Record<DelinquencyClass, { name: BilingualText; treatment: BilingualText }> = {
  1: {
    name: { zh: '一类：有意愿、有能力', en: 'Class 1: willing and able' },
    treatment: { zh: '提醒还款，协助解决还款渠道问题', en: 'Remind; fix the payment channel' },
  },
  2: {
    name: { zh: '二类：有意愿、无能力', en: 'Class 2: willing, not able' },
    treatment: {
      zh: '协商还款计划、分期或困难客户方案',
      en: 'Negotiate a plan, instalments or hardship options',
    },
  },
  3: {
    name: { zh: '三类：有能力、无意愿', en: 'Class 3: able, not willing' },
    treatment: {
      zh: '坚定、合法地施压，升级处理，可走法律途径',
      en: 'Firm, lawful pressure; escalate; consider the legal route',
    },
  },
  4: {
    name: { zh: '四类：无意愿、无能力', en: 'Class 4: neither willing nor able' },
    treatment: {
      zh: '评估案件，查找资产线索，考虑诉讼或核销',
      en: 'Assess; trace assets; consider litigation or write-off',
    },
  },
};

/** The name of a class and the treatment it calls for. */
export function delinquencyClassText(value: DelinquencyClass): {
  name: BilingualText;
  treatment: BilingualText;
} {
  const text = classTexts[value];
  return { name: copyText(text.name), treatment: copyText(text.treatment) };
}

export function isDelinquencyClass(value: unknown): value is DelinquencyClass {
  return value === 1 || value === 2 || value === 3 || value === 4;
}

/** The reason a debtor gave for not paying, as logged on the call. */
export const STATED_REASONS = [
  'forgot',
  'payment_channel_issue',
  'cashflow',
  'income_drop',
  'job_loss',
  'illness',
  'business_failure',
  'family_emergency',
  'over_indebted',
  'will_pay_later',
  'blames_others',
  'third_party_spent',
  'dispute',
  'fraud_claim',
  'already_paid_claim',
  'sue_me',
  'refuses',
] as const;
export type StatedReason = (typeof STATED_REASONS)[number];

interface StatedReasonRule {
  text: BilingualText;
  willingness: number;
  ability: number;
  verify: boolean;
}

const statedReasonRules: Record<StatedReason, StatedReasonRule> = {
  forgot: { text: { zh: '忘记还款', en: 'Forgot to pay' }, willingness: 2, ability: 2, verify: false },
  payment_channel_issue: {
    text: {
      zh: '还款渠道问题（扣款失败、不会操作等）',
      en: 'Payment channel problem (failed debit, cannot use the app)',
    },
    willingness: 2,
    ability: 1,
    verify: false,
  },
  cashflow: {
    text: { zh: '临时资金周转困难', en: 'Temporary cash-flow problem' },
    willingness: 1,
    ability: -1,
    verify: false,
  },
  income_drop: { text: { zh: '收入下降', en: 'Income dropped' }, willingness: 1, ability: -2, verify: false },
  job_loss: { text: { zh: '失业', en: 'Lost their job' }, willingness: 1, ability: -3, verify: false },
  illness: {
    text: { zh: '疾病或医疗支出', en: 'Illness or medical costs' },
    willingness: 1,
    ability: -3,
    verify: false,
  },
  business_failure: {
    text: { zh: '经营失败', en: 'Business failed' },
    willingness: 1,
    ability: -3,
    verify: false,
  },
  family_emergency: {
    text: { zh: '家庭变故', en: 'Family emergency' },
    willingness: 1,
    ability: -2,
    verify: false,
  },
  over_indebted: {
    text: { zh: '负债过多，多处欠款', en: 'Over-indebted, owes several lenders' },
    willingness: 0,
    ability: -2,
    verify: false,
  },
  will_pay_later: {
    text: { zh: '拖延：称以后再还，不给具体时间', en: 'Stalling: "I will pay later", no date' },
    willingness: -1,
    ability: 0,
    verify: false,
  },
  blames_others: {
    text: {
      zh: '推诿：称应由他人（如配偶）还款',
      en: 'Blames others: someone else (e.g. a spouse) should pay',
    },
    willingness: -1,
    ability: 0,
    verify: false,
  },
  third_party_spent: {
    text: {
      zh: '称非本人消费（如被前任使用）',
      en: 'Says someone else spent the money (e.g. an ex-partner)',
    },
    willingness: -1,
    ability: 0,
    verify: true,
  },
  dispute: {
    text: { zh: '对金额或费用有异议', en: 'Disputes the amount or the fees' },
    willingness: -1,
    ability: 0,
    verify: true,
  },
  fraud_claim: {
    text: { zh: '称被冒名办理或遭遇欺诈', en: 'Claims identity theft or fraud' },
    willingness: 0,
    ability: 0,
    verify: true,
  },
  already_paid_claim: {
    text: { zh: '称已经还款', en: 'Says they already paid' },
    willingness: 0,
    ability: 0,
    verify: true,
  },
  sue_me: {
    text: { zh: '对抗：称"去起诉我吧"', en: 'Confrontational: "sue me then"' },
    willingness: -2,
    ability: 0,
    verify: false,
  },
  refuses: { text: { zh: '明确拒绝还款', en: 'Refuses to pay' }, willingness: -3, ability: 0, verify: false },
};

/** What a stated reason means, for people. */
export function statedReasonText(reason: StatedReason): BilingualText {
  return copyText(statedReasonRules[reason].text);
}

export function isStatedReason(value: string): value is StatedReason {
  return Object.hasOwn(statedReasonRules, value);
}

/** Evidence that the debtor has means, from verification or the debtor's own statements. */
export const ABILITY_EVIDENCE = ['employed', 'business_operating', 'assets_known', 'high_spending'] as const;
export type AbilityEvidence = (typeof ABILITY_EVIDENCE)[number];

const abilityEvidenceRules: Record<AbilityEvidence, { text: BilingualText; ability: number }> = {
  employed: { text: { zh: '有稳定工作收入', en: 'Has a steady job' }, ability: 1 },
  business_operating: { text: { zh: '经营正常', en: 'Their business is operating' }, ability: 1 },
  assets_known: {
    text: { zh: '名下有房产、车辆等资产', en: 'Owns assets such as property or a car' },
    ability: 2,
  },
  high_spending: { text: { zh: '近期有高消费', en: 'Recent high spending' }, ability: 2 },
};

export interface CaseHistorySummary {
  promises: {
    made: number;
    kept: number;
    /** Promises with something, but less than promised, paid by the deadline. Default 0. */
    partlyKept?: number;
    broken: number;
  };
  /** Payments posted in the last 90 days. */
  paymentsLast90Days: { count: number; totalFen: number };
  /** The balance owed now, whole fen. */
  balanceFen: number;
  contact: {
    /** Call attempts to the debtor's own numbers. */
    attempts: number;
    /** Attempts in which the debtor was reached and identified (right-party contacts). */
    rightPartyContacts: number;
    /** Every known number of the debtor is invalid (空号, 停机, wrong number). */
    allNumbersInvalid: boolean;
  };
  /** The reason the debtor gave on the latest right-party contact, if any. */
  statedReason?: StatedReason | null;
  riskSignals?: readonly RiskSignal[];
  abilityEvidence?: readonly AbilityEvidence[];
  override?: ClassOverride | null;
}

/** A manual classification by a person: it wins over the rules when valid. */
export interface ClassOverride {
  class: DelinquencyClass;
  /** Who overrode (a user id or name). */
  by: string;
  /** Why, in the person's words. */
  why: string;
}

export interface ClassificationParams {
  /** Attempts without a single right-party contact that count as avoiding contact. Default 10. */
  avoidanceAttempts?: number;
  /** Right-party contacts per attempt, in percent, from which the debtor counts as reachable. Default 20. */
  reachablePercent?: number;
  /** Payments in 90 days of at least this share of the balance (basis points) show means. Default 1000 (10%). */
  significantShareBp?: number;
}

export const CLASS_REASON_CODES = [
  'promises_kept',
  'promises_made_open',
  'promise_partly_kept',
  'promise_broken',
  'promises_broken_repeatedly',
  'recent_payments',
  'paid_significant_share',
  'reachable',
  'avoids_contact',
  'unreachable',
  'stated_reason',
  'ability_evidence',
  'risk_signal',
  'willingness_presumed',
  'ability_presumed',
  'ability_unproven',
  'deceased_estate',
  'no_evidence',
  'manual_override',
  'override_invalid',
] as const;
export type ClassReasonCode = (typeof CLASS_REASON_CODES)[number];

export interface ClassReason {
  code: ClassReasonCode;
  /** The axis the reason moves, or 'class' for a reason about the class as a whole. */
  dimension: 'willingness' | 'ability' | 'class';
  /** Points towards willing / able (negative: towards unwilling / unable); 0 for a class reason. */
  weight: number;
  /** The stated reason, risk signal or ability evidence the reason is about, when there is one. */
  subject?: StatedReason | RiskSignal | AbilityEvidence;
  text: BilingualText;
}

export interface DelinquencyClassification {
  /** The class that applies (the override's when one is applied); null when not yet assessed. */
  class: DelinquencyClass | null;
  source: 'rules' | 'override';
  /** Name and treatment of the class; null when not assessed. */
  text: { name: BilingualText; treatment: BilingualText } | null;
  /** What the rules derived (equal to `class` when no override applies). */
  derivedClass: DelinquencyClass | null;
  willingnessScore: number;
  abilityScore: number;
  /** The axes as the rules decided them, presumptions included; null when not assessed. */
  willing: boolean | null;
  able: boolean | null;
  /** Everything that led to the answer, in the order it was considered. */
  reasons: ClassReason[];
  /** Claims and facts to check before any collection pressure (a dispute, a fraud claim, a death). */
  verifyFirst: ClassReason[];
  override: ClassOverride | null;
}

function assertCount(value: number, what: string): void {
  if (!Number.isSafeInteger(value) || value < 0)
    throw new RangeError(`${what} must be a whole number >= 0: ${value}`);
}

function checkSummary(summary: CaseHistorySummary): void {
  assertCount(summary.promises.made, 'promises.made');
  assertCount(summary.promises.kept, 'promises.kept');
  assertCount(summary.promises.partlyKept ?? 0, 'promises.partlyKept');
  assertCount(summary.promises.broken, 'promises.broken');
  assertCount(summary.paymentsLast90Days.count, 'paymentsLast90Days.count');
  assertCount(summary.paymentsLast90Days.totalFen, 'paymentsLast90Days.totalFen');
  assertCount(summary.balanceFen, 'balanceFen');
  assertCount(summary.contact.attempts, 'contact.attempts');
  assertCount(summary.contact.rightPartyContacts, 'contact.rightPartyContacts');
}

/** Why an override cannot be applied, or null when it can. */
export function classOverrideProblem(override: ClassOverride): 'class' | 'by' | 'why' | null {
  if (!isDelinquencyClass(override.class)) return 'class';
  if (typeof override.by !== 'string' || override.by.trim() === '') return 'by';
  if (typeof override.why !== 'string' || override.why.trim() === '') return 'why';
  return null;
}

function classOf(willing: boolean, able: boolean): DelinquencyClass {
  if (willing) return able ? 1 : 2;
  return able ? 3 : 4;
}

/**
 * Derives the class from a case history summary (see the module comment for the rules). Throws a
 * RangeError for counts or amounts that are not whole numbers >= 0 (a programming error).
 */
export function classifyDelinquency(
  summary: CaseHistorySummary,
  params: ClassificationParams = {},
): DelinquencyClassification {
  checkSummary(summary);
  const avoidanceAttempts = params.avoidanceAttempts ?? 10;
  const reachablePercent = params.reachablePercent ?? 20;
  const significantShareBp = params.significantShareBp ?? 1000;
  const reasons: ClassReason[] = [];
  const verifyFirst: ClassReason[] = [];
  const add = (reason: ClassReason): ClassReason => {
    reasons.push(reason);
    return reason;
  };
  const signals = new Set(summary.riskSignals ?? []);
  const { made, kept, broken } = summary.promises;
  const partlyKept = summary.promises.partlyKept ?? 0;

  // Promises.
  if (kept > 0) {
    const text = { zh: `已履约承诺 ${kept} 次`, en: `Kept ${kept} promise(s)` };
    add({ code: 'promises_kept', dimension: 'willingness', weight: 2, text });
    add({ code: 'promises_kept', dimension: 'ability', weight: 1, text: copyText(text) });
  }
  const open = made - kept - partlyKept - broken;
  if (open > 0 && kept + partlyKept + broken === 0) {
    add({
      code: 'promises_made_open',
      dimension: 'willingness',
      weight: 1,
      text: { zh: `已作出还款承诺 ${open} 次，尚未到期`, en: `Made ${open} promise(s), not yet due` },
    });
  }
  if (partlyKept > 0) {
    const text = { zh: `部分履约 ${partlyKept} 次`, en: `Partly kept ${partlyKept} promise(s)` };
    add({ code: 'promise_partly_kept', dimension: 'willingness', weight: 1, text });
    add({ code: 'promise_partly_kept', dimension: 'ability', weight: -1, text: copyText(text) });
  }
  if (broken >= 2 && broken > kept) {
    add({
      code: 'promises_broken_repeatedly',
      dimension: 'willingness',
      weight: -2,
      text: { zh: `多次跳票：${broken} 次承诺未履约`, en: `Repeatedly broken: ${broken} promises not kept` },
    });
  } else if (broken >= 1 && kept === 0) {
    add({
      code: 'promise_broken',
      dimension: 'willingness',
      weight: -1,
      text: { zh: `${broken} 次承诺未履约`, en: `${broken} promise(s) not kept` },
    });
  }

  // Payments in the last 90 days.
  const payments = summary.paymentsLast90Days;
  if (payments.count > 0 && payments.totalFen > 0) {
    add({
      code: 'recent_payments',
      dimension: 'willingness',
      weight: 2,
      text: {
        zh: `近 90 天还款 ${payments.count} 笔`,
        en: `${payments.count} payment(s) in the last 90 days`,
      },
    });
    const significant =
      BigInt(payments.totalFen) * 10_000n >= BigInt(significantShareBp) * BigInt(summary.balanceFen);
    add(
      significant
        ? {
            code: 'paid_significant_share',
            dimension: 'ability',
            weight: 2,
            text: {
              zh: `近 90 天还款达到余额的 ${significantShareBp / 100}% 以上`,
              en: `Paid at least ${significantShareBp / 100}% of the balance in the last 90 days`,
            },
          }
        : {
            code: 'recent_payments',
            dimension: 'ability',
            weight: 1,
            text: { zh: '近 90 天有少量还款', en: 'Some small payments in the last 90 days' },
          },
    );
  }

  // Contactability. Lost contact and all numbers invalid are one piece of evidence.
  const contact = summary.contact;
  if (contact.allNumbersInvalid || signals.has('lost_contact')) {
    add({
      code: 'unreachable',
      dimension: 'willingness',
      weight: -1,
      ...(contact.allNumbersInvalid ? {} : { subject: 'lost_contact' as const }),
      text: contact.allNumbersInvalid
        ? { zh: '所有号码均无效，疑似失联', en: 'Every known number is invalid: possibly lost contact' }
        : riskSignalText('lost_contact'),
    });
  } else if (contact.rightPartyContacts === 0 && contact.attempts >= avoidanceAttempts) {
    add({
      code: 'avoids_contact',
      dimension: 'willingness',
      weight: -1,
      text: {
        zh: `拨打 ${contact.attempts} 次均未联系到本人`,
        en: `${contact.attempts} attempts without reaching the debtor`,
      },
    });
  } else if (
    contact.rightPartyContacts > 0 &&
    contact.rightPartyContacts * 100 >=
      reachablePercent * Math.max(contact.attempts, contact.rightPartyContacts)
  ) {
    add({
      code: 'reachable',
      dimension: 'willingness',
      weight: 1,
      text: {
        zh: `能联系到本人：${contact.rightPartyContacts}/${contact.attempts} 次接通本人`,
        en: `Reachable: ${contact.rightPartyContacts} of ${contact.attempts} attempts reached the debtor`,
      },
    });
  }

  // The stated reason.
  const stated = summary.statedReason ?? null;
  if (stated !== null) {
    const rule = statedReasonRules[stated];
    for (const [dimension, weight] of [
      ['willingness', rule.willingness],
      ['ability', rule.ability],
    ] as const) {
      if (weight !== 0) {
        add({ code: 'stated_reason', dimension, weight, subject: stated, text: copyText(rule.text) });
      }
    }
    if (rule.verify) {
      verifyFirst.push({
        code: 'stated_reason',
        dimension: 'class',
        weight: 0,
        subject: stated,
        text: copyText(rule.text),
      });
    }
  }

  // Evidence of means.
  for (const evidence of new Set(summary.abilityEvidence ?? [])) {
    const rule = abilityEvidenceRules[evidence];
    add({
      code: 'ability_evidence',
      dimension: 'ability',
      weight: rule.ability,
      subject: evidence,
      text: copyText(rule.text),
    });
  }

  // Risk signals. Lost contact is counted above; a complaint is not evidence (see the module comment).
  const signalWeights: Partial<Record<RiskSignal, { willingness: number; ability: number }>> = {
    asset_transfer: { willingness: -3, ability: 2 },
    fraud_suspected: { willingness: -2, ability: 0 },
    multiple_lenders: { willingness: 0, ability: -1 },
    enforcement_debtor: { willingness: 0, ability: -2 },
    bankruptcy: { willingness: 0, ability: -3 },
  };
  for (const signal of signals) {
    const weights = signalWeights[signal];
    if (!weights) continue;
    for (const [dimension, weight] of [
      ['willingness', weights.willingness],
      ['ability', weights.ability],
    ] as const) {
      if (weight !== 0) {
        add({ code: 'risk_signal', dimension, weight, subject: signal, text: riskSignalText(signal) });
      }
    }
  }

  const score = (dimension: 'willingness' | 'ability') =>
    reasons.filter((r) => r.dimension === dimension).reduce((sum, r) => sum + r.weight, 0);
  const willingnessScore = score('willingness');
  const abilityScore = score('ability');

  let derivedClass: DelinquencyClass | null;
  let willing: boolean | null = null;
  let able: boolean | null = null;
  if (signals.has('deceased')) {
    const reason = add({
      code: 'deceased_estate',
      dimension: 'class',
      weight: 0,
      subject: 'deceased',
      text: {
        zh: '本人已身故：转向遗产和继承人处理，按四类评估',
        en: 'Debtor deceased: the estate and heirs are handled as class 4 (assess)',
      },
    });
    verifyFirst.push(reason);
    willing = false;
    able = false;
    derivedClass = 4;
  } else if (reasons.length === 0) {
    add({
      code: 'no_evidence',
      dimension: 'class',
      weight: 0,
      text: { zh: '尚无足够信息，暂不分类', en: 'Not enough information yet: not classified' },
    });
    derivedClass = null;
  } else {
    if (willingnessScore === 0) {
      add({
        code: 'willingness_presumed',
        dimension: 'class',
        weight: 0,
        text: { zh: '还款意愿不明，先按有意愿处理', en: 'Willingness unclear: presumed willing for now' },
      });
      willing = true;
    } else {
      willing = willingnessScore > 0;
    }
    if (abilityScore === 0) {
      able = willing;
      add(
        willing
          ? {
              code: 'ability_presumed',
              dimension: 'class',
              weight: 0,
              text: {
                zh: '还款能力不明，有意愿者先按有能力处理（提醒为主）',
                en: 'Ability unclear: presumed able for a willing debtor (remind first)',
              },
            }
          : {
              code: 'ability_unproven',
              dimension: 'class',
              weight: 0,
              text: {
                zh: '还款能力未经证实：施压前须先评估并查找资产',
                en: 'Ability unproven: assess and trace assets before any pressure',
              },
            },
      );
    } else {
      able = abilityScore > 0;
    }
    derivedClass = classOf(willing, able);
  }

  let applied: ClassOverride | null = null;
  if (summary.override) {
    const problem = classOverrideProblem(summary.override);
    if (problem === null) {
      applied = { class: summary.override.class, by: summary.override.by, why: summary.override.why };
      reasons.unshift({
        code: 'manual_override',
        dimension: 'class',
        weight: 0,
        text: {
          zh: `人工调整为${applied.class}类（${applied.by}）：${applied.why}`,
          en: `Manually set to class ${applied.class} by ${applied.by}: ${applied.why}`,
        },
      });
    } else {
      reasons.push({
        code: 'override_invalid',
        dimension: 'class',
        weight: 0,
        text: {
          zh: `人工分类无效（${problem === 'class' ? '类别须为 1-4' : problem === 'by' ? '缺少调整人' : '缺少调整原因'}），未采用`,
          en: `Manual class not applied: ${problem === 'class' ? 'the class must be 1-4' : problem === 'by' ? 'no author given' : 'no reason given'}`,
        },
      });
    }
  }
  const finalClass = applied ? applied.class : derivedClass;
  return {
    class: finalClass,
    source: applied ? 'override' : 'rules',
    text: finalClass === null ? null : delinquencyClassText(finalClass),
    derivedClass,
    willingnessScore,
    abilityScore,
    willing,
    able,
    reasons,
    verifyFirst,
    override: applied,
  };
}
