/**
 * Knowledge quiz for trainee collectors (知识测验): a bank of auto-graded questions on the rules a
 * collector works under, in zh-CN with an English translation.
 *
 * Numbers the system enforces (contact hours, daily caps, the third-party trigger) are not typed here:
 * they are read from the cn-cba compliance profile and the default waiver matrix, and each explanation
 * cites the profile's source, so the quiz can never contradict the rulebook the contact gate applies.
 * Legal facts that the system does not enforce (limitation periods) cite the statute in the explanation.
 *
 * - `drawQuiz(seed, count)` draws a quiz: deterministic per seed, topics as even as the bank allows, no
 *   question twice.
 * - `gradeQuiz(questions, answers)` grades it: a question is right only when exactly its correct option
 *   set is chosen; unknown options make an item wrong; answers to questions not in the quiz are listed,
 *   not scored. Nothing is thrown for bad answers.
 *
 * Pure: no I/O, no clock, no randomness but the seeded generator.
 */
import { cnCbaProfile, formatMinute } from '../compliance/profiles';
import type { ContactChannel, Sourced } from '../compliance/profiles/types';
import type { SpeechParty } from '../compliance/speech/types';
import { type BilingualText, copyText } from '../domain/bilingual';
import { formatFen } from '../domain/money';
import { approverRoleName, DEFAULT_WAIVER_MATRIX } from '../domain/waiver-authority';

export const QUIZ_TOPICS = [
  'contact_hours',
  'frequency_caps',
  'third_parties',
  'red_lines',
  'limitation_periods',
  'waivers_settlements',
  'payments_promises',
  'complaints_disputes',
] as const;
export type QuizTopic = (typeof QUIZ_TOPICS)[number];

export const QUIZ_TOPIC_NAMES: Readonly<Record<QuizTopic, BilingualText>> = Object.freeze({
  contact_hours: { zh: '联系时段', en: 'Contact hours' },
  frequency_caps: { zh: '联系频次上限', en: 'Frequency caps' },
  third_parties: { zh: '第三方联系', en: 'Third parties' },
  red_lines: { zh: '催收红线', en: 'Red lines' },
  limitation_periods: { zh: '诉讼时效', en: 'Limitation periods' },
  waivers_settlements: { zh: '减免与和解', en: 'Waivers and settlements' },
  payments_promises: { zh: '还款与承诺', en: 'Payments and promises' },
  complaints_disputes: { zh: '投诉与争议', en: 'Complaints and disputes' },
});

export const QUIZ_KINDS = ['single', 'multiple', 'true_false'] as const;
export type QuizKind = (typeof QUIZ_KINDS)[number];

/** Profile values a question states; the explanation cites each one's source. */
export const PROFILE_FACTS = [
  'hours',
  'noContactOnStatutoryHolidays',
  'dailyUnansweredCallsPerNumber',
  'dailyConnectedCallsPerPerson',
  'thirdParty',
  'thirdPartyRefusalIsFinal',
  'complaintFreeze',
  'cease',
  'attorney',
] as const;
export type ProfileFact = (typeof PROFILE_FACTS)[number];

export interface QuizOption {
  id: string;
  zh: string;
  en: string;
  /**
   * Set when the option is phrased as words a collector says (to the debtor or a third party): the
   * speech rulebook can check it (a correct option must pass without an error finding).
   */
  saidTo?: SpeechParty;
}

export interface QuizQuestion {
  /** Stable id, e.g. 'hours-01'. */
  id: string;
  topic: QuizTopic;
  kind: QuizKind;
  difficulty: 1 | 2 | 3;
  question: BilingualText;
  options: readonly QuizOption[];
  /** Ids of the correct options: exactly one for single choice and true/false. */
  correct: readonly string[];
  explanation: BilingualText;
  /** cn-cba profile values the question states (their sources are cited in the explanation). */
  cites?: readonly ProfileFact[];
}

// ——— facts from the rulebook ———

function required<T>(value: Sourced<T> | null, name: string): Sourced<T> {
  if (value === null) throw new Error(`The cn-cba profile has no ${name}; the quiz states it`);
  return value;
}

const profile = cnCbaProfile;
const HOURS = profile.hours;
const START = formatMinute(HOURS.value.startMinute);
const END = formatMinute(HOURS.value.endMinute);
const BEFORE_START = formatMinute(HOURS.value.startMinute - 1);
const LAST_MINUTE = formatMinute(HOURS.value.endMinute - 1);
const UNANSWERED = required(profile.dailyUnansweredCallsPerNumber, 'dailyUnansweredCallsPerNumber');
const CONNECTED = required(profile.dailyConnectedCallsPerPerson, 'dailyConnectedCallsPerPerson');
const THIRD_PARTY = profile.thirdParty;
const FAILED_ATTEMPTS =
  THIRD_PARTY.value.kind === 'debtor_unreachable'
    ? THIRD_PARTY.value.consecutiveFailedAttempts
    : (() => {
        throw new Error('The cn-cba profile no longer uses the debtor_unreachable third-party rule');
      })();

const factSources: Record<ProfileFact, string> = {
  hours: HOURS.source,
  noContactOnStatutoryHolidays:
    profile.noContactOnStatutoryHolidays?.source ??
    'cn-cba profile: no statutory-holiday rule (noContactOnStatutoryHolidays is null); a house override may add one',
  dailyUnansweredCallsPerNumber: UNANSWERED.source,
  dailyConnectedCallsPerPerson: CONNECTED.source,
  thirdParty: THIRD_PARTY.source,
  thirdPartyRefusalIsFinal: profile.thirdPartyRefusalIsFinal.source,
  complaintFreeze: profile.holds.complaintFreeze.source,
  cease: profile.holds.cease.source,
  attorney: profile.holds.attorney.source,
};

/** The cited source of a profile fact, as the explanations quote it. */
export function profileFactSource(fact: ProfileFact): string {
  return factSources[fact];
}

const WAIVER_LEVELS = DEFAULT_WAIVER_MATRIX.scopes[0]?.levels ?? [];
const LEAD_LEVEL = WAIVER_LEVELS[0];
const SECOND_LEVEL = WAIVER_LEVELS[1];
if (!LEAD_LEVEL || !SECOND_LEVEL || LEAD_LEVEL.maxAmountFen === null) {
  throw new Error('The default waiver matrix changed shape; update the waiver questions');
}
const LEAD_NAME = approverRoleName(LEAD_LEVEL.role);
const SECOND_NAME = approverRoleName(SECOND_LEVEL.role);
const LEAD_AMOUNT = formatFen(LEAD_LEVEL.maxAmountFen);
const LEAD_AMOUNT_EN = formatFen(LEAD_LEVEL.maxAmountFen, 'en');
const LEAD_PERCENT = `${LEAD_LEVEL.maxBasisPoints / 100}%`;

// ——— building blocks ———

interface Source {
  zh: string;
  en: string;
}

const CIVIL_CODE = (article: string, articleEn: string): Source => ({
  zh: `《中华人民共和国民法典》第${article}条`,
  en: `Civil Code of the PRC, art. ${articleEn}`,
});
const LIMITATION_RULES: Source = {
  zh: '《最高人民法院关于审理民事案件适用诉讼时效制度若干问题的规定》',
  en: "Supreme People's Court provisions on the limitation period in civil cases",
};
const CIVIL_PROCEDURE_ENFORCEMENT: Source = {
  zh: '《中华人民共和国民事诉讼法》关于申请执行期间的规定',
  en: 'Civil Procedure Law of the PRC, period for applying for enforcement',
};
const SPEECH_RULES: Source = {
  zh: '本系统催收红线规则库（依据中国银行业协会催收指引与 GB/T 45251-2025）',
  en: "Qingshou's speech rulebook (after the CBA collection guideline and GB/T 45251-2025)",
};
const GATE: Source = {
  zh: '本系统联系闸口的计数口径',
  en: "How Qingshou's contact gate counts attempts",
};
const ACTION_CODES_SRC: Source = {
  zh: '本系统联系结果行动码目录',
  en: "Qingshou's catalogue of contact action codes",
};
const PROMISES_SRC: Source = {
  zh: '本系统还款承诺规则',
  en: "Qingshou's promise-to-pay rules",
};
const WAIVERS: Source = {
  zh: '本中心减免审批权限表（默认配置）',
  en: "The center's waiver authority matrix (default)",
};
const PRACTICE: Source = {
  zh: '催收中心培训教材与作业规范',
  en: 'Collection-center training material and practice',
};

const CBA_ZH = '中国银行业协会《消费金融催收指引》（2026，试行）';

/**
 * The profile's citations as a Chinese reader sees them (the profile cites in English): which rule of
 * which text, without its numbers (the questions read those from the profile).
 */
const factSourcesZh: Record<ProfileFact, string> = {
  hours: `${CBA_ZH}关于催收联系时段的规定`,
  noContactOnStatutoryHolidays:
    profile.noContactOnStatutoryHolidays === null
      ? 'cn-cba 合规配置未规定法定节假日禁止联系（中心内部规定可以增加）'
      : `${CBA_ZH}关于法定节假日联系的规定`,
  dailyUnansweredCallsPerNumber: `${CBA_ZH}关于每个号码每日未接通呼叫次数的规定`,
  dailyConnectedCallsPerPerson: '国家标准 GB/T 45251-2025（互联网消费贷款催收）关于每人每日接通次数的规定',
  thirdParty: `${CBA_ZH}关于联系第三方的条件和范围的规定`,
  thirdPartyRefusalIsFinal: `${CBA_ZH}下的第三方联系惯例：只能请求，不得强迫；对方拒绝后不再联系`,
  complaintFreeze: '本系统规则：案件投诉处理期间冻结联系',
  cease: '本系统规则：登记停止联系（债务有争议或已结清）后不得再联系',
  attorney: '本系统规则：债务人委托律师后只通过律师联系',
};

/** The Chinese citation of a profile fact, as the zh explanations quote it. */
export function profileFactSourceZh(fact: ProfileFact): string {
  return factSourcesZh[fact];
}

const fact = (name: ProfileFact): Source => ({ zh: factSourcesZh[name], en: factSources[name] });

function explain(zh: string, en: string, ...sources: Source[]): BilingualText {
  return {
    zh: `${zh}（依据：${sources.map((s) => s.zh).join('；')}）`,
    en: `${en} (Source: ${sources.map((s) => s.en).join('; ')})`,
  };
}

const t = (zh: string, en: string): BilingualText => ({ zh, en });

function o(id: string, zh: string, en: string, saidTo?: SpeechParty): QuizOption {
  return saidTo ? { id, zh, en, saidTo } : { id, zh, en };
}

const TRUE_FALSE: readonly QuizOption[] = [o('true', '正确', 'True'), o('false', '错误', 'False')];

interface Common {
  id: string;
  topic: QuizTopic;
  difficulty: 1 | 2 | 3;
  question: BilingualText;
  explanation: BilingualText;
  cites?: readonly ProfileFact[];
}

interface WithOptions extends Common {
  options: readonly QuizOption[];
}

function single(common: WithOptions, correct: string): QuizQuestion {
  return { ...common, kind: 'single', correct: [correct] };
}

function multiple(common: WithOptions, correct: readonly string[]): QuizQuestion {
  return { ...common, kind: 'multiple', correct };
}

function trueFalse(common: Common, answer: boolean): QuizQuestion {
  return { ...common, kind: 'true_false', options: TRUE_FALSE, correct: [answer ? 'true' : 'false'] };
}

/**
 * Four numeric options: the value at `slot` (0-3), the first three distractors that differ from it
 * elsewhere. The correct id is the letter at `slot`.
 */
function numberChoices(
  value: number,
  distractors: readonly number[],
  unit: { zh: string; en: string },
  slot: number,
): { options: QuizOption[]; correct: string } {
  const others = [...new Set(distractors.filter((n) => n !== value && n > 0))].slice(0, 3);
  const values = [...others];
  values.splice(Math.min(slot, values.length), 0, value);
  const ids = ['a', 'b', 'c', 'd', 'e'];
  const options = values.map((n, index) => o(ids[index] as string, `${n} ${unit.zh}`, `${n} ${unit.en}`));
  return { options, correct: ids[values.indexOf(value)] as string };
}

const CHANNEL_OPTIONS: readonly { channel: ContactChannel; option: QuizOption }[] = [
  { channel: 'call', option: o('a', '电话', 'Phone calls') },
  { channel: 'sms', option: o('b', '短信', 'SMS') },
  { channel: 'visit', option: o('c', '上门外访', 'Home or workplace visits') },
];

// ——— the bank ———

const unansweredChoices = numberChoices(
  UNANSWERED.value,
  [3, 10, 15, 20, 5],
  { zh: '次', en: 'attempts' },
  2,
);
const connectedChoices = numberChoices(CONNECTED.value, [1, 6, 10, 5, 2], { zh: '次', en: 'calls' }, 1);

const contactHours: QuizQuestion[] = [
  single(
    {
      id: 'hours-01',
      topic: 'contact_hours',
      difficulty: 1,
      question: t(
        '按照本系统采用的中国行业规则（cn-cba），每天可以进行催收联系的时段是？',
        'Under the Chinese industry rules the system applies (cn-cba), when may collection contact take place each day?',
      ),
      options: [
        o('a', '09:00-18:00（办公时间）', '09:00-18:00 (office hours)'),
        o('b', `${START}-${END}（债务人当地时间）`, `${START}-${END} (the debtor's local time)`),
        o('c', '07:00-23:00', '07:00-23:00'),
        o('d', '任何时间，只要对方愿意接听', 'Any time, as long as the person answers'),
      ],
      explanation: explain(
        `催收联系只能在债务人当地时间 ${START} 至 ${END} 之间进行，${END} 至次日 ${START} 不得联系。`,
        `Collection contact is allowed only from ${START} to ${END} in the debtor's local time, never between ${END} and ${START}.`,
        fact('hours'),
      ),
      cites: ['hours'],
    },
    'b',
  ),
  trueFalse(
    {
      id: 'hours-02',
      topic: 'contact_hours',
      difficulty: 2,
      question: t(
        '联系时段按催收中心（坐席）所在地的时间计算。',
        "The contact window is counted in the collection center's (the agent's) local time.",
      ),
      explanation: explain(
        `时段按被联系人（债务人）当地时间计算：对方所在地已过 ${END}，即使中心这边是下午，也不能联系。`,
        `The window is the contacted person's local time: once it is past ${END} where the debtor is, no contact, even if it is afternoon at the center.`,
        fact('hours'),
      ),
      cites: ['hours'],
    },
    false,
  ),
  multiple(
    {
      id: 'hours-03',
      topic: 'contact_hours',
      difficulty: 2,
      question: t(
        '以下哪些时刻（债务人当地时间）不允许拨打催收电话？',
        "At which of these times (the debtor's local time) may you NOT place a collection call?",
      ),
      options: [
        o('a', BEFORE_START, BEFORE_START),
        o('b', START, START),
        o('c', LAST_MINUTE, LAST_MINUTE),
        o('d', END, END),
      ],
      explanation: explain(
        `允许时段从 ${START} 开始（含），到 ${END} 结束（不含）：${LAST_MINUTE} 还可以，${END} 整点起就不行了。`,
        `The window opens at ${START} (inclusive) and closes at ${END} (exclusive): ${LAST_MINUTE} is allowed, ${END} is not.`,
        fact('hours'),
      ),
      cites: ['hours'],
    },
    ['a', 'd'],
  ),
  multiple(
    {
      id: 'hours-04',
      topic: 'contact_hours',
      difficulty: 2,
      question: t(
        '联系时段限制适用于哪些催收渠道？',
        'Which collection channels does the contact window apply to?',
      ),
      options: [
        ...CHANNEL_OPTIONS.map((entry) => entry.option),
        o('d', '以上都不适用，时段只是建议', 'None of them, the window is only advice'),
      ],
      explanation: explain(
        `本系统在 ${START}-${END} 以外拒绝电话、短信和外访；时段是强制规则，不是建议。`,
        `Outside ${START}-${END} the system refuses calls, SMS and visits; the window is a rule, not advice.`,
        fact('hours'),
      ),
      cites: ['hours'],
    },
    CHANNEL_OPTIONS.filter((entry) => HOURS.value.channels.includes(entry.channel)).map(
      (entry) => entry.option.id,
    ),
  ),
  trueFalse(
    {
      id: 'hours-05',
      topic: 'contact_hours',
      difficulty: 1,
      question: t(
        '本中心可以规定比行业规则更严的时段，例如每天 21:00 结束联系。',
        'A center may set a stricter window than the industry rule, e.g. end contact at 21:00.',
      ),
      explanation: explain(
        `中心内部规定（house override）只能收紧、不能放宽：结束时间可以早于 ${END}，开始时间可以晚于 ${START}。`,
        `A house override may only tighten the rule: end earlier than ${END} or start later than ${START}.`,
        fact('hours'),
        {
          zh: '本系统对中心内部规定的校验（只能比合规配置更严）',
          en: "Qingshou's check of house rules (stricter than the profile only)",
        },
      ),
      cites: ['hours'],
    },
    true,
  ),
  trueFalse(
    {
      id: 'hours-06',
      topic: 'contact_hours',
      difficulty: 2,
      question: t(
        `委外机构只要在内部制度里写明，就可以把联系时段延长到 ${END} 之后半小时。`,
        `An outside agency may extend the window by half an hour past ${END} as long as its own policy says so.`,
      ),
      explanation: explain(
        `任何机构的内部规定都不能比行业规则更宽松；系统会拒绝晚于 ${END} 的结束时间。委外机构同样受联系闸门约束。`,
        `No house rule may be looser than the industry rule; the system refuses an end later than ${END}. Agencies go through the same gate.`,
        fact('hours'),
      ),
      cites: ['hours'],
    },
    false,
  ),
  single(
    {
      id: 'hours-07',
      topic: 'contact_hours',
      difficulty: 2,
      question: t(
        `债务人在晚上对你说："现在不方便，你半夜十二点再打给我。" 你应该怎么做？`,
        'In the evening the debtor says: "Not now, call me back at midnight." What do you do?',
      ),
      options: [
        o('a', '按客户要求半夜十二点回电，因为是他主动提出的', 'Call at midnight: the debtor asked for it'),
        o('b', '半夜改发短信提醒，短信不算电话', 'Send an SMS at midnight instead: an SMS is not a call'),
        o(
          'c',
          `礼貌说明只能在 ${START}-${END} 联系，约定次日允许时段内的回电时间并记录`,
          `Explain politely that contact is only possible ${START}-${END}, agree a callback time inside tomorrow's window and log it`,
        ),
        o('d', '请夜班同事半夜打过去', 'Ask a night-shift colleague to call at midnight'),
      ],
      explanation: explain(
        `联系时段对所有渠道和所有坐席都有效，本系统不设"客户同意"的例外；回电时间应约在 ${START}-${END} 内，并记录为"要求稍后回电"。`,
        `The window binds every channel and every agent; the system has no "the debtor agreed" exception. Agree a callback within ${START}-${END} and log "callback requested".`,
        fact('hours'),
        ACTION_CODES_SRC,
      ),
      cites: ['hours'],
    },
    'c',
  ),
  trueFalse(
    {
      id: 'hours-08',
      topic: 'contact_hours',
      difficulty: 3,
      question: t(
        'cn-cba 行业规则本身禁止在法定节假日进行催收联系。',
        'The cn-cba industry rules themselves forbid collection contact on statutory holidays.',
      ),
      explanation: explain(
        'cn-cba 规则只规定每日时段，没有节假日禁令；但中心可以通过内部规定增加"法定节假日不联系"（只能更严）。',
        'The cn-cba rules set a daily window but no holiday ban; a center may add "no contact on statutory holidays" as a (stricter) house rule.',
        fact('noContactOnStatutoryHolidays'),
      ),
      cites: ['noContactOnStatutoryHolidays'],
    },
    profile.noContactOnStatutoryHolidays?.value === true,
  ),
  single(
    {
      id: 'hours-09',
      topic: 'contact_hours',
      difficulty: 3,
      question: t(
        '债务人目前在国外，当地时间是深夜 23:30，而北京时间是下午。你可以现在给他打电话吗？',
        'The debtor is abroad, where it is 23:30; in Beijing it is afternoon. May you call now?',
      ),
      options: [
        o('a', '可以，本中心按北京时间作业', 'Yes: the center works on Beijing time'),
        o(
          'b',
          `不可以，按债务人当地时间已超过 ${END}，应等到当地 ${START} 之后`,
          `No: in the debtor's local time it is past ${END}; wait until ${START} there`,
        ),
        o('c', '可以，但只能响铃一次', 'Yes, but let it ring only once'),
        o('d', '可以，只要发短信而不打电话', 'Yes, if you send an SMS instead of calling'),
      ],
      explanation: explain(
        '联系时段以被联系人所在地的当地时间为准，系统按债务人的时区判断；短信同样受时段限制。',
        "The window is the contacted person's local time; the system decides in the debtor's time zone, and SMS is bound by it too.",
        fact('hours'),
      ),
      cites: ['hours'],
    },
    'b',
  ),
];

const frequencyCaps: QuizQuestion[] = [
  single(
    {
      id: 'freq-01',
      topic: 'frequency_caps',
      difficulty: 1,
      question: t(
        '同一个电话号码，每天最多可以有几次未接通的催收呼叫？',
        'How many unanswered collection calls may one phone number receive per day at most?',
      ),
      options: unansweredChoices.options,
      explanation: explain(
        `每个号码每天未接通（无人接听、占线、关机、转语音信箱）的呼叫最多 ${UNANSWERED.value} 次，达到后当天不再拨打该号码。`,
        `At most ${UNANSWERED.value} unanswered attempts (no answer, busy, off, voicemail) per number per day; after that, no more calls to that number today.`,
        fact('dailyUnansweredCallsPerNumber'),
      ),
      cites: ['dailyUnansweredCallsPerNumber'],
    },
    unansweredChoices.correct,
  ),
  single(
    {
      id: 'freq-02',
      topic: 'frequency_caps',
      difficulty: 1,
      question: t(
        '同一债务人每天最多可以被接通几次催收电话（本行、委外机构和机器人外呼合计）？',
        'How many connected collection calls may one debtor have per day at most (lender, agencies and robot dialers together)?',
      ),
      options: connectedChoices.options,
      explanation: explain(
        `每位债务人每天接通的催收电话合计最多 ${CONNECTED.value} 次，本行坐席、委外机构和机器人外呼一起计算。`,
        `At most ${CONNECTED.value} connected calls per debtor per day, counting the lender's agents, agencies and robot dialers together.`,
        fact('dailyConnectedCallsPerPerson'),
      ),
      cites: ['dailyConnectedCallsPerPerson'],
    },
    connectedChoices.correct,
  ),
  multiple(
    {
      id: 'freq-03',
      topic: 'frequency_caps',
      difficulty: 2,
      question: t(
        `以下哪些呼叫结果计入每个号码每天 ${UNANSWERED.value} 次的"未接通"上限？`,
        `Which call outcomes count toward the ${UNANSWERED.value} unanswered attempts per number per day?`,
      ),
      options: [
        o('a', '无人接听', 'No answer'),
        o('b', '占线', 'Busy'),
        o('c', '关机或无法接通', 'Phone off or unreachable'),
        o('d', '转入语音信箱', 'Voicemail'),
        o('e', '有人接听，但说打错了', 'Answered, but a wrong number'),
        o('f', '与本人通话', 'Conversation with the debtor'),
      ],
      explanation: explain(
        '未接通指无人接听、占线、未接通（关机、空号）和语音信箱；打错号码是有人接听，不计入；与本人通话计入每日接通上限。',
        'Unanswered means no answer, busy, not connected (off, invalid) and voicemail; a wrong number was answered and does not count; a conversation counts toward the connected cap.',
        fact('dailyUnansweredCallsPerNumber'),
        GATE,
      ),
      cites: ['dailyUnansweredCallsPerNumber'],
    },
    ['a', 'b', 'c', 'd'],
  ),
  trueFalse(
    {
      id: 'freq-04',
      topic: 'frequency_caps',
      difficulty: 2,
      question: t(
        '委外机构和机器人外呼的接通次数，不计入债务人每天的接通上限。',
        "Connected calls by agencies and robot dialers do not count toward the debtor's daily connected cap.",
      ),
      explanation: explain(
        `每天 ${CONNECTED.value} 次接通上限是对债务人本人的合计上限，本行、委外机构、机器人外呼都计入，所有人写同一本联系台账。`,
        `The ${CONNECTED.value}-call daily cap is a total per debtor: the lender, agencies and robot dialers all count, and all write to one contact ledger.`,
        fact('dailyConnectedCallsPerPerson'),
      ),
      cites: ['dailyConnectedCallsPerPerson'],
    },
    false,
  ),
  trueFalse(
    {
      id: 'freq-05',
      topic: 'frequency_caps',
      difficulty: 2,
      question: t(
        `债务人登记了两个手机号：未接通上限按号码计算，每个号码每天各自最多 ${UNANSWERED.value} 次未接通。`,
        `The debtor has two mobile numbers: the unanswered cap is per number, up to ${UNANSWERED.value} unanswered attempts on each per day.`,
      ),
      explanation: explain(
        `未接通上限（${UNANSWERED.value} 次）按号码计算；但接通上限（${CONNECTED.value} 次）按人计算，两个号码的接通次数合并。`,
        `The unanswered cap (${UNANSWERED.value}) is per number; the connected cap (${CONNECTED.value}) is per person, across both numbers.`,
        fact('dailyUnansweredCallsPerNumber'),
        fact('dailyConnectedCallsPerPerson'),
      ),
      cites: ['dailyUnansweredCallsPerNumber', 'dailyConnectedCallsPerPerson'],
    },
    true,
  ),
  single(
    {
      id: 'freq-06',
      topic: 'frequency_caps',
      difficulty: 2,
      question: t(
        `今天债务人已经被接通了 ${CONNECTED.value} 次电话（其中一次是委外机构打的），你还想确认他的还款承诺。正确的做法是？`,
        `The debtor has already had ${CONNECTED.value} connected calls today (one by an agency), and you want to confirm the promise. What is right?`,
      ),
      options: [
        o('a', '换一个外显号码再打一次', 'Call again from another caller ID'),
        o(
          'b',
          '今天不再致电，次日在允许时段内再联系',
          'No more calls today; contact the debtor again tomorrow within the window',
        ),
        o(
          'c',
          '请委外机构再打，因为它不算本行的次数',
          "Ask the agency to call: it does not count as the lender's",
        ),
        o('d', '让机器人外呼打一次，机器人不计数', 'Let the robot dialer call: robots do not count'),
      ],
      explanation: explain(
        `接通上限（每天 ${CONNECTED.value} 次）对所有外呼方合计，换号码、换机构、换机器人都不能绕开；上限按债务人当地自然日计算，次日重新计数。`,
        `The connected cap (${CONNECTED.value} a day) covers every caller together; another number, agency or robot cannot get around it. It counts per local day of the debtor and restarts tomorrow.`,
        fact('dailyConnectedCallsPerPerson'),
      ),
      cites: ['dailyConnectedCallsPerPerson'],
    },
    'b',
  ),
  trueFalse(
    {
      id: 'freq-07',
      topic: 'frequency_caps',
      difficulty: 2,
      question: t(
        '债务人接起电话说"我不还"后挂断，这次通话计入当天的接通次数。',
        'The debtor picks up, says "I won\'t pay" and hangs up: this counts as a connected call for the day.',
      ),
      explanation: explain(
        `只要对方接起并说了话（包括拒绝后挂断），就算一次接通，计入每日接通上限（每人每天 ${CONNECTED.value} 次）。`,
        `Once the person picked up and spoke (even just to refuse and hang up), it is a connected call and counts toward the daily cap (${CONNECTED.value} per person per day).`,
        fact('dailyConnectedCallsPerPerson'),
        GATE,
      ),
      cites: ['dailyConnectedCallsPerPerson'],
    },
    true,
  ),
  single(
    {
      id: 'freq-08',
      topic: 'frequency_caps',
      difficulty: 3,
      question: t('每日上限中的"一天"怎样计算？', 'What is a "day" for the daily caps?'),
      options: [
        o('a', '催收中心所在地的自然日', "The center's calendar day"),
        o('b', '从第一次拨打开始的滚动 24 小时', 'A rolling 24 hours from the first attempt'),
        o('c', '被联系人（债务人）当地的自然日', "The contacted person's (debtor's) local calendar day"),
        o('d', '坐席的一个班次', "The agent's shift"),
      ],
      explanation: explain(
        '每日上限按被联系人当地时区的自然日计算，当地零点后重新计数（但仍要等到允许时段开始才能联系）。',
        "Daily caps count per calendar day in the contacted person's time zone; they restart at local midnight (contact still waits for the window to open).",
        GATE,
        fact('dailyUnansweredCallsPerNumber'),
      ),
      cites: ['dailyUnansweredCallsPerNumber'],
    },
    'c',
  ),
  multiple(
    {
      id: 'freq-09',
      topic: 'frequency_caps',
      difficulty: 2,
      question: t(
        '以下哪些做法属于用频繁呼叫骚扰债务人、规避频次上限的违规行为？',
        'Which of these are harassment by repeated calls, getting around the frequency caps?',
      ),
      options: [
        o('a', '用多个外显号码轮流呼叫同一债务人', 'Rotating several caller IDs to call the same debtor'),
        o(
          'b',
          '上限到了以后，让同事用自己的分机继续打',
          'After the cap, having a colleague keep calling from their own extension',
        ),
        o(
          'c',
          '在上限内按计划呼叫，并如实记录每次结果',
          'Calling within the caps as planned and logging each outcome',
        ),
        o('d', '次日重新计数后，在允许时段内继续联系', 'Contacting again the next day, within the window'),
      ],
      explanation: explain(
        `上限是按债务人和号码计算的（每个号码每天未接通最多 ${UNANSWERED.value} 次，每人每天接通最多 ${CONNECTED.value} 次），不管谁打、从哪个号码打；轮换号码或同事接力都是规避上限的骚扰。`,
        `The caps count per debtor and per number (at most ${UNANSWERED.value} unanswered attempts per number and ${CONNECTED.value} connected calls per person a day), whoever calls and from whichever line; rotating numbers or relaying to colleagues is harassment.`,
        fact('dailyUnansweredCallsPerNumber'),
        fact('dailyConnectedCallsPerPerson'),
      ),
      cites: ['dailyUnansweredCallsPerNumber', 'dailyConnectedCallsPerPerson'],
    },
    ['a', 'b'],
  ),
];

const thirdParties: QuizQuestion[] = [
  single(
    {
      id: 'third-01',
      topic: 'third_parties',
      difficulty: 1,
      question: t(
        '什么情况下可以联系债务人的第三方（家人、同事、紧急联系人）？',
        'When may you contact a third party (family, colleague, emergency contact) of the debtor?',
      ),
      options: [
        o('a', '任何时候都可以', 'At any time'),
        o('b', '债务人拒绝还款时', 'When the debtor refuses to pay'),
        o(
          'c',
          `仅在联系不上债务人时：号码全部无效，或连续 ${FAILED_ATTEMPTS} 次呼叫都未成功`,
          `Only when the debtor cannot be reached: all numbers invalid, or ${FAILED_ATTEMPTS} failed attempts in a row`,
        ),
        o('d', '逾期超过 90 天后', 'Once the account is more than 90 days past due'),
      ],
      explanation: explain(
        `只有在债务人失联（号码全部无效，或最近连续 ${FAILED_ATTEMPTS} 次呼叫都未成功）时才能联系第三方，而且只能询问联系方式或请其转告回电。`,
        `Third parties only while the debtor is unreachable (all numbers invalid, or the last ${FAILED_ATTEMPTS} attempts failed), and only to ask for contact details or relay a callback request.`,
        fact('thirdParty'),
      ),
      cites: ['thirdParty'],
    },
    'c',
  ),
  single(
    {
      id: 'third-02',
      topic: 'third_parties',
      difficulty: 1,
      question: t('联系第三方时，你可以请对方做什么？', 'What may you ask a third party to do?'),
      options: [
        o('a', '代债务人还款', 'Pay on the debtor’s behalf'),
        o(
          'b',
          '转告债务人回电，或提供债务人的联系方式',
          "Pass on a callback request, or give the debtor's contact details",
        ),
        o('c', '劝说债务人尽快还钱', 'Persuade the debtor to pay soon'),
        o('d', '确认债务人欠款的金额', 'Confirm the amount the debtor owes'),
      ],
      explanation: explain(
        '对第三方只能询问债务人的联系方式或请其转告回电；不得透露欠款，不得要求其还款或施压。',
        'A third party may only be asked for contact details or to relay a callback request; never reveal the debt, never ask them to pay or to press the debtor.',
        fact('thirdParty'),
      ),
      cites: ['thirdParty'],
    },
    'b',
  ),
  multiple(
    {
      id: 'third-03',
      topic: 'third_parties',
      difficulty: 2,
      question: t(
        '债务人失联，你联系了他的紧急联系人。以下哪些话可以说？',
        'The debtor is unreachable and you call his emergency contact. Which of these may you say?',
      ),
      options: [
        o(
          'a',
          '您好，我姓王，有事想联系张先生，麻烦您转告他回个电话，号码是4008123456，谢谢。',
          'Hello, my surname is Wang. I need to reach Mr Zhang; could you ask him to call back on 4008123456? Thank you.',
          'third_party',
        ),
        o(
          'b',
          '他在我们这里欠了两万多，已经逾期三个月了。',
          'He owes us over twenty thousand and is three months overdue.',
          'third_party',
        ),
        o(
          'c',
          '您是他家里人，这笔钱您先帮他还上吧。',
          "You're his family, please pay this for him first.",
          'third_party',
        ),
        o(
          'd',
          '如果您不方便也没关系，打扰您了，再见。',
          "If it's not convenient, that's fine. Sorry to bother you, goodbye.",
          'third_party',
        ),
      ],
      explanation: explain(
        '对第三方只说自己的姓名和回电方式，不说来电原因，不透露欠款和金额，不要求代还；对方不愿意就礼貌结束。',
        'Give a third party only your name and a callback number; no reason for the call, no debt or amount, no request to pay; if they decline, end politely.',
        fact('thirdParty'),
        SPEECH_RULES,
      ),
      cites: ['thirdParty'],
    },
    ['a', 'd'],
  ),
  trueFalse(
    {
      id: 'third-04',
      topic: 'third_parties',
      difficulty: 2,
      question: t(
        '第三方已经明确拒绝协助，过几天可以换一位同事再联系他一次。',
        'A third party clearly refused to help; a few days later a colleague may try them once more.',
      ),
      explanation: explain(
        '对第三方只能请求、不能强迫；对方拒绝后系统不再允许联系该第三方，换人也不行。',
        'Third parties are asked, never forced; after a refusal the system never allows contact with that person again, whoever calls.',
        fact('thirdPartyRefusalIsFinal'),
      ),
      cites: ['thirdPartyRefusalIsFinal'],
    },
    !profile.thirdPartyRefusalIsFinal.value,
  ),
  trueFalse(
    {
      id: 'third-05',
      topic: 'third_parties',
      difficulty: 2,
      question: t(
        '债务人的同事、朋友等与债务无关的联系人，只能用于寻找债务人，不能向他们催收。',
        'Contacts unrelated to the debt (colleagues, friends) are only for finding the debtor; you never collect from them.',
      ),
      explanation: explain(
        '联系人分两类：与债务相关的（担保人、共同借款人）和无关的（家人、同事、朋友）；无关联系人只用于找到债务人本人。',
        'Contacts are debt-related (guarantor, co-borrower) or unrelated (family, colleagues, friends); unrelated ones only help find the debtor.',
        PRACTICE,
        fact('thirdParty'),
      ),
      cites: ['thirdParty'],
    },
    true,
  ),
  single(
    {
      id: 'third-06',
      topic: 'third_parties',
      difficulty: 2,
      question: t(
        '第三方问你："他是不是欠你们钱了？" 最合适的回答是？',
        'The third party asks: "Does he owe you money?" What is the best answer?',
      ),
      options: [
        o('a', '是的，欠了不少，您劝劝他。', 'Yes, quite a lot. Please talk to him.', 'third_party'),
        o(
          'b',
          '具体事情不方便透露，麻烦您转告他给我回个电话，谢谢。',
          "I can't go into details. Could you ask him to call me back? Thank you.",
          'third_party',
        ),
        o('c', '你自己去问他。', 'Ask him yourself.', 'third_party'),
        o(
          'd',
          '他涉嫌诈骗，我们正在找他。',
          'He is suspected of fraud and we are looking for him.',
          'third_party',
        ),
      ],
      explanation: explain(
        '即使第三方直接问，也不能确认或透露欠款；礼貌说明不便透露，只请其转告回电。',
        'Even when asked directly, never confirm or reveal the debt; say politely you cannot go into details and ask only for a callback.',
        fact('thirdParty'),
        SPEECH_RULES,
      ),
      cites: ['thirdParty'],
    },
    'b',
  ),
  single(
    {
      id: 'third-07',
      topic: 'third_parties',
      difficulty: 2,
      question: t(
        '可以打电话给债务人单位的领导，请领导督促他还款吗？',
        "May you call the debtor's manager at work and ask them to make him pay?",
      ),
      options: [
        o('a', '可以，只要说话客气', 'Yes, if you are polite'),
        o('b', '可以，只要逾期超过 90 天', 'Yes, once the account is over 90 days past due'),
        o(
          'c',
          '不可以：通过单位施压是红线；只有债务人失联时，才能请单位转告回电，且不能透露欠款',
          'No: pressure through the employer is a red line; only while the debtor is unreachable may you ask the workplace to relay a callback, never revealing the debt',
        ),
        o('d', '可以，寄一封催收函给单位人事部门', 'Yes, by sending a collection letter to HR'),
      ],
      explanation: explain(
        '向单位、亲属施压或透露欠款都是红线；单位同事也是第三方，只能在债务人失联时请其转告回电。',
        'Pressing or informing the employer or relatives is a red line; colleagues are third parties, only asked to relay a callback while the debtor is unreachable.',
        fact('thirdParty'),
        SPEECH_RULES,
      ),
      cites: ['thirdParty'],
    },
    'c',
  ),
  trueFalse(
    {
      id: 'third-08',
      topic: 'third_parties',
      difficulty: 1,
      question: t(
        '只要给债务人打了一次电话没人接，就可以马上联系他的紧急联系人。',
        'After a single unanswered call to the debtor you may call the emergency contact straight away.',
      ),
      explanation: explain(
        `一次未接通不算失联：需要号码全部无效，或连续 ${FAILED_ATTEMPTS} 次呼叫债务人都未成功。`,
        `One missed call is not "unreachable": all numbers must be invalid, or the last ${FAILED_ATTEMPTS} attempts to the debtor must have failed.`,
        fact('thirdParty'),
      ),
      cites: ['thirdParty'],
    },
    FAILED_ATTEMPTS <= 1,
  ),
  multiple(
    {
      id: 'third-09',
      topic: 'third_parties',
      difficulty: 3,
      question: t(
        '以下哪些情况下，系统允许联系第三方？',
        'In which of these situations does the system allow contacting a third party?',
      ),
      options: [
        o('a', '债务人登记的号码全部是空号或停机', "All the debtor's numbers are invalid or disconnected"),
        o(
          'b',
          `最近连续 ${FAILED_ATTEMPTS} 次呼叫债务人都是无人接听或关机`,
          `The last ${FAILED_ATTEMPTS} calls to the debtor were all unanswered or the phone was off`,
        ),
        o('c', '债务人昨天接了电话，但拒绝还款', 'The debtor answered yesterday but refused to pay'),
        o(
          'd',
          '债务人现在失联，但这位第三方上次已明确拒绝协助',
          'The debtor is unreachable now, but this third party clearly refused to help last time',
        ),
      ],
      explanation: explain(
        `第三方只能在债务人失联时联系（号码全部无效，或连续 ${FAILED_ATTEMPTS} 次呼叫失败）；债务人拒绝还款不算失联；拒绝过协助的第三方不再联系。`,
        `Third parties only while the debtor is unreachable (all numbers invalid, or ${FAILED_ATTEMPTS} failed attempts in a row); refusing to pay is not being unreachable; a third party who refused is never contacted again.`,
        fact('thirdParty'),
        fact('thirdPartyRefusalIsFinal'),
      ),
      cites: ['thirdParty', 'thirdPartyRefusalIsFinal'],
    },
    ['a', 'b'],
  ),
];

const redLines: QuizQuestion[] = [
  multiple(
    {
      id: 'red-01',
      topic: 'red_lines',
      difficulty: 1,
      question: t('以下哪些行为属于催收红线？', 'Which of these are collection red lines?'),
      options: [
        o('a', '威胁债务人或其家人的人身安全', "Threatening the debtor's or their family's safety"),
        o('b', '辱骂、讥讽债务人', 'Insulting or mocking the debtor'),
        o('c', '自称公安、法院或律师', 'Claiming to be the police, a court or a lawyer'),
        o('d', '把欠款情况告诉债务人的邻居', "Telling the debtor's neighbours about the debt"),
        o('e', '说明按合同约定可能产生违约金', 'Explaining that late fees may apply under the contract'),
      ],
      explanation: explain(
        '威胁、辱骂、冒充公检法或律师、向他人透露欠款都是红线；真实的后果（按合同的违约金、征信报送、依法诉讼）可以平静说明。',
        'Threats, insults, impersonating police, courts or lawyers, and telling others about the debt are red lines; true consequences (contract fees, credit reporting, lawful litigation) may be stated calmly.',
        SPEECH_RULES,
      ),
    },
    ['a', 'b', 'c', 'd'],
  ),
  single(
    {
      id: 'red-02',
      topic: 'red_lines',
      difficulty: 1,
      question: t('以下哪句话是合规的？', 'Which of these sentences is compliant?'),
      options: [
        o('a', '再不还钱就让你去坐牢。', "Pay up or you'll go to jail.", 'debtor'),
        o(
          'b',
          '逾期可能会影响您的征信记录，建议您尽快通过官方渠道还款。',
          'Being overdue may affect your credit record; we suggest you pay soon through the official channels.',
          'debtor',
        ),
        o(
          'c',
          '你不还，我们就去你家找你爸妈要。',
          "If you don't pay, we'll go to your home and get it from your parents.",
          'debtor',
        ),
        o('d', '我是法院的，今天不还就强制执行。', 'This is the court. Pay today or we enforce.', 'debtor'),
      ],
      explanation: explain(
        '可以平静地说明真实的可能后果（征信、违约金、依法诉讼），并加上"可能"；不得虚假恐吓、冒充法院、找家人要钱。',
        'You may calmly state true possible consequences (credit report, fees, lawful litigation), with "may"; never false threats, never pretend to be a court, never demand money from relatives.',
        SPEECH_RULES,
      ),
    },
    'b',
  ),
  trueFalse(
    {
      id: 'red-03',
      topic: 'red_lines',
      difficulty: 1,
      question: t(
        '对普通的信用卡逾期，可以告诉客户"不还就是诈骗，要坐牢"。',
        'For an ordinary card delinquency you may tell the customer "not paying is fraud, you\'ll go to jail".',
      ),
      explanation: explain(
        '普通逾期是民事纠纷；是否构成犯罪只有司法机关依法认定。夸大或虚构法律后果（坐牢、"任何金额都是诈骗"）是红线。',
        'Ordinary delinquency is a civil matter; only the judicial authorities decide whether a crime was committed. False or exaggerated legal consequences (jail, "any amount is fraud") are a red line.',
        SPEECH_RULES,
      ),
    },
    false,
  ),
  single(
    {
      id: 'red-04',
      topic: 'red_lines',
      difficulty: 2,
      question: t(
        '催收员在电话里自称"律师"或"法院工作人员"（实际上不是），属于什么情况？',
        'A collector who is neither calls himself a "lawyer" or "court officer" on the phone. What is that?',
      ),
      options: [
        o('a', '可以增加威慑力，允许使用', 'Allowed: it adds weight'),
        o('b', '只有 M3 以上的案件允许', 'Allowed only for M3+ cases'),
        o('c', '冒充国家机关或律师，属于红线', 'Impersonating the authorities or a lawyer: a red line'),
        o('d', '只要不说具体是哪家法院就可以', 'Fine as long as no specific court is named'),
      ],
      explanation: explain(
        '冒充公安、法院、检察院、政府部门或律师，在任何阶段都是红线；开场必须如实说明自己的姓名和所在机构。',
        'Impersonating police, courts, prosecutors, government or lawyers is a red line at every stage; a call opens with your real name and institution.',
        SPEECH_RULES,
      ),
    },
    'c',
  ),
  multiple(
    {
      id: 'red-05',
      topic: 'red_lines',
      difficulty: 2,
      question: t(
        '以下哪些关于后果的说法真实、可以平静地对债务人说？',
        'Which statements about consequences are true and may be said calmly to the debtor?',
      ),
      options: [
        o(
          'a',
          '按照合同约定，逾期可能会产生违约金。',
          'Under the contract, late fees may apply when you are overdue.',
          'debtor',
        ),
        o(
          'b',
          '逾期记录可能会按规定报送征信系统。',
          'The overdue record may be reported to the credit bureau as the rules require.',
          'debtor',
        ),
        o(
          'c',
          '如果长期不还款，我们可能会依法通过诉讼途径解决。',
          'If it stays unpaid for long, we may resolve it through lawful litigation.',
          'debtor',
        ),
        o(
          'd',
          '你会被列入永久黑名单，一辈子贷不了款。',
          "You'll be on a permanent blacklist and never get a loan again.",
          'debtor',
        ),
        o('e', '明天我们就冻结你所有的银行卡。', "Tomorrow we'll freeze all your bank cards.", 'debtor'),
      ],
      explanation: explain(
        '违约金（按合同）、征信报送、依法诉讼是真实后果，可以用"可能"平静说明；"永久黑名单"是虚构事实，冻结账户只能由法院依法决定。',
        'Contract fees, credit reporting and lawful litigation are true consequences, stated calmly with "may"; a "permanent blacklist" is made up, and only a court can freeze accounts.',
        SPEECH_RULES,
      ),
    },
    ['a', 'b', 'c'],
  ),
  single(
    {
      id: 'red-06',
      topic: 'red_lines',
      difficulty: 2,
      question: t(
        '债务人问："你们是不是要把我欠钱的事发给我通讯录里的人？" 合规的回答是？',
        'The debtor asks: "Are you going to tell everyone in my address book that I owe money?" Which answer is compliant?',
      ),
      options: [
        o(
          'a',
          '不会的，我们不会向无关的人透露您的情况，今天主要是想和您商量还款安排。',
          "No, we never tell unrelated people about your situation. Today I'd like to agree a repayment plan with you.",
          'debtor',
        ),
        o(
          'b',
          '你再不还，我们就给你通讯录里的人都发短信。',
          "If you don't pay, we'll text everyone in your address book.",
          'debtor',
        ),
        o('c', '那要看你的表现了。', 'That depends on how you behave.', 'debtor'),
        o(
          'd',
          '我们会在你小区门口贴催收通知。',
          "We'll post a collection notice at the gate of your estate.",
          'debtor',
        ),
      ],
      explanation: explain(
        '向通讯录联系人群发、张贴催收通知等公开曝光是红线；含糊的暗示（"看你表现"）也是变相威胁。',
        'Messaging the address book or posting notices is public exposure, a red line; vague hints ("depends on how you behave") are veiled threats.',
        SPEECH_RULES,
      ),
    },
    'a',
  ),
  multiple(
    {
      id: 'red-07',
      topic: 'red_lines',
      difficulty: 2,
      question: t(
        '债务人说"我现在真的没钱"。以下哪些回应是不允许的？',
        'The debtor says "I really have no money now". Which responses are NOT allowed?',
      ),
      options: [
        o(
          'a',
          '建议他在其他网贷平台借一笔，或用别的信用卡套现先还上',
          'Suggest an online loan elsewhere or a cash-out on another card to pay first',
        ),
        o('b', '让他找亲戚朋友借钱来还', 'Tell him to borrow from relatives or friends to pay'),
        o(
          'c',
          '了解困难原因，介绍可以申请的分期或协商还款方案',
          'Learn the reason and explain the instalment or negotiated plans he can apply for',
        ),
        o('d', '记录困难情况说明，供制定还款方案使用', 'Log a hardship summary for working out a plan'),
      ],
      explanation: explain(
        '诱导借新还旧（网贷、其他信用卡、套现、向亲友借）会加重债务人负担，是红线；应了解原因并介绍合规的还款方案。',
        'Inducing new borrowing to repay (online loans, other cards, cash-out, friends) deepens the burden and is a red line; learn the reason and offer a compliant plan.',
        SPEECH_RULES,
      ),
    },
    ['a', 'b'],
  ),
  single(
    {
      id: 'red-08',
      topic: 'red_lines',
      difficulty: 3,
      question: t('关于上门外访，以下哪项做法正确？', 'Which is the right way to do a home visit?'),
      options: [
        o('a', '一个人去，不容易引起注意', 'Go alone, it attracts less attention'),
        o(
          'b',
          '至少两人同行，事先预约，出示工作证件，并做书面记录',
          'At least two people, an appointment, show identification, and a written record',
        ),
        o(
          'c',
          '没见到本人就在门上贴一张催收通知',
          'If the debtor is out, stick a collection notice on the door',
        ),
        o(
          'd',
          '向邻居打听并说明来意是催收欠款',
          'Ask the neighbours and tell them you are collecting a debt',
        ),
      ],
      explanation: explain(
        '外访至少两人，事先预约，出示身份证明，留下书面记录，并且只在允许时段内进行；张贴通知、向邻居说明欠款属于公开曝光和透露债务。',
        'Visits: at least two collectors, an appointment, identification, a written record, inside the contact window; notices on doors or telling neighbours are exposure and disclosure.',
        PRACTICE,
        SPEECH_RULES,
      ),
    },
    'b',
  ),
  trueFalse(
    {
      id: 'red-09',
      topic: 'red_lines',
      difficulty: 1,
      question: t(
        '债务人不还款时，可以要求他的父母或配偶替他还钱。',
        'When the debtor does not pay, you may demand that their parents or spouse pay for them.',
      ),
      explanation: explain(
        '债务只由债务人本人（及担保人、共同借款人等债务相关方）承担；要求家人代还是红线。',
        'The debt is owed by the debtor (and debt-related parties such as a guarantor or co-borrower); demanding that relatives pay is a red line.',
        SPEECH_RULES,
      ),
    },
    false,
  ),
  trueFalse(
    {
      id: 'red-10',
      topic: 'red_lines',
      difficulty: 2,
      question: t(
        '本中心要求：讲到后果时一律说"可能"，例如"可能影响征信"，而不是"一定会上征信"。',
        'House rule: any sentence about a consequence says "may", e.g. "may affect your credit record", not "will certainly be reported".',
      ),
      explanation: explain(
        '尚未发生、要经程序决定的后果不能说成必然；质检对未加"可能"的后果说法给出提醒。',
        'A consequence that has not happened and depends on a process must not be stated as certain; QA flags consequence statements without "may".',
        SPEECH_RULES,
      ),
    },
    true,
  ),
];

const limitationPeriods: QuizQuestion[] = [
  single(
    {
      id: 'limit-01',
      topic: 'limitation_periods',
      difficulty: 1,
      question: t(
        '《民法典》规定的普通诉讼时效期间是多长？',
        'How long is the ordinary limitation period (诉讼时效) under the Civil Code?',
      ),
      options: [
        o('a', '1 年', '1 year'),
        o('b', '2 年', '2 years'),
        o('c', '3 年', '3 years'),
        o('d', '5 年', '5 years'),
      ],
      explanation: explain(
        '普通诉讼时效为 3 年（旧《民法通则》规定为 2 年，2017 年《民法总则》起改为 3 年）。',
        'The ordinary limitation period is 3 years (the old General Principles of Civil Law said 2 years; 3 years since the General Provisions of 2017).',
        CIVIL_CODE('一百八十八', '188'),
      ),
    },
    'c',
  ),
  single(
    {
      id: 'limit-02',
      topic: 'limitation_periods',
      difficulty: 2,
      question: t('诉讼时效从什么时候开始计算？', 'When does the limitation period start to run?'),
      options: [
        o('a', '借款合同签订之日', 'The day the loan contract was signed'),
        o(
          'b',
          '权利人知道或者应当知道权利受到损害以及义务人之日',
          'The day the creditor knew or should have known of the breach and who the obligor is',
        ),
        o('c', '第一次催收之日', 'The day of the first collection contact'),
        o('d', '信用卡有效期届满之日', 'The day the card expires'),
      ],
      explanation: explain(
        '诉讼时效自权利人知道或者应当知道权利受到损害以及义务人之日起计算；对逾期欠款，通常是债权人知道债务人违约（逾期）之时。',
        'The period runs from when the creditor knew or should have known of the breach and the obligor; for a delinquent debt, usually when the creditor knew of the default.',
        CIVIL_CODE('一百八十八', '188'),
      ),
    },
    'b',
  ),
  multiple(
    {
      id: 'limit-03',
      topic: 'limitation_periods',
      difficulty: 2,
      question: t('以下哪些情形会使诉讼时效中断？', 'Which of these interrupt the limitation period?'),
      options: [
        o(
          'a',
          '债权人向债务人提出履行请求（如有录音的催收电话、已送达的催收函）',
          'The creditor demands performance (a recorded collection call, a delivered collection letter)',
        ),
        o(
          'b',
          '债务人同意履行，例如承诺还款或部分还款',
          'The debtor agrees to perform, e.g. promises to pay or pays part',
        ),
        o('c', '债权人提起诉讼或申请仲裁', 'The creditor sues or applies for arbitration'),
        o(
          'd',
          '催收员在系统里写了一条备注，但没有联系到债务人',
          'A collector writes a note in the system but does not reach the debtor',
        ),
      ],
      explanation: explain(
        '权利人提出履行请求、义务人同意履行（承诺、部分还款、制定还款计划等）、提起诉讼或仲裁，都会使时效中断；没有到达债务人的内部备注不是履行请求。',
        'A demand for performance, the obligor agreeing to perform (a promise, partial payment, a repayment plan), or suing or arbitration interrupt the period; an internal note that never reached the debtor is no demand.',
        CIVIL_CODE('一百九十五', '195'),
        LIMITATION_RULES,
      ),
    },
    ['a', 'b', 'c'],
  ),
  trueFalse(
    {
      id: 'limit-04',
      topic: 'limitation_periods',
      difficulty: 2,
      question: t(
        '诉讼时效中断后，时效期间从中断时起重新计算。',
        'After an interruption, the limitation period starts again from the interruption.',
      ),
      explanation: explain(
        '从中断、有关程序终结时起，诉讼时效期间重新计算（重新起算 3 年），所以每一次有据可查的催收都很重要。',
        'From the interruption (or the end of the proceedings) the period runs anew (3 years again), which is why every documented demand matters.',
        CIVIL_CODE('一百九十五', '195'),
      ),
    },
    true,
  ),
  trueFalse(
    {
      id: 'limit-05',
      topic: 'limitation_periods',
      difficulty: 2,
      question: t(
        '诉讼时效届满后，债务自动消灭；债务人即使自愿还了款，也可以要求退回。',
        'Once the limitation period has run, the debt is extinguished; a debtor who paid voluntarily may ask for the money back.',
      ),
      explanation: explain(
        '时效届满后债务人取得的是不履行的抗辩权，债务并不自动消灭；届满后同意履行的，不得再以时效抗辩；已自愿履行的，不得请求返还。',
        'After the period the debtor gains a defence, but the debt is not extinguished; one who then agrees to pay cannot raise the defence, and a voluntary payment cannot be reclaimed.',
        CIVIL_CODE('一百九十二', '192'),
      ),
    },
    false,
  ),
  single(
    {
      id: 'limit-06',
      topic: 'limitation_periods',
      difficulty: 3,
      question: t(
        '为什么每次有效催收都要留存证据（通话录音、信函送达记录）？',
        'Why keep evidence of every demand (call recordings, letter delivery records)?',
      ),
      options: [
        o('a', '只是为了统计坐席的工作量', "Only to count the agents' workload"),
        o(
          'b',
          '证明债权人曾向债务人提出履行请求，诉讼时效因此中断、重新计算',
          'To prove the creditor demanded performance, which interrupted and restarted the limitation period',
        ),
        o('c', '以后可以把录音发给债务人的家人', "To send the recordings to the debtor's family later"),
        o('d', '法律要求所有录音保存 20 年', 'The law requires keeping every recording for 20 years'),
      ],
      explanation: explain(
        '提出履行请求会中断时效，但在诉讼中要由债权人举证；录音、送达记录就是证据（行业要求录音至少保存 2 年）。',
        'A demand interrupts the period, but the creditor must prove it in court; recordings and delivery records are that proof (industry practice keeps recordings at least 2 years).',
        CIVIL_CODE('一百九十五', '195'),
        PRACTICE,
      ),
    },
    'b',
  ),
  single(
    {
      id: 'limit-07',
      topic: 'limitation_periods',
      difficulty: 2,
      question: t(
        '法院判决生效后，债务人不履行，债权人申请强制执行的期间是多长？',
        'After a judgment takes effect and the debtor does not comply, within what period must the creditor apply for enforcement?',
      ),
      options: [
        o('a', '6 个月', '6 months'),
        o('b', '2 年', '2 years'),
        o('c', '3 年', '3 years'),
        o('d', '没有期限', 'No time limit'),
      ],
      explanation: explain(
        '申请执行的期间为 2 年，从法律文书规定的履行期间最后一日起计算；法务要跟踪这一期限。',
        'The period for applying for enforcement is 2 years from the last day set for performance; legal must track it.',
        CIVIL_PROCEDURE_ENFORCEMENT,
      ),
    },
    'b',
  ),
  trueFalse(
    {
      id: 'limit-08',
      topic: 'limitation_periods',
      difficulty: 3,
      question: t(
        '即使债务人没有提出时效抗辩，法院也会主动审查并适用诉讼时效。',
        'Even if the debtor does not raise the limitation defence, the court applies the limitation period on its own motion.',
      ),
      explanation: explain(
        '人民法院不得主动适用诉讼时效的规定；时效抗辩要由债务人提出。',
        "People's courts may not apply the limitation rules on their own motion; the debtor has to raise the defence.",
        CIVIL_CODE('一百九十三', '193'),
      ),
    },
    false,
  ),
  single(
    {
      id: 'limit-09',
      topic: 'limitation_periods',
      difficulty: 3,
      question: t(
        '不论权利人何时知道，自权利受到损害之日起超过多少年，法院一般不再保护？',
        'Regardless of when the creditor learned of it, after how many years from the breach does the court no longer protect the right (save special cases)?',
      ),
      options: [
        o('a', '3 年', '3 years'),
        o('b', '10 年', '10 years'),
        o('c', '20 年', '20 years'),
        o('d', '30 年', '30 years'),
      ],
      explanation: explain(
        '自权利受到损害之日起超过 20 年的，人民法院不予保护；有特殊情况的，可以根据权利人的申请决定延长。',
        'After 20 years from the breach the court does not protect the right; in special cases it may extend on application.',
        CIVIL_CODE('一百八十八', '188'),
      ),
    },
    'c',
  ),
];

const waiversSettlements: QuizQuestion[] = [
  trueFalse(
    {
      id: 'waiver-01',
      topic: 'waivers_settlements',
      difficulty: 1,
      question: t(
        '催收员可以在电话里先答应客户减免利息，事后再补审批。',
        'A collector may agree to waive interest on the phone and get the approval afterwards.',
      ),
      explanation: explain(
        '催收员无权自行减免本金或利息；未经审批承诺减免是红线。只能说明可以提交申请，以审批结果为准。',
        'Collectors may not reduce principal or interest on their own; promising a waiver without approval is a red line. Say only that a request can be submitted and the approval decides.',
        WAIVERS,
        SPEECH_RULES,
      ),
    },
    false,
  ),
  trueFalse(
    {
      id: 'waiver-02',
      topic: 'waivers_settlements',
      difficulty: 1,
      question: t(
        '只要具备组长权限，申请人可以审批自己提交的减免申请。',
        'A requester who holds team-lead authority may approve their own waiver request.',
      ),
      explanation: explain(
        '申请人在任何一级都不能审批自己的申请（申请与审批分离）。',
        'A requester can never approve their own request, at any step (maker-checker).',
        WAIVERS,
      ),
    },
    false,
  ),
  single(
    {
      id: 'waiver-03',
      topic: 'waivers_settlements',
      difficulty: 2,
      question: t(
        `按系统默认的审批矩阵，${LEAD_NAME.zh}可以审批的减免上限是？`,
        `Under the system's default authority matrix, up to what may the ${LEAD_NAME.en.toLowerCase()} approve a waiver?`,
      ),
      options: [
        o(
          'a',
          `不超过 ${LEAD_AMOUNT}，且不超过余额的 ${LEAD_PERCENT}`,
          `Up to ${LEAD_AMOUNT_EN} and at most ${LEAD_PERCENT} of the balance`,
        ),
        o(
          'b',
          `不超过 ${LEAD_AMOUNT} 或余额的 ${LEAD_PERCENT}，取较大者`,
          `Up to ${LEAD_AMOUNT_EN} or ${LEAD_PERCENT} of the balance, whichever is larger`,
        ),
        o('c', '任意金额，只要客户同意', 'Any amount, if the customer agrees'),
        o('d', '组长不能审批任何减免', 'A team lead cannot approve any waiver'),
      ],
      explanation: explain(
        `默认矩阵中${LEAD_NAME.zh}只能审批同时满足两个条件的减免：金额不超过 ${LEAD_AMOUNT}，且不超过余额的 ${LEAD_PERCENT}；超出的逐级上报。各中心可以配置自己的矩阵。`,
        `In the default matrix the ${LEAD_NAME.en.toLowerCase()} approves only a waiver within both limits: at most ${LEAD_AMOUNT_EN} and at most ${LEAD_PERCENT} of the balance; more goes up the ladder. Centers may configure their own matrix.`,
        WAIVERS,
      ),
    },
    'a',
  ),
  single(
    {
      id: 'waiver-04',
      topic: 'waivers_settlements',
      difficulty: 2,
      question: t(
        `按默认矩阵（逐级审批），一笔需要${SECOND_NAME.zh}权限的减免申请，审批流程是？`,
        `Under the default matrix (every level in turn), how is a waiver that needs the ${SECOND_NAME.en.toLowerCase()}'s authority approved?`,
      ),
      options: [
        o('a', `只需${SECOND_NAME.zh}一人审批`, `The ${SECOND_NAME.en.toLowerCase()} alone`),
        o(
          'b',
          `先由${LEAD_NAME.zh}审批，再由${SECOND_NAME.zh}审批，两级由不同的人完成`,
          `First the ${LEAD_NAME.en.toLowerCase()}, then the ${SECOND_NAME.en.toLowerCase()}, two different people`,
        ),
        o(
          'c',
          `${LEAD_NAME.zh}审批即可，事后告知${SECOND_NAME.zh}`,
          `The ${LEAD_NAME.en.toLowerCase()}, informing the ${SECOND_NAME.en.toLowerCase()} later`,
        ),
        o('d', '申请人自己审批第一级，再交上级', 'The requester approves the first step, then passes it up'),
      ],
      explanation: explain(
        '逐级审批：从最低一级到所需的一级依次审批；同一人在一条审批链上最多审批一级，申请人不能审批。',
        'Every level up to the required one approves in turn; one person approves at most one step of a chain, and never the requester.',
        WAIVERS,
      ),
    },
    DEFAULT_WAIVER_MATRIX.chain === 'required_level' ? 'a' : 'b',
  ),
  multiple(
    {
      id: 'waiver-05',
      topic: 'waivers_settlements',
      difficulty: 2,
      question: t(
        '提交减免（和解）申请时，应当附上哪些内容？',
        'What should a waiver (settlement) request include?',
      ),
      options: [
        o(
          'a',
          '客户的困难情况说明和证明材料（如失业、疾病证明）',
          "The customer's hardship summary and supporting documents (e.g. proof of job loss or illness)",
        ),
        o(
          'b',
          '客户提出申请的通话录音或书面记录',
          "The recording or written record of the customer's request",
        ),
        o(
          'c',
          '减免后客户应还的金额、日期和官方还款渠道',
          'The amount the customer will pay after the waiver, the date and the official channel',
        ),
        o(
          'd',
          '催收员已经口头答应客户的承诺',
          'The promise the collector already made to the customer verbally',
        ),
      ],
      explanation: explain(
        '审批人要依据证据决定：困难情况及证明、客户申请的记录、和解后的还款金额、日期和渠道；催收员不得事先口头承诺减免。',
        'Approvers decide on evidence: hardship and proof, the record of the request, and the settlement amount, date and channel; collectors must not promise a waiver in advance.',
        WAIVERS,
        PRACTICE,
      ),
    },
    ['a', 'b', 'c'],
  ),
  trueFalse(
    {
      id: 'waiver-06',
      topic: 'waivers_settlements',
      difficulty: 2,
      question: t(
        '和解后，向客户收取的总额不得超过其实际欠款总额。',
        'After a settlement, the total collected from the customer may never exceed what they actually owe.',
      ),
      explanation: explain(
        '任何情况下都不得多收；减免金额也不能超过余额，超过余额的减免申请会被直接拒绝。',
        'Never collect more than is owed; a waiver cannot exceed the balance either, and a request above the balance is refused outright.',
        WAIVERS,
        PRACTICE,
      ),
    },
    true,
  ),
  single(
    {
      id: 'waiver-07',
      topic: 'waivers_settlements',
      difficulty: 2,
      question: t(
        '客户问："能不能给我减免一点？" 合规的回答是？',
        'The customer asks: "Can you waive some of it?" Which answer is compliant?',
      ),
      options: [
        o('a', '没问题，我给你免掉一半利息。', "No problem, I'll waive half the interest for you.", 'debtor'),
        o(
          'b',
          '减免需要按规定提交申请并经过审批，我可以帮您提交申请，结果以审批通知为准。',
          'A waiver needs a formal request and approval. I can submit the request for you; the approval notice decides.',
          'debtor',
        ),
        o(
          'c',
          '你今天全额还款，我就帮你把违约金全免了。',
          "Pay in full today and I'll waive all the late fees.",
          'debtor',
        ),
        o(
          'd',
          '交 500 元手续费就能帮你办减免。',
          'Pay a 500 yuan handling fee and I can get you a waiver.',
          'debtor',
        ),
      ],
      explanation: explain(
        '催收员只能说明减免需要申请和审批，不能自行承诺；以减免为名收取手续费是违规收费。',
        'A collector can only explain that a waiver needs a request and approval, never promise one; charging a "fee" for a waiver is an improper charge.',
        WAIVERS,
        SPEECH_RULES,
      ),
    },
    'b',
  ),
  trueFalse(
    {
      id: 'waiver-08',
      topic: 'waivers_settlements',
      difficulty: 3,
      question: t(
        `一个人如果既是${LEAD_NAME.zh}又临时代理${SECOND_NAME.zh}，可以在同一笔减免的审批链上审批两级。`,
        `Someone who is ${LEAD_NAME.en.toLowerCase()} and also standing in for the ${SECOND_NAME.en.toLowerCase()} may approve two steps of the same waiver's chain.`,
      ),
      explanation: explain(
        '同一人在一条审批链上最多审批一级，否则逐级复核就失去意义。',
        'One person approves at most one step of a chain; otherwise the review up the ladder means nothing.',
        WAIVERS,
      ),
    },
    false,
  ),
  single(
    {
      id: 'waiver-09',
      topic: 'waivers_settlements',
      difficulty: 3,
      question: t(
        '一笔减免申请的金额超过了客户当前的全部欠款余额，系统会怎样处理？',
        "A waiver request is larger than the customer's whole balance. What does the system do?",
      ),
      options: [
        o('a', '自动交给最高一级审批', 'Send it to the highest level automatically'),
        o('b', '直接拒绝该申请', 'Refuse the request outright'),
        o('c', '按余额自动调整后批准', 'Cut it to the balance and approve'),
        o('d', '由申请人自行决定', 'Let the requester decide'),
      ],
      explanation: explain(
        '减免不能超过余额：这样的申请在任何层级都不成立，直接拒绝，需要重新核对金额后再提交。',
        'A waiver cannot exceed the balance: no level can approve such a request, so it is refused; check the amounts and submit again.',
        WAIVERS,
      ),
    },
    'b',
  ),
];

const paymentsPromises: QuizQuestion[] = [
  single(
    {
      id: 'pay-01',
      topic: 'payments_promises',
      difficulty: 1,
      question: t('客户应当通过什么方式还款？', 'How should the customer pay?'),
      options: [
        o('a', '转到催收员的个人微信或支付宝', "To the collector's personal WeChat or Alipay"),
        o(
          'b',
          '官方渠道：官方 App、网上银行、官方还款账户、银行柜台或自动扣款',
          'Official channels: the official app, online banking, the official repayment account, a bank counter or automatic debit',
        ),
        o('c', '把现金交给上门的催收人员', 'Cash handed to the visiting collector'),
        o('d', '转到"代还服务"公司的账户', 'To the account of a "repayment service" company'),
      ],
      explanation: explain(
        '还款只能走官方渠道；要求把钱转到个人账户或其他非官方账户是红线。',
        'Payments go through official channels only; asking for money into a personal or any unofficial account is a red line.',
        ACTION_CODES_SRC,
        SPEECH_RULES,
      ),
    },
    'b',
  ),
  multiple(
    {
      id: 'pay-02',
      topic: 'payments_promises',
      difficulty: 1,
      question: t('一个完整的还款承诺必须包括哪些要素？', 'What must a complete promise to pay include?'),
      options: [
        o('a', '还款金额', 'The amount'),
        o('b', '还款日期', 'The date'),
        o('c', '还款渠道（官方渠道）', 'The (official) payment channel'),
        o('d', '客户的工作单位', "The customer's employer"),
        o('e', '担保人的签字', "A guarantor's signature"),
      ],
      explanation: explain(
        '记录"承诺还款"时必须填写金额、日期和官方还款渠道，缺一项就不是有效承诺。',
        'Logging "promise to pay" requires the amount, the date and the official channel; without any one it is no promise.',
        ACTION_CODES_SRC,
      ),
    },
    ['a', 'b', 'c'],
  ),
  trueFalse(
    {
      id: 'pay-03',
      topic: 'payments_promises',
      difficulty: 1,
      question: t(
        '为了入账更快，催收员可以让客户先把钱转到自己的个人账户，再代为还款。',
        "To post faster, a collector may have the customer transfer to the collector's personal account and pay it in for them.",
      ),
      explanation: explain(
        '任何情况下都不得让客户把钱转入个人账户；这是红线，也是诈骗常见手法。',
        'Never have a customer pay into a personal account; it is a red line and a common scam.',
        SPEECH_RULES,
      ),
    },
    false,
  ),
  single(
    {
      id: 'pay-04',
      topic: 'payments_promises',
      difficulty: 2,
      question: t(
        '客户承诺某日还款，你应该在什么时候之前跟进？',
        'The customer promised to pay by a date. By when must you follow up?',
      ),
      options: [
        o('a', '承诺日当天结束后 24 小时内', 'Within 24 hours after the end of the promised day'),
        o('b', '一周后', 'A week later'),
        o('c', '下个月账单日', "Next month's statement date"),
        o('d', '不用跟进，等客户自己联系', 'No follow-up; wait for the customer'),
      ],
      explanation: explain(
        '承诺到期后 24 小时内跟进，核实是否到账；没还上的，了解原因并重新约定。',
        'Follow up within 24 hours after the promised day to check the payment; if it did not come, learn why and agree anew.',
        PROMISES_SRC,
        PRACTICE,
      ),
    },
    'a',
  ),
  single(
    {
      id: 'pay-05',
      topic: 'payments_promises',
      difficulty: 2,
      question: t(
        '客户已经连续两次承诺还款都没有履约（跳票），接下来应当？',
        'The customer has broken two promises in a row. What next?',
      ),
      options: [
        o('a', '继续用同样的方式催收', 'Keep going the same way'),
        o(
          'b',
          '调整催收策略：重新评估还款意愿和能力，考虑还款方案或依法升级处理',
          'Change the approach: reassess willingness and ability, consider a plan or lawful escalation',
        ),
        o('c', '马上联系他的家人代还', 'Call the family at once to pay for him'),
        o('d', '当天把所有号码都打满次数', 'Use up every number’s daily attempts today'),
      ],
      explanation: explain(
        '连续两次跳票说明原方式无效，应调整策略：无力还款的谈方案，有能力不愿还的采取合法的进一步措施。',
        'Two broken promises in a row mean the approach is not working: a plan for one who cannot pay, firmer lawful steps for one who will not.',
        PROMISES_SRC,
        PRACTICE,
      ),
    },
    'b',
  ),
  single(
    {
      id: 'pay-06',
      topic: 'payments_promises',
      difficulty: 2,
      question: t(
        '客户说："我已经还过了。" 你应该怎么做？',
        'The customer says: "I already paid." What do you do?',
      ),
      options: [
        o('a', '坚持说没收到，要求他再还一次', 'Insist nothing arrived and ask him to pay again'),
        o(
          'b',
          '记录他提供的还款金额、日期和渠道，提交核实，核实前不和客户争执',
          'Log the amount, date and channel he gives, submit for verification, and do not argue meanwhile',
        ),
        o(
          'c',
          '让他把转账截图发到你的个人微信',
          'Have him send the transfer screenshot to your personal WeChat',
        ),
        o('d', '不理会，继续催收', 'Ignore it and keep collecting'),
      ],
      explanation: explain(
        '"声称已还款"要填写核实信息（金额、日期、渠道）并提交核实；资料通过官方渠道提交，不用个人社交账号。',
        'A payment claim needs the details to verify (amount, date, channel) and goes to verification; documents go through official channels, not personal messaging.',
        ACTION_CODES_SRC,
      ),
    },
    'b',
  ),
  multiple(
    {
      id: 'pay-07',
      topic: 'payments_promises',
      difficulty: 2,
      question: t('以下哪些承诺记录是完整有效的？', 'Which of these promise records are complete?'),
      options: [
        o(
          'a',
          '客户承诺 5 月 20 日前通过官方 App 还款 3,000 元',
          'Customer promises to pay 3,000 yuan through the official app by 20 May',
        ),
        o('b', '客户说下周会还一些', 'Customer says he will pay some next week'),
        o(
          'c',
          '客户承诺 6 月 30 日通过网上银行还款 12,450 元',
          'Customer promises to pay 12,450 yuan through online banking on 30 June',
        ),
        o('d', '客户答应尽快还 2,000 元', 'Customer agrees to pay 2,000 yuan as soon as possible'),
      ],
      explanation: explain(
        '有效承诺要有具体金额、具体日期和官方渠道；"一些""尽快""下周"都不完整。',
        'A promise needs a specific amount, a specific date and an official channel; "some", "soon" or "next week" are incomplete.',
        ACTION_CODES_SRC,
      ),
    },
    ['a', 'c'],
  ),
  trueFalse(
    {
      id: 'pay-08',
      topic: 'payments_promises',
      difficulty: 2,
      question: t(
        '催收员可以向客户收取"加急处理费"或"上门服务费"。',
        'A collector may charge the customer an "express handling fee" or a "visit fee".',
      ),
      explanation: explain(
        '合同之外的任何费用都不得收取；以各种名义另收费用是违规收费。',
        'No charge outside the contract may be taken; extra fees under any name are improper charges.',
        SPEECH_RULES,
      ),
    },
    false,
  ),
  single(
    {
      id: 'pay-09',
      topic: 'payments_promises',
      difficulty: 3,
      question: t(
        '客户承诺到期还款 3,000 元，到期时只还了 1,000 元。这个承诺的状态是？',
        'The customer promised 3,000 yuan by the due date and paid only 1,000 by then. What is the promise status?',
      ),
      options: [
        o('a', '已履约', 'Kept'),
        o('b', '部分履约', 'Partly kept'),
        o('c', '未到期', 'Pending'),
        o('d', '作废，不用记录', 'Void, nothing to log'),
      ],
      explanation: explain(
        '到期时已还款但不足承诺金额，记为"部分履约"；在判断是否连续跳票时，默认也按未履约计算。',
        'Paid by the due date but less than promised is "partly kept"; for counting broken promises in a row it counts as broken by default.',
        PROMISES_SRC,
      ),
    },
    'b',
  ),
];

const complaintsDisputes: QuizQuestion[] = [
  trueFalse(
    {
      id: 'complaint-01',
      topic: 'complaints_disputes',
      difficulty: 1,
      question: t(
        '客户投诉后，在投诉处理期间案件冻结，不得继续催收联系。',
        'After a complaint, the case is frozen while the complaint is handled: no collection contact.',
      ),
      explanation: explain(
        '投诉处理期间案件冻结，系统拒绝所有渠道、所有对象的联系，直到冻结解除。',
        'While a complaint is handled the case is frozen; the system refuses contact on every channel with everyone until the freeze is lifted.',
        fact('complaintFreeze'),
      ),
      cites: ['complaintFreeze'],
    },
    profile.holds.complaintFreeze.value,
  ),
  single(
    {
      id: 'complaint-02',
      topic: 'complaints_disputes',
      difficulty: 1,
      question: t(
        '客户在电话里说："我要投诉你们。" 你应该？',
        'The customer says on the phone: "I\'m going to complain about you." You should:',
      ),
      options: [
        o('a', '继续催收，投诉不影响还款义务', 'Keep collecting: a complaint does not change the debt'),
        o('b', '劝他不要投诉，否则对他没好处', "Tell him not to complain or it won't go well for him"),
        o(
          'c',
          '以"投诉"结果码记录并填写投诉记录，案件随即冻结，由投诉处理流程跟进',
          'Log the "complaint" code with a complaint record; the case is frozen and the complaint process takes over',
        ),
        o('d', '挂断电话，换个同事接着打', 'Hang up and have a colleague call instead'),
      ],
      explanation: explain(
        '投诉是客户的权利：记录"投诉"并填写投诉记录，案件冻结；劝阻投诉或暗示后果属于变相威胁。',
        'Complaining is the customer\'s right: log "complaint" with a record, and the case is frozen; discouraging it or hinting at consequences is a veiled threat.',
        ACTION_CODES_SRC,
        fact('complaintFreeze'),
      ),
      cites: ['complaintFreeze'],
    },
    'c',
  ),
  multiple(
    {
      id: 'complaint-03',
      topic: 'complaints_disputes',
      difficulty: 2,
      question: t(
        '案件因投诉冻结期间，以下哪些做法被禁止？',
        'While a case is frozen for a complaint, which of these are forbidden?',
      ),
      options: [
        o('a', '拨打催收电话', 'Collection calls'),
        o('b', '发送催收短信', 'Collection SMS'),
        o('c', '上门外访', 'Visits'),
        o('d', '联系紧急联系人', 'Calling the emergency contact'),
        o(
          'e',
          '在系统里查看案件、整理投诉材料',
          'Reading the case in the system and preparing the complaint file',
        ),
      ],
      explanation: explain(
        '冻结对所有渠道（电话、短信、外访、信函、邮件）和所有对象（债务人、第三方）都有效；内部查看和整理材料不是联系。',
        'A freeze covers every channel (call, SMS, visit, letter, email) and every party (debtor, third parties); internal work on the file is not contact.',
        fact('complaintFreeze'),
        GATE,
      ),
      cites: ['complaintFreeze'],
    },
    ['a', 'b', 'c', 'd'],
  ),
  single(
    {
      id: 'complaint-04',
      topic: 'complaints_disputes',
      difficulty: 2,
      question: t(
        '客户说："这几笔消费不是我本人办的。" 正确的处理是？',
        'The customer says: "These purchases weren\'t mine." What is the right handling?',
      ),
      options: [
        o('a', '告诉他不管是谁刷的都得由他还', 'Tell him he must pay whoever used the card'),
        o('b', '要求他先还款，再谈争议', 'Ask him to pay first and dispute later'),
        o(
          'c',
          '记录为"争议"（非本人办理或使用），填写争议记录并提交核查；争议解除前不再联系',
          'Log a "dispute" (not his account or spending), fill in the dispute record and submit for review; no contact until the dispute is released',
        ),
        o('d', '告诉他争议无效，继续施压', 'Tell him the dispute is void and keep pressing'),
      ],
      explanation: explain(
        '对欠款有异议要记录"争议"并填写争议类型：系统随即登记争议并冻结该案联系（联系闸门以"投诉冻结"拒绝），同时生成核查任务，直到复核人解除。',
        'A dispute is logged with its type: the system records it and freezes contact on the case (the contact gate refuses with "complaint freeze"), with a review task, until a reviewer releases it.',
        ACTION_CODES_SRC,
        fact('complaintFreeze'),
      ),
      cites: ['complaintFreeze'],
    },
    'c',
  ),
  trueFalse(
    {
      id: 'complaint-05',
      topic: 'complaints_disputes',
      difficulty: 2,
      question: t(
        '冻结期间，催收员可以打电话请客户撤回投诉，撤回后就能继续催收。',
        'During the freeze, a collector may call the customer to ask them to withdraw the complaint, so collection can resume.',
      ),
      explanation: explain(
        '冻结期间催收员不得以任何理由联系客户，包括劝其撤诉；投诉由投诉处理流程负责。',
        'During a freeze collectors contact the customer for no reason at all, including asking to withdraw; the complaint process handles it.',
        fact('complaintFreeze'),
      ),
      cites: ['complaintFreeze'],
    },
    false,
  ),
  multiple(
    {
      id: 'complaint-06',
      topic: 'complaints_disputes',
      difficulty: 2,
      question: t(
        '客户提出以下哪些异议时，应记录为"争议"并提交核查？',
        'Which of these objections should be logged as a "dispute" and reviewed?',
      ),
      options: [
        o('a', '欠款金额有误', 'The amount is wrong'),
        o('b', '费用或利息不合理', 'The fees or interest are unfair'),
        o('c', '不是本人办理或使用', 'Not their account or spending'),
        o('d', '所购商品或服务有质量问题', 'A problem with the goods or services bought'),
        o('e', '"下周再说吧"', '"Let\'s talk next week"'),
        o('f', '"我最近失业了"', '"I lost my job recently"'),
      ],
      explanation: explain(
        '金额、费用、非本人、商品或服务问题属于争议；"下周再说"是回电或承诺问题，"失业"是经济困难，按各自的结果码记录。',
        'Amount, fees, not theirs, goods or services are disputes; "next week" is a callback or promise matter and "lost my job" is hardship, each logged with its own code.',
        ACTION_CODES_SRC,
      ),
    },
    ['a', 'b', 'c', 'd'],
  ),
  trueFalse(
    {
      id: 'complaint-07',
      topic: 'complaints_disputes',
      difficulty: 2,
      question: t(
        '债务人已委托律师处理这笔债务后，只能与其律师联系。',
        'Once the debtor has a lawyer for this debt, contact goes through the lawyer only.',
      ),
      explanation: explain(
        '债务人委托律师后，系统拒绝直接联系债务人，沟通通过律师进行。',
        'Once a lawyer represents the debtor, the system refuses direct contact; communication goes through the lawyer.',
        fact('attorney'),
      ),
      cites: ['attorney'],
    },
    profile.holds.attorney.value,
  ),
  single(
    {
      id: 'complaint-08',
      topic: 'complaints_disputes',
      difficulty: 3,
      question: t(
        '案件因投诉冻结，客户的承诺还款日快到了。以下哪项正确？',
        "A case is frozen for a complaint and the customer's promised payment date is near. Which is right?",
      ),
      options: [
        o('a', '可以改发一条短信提醒，短信不算催收', 'An SMS reminder is fine, SMS is not collection'),
        o('b', '可以让委外机构去联系', 'Have the agency make contact'),
        o(
          'c',
          '系统会拒绝所有渠道的联系（原因：案件因投诉冻结中），只能等冻结解除',
          'The system refuses every channel (reason: frozen for a complaint); wait until the freeze is lifted',
        ),
        o('d', '可以联系他的紧急联系人提醒', 'Remind him through the emergency contact'),
      ],
      explanation: explain(
        '冻结期间不论渠道、不论是本行还是委外机构、不论对象，一律不得联系；客户仍可自行通过官方渠道还款。',
        'During a freeze no contact at all: any channel, lender or agency, debtor or third party; the customer can still pay through official channels on their own.',
        fact('complaintFreeze'),
        GATE,
      ),
      cites: ['complaintFreeze'],
    },
    'c',
  ),
  single(
    {
      id: 'complaint-09',
      topic: 'complaints_disputes',
      difficulty: 1,
      question: t(
        '客户说："你先把账单明细发给我，我核对了再说。" 合规的回答是？',
        'The customer says: "Send me the itemised bill first; I\'ll check it." Which answer is compliant?',
      ),
      options: [
        o(
          'a',
          '好的，您可以在官方App查看账单明细，我也可以帮您申请寄送对账单，核对后有疑问可以随时联系我们。',
          'Sure. You can see the itemised bill in the official app, and I can request a statement for you; if anything looks wrong after checking, contact us any time.',
          'debtor',
        ),
        o('b', '没什么好核对的，今天必须还。', "There's nothing to check, you pay today.", 'debtor'),
        o('c', '账单我们不提供，你先还了再说。', "We don't give bills. Pay first.", 'debtor'),
        o(
          'd',
          '你这是在找借口拖延，我们会记下来。',
          "You're making excuses to stall, we'll note that.",
          'debtor',
        ),
      ],
      explanation: explain(
        '客户有权核对欠款明细；应告知官方查询渠道或协助申请对账单，对金额有异议的按争议处理。',
        'The customer is entitled to check the breakdown; point to the official channel or request a statement, and treat a disagreement on the amount as a dispute.',
        ACTION_CODES_SRC,
        PRACTICE,
      ),
    },
    'a',
  ),
];

function deepFreeze(question: QuizQuestion): QuizQuestion {
  for (const option of question.options) Object.freeze(option);
  Object.freeze(question.options);
  Object.freeze(question.correct);
  Object.freeze(question.question);
  Object.freeze(question.explanation);
  if (question.cites) Object.freeze(question.cites);
  return Object.freeze(question);
}

/** The whole bank, in topic order. Frozen. */
export const QUIZ_BANK: readonly QuizQuestion[] = Object.freeze(
  [
    ...contactHours,
    ...frequencyCaps,
    ...thirdParties,
    ...redLines,
    ...limitationPeriods,
    ...waiversSettlements,
    ...paymentsPromises,
    ...complaintsDisputes,
  ].map((question) =>
    deepFreeze({ ...question, options: question.options.map((option) => ({ ...option })) }),
  ),
);

// ——— drawing ———

/** mulberry32: a small, fast, seeded generator; [0, 1). */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let x = state;
    x = Math.imul(x ^ (x >>> 15), x | 1);
    x ^= x + Math.imul(x ^ (x >>> 7), x | 61);
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

function seedOf(seed: number): number {
  if (!Number.isFinite(seed)) return 0;
  const whole = Math.trunc(seed);
  // Mix the high part in, so that seeds beyond 32 bits still differ.
  return (whole % 4294967296) ^ Math.trunc(whole / 4294967296);
}

function shuffled<T>(items: readonly T[], random: () => number): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i -= 1) {
    const j = Math.floor(random() * (i + 1));
    [copy[i], copy[j]] = [copy[j] as T, copy[i] as T];
  }
  return copy;
}

export interface DrawOptions {
  /** Topics to draw from; omitted or empty = every topic. Unknown topics are ignored. */
  topics?: readonly QuizTopic[];
}

/**
 * A quiz of `count` questions from the bank (fewer when the chosen topics hold fewer), the same for the
 * same seed. Topics take turns, so each chosen topic gets `count / topics` questions give or take one
 * (until a topic runs out); no question appears twice. The order is shuffled. `count` is floored;
 * zero, negative or not a number gives an empty quiz.
 */
export function drawQuiz(seed: number, count: number, options: DrawOptions = {}): QuizQuestion[] {
  const wanted = Number.isFinite(count) ? Math.max(0, Math.floor(count)) : 0;
  const chosen = options.topics?.filter((topic) => (QUIZ_TOPICS as readonly string[]).includes(topic)) ?? [];
  const topics: readonly QuizTopic[] = chosen.length > 0 ? [...new Set(chosen)] : QUIZ_TOPICS;
  if (wanted === 0) return [];
  const random = seededRandom(seedOf(seed));
  const pools = shuffled(topics, random).map((topic) =>
    shuffled(
      QUIZ_BANK.filter((question) => question.topic === topic),
      random,
    ),
  );
  const picked: QuizQuestion[] = [];
  for (let round = 0; picked.length < wanted; round += 1) {
    let added = false;
    for (const pool of pools) {
      const question = pool[round];
      if (question && picked.length < wanted) {
        picked.push(question);
        added = true;
      }
    }
    if (!added) break;
  }
  return shuffled(picked, random);
}

// ——— grading ———

export interface QuizItemResult {
  id: string;
  topic: QuizTopic;
  correct: boolean;
  /** The option ids chosen (strings only, each once, in the order given). */
  chosen: string[];
  expected: string[];
  /** Chosen ids that are not options of the question (they make the item wrong). */
  unknownOptions: string[];
  explanation: BilingualText;
}

export interface TopicScore {
  correct: number;
  total: number;
}

export interface QuizGrade {
  /** 0-100, rounded down: 100 only when every question is right; 0 for an empty quiz. */
  score: number;
  correct: number;
  total: number;
  /** Per topic of the questions graded. */
  perTopic: Partial<Record<QuizTopic, TopicScore>>;
  /** One per question, in the order of `questions`. */
  items: QuizItemResult[];
  /** Answer keys that are not questions of this quiz (not scored). */
  unknownQuestionIds: string[];
}

function chosenOf(answers: unknown, id: string): string[] {
  if (typeof answers !== 'object' || answers === null || !Object.hasOwn(answers, id)) return [];
  const value = (answers as Record<string, unknown>)[id];
  if (!Array.isArray(value)) return [];
  return [...new Set(value.filter((entry): entry is string => typeof entry === 'string'))];
}

/**
 * Grades answers (question id → chosen option ids). A question is right only when the chosen set is
 * exactly its correct set; a missing answer, an unknown option or a non-list answer is wrong. Never
 * throws on bad answers.
 */
export function gradeQuiz(
  questions: readonly QuizQuestion[],
  answers: Readonly<Record<string, readonly string[] | undefined>>,
): QuizGrade {
  const items: QuizItemResult[] = [];
  const perTopic: Partial<Record<QuizTopic, TopicScore>> = {};
  let correctCount = 0;
  for (const question of questions) {
    const chosen = chosenOf(answers, question.id);
    const optionIds = new Set(question.options.map((option) => option.id));
    const expected = [...question.correct];
    const unknownOptions = chosen.filter((id) => !optionIds.has(id));
    const right =
      unknownOptions.length === 0 &&
      chosen.length === expected.length &&
      expected.every((id) => chosen.includes(id));
    if (right) correctCount += 1;
    const topic = perTopic[question.topic] ?? { correct: 0, total: 0 };
    topic.total += 1;
    if (right) topic.correct += 1;
    perTopic[question.topic] = topic;
    items.push({
      id: question.id,
      topic: question.topic,
      correct: right,
      chosen,
      expected,
      unknownOptions,
      explanation: copyText(question.explanation),
    });
  }
  const asked = new Set(questions.map((question) => question.id));
  const unknownQuestionIds =
    typeof answers === 'object' && answers !== null
      ? Object.keys(answers).filter((id) => !asked.has(id))
      : [];
  const total = questions.length;
  return {
    score: total === 0 ? 0 : Math.floor((correctCount * 100) / total),
    correct: correctCount,
    total,
    perTopic,
    items,
    unknownQuestionIds,
  };
}
