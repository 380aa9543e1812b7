/**
 * What a trainee utterance does: the collector acts of DOMAIN.md's call flow (greeting, own name and
 * institution, right-party check, purpose, asking the reason, empathy, a lawful consequence, a plan,
 * asking for amount and date, a proposal, the payment channel, recap, closing, a callback request),
 * recognised on the normalised text (traditional → simplified, full-width → half-width, stray spaces
 * removed: compliance/speech/normalize), segmented into words by jieba (@node-rs/jieba, its own
 * dictionary), with the amounts and dates of spoken Mandarin (speech-values).
 *
 * Where a single character would misfire as a substring, words decide: agreement ("好的", "行", "可以",
 * "没问题", "就这样") counts only as a word standing as its own clause and not negated, so 行 in 银行,
 * 可以 in 不可以 or in "您可以通过APP还款" and 行不行 are not a yes; a plan preceded by a negation word
 * ("不能分期") is not a plan offered.
 *
 * Pure and deterministic. Recognition is by cue phrases in context, the way a trainer listens for the
 * step, not by understanding: a trainee who says the step in other words may be missed, which the report
 * then shows as a missing step (the cue lists grow from real sessions).
 */
import { createRequire } from 'node:module';
import type { Jieba } from '@node-rs/jieba';
import { normalizeForMatching } from '../compliance/speech/normalize';
import { parseAmounts, parseDates } from './speech-values';
import type { CollectorAct, RecognisedUtterance } from './types';

// ——— words (jieba) ———

let segmenter: Jieba | null = null;

/** The segmenter, its dictionary loaded on first use (once per process; about 5 MB). */
function jieba(): Jieba {
  if (segmenter === null) {
    const require = createRequire(import.meta.url);
    const { Jieba: JiebaClass } = require('@node-rs/jieba') as typeof import('@node-rs/jieba');
    const { dict } = require('@node-rs/jieba/dict') as typeof import('@node-rs/jieba/dict');
    segmenter = JiebaClass.withDict(dict);
  }
  return segmenter;
}

/** The words of a text (jieba, dictionary only, no HMM guesses); they concatenate back to the text. */
export function segment(text: string): string[] {
  if (text.length === 0) return [];
  return jieba().cut(text, false);
}

interface Word {
  text: string;
  start: number;
  end: number;
}

function wordsOf(text: string): Word[] {
  const words: Word[] = [];
  let offset = 0;
  for (const token of segment(text)) {
    words.push({ text: token, start: offset, end: offset + token.length });
    offset += token.length;
  }
  return words;
}

/** Words that negate the word after them. */
const NEGATORS = new Set([
  '不',
  '没',
  '没有',
  '别',
  '不能',
  '不会',
  '不要',
  '不用',
  '无法',
  '不太',
  '不可',
  '未',
  '并非',
  '不是',
]);
/** Clause breaks between words. */
const CLAUSE_BREAK_WORD = /^[\s，,。.！!？?；;、：:…~～—-]+$/u;
/** Words that may open an agreeing clause before the yes itself ("那好吧", "我看可以", "嗯，行"). */
const LEAD_WORDS = new Set([
  '那',
  '那么',
  '嗯',
  '哦',
  '噢',
  '喔',
  '好',
  '这样',
  '这样子',
  '那样',
  '也',
  '都',
  '我',
  '我们',
  '看',
  '我看',
  '觉得',
  '我觉得',
  '那就',
  '就',
  '那个',
  '行',
  '可以',
  '对',
]);
/** A yes in one word. */
const YES_WORDS = new Set([
  '好',
  '好的',
  '好吧',
  '行',
  '可以',
  '同意',
  '成交',
  '一言为定',
  '没问题',
  'ok',
  '好嘞',
  '那好',
  '妥',
  '对',
  '嗯',
  '嗯嗯',
]);
/** Particles that may follow a yes. */
const TAIL_WORDS = new Set(['吧', '的', '啊', '呀', '嘞', '了', '哈', '嗯', '呢', '啦', '哦']);
/** Two-word agreements ("就这样", "那就", "就按", "没问题"). */
const YES_PAIRS: readonly [string, string][] = [
  ['就', '这样'],
  ['就', '这么'],
  ['就', '按'],
  ['那', '就'],
  ['没', '问题'],
  ['按', '您说'],
];

function clausesOf(words: readonly Word[]): Word[][] {
  const clauses: Word[][] = [[]];
  for (const word of words) {
    if (CLAUSE_BREAK_WORD.test(word.text)) {
      if ((clauses[clauses.length - 1] as Word[]).length > 0) clauses.push([]);
      continue;
    }
    (clauses[clauses.length - 1] as Word[]).push(word);
  }
  return clauses.filter((clause) => clause.length > 0);
}

/** A clause that says yes: optional lead words, a yes (one word or a pair), optional particles, and no question. */
function clauseAgrees(clause: readonly Word[], questionEnd: boolean): boolean {
  const texts = clause.map((word) => word.text.toLowerCase());
  if (questionEnd || texts.includes('吗') || texts.includes('么')) return false;
  for (let i = 0; i < texts.length; i += 1) {
    const word = texts[i] as string;
    const next = texts[i + 1];
    const pair = next !== undefined && YES_PAIRS.some(([a, b]) => a === word && b === next);
    if (!pair && !YES_WORDS.has(word)) {
      if (LEAD_WORDS.has(word)) continue;
      return false;
    }
    if (i > 0 && NEGATORS.has(texts[i - 1] as string)) return false;
    // A pair opens the agreement ("那就按这个来"); a single yes must end the clause but for particles.
    if (pair) return true;
    return texts.slice(i + 1).every((rest) => TAIL_WORDS.has(rest) || YES_WORDS.has(rest) || rest === '那就');
  }
  return false;
}

/** Whether the utterance agrees (to what the other side just proposed), read on words. */
export function agreesIn(normalised: string): boolean {
  const words = wordsOf(normalised);
  const clauses = clausesOf(words);
  return clauses.some((clause) => {
    const last = clause[clause.length - 1] as Word;
    const after = normalised.slice(last.end).trimStart()[0] ?? '';
    return clauseAgrees(clause, after === '?' || after === '？');
  });
}

/** Words a negation may reach across ("不能给您分期", "没有帮您申请"). */
const BRIDGE_WORDS = new Set([
  '办法',
  '给',
  '您',
  '你',
  '帮',
  '为',
  '替',
  '再',
  '去',
  '办理',
  '申请',
  '做',
  '提供',
  '安排',
]);

/** Whether some match of `pattern` in the text is not negated by a word before it ("不能给您分期"). */
function unnegatedMatch(pattern: RegExp, text: string, words: readonly Word[]): boolean {
  const global = new RegExp(
    pattern.source,
    pattern.flags.includes('g') ? pattern.flags : `${pattern.flags}g`,
  );
  for (const match of text.matchAll(global)) {
    const at = match.index ?? 0;
    let index = words.findIndex((word) => word.start <= at && at < word.end) - 1;
    let negated = false;
    for (let reach = 0; index >= 0 && reach < 4; reach += 1, index -= 1) {
      const before = (words[index] as Word).text;
      if (NEGATORS.has(before)) {
        negated = true;
        break;
      }
      if (!BRIDGE_WORDS.has(before)) break;
    }
    if (!negated) return true;
  }
  return false;
}

export interface RecogniseContext {
  /** Business date the call happens on (YYYY-MM-DD). */
  today: string;
  /** The debtor's full name (王明) and how the answering person is addressed (王先生). */
  debtorName: string;
  /** The creditor as the account shows it (华信银行信用卡中心). */
  creditor: string;
}

/** The payment channels a trainee can name, with their cue phrases (official channels only). */
const CHANNEL_CUES: readonly { channel: string; cue: RegExp }[] = [
  { channel: 'app', cue: /app|手机银行|客户端|官方应用|小程序|公众号|掌上银行/u },
  { channel: 'auto_debit', cue: /自动扣款|自动还款|代扣|扣款账户|绑定的卡/u },
  { channel: 'counter', cue: /柜台|营业网点|网点/u },
  { channel: 'bank_transfer', cue: /转账|网银|网上银行|还款账户|对公账户|官方账户/u },
];

const GREETING = /你好|您好|喂|早上好|上午好|中午好|下午好|晚上好|打扰/u;
const ORG_WORDS = /银行|信用卡|中心|公司|金融|贷款|客服|催收|委托|机构|事务所|工号|专员/u;
const SELF_INTRO = /我是|我叫|我姓|这里是|这边是|我这边是|我这里是|我们是|本人是/u;
const RIGHT_PARTY_QUESTION =
  /请问|是不是|是否|吗|么|嘛|\?|本人|您是|你是|找一下|找下|在吗|在不在|麻烦.{0,4}(接|找)|核实|确认一下您的身份/u;
const PURPOSE =
  /(关于|就是|是就|因为|联系您|致电|来电|打电话|打给您|通知您|提醒您|跟您说|和您说|告诉您|这次).{0,24}(账单|欠款|逾期|还款|贷款|信用卡|借款|分期|最低还款|应还|本期|账户|担保)|(您|你)(的|在).{0,16}(账单|欠款|贷款|信用卡|借款).{0,20}(逾期|未还|没有还|没还|到期|已经|欠)|(已经|目前)?逾期(了)?.{0,3}[0-9一二三四五六七八九十两百]+天|尚未还款|还没有还|还没还|未按时还款|没有按时还款|担保.{0,12}(贷款|借款|责任)/u;
const ASK_REASON =
  /(什么|啥)(原因|情况|困难|问题)|为什么|为啥|怎么回事|怎么了|遇到.{0,8}(困难|问题|情况|难处|事)|方便(说|讲|聊|告诉).{0,8}(原因|情况|一下)|是(不是)?因为[^，。！？,.!?]{0,12}(吗|么|\?)|是不是.{0,8}(忘|困难|问题|不方便)|原因|出什么事|有什么难处|发生了什么|怎么没(还|按时)/u;
const EMPATHY =
  /理解|明白您|明白你|体谅|不容易|辛苦|难处|能感受|感同身受|换(做|作|成)是我|别着急|不要着急|别担心|不用担心|不要担心|先别急|难为|抱歉|不好意思|我知道您|我知道你|(^|[，。！？,.!?])明白[，,。!！]|(您|你)也(很)?(着急|为难|不容易|难)|确实.{0,6}(难|不容易|麻烦|困难|着急|委屈)|谢谢您(的)?(理解|信任|坦诚)|您放心|尊重您|感谢您(愿意|告诉|坦诚|的坦诚)|也不想|保重|早日康复|祝.{0,6}(康复|顺利)|一向.{0,6}(守信|信用|按时)|信用一直|一直.{0,6}(很好|按时|守信)/u;
const CONSEQUENCE =
  /征信|信用记录|信用报告|人民银行|人行|法律(途径|程序|手段|责任)|诉讼|起诉|法院|仲裁|违约金|罚息|滞纳金|利息.{0,6}(增加|累积|继续|上涨)|额度|影响.{0,10}(信用|贷款|征信|办卡|房贷|车贷|记录|以后)|依法|合同约定|按照合同|担保责任|连带责任|保证责任|后续.{0,6}(处理|程序|措施)|继续逾期|越拖越|逾期时间越长|费用会/u;
const PLAN =
  /分期|分[0-9一二三四五六七八九十两几]期|还款计划|还款方案|方案|先还一部分|部分还款|还一部分|先还点|先还一点|先还.{0,4}部分|(先|只|可以)还?最低还款|最低还款额?(就|即)可|申请.{0,6}(减免|延期|停息|挂账|分期|协商)|协商|延期|缓一缓|宽限|每个月还|每月还|按月还|个性化分期|困难.{0,4}(申请|政策)/u;
const ASK_AMOUNT_DATE =
  /(多少|几成|哪天|几号|什么时候|何时|啥时候|哪一天|多久|多长时间).{0,10}(还|处理|解决|能|可以|方便|到账|凑)|(能|可以|方便|打算|准备)(先)?(还|凑|拿出|处理|解决).{0,8}(多少|几|吗|么|\?)|(还|凑)(多少|几)|什么时候(能|可以|方便)?|(今天|明天|这周|本周|月底|下周).{0,6}(能|可以|方便).{0,6}(吗|么|\?)|金额|日期/u;
const RECAP =
  /确认一下|再确认|跟您确认|和您确认|向您确认|我复述|复述一下|重复一下|核对一下|总结一下|也就是说|那就是说|就是说您|那我们说好|说好了|我们约定|约定好|我记一下|我记下了|给您登记|帮您登记|我登记/u;
const CLOSING =
  /再见|拜拜|祝您|不打扰|感谢您的(配合|时间|支持|理解)|谢谢您的(配合|时间|支持|理解)|谢谢配合|先这样|就到这|有问题随时|有疑问.{0,6}(联系|致电|拨打)|挂了|晚安|回头见/u;
const CALLBACK =
  /回电|回个电话|回拨|回复|给我回|联系我|打给我|打这个|转告|转达|捎个话|带个话|留个(电话|号码|言|话)|我的(电话|号码)|电话是|号码是|联系方式|怎么联系|怎样联系|如何联系|方便联系|能联系上|找到他|找到她|什么时候(回来|在家|方便)|他(的)?(手机|电话)|她(的)?(手机|电话)/u;

function surnameOf(name: string): string {
  return name.slice(0, name.length >= 4 ? 2 : 1);
}

function mentionsDebtor(text: string, debtorName: string): boolean {
  if (debtorName.length === 0) return false;
  if (text.includes(debtorName)) return true;
  const surname = surnameOf(debtorName);
  return new RegExp(`${surname}(先生|女士|小姐|总|老板|师傅|经理|阿姨|叔)`, 'u').test(text);
}

/** Names of official channels in the text, in order of the cue table (first one wins as "the" channel). */
export function channelsIn(normalised: string): string[] {
  return CHANNEL_CUES.filter(({ cue }) => cue.test(normalised)).map(({ channel }) => channel);
}

/** "今天来电", "今天联系您": the day of the call, not a payment date. */
const CALL_DAY_AFTER =
  /^\s*(来电|联系|致电|打电话|打给|给您打|给你打|跟您|和您|跟你|和你|找您|找你|通知|提醒)/u;

function safeDates(text: string, today: string): string[] {
  return parseDates(text, today)
    .filter((entry) => !(/^(今天|今日)$/u.test(entry.text) && CALL_DAY_AFTER.test(text.slice(entry.end))))
    .map((entry) => entry.date);
}

/**
 * A proposal asks or settles something: a question, a request, a suggestion, a recap. An amount and a date
 * in a plain statement ("今天来电…逾期款3800元已经逾期41天了") are facts of the account, not a proposal.
 */
const REQUEST_CUE =
  /吗|么|\?|吧|可以|行不行|好不好|怎么样|能不能|能否|方便|请您|麻烦|建议|记得|安排|约定|说好|对不对|就行|就好|好吗|确认|争取|尽量|务必|先还|还上|还清|把/u;

/** Same-day words parseDates leaves to the context ("今晚", "马上", "下班后"). */
const TODAY_WORDS = /今晚|今天晚上|马上|现在就|一会儿|等会|下班后|中午前|下午前|当天/u;

/**
 * The acts of one trainee utterance. Never throws: any text (empty, very long, emoji, English) gives a
 * (possibly empty) recognition. Texts are read up to their first 2,000 characters.
 */
export function recognise(utterance: string, context: RecogniseContext): RecognisedUtterance {
  const original = utterance.slice(0, 2000);
  const text = normalizeForMatching(original).text.toLowerCase();
  const words = wordsOf(text);
  const acts = new Set<CollectorAct>();
  const amounts = parseAmounts(original).map((entry) => entry.fen);
  const dates = safeDates(original, context.today);
  if (dates.length === 0 && TODAY_WORDS.test(text)) dates.push(context.today);

  if (GREETING.test(text)) acts.add('greeting');
  const creditorCore = context.creditor.replace(/信用卡中心|中心|有限公司|公司/gu, '');
  if (
    (SELF_INTRO.test(text) && (ORG_WORDS.test(text) || (creditorCore && text.includes(creditorCore)))) ||
    /工号/u.test(text)
  ) {
    acts.add('identity');
  }
  if (mentionsDebtor(text, context.debtorName) && RIGHT_PARTY_QUESTION.test(text)) {
    acts.add('right_party_check');
  } else if (/(您|你)是本人吗|是本人吗|请问是(您|你)本人|本人接的/u.test(text)) {
    acts.add('right_party_check');
  }
  if (PURPOSE.test(text)) acts.add('purpose');
  if (ASK_REASON.test(text)) acts.add('ask_reason');
  if (EMPATHY.test(text)) acts.add('empathy');
  if (CONSEQUENCE.test(text)) acts.add('lawful_consequence');
  if (PLAN.test(text) && unnegatedMatch(PLAN, text, words)) acts.add('offer_plan');
  if (ASK_AMOUNT_DATE.test(text)) acts.add('ask_amount_date');
  const firstAmount = amounts[0];
  const firstDate = dates[0];
  const proposal =
    firstAmount !== undefined && firstDate !== undefined && REQUEST_CUE.test(text)
      ? { amountFen: firstAmount, date: firstDate }
      : null;
  if (proposal) acts.add('propose');
  if (channelsIn(text).length > 0 && /还|缴|存|转|付|扣|入账|到账|操作|渠道|方式/u.test(text)) {
    acts.add('channel');
  }
  if (RECAP.test(text)) acts.add('recap');
  if (CLOSING.test(text)) acts.add('closing');
  if (CALLBACK.test(text)) acts.add('callback_request');
  return { acts: [...acts], amounts, dates, proposal, agrees: agreesIn(text) };
}
