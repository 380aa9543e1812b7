/**
 * Grading a role-play: yes/no checks per dimension weighted to a 0-100 score, compliance as a gate (any
 * error-level rulebook finding fails the call whatever the score), and the after-call report with notes
 * per trainee turn, each finding's explanation and a better phrasing.
 *
 * A call passes when it is compliant, reaches the scenario's goal and scores at least PASS_SCORE.
 * Pure: reads the ended (or abandoned) session and its scenario.
 */
import type { BilingualText } from '../domain/bilingual';
import { daysBetween } from '../domain/dates';
import { OBJECTION_KEYS, type ObjectionKey, recommendScripts } from '../domain/script-library';
import { CHANNEL_NAMES } from './labels';
import type {
  CollectorAct,
  DimensionResult,
  EngineSession,
  Excuse,
  GradeDimension,
  Scenario,
  TrainingReport,
  TurnMeta,
  TurnNote,
} from './types';
import { PASS_SCORE } from './types';

/** Weights of a debtor or guarantor call (add up to 100). */
export const DEBTOR_WEIGHTS: Readonly<Partial<Record<GradeDimension, number>>> = {
  opening: 10,
  right_party: 10,
  purpose: 10,
  reason: 10,
  objections: 15,
  empathy: 10,
  commitment: 20,
  recap: 10,
  professional: 5,
};

/** Weights of a third-party call (add up to 100). */
export const THIRD_PARTY_WEIGHTS: Readonly<Partial<Record<GradeDimension, number>>> = {
  opening: 15,
  right_party: 15,
  discretion: 25,
  message: 20,
  empathy: 10,
  closing: 10,
  professional: 5,
};

const COURTESY = /麻烦|谢谢|感谢|请您|不好意思|打扰|辛苦/u;
const OBJECTION_INTENTS = new Set(['excuse', 'dispute', 'defy']);
const OBJECTION_ANSWERS: readonly CollectorAct[] = [
  'empathy',
  'ask_reason',
  'offer_plan',
  'lawful_consequence',
  'propose',
  'ask_amount_date',
];

function yuan(fen: number): string {
  return (fen / 100).toFixed(2);
}

interface TraineeTurn {
  index: number;
  acts: ReadonlySet<CollectorAct>;
  text: string;
}

function traineeTurns(session: EngineSession): TraineeTurn[] {
  const out: TraineeTurn[] = [];
  session.meta.forEach((meta: TurnMeta, index) => {
    if (meta.speaker === 'trainee') {
      out.push({ index, acts: new Set(meta.acts), text: session.turns[index]?.text ?? '' });
    }
  });
  return out;
}

function firstWith(turns: readonly TraineeTurn[], act: CollectorAct): TraineeTurn | undefined {
  return turns.find((turn) => turn.acts.has(act));
}

function result(
  dimension: GradeDimension,
  weight: number,
  passed: boolean,
  note: BilingualText,
  turn: number | null = null,
): DimensionResult {
  return { dimension, weight, passed, note, turn };
}

/** The after-call report of a session (ended or not: an unfinished call is graded as it stands). */
export function gradeSession(session: EngineSession, scenario: Scenario): TrainingReport {
  const turns = traineeTurns(session);
  const errors = session.findings.filter((finding) => finding.severity === 'error');
  const warnings = session.findings.filter((finding) => finding.severity === 'warning');
  const { progress } = session;
  const thirdParty = scenario.party === 'third_party';
  const weights = thirdParty ? THIRD_PARTY_WEIGHTS : DEBTOR_WEIGHTS;
  const dimensions: DimensionResult[] = [];
  const weight = (dimension: GradeDimension) => weights[dimension] ?? 0;

  // Opening: own name and institution in the first line.
  const first = turns[0];
  const openingFinding = session.findings.find((finding) => finding.rule === 'cn.opening.identity');
  const opened = first?.acts.has('identity') === true && !openingFinding;
  dimensions.push(
    result(
      'opening',
      weight('opening'),
      opened,
      opened
        ? { zh: '开场报出了姓名和机构。', en: 'Opened with your name and institution.' }
        : {
            zh: '开场第一句应报出自己的姓名和所在机构（如“您好，我是华信银行信用卡中心的李明”）。',
            en: 'The first line should give your name and institution ("Hello, this is Li Ming from Huaxin Bank card centre").',
          },
      first?.index ?? null,
    ),
  );

  const check = firstWith(turns, 'right_party_check');
  if (thirdParty) {
    dimensions.push(
      result(
        'right_party',
        weight('right_party'),
        check !== undefined,
        check
          ? { zh: '按全名询问要找的人。', en: 'Asked for the person by full name.' }
          : {
              zh: '应先按全名询问要找的人（如“请问王明在吗？”），确认接听者不是本人。',
              en: 'Ask for the person by full name first ("Is Wang Ming there?") to learn who answered.',
            },
        check?.index ?? null,
      ),
    );
    const disclosures = errors.filter(
      (finding) => finding.category === 'third_party_disclosure' || finding.category === 'third_party_demand',
    );
    dimensions.push(
      result(
        'discretion',
        weight('discretion'),
        disclosures.length === 0,
        disclosures.length === 0
          ? {
              zh: '没有向第三方透露任何欠款信息。',
              en: 'Disclosed nothing about the debt to the third party.',
            }
          : {
              zh: `向第三方透露了催收事由（“${disclosures[0]?.quote ?? ''}”）。对第三方只能说姓名和回电方式。`,
              en: `Disclosed the reason for the call ("${disclosures[0]?.quote ?? ''}"). To a third party, give only your name and a callback number.`,
            },
        disclosures[0]?.turn ?? null,
      ),
    );
    const message = firstWith(turns, 'callback_request');
    dimensions.push(
      result(
        'message',
        weight('message'),
        progress.messageTaken,
        progress.messageTaken
          ? { zh: '对方答应转告回电。', en: 'They agreed to pass on the callback request.' }
          : {
              zh: '应请对方转告本人回电，并留下回电方式；对方拒绝就不要勉强。',
              en: 'Ask them to pass on a callback request with your number; if they refuse, do not press.',
            },
        message?.index ?? null,
      ),
    );
    const courteous = turns.find((turn) => turn.acts.has('empathy') || COURTESY.test(turn.text));
    dimensions.push(
      result(
        'empathy',
        weight('empathy'),
        courteous !== undefined,
        courteous
          ? { zh: '用语礼貌（请、麻烦、谢谢）。', en: 'Polite throughout (please, thank you).' }
          : {
              zh: '对第三方是请求帮忙，要用“麻烦您”“谢谢”等礼貌用语。',
              en: 'You are asking a favour: say "please" and "thank you".',
            },
        courteous?.index ?? null,
      ),
    );
    const closing = firstWith(turns, 'closing');
    dimensions.push(
      result(
        'closing',
        weight('closing'),
        closing !== undefined,
        closing
          ? { zh: '礼貌结束通话。', en: 'Closed the call politely.' }
          : { zh: '结束前应致谢并道别。', en: 'Thank them and say goodbye before you hang up.' },
        closing?.index ?? null,
      ),
    );
  } else {
    const purpose = firstWith(turns, 'purpose');
    const checkedFirst = check !== undefined && (purpose === undefined || check.index <= purpose.index);
    dimensions.push(
      result(
        'right_party',
        weight('right_party'),
        checkedFirst,
        checkedFirst
          ? { zh: '说明来意前核实了本人身份。', en: 'Confirmed the right party before stating the purpose.' }
          : {
              zh: '说明来意之前，要先用全名核实对方是否本人（如“请问您是王明先生本人吗？”）。',
              en: 'Before stating the purpose, confirm by full name that you are talking to the right person.',
            },
        (check ?? purpose)?.index ?? null,
      ),
    );
    dimensions.push(
      result(
        'purpose',
        weight('purpose'),
        purpose !== undefined,
        purpose
          ? { zh: '清楚说明了来电目的。', en: 'Stated the purpose of the call clearly.' }
          : {
              zh: '应简明说明来电目的（如“您的信用卡本期账单已逾期，今天来电跟您确认还款安排”）。',
              en: 'State the purpose briefly (the bill is overdue; you are calling about repayment).',
            },
        purpose?.index ?? null,
      ),
    );
    const reason = firstWith(turns, 'ask_reason');
    dimensions.push(
      result(
        'reason',
        weight('reason'),
        reason !== undefined,
        reason
          ? { zh: '询问了未还款的原因。', en: 'Asked why the payment was missed.' }
          : {
              zh: '要问清未还款的原因（“是遇到什么情况了吗？”），原因决定后面的方案。',
              en: 'Ask why they did not pay ("Has something come up?"): the reason decides the plan.',
            },
        reason?.index ?? null,
      ),
    );
    // Objections: every excuse or dispute answered in the next trainee line.
    let raised = 0;
    let unanswered: number | null = null;
    session.meta.forEach((meta, index) => {
      if (meta.speaker !== 'debtor' || !OBJECTION_INTENTS.has(meta.intent)) return;
      raised += 1;
      const next = turns.find((turn) => turn.index > index);
      if (!next || !OBJECTION_ANSWERS.some((act) => next.acts.has(act))) {
        if (unanswered === null && next) unanswered = next.index;
        if (!next && unanswered === null) unanswered = index;
      }
    });
    const handled = unanswered === null;
    dimensions.push(
      result(
        'objections',
        weight('objections'),
        handled,
        raised === 0
          ? { zh: '对方没有提出异议。', en: 'No objection was raised.' }
          : handled
            ? {
                zh: `对方提出的 ${raised} 个异议都得到了回应。`,
                en: `All ${raised} objections were answered.`,
              }
            : {
                zh: '对方提出异议后没有回应（共情、问原因、给方案或说明合法后果），只是重复催款。',
                en: 'An objection went unanswered: respond with empathy, a question, a plan or a lawful consequence instead of repeating the demand.',
              },
        unanswered,
      ),
    );
    const empathy = firstWith(turns, 'empathy');
    dimensions.push(
      result(
        'empathy',
        weight('empathy'),
        empathy !== undefined,
        empathy
          ? { zh: '表达了理解和同理心。', en: 'Showed understanding.' }
          : {
              zh: '听到对方的难处时，先表示理解（“我理解您现在不容易”），再谈方案。',
              en: 'When they tell you their difficulty, acknowledge it first ("I understand it is hard right now").',
            },
        empathy?.index ?? null,
      ),
    );
    const promise = progress.promise;
    const missing: BilingualText[] = [];
    if (!promise) missing.push({ zh: '没有拿到还款承诺', en: 'no promise was agreed' });
    if (promise && scenario.goal.kind === 'promise') {
      if (promise.amount < scenario.goal.minFen) {
        missing.push({
          zh: `承诺金额少于目标 ${yuan(scenario.goal.minFen)} 元`,
          en: `the amount is below the goal of ¥${yuan(scenario.goal.minFen)}`,
        });
      }
      if (daysBetween(session.today, promise.date) > scenario.goal.withinDays) {
        missing.push({
          zh: `还款日期晚于 ${scenario.goal.withinDays} 天内`,
          en: `the date is later than ${scenario.goal.withinDays} days`,
        });
      }
    }
    if (promise && !promise.channel) {
      missing.push({ zh: '没有说明官方还款渠道', en: 'no official payment channel was named' });
    }
    dimensions.push(
      result(
        'commitment',
        weight('commitment'),
        missing.length === 0,
        missing.length === 0 && promise
          ? {
              zh: `拿到了明确承诺：${yuan(promise.amount)} 元，${promise.date}，${CHANNEL_NAMES[promise.channel ?? '']?.zh ?? promise.channel}。`,
              en: `A firm promise: ¥${yuan(promise.amount)} on ${promise.date} via ${CHANNEL_NAMES[promise.channel ?? '']?.en ?? promise.channel}.`,
            }
          : {
              zh: `承诺要有金额、日期和渠道：${missing.map((entry) => entry.zh).join('；')}。`,
              en: `A promise needs an amount, a date and a channel: ${missing.map((entry) => entry.en).join('; ')}.`,
            },
      ),
    );
    const recap = turns.find(
      (turn) => turn.acts.has('recap') && promise !== null && turn.index > (firstPromiseTurn(session) ?? 0),
    );
    dimensions.push(
      result(
        'recap',
        weight('recap'),
        progress.recapped,
        progress.recapped
          ? { zh: '结束前复述并确认了承诺。', en: 'Recapped and confirmed the promise before closing.' }
          : {
              zh: '拿到承诺后要复述金额、日期和渠道，请对方确认（“跟您确认一下：……对吗？”）。',
              en: 'After the promise, repeat the amount, date and channel and ask them to confirm.',
            },
        recap?.index ?? null,
      ),
    );
  }

  const cleanLanguage = errors.length === 0 && warnings.length === 0;
  const firstIssue = errors[0] ?? warnings[0];
  dimensions.push(
    result(
      'professional',
      weight('professional'),
      cleanLanguage,
      cleanLanguage
        ? { zh: '用语专业，没有不当表述。', en: 'Professional language throughout.' }
        : {
            zh: `有不当表述（“${firstIssue?.quote ?? ''}”）：${firstIssue?.explanation.zh ?? ''}`,
            en: `Improper wording ("${firstIssue?.quote ?? ''}"): ${firstIssue?.explanation.en ?? ''}`,
          },
      firstIssue?.turn ?? null,
    ),
  );

  const score = dimensions.reduce((sum, dimension) => sum + (dimension.passed ? dimension.weight : 0), 0);
  const compliancePassed = errors.length === 0;
  const goalMet =
    scenario.goal.kind === 'callback_message'
      ? progress.messageTaken && compliancePassed
      : progress.promise !== null &&
        progress.promise.amount >= scenario.goal.minFen &&
        daysBetween(session.today, progress.promise.date) <= scenario.goal.withinDays;

  return {
    scenarioId: scenario.id,
    score,
    passed: compliancePassed && goalMet && score >= PASS_SCORE,
    compliancePassed,
    goalMet,
    outcome: {
      promise: progress.promise ? { ...progress.promise } : null,
      ended: session.ended ?? 'script_end',
    },
    dimensions,
    turnNotes: turnNotes(session, scenario, turns, thirdParty),
    findings: session.findings.map((finding) => ({ ...finding })),
    persona: {
      type: scenario.persona.type,
      mindset: scenario.persona.mindset,
      situation: scenario.persona.situation,
      coaching: { ...scenario.persona.coaching },
      finalState: { ...session.state },
    },
  };
}

function firstPromiseTurn(session: EngineSession): number | null {
  const index = session.meta.findIndex((meta) => meta.speaker === 'debtor' && meta.intent === 'accept');
  return index < 0 ? null : index;
}

/** The script library's key for an excuse of the simulator (most share the key). */
function objectionOf(excuse: Excuse | null): ObjectionKey | null {
  if (excuse === null) return null;
  if (excuse === 'business_cashflow') return 'company_cashflow';
  return (OBJECTION_KEYS as readonly string[]).includes(excuse) ? (excuse as ObjectionKey) : null;
}

function stageOf(daysPastDue: number): string {
  if (daysPastDue <= 0) return 'M0';
  if (daysPastDue <= 30) return 'M1';
  if (daysPastDue <= 60) return 'M2';
  if (daysPastDue <= 90) return 'M3';
  return 'M3+';
}

/**
 * A better phrasing for an objection left unanswered: the script library's handler for that excuse,
 * for the call's stage, the persona's class and type, with the scenario's facts filled in (fields the
 * call does not know stay as 【名称】).
 */
function handlerFor(scenario: Scenario, excuse: Excuse | null): BilingualText | null {
  const objection = objectionOf(excuse);
  if (objection === null) return null;
  const [handler] = recommendScripts({
    stage: stageOf(scenario.account.daysPastDue),
    delinquencyClass: scenario.persona.situation,
    personality: scenario.persona.type === 'hostile' ? 'strong' : scenario.persona.type,
    objection,
  }).filter((entry) => entry.purpose === 'objection');
  if (!handler) return null;
  const known: Record<string, string> = {
    客户姓名: scenario.account.debtorName,
    机构名称: scenario.account.creditor,
    应还金额: `${yuan(scenario.account.overdueFen)}元`,
    逾期天数: String(scenario.account.daysPastDue),
    官方还款渠道: '官方APP',
  };
  const line = handler.textZh.replace(/\{\{([^}]+)\}\}/gu, (_, name: string) => known[name] ?? `【${name}】`);
  return {
    zh: `可以参考话术“${handler.titleZh}”：${line}（${handler.whyZh}）`,
    en: `Try the script "${handler.titleEn}": ${line} (${handler.whyEn})`,
  };
}

function turnNotes(
  session: EngineSession,
  scenario: Scenario,
  turns: readonly TraineeTurn[],
  thirdParty: boolean,
): TurnNote[] {
  const notes: TurnNote[] = [];
  let purposeSeen = false;
  let checked = false;
  turns.forEach((turn, position) => {
    const list: BilingualText[] = [];
    if (position === 0 && !turn.acts.has('identity')) {
      list.push({
        zh: '开场没有报出姓名和机构。',
        en: 'The opening did not give your name and institution.',
      });
    }
    if (turn.acts.has('right_party_check')) checked = true;
    if (!thirdParty && turn.acts.has('purpose') && !purposeSeen && !checked) {
      list.push({
        zh: '还没核实是否本人就说明了来意。',
        en: 'Stated the purpose before confirming the right party.',
      });
    }
    if (turn.acts.has('purpose')) purposeSeen = true;
    const before = session.meta[turn.index - 1];
    if (
      !thirdParty &&
      before?.speaker === 'debtor' &&
      OBJECTION_INTENTS.has(before.intent) &&
      !OBJECTION_ANSWERS.some((act) => turn.acts.has(act))
    ) {
      list.push({
        zh: '对方刚提出异议，这句没有回应它。',
        en: 'They had just raised an objection; this line did not answer it.',
      });
      const better = handlerFor(scenario, before.excuse);
      if (better) list.push(better);
    }
    if (turn.acts.size === 0 && turn.text.trim().length > 0) {
      list.push({
        zh: '这句没有推进通话的任何一步（核身、来意、原因、方案、承诺、确认）。',
        en: 'This line did not move the call forward (identity, purpose, reason, plan, promise, recap).',
      });
    }
    if (before?.speaker === 'debtor' && before.intent === 'ask_channel' && !turn.acts.has('channel')) {
      list.push({
        zh: '对方问怎么还，应说明官方还款渠道（官方APP、对公账户）。',
        en: 'They asked how to pay: name an official channel (the official app, the creditor account).',
      });
    }
    notes.push({
      turn: turn.index,
      acts: [...turn.acts],
      notes: list,
      findings: session.findings.filter((finding) => finding.turn === turn.index),
    });
  });
  return notes;
}
