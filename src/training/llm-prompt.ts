/**
 * The prompt that asks an LLM to word the simulated debtor's next line, and the check of what it answers.
 * Pure. The engine has already decided what the debtor does (the intent, the amount and date spoken of)
 * and worded it from the offline response bank (the draft); the LLM only rephrases the draft in the
 * persona's voice. A reply is used only when it keeps the draft's amount and date (and adds no other
 * number) and the rulebook finds nothing the simulator would not say; otherwise the draft stays.
 */
import { createSpeechInspector } from '../compliance/speech';
import { parseAmounts, parseDates } from './speech-values';
import type { EngineSession, Mindset, PersonaType, ReplyIntent, Scenario, SituationClass } from './types';

/** The longest reply accepted, in characters. */
export const MAX_LLM_REPLY = 120;

const TYPE_NAMES: Record<PersonaType, string> = {
  hostile: '强硬型（脾气冲，容易被激怒）',
  scheming: '阴谋型（精于算计，想方设法少还、拖延）',
  cooperative: '合作型（态度配合，愿意解决）',
  emotional: '感情型（情绪化，重视被理解）',
  stubborn: '固执型（认死理，不轻易改口）',
  vain: '虚荣型（好面子，在意别人怎么看）',
};

const MINDSET_NAMES: Record<Mindset, string> = {
  luck: '侥幸（觉得拖着也不会怎样）',
  evasion: '推诿（把责任推给别人）',
  delay: '拖延（能拖一天是一天）',
  confrontation: '对抗（和催收方对着干）',
};

const SITUATION_NAMES: Record<SituationClass, string> = {
  1: '有还款意愿，也有还款能力',
  2: '有还款意愿，但暂时没有能力',
  3: '有还款能力，但没有意愿',
  4: '既没有意愿，也没有能力',
};

const INTENT_NAMES: Record<ReplyIntent, string> = {
  answer: '接起电话',
  ask_who: '问对方是谁、哪里打来的',
  confirm_identity: '确认自己就是要找的人',
  deflect_identity: '含糊其辞，不正面承认自己是本人',
  third_party_absent: '说要找的人不在，问对方是谁、什么事',
  third_party_probe: '追问打电话的具体原因',
  third_party_take_message: '答应帮忙转告回电',
  third_party_shocked: '听说对方欠钱后感到吃惊',
  excuse: '提出不还款的理由',
  explain_reason: '解释没有还款的原因',
  dispute: '对欠款或金额提出异议',
  soften: '态度缓和下来',
  concede_consequence: '认真对待对方说明的后果',
  defy: '不服气地顶回去',
  offer: '自己提出能还的金额和日期',
  counter: '还价：说出自己能做到的金额和日期',
  accept: '同意对方提出的还款金额和日期',
  ask_channel: '问怎么还款',
  confirm_recap: '确认对方复述的还款安排',
  stall: '拖延，不做承诺',
  confused: '没听懂或答非所问',
  angry: '对威胁、辱骂或不当言语生气',
  call_out: '指出对方冒充身份或说法不实',
  goodbye: '道别，结束通话',
  hang_up: '不耐烦，挂断电话',
};

const PARTY_NAMES = {
  debtor: '欠款人本人',
  third_party: '欠款人的家人或熟人（第三方）',
  guarantor: '担保人',
};

function yuan(fen: number): string {
  const value = fen / 100;
  return `${Number.isInteger(value) ? value : value.toFixed(2)}元`;
}

export interface ReplyPromptInput {
  scenario: Scenario;
  /** The session after the engine's turn; `turnIndex` is the debtor line to word. */
  session: EngineSession;
  turnIndex: number;
  /** How the engine words the amount and the date it chose (e.g. 3000元, 12月5日, 明天). */
  spokenAmount: string | null;
  spokenDate: string | null;
}

export interface ReplyPrompt {
  system: string;
  user: string;
  /** The offline line. */
  draft: string;
  intent: ReplyIntent;
  /** The value texts the reply must keep (those the draft contains). */
  keep: string[];
}

/** How many earlier turns the prompt quotes. */
const CONTEXT_TURNS = 8;

/** The chat messages asking for one short zh-CN line that rewords the draft. Throws a RangeError for a turn that is not the debtor's. */
export function buildReplyPrompt(input: ReplyPromptInput): ReplyPrompt {
  const { scenario, session, turnIndex } = input;
  const turn = session.turns[turnIndex];
  const meta = session.meta[turnIndex];
  if (turn?.speaker !== 'debtor' || meta?.speaker !== 'debtor') {
    throw new RangeError(`turn ${turnIndex} is not a debtor turn`);
  }
  const { persona, account } = scenario;
  const state = session.state;
  const lines = [
    '你在一个催收员培训模拟系统里扮演接电话的人，和学员（催收员）通电话。只用简体中文口语回答。',
    '',
    '【人物】',
    `称呼：${persona.name}，${persona.gender === 'male' ? '男' : '女'}，${persona.age}岁，${persona.occupation.zh}`,
    `身份：${PARTY_NAMES[scenario.party]}${scenario.relation ? `（与欠款人的关系：${scenario.relation.zh}）` : ''}`,
    `性格类型：${TYPE_NAMES[persona.type]}`,
    `心态：${MINDSET_NAMES[persona.mindset]}`,
    `处境：${SITUATION_NAMES[persona.situation]}`,
    `此刻状态（0-100）：耐心 ${state.patience}，信任 ${state.trust}，还款意愿 ${state.willingness}，敌意 ${state.hostility}`,
    '',
    '【账户】',
    `债权机构：${account.creditor}；产品：${account.product.zh}；欠款人：${account.debtorName}`,
    `欠款余额：${yuan(account.balanceFen)}；逾期应还：${yuan(account.overdueFen)}；逾期天数：${account.daysPastDue}天`,
    account.lastPayment
      ? `最近一次还款：${account.lastPayment.date}，${yuan(account.lastPayment.amountFen)}`
      : '最近一次还款：无',
    `此前未兑现的还款承诺：${account.brokenPromises}次`,
    '',
    '【要求】',
    '1. 只说一句简短自然的话（不超过60个字），符合人物的性格、心态和此刻状态。',
    '2. 必须保持草稿的意思和意图，不要替学员推进对话，也不要答应草稿没有答应的事。',
    '3. 草稿里的金额和日期必须原样保留；草稿里没有金额或日期时，不要说任何数字、金额或日期。',
    '4. 不要辱骂、威胁或冒充任何人，不要编造新的事实。',
    '5. 只输出一个 JSON 对象，格式为 {"reply": "你要说的话"}，不要输出其他内容。',
  ];
  const history = session.turns
    .slice(Math.max(0, turnIndex - CONTEXT_TURNS), turnIndex)
    .map((t) => `${t.speaker === 'trainee' ? '学员' : persona.name}：${t.text}`);
  const keep = [input.spokenAmount, input.spokenDate].filter(
    (value): value is string => value !== null && value !== '' && turn.text.includes(value),
  );
  const user = [
    history.length > 0 ? `【通话记录】\n${history.join('\n')}` : '【通话记录】（刚接起电话）',
    '',
    `【这句话的意图】${INTENT_NAMES[meta.intent]}`,
    `【草稿】${turn.text}`,
    keep.length > 0 ? `【必须原样保留】${keep.join('、')}` : '【不得出现任何数字、金额或日期】',
    '',
    '请按要求改写草稿，只输出 JSON。',
  ].join('\n');
  return { system: lines.join('\n'), user, draft: turn.text, intent: meta.intent, keep };
}

export type ReplyCheck = { ok: true } | { ok: false; reason: string };

const DIGITS = /[0-9０-９]/u;
/** Rulebook findings the check ignores: a debtor never has to introduce themselves. */
const IGNORED_RULES = new Set(['cn.opening.identity']);

/**
 * Whether an LLM's line may replace the draft: not empty, at most MAX_LLM_REPLY characters, keeps every
 * value text of `keep`, speaks of no amount or date the draft does not (and has no other digits), and
 * the rulebook, reading it as a collector's line, finds no error (other than the opening rule).
 */
export function checkLlmReply(reply: string, prompt: ReplyPrompt, today: string): ReplyCheck {
  const text = reply.trim();
  if (text === '') return { ok: false, reason: 'empty' };
  if (text.length > MAX_LLM_REPLY) return { ok: false, reason: 'too long' };
  for (const value of prompt.keep) {
    if (!text.includes(value)) return { ok: false, reason: `does not keep ${value}` };
  }
  let rest = text;
  for (const value of prompt.keep) rest = rest.split(value).join('');
  if (DIGITS.test(rest)) return { ok: false, reason: 'digits the draft does not have' };
  const draftAmounts = new Set(parseAmounts(prompt.draft).map((a) => a.fen));
  if (parseAmounts(text).some((a) => !draftAmounts.has(a.fen))) {
    return { ok: false, reason: 'an amount the draft does not have' };
  }
  const draftDates = new Set(parseDates(prompt.draft, today).map((d) => d.date));
  if (parseDates(text, today).some((d) => !draftDates.has(d.date))) {
    return { ok: false, reason: 'a date the draft does not have' };
  }
  const findings = createSpeechInspector('cn-cba').inspect({
    party: 'debtor',
    turns: [{ speaker: 'agent', text }],
  });
  const error = findings.find((f) => f.severity === 'error' && !IGNORED_RULES.has(f.rule));
  if (error) return { ok: false, reason: `rulebook: ${error.rule}` };
  return { ok: true };
}
