/**
 * Money amounts and dates in what a collector or debtor says in Mandarin, for the training simulator's
 * dialogue engine: "我下周五先还五千" → 500000 fen, and the Friday of next week.
 *
 * Pure and deterministic: the business date `today` is passed in. Offsets (`start`, `end`) are UTF-16
 * offsets into the ORIGINAL text, and `text === original.slice(start, end)`.
 *
 * Normalisation is one code unit for one code unit (so offsets need no map): full-width ASCII digits and
 * signs to half-width (except the full-width comma '，', which is sentence punctuation, not a thousands
 * separator), ￥ to ¥, 〇 to 零, and a few traditional characters to simplified (兩 萬 億 號 週 塊 錢 ...).
 *
 * Amounts (integer fen, positive, at most MAX_FEN):
 * - Chinese numerals with the spoken abbreviations: 五千, 一万二 (12000), 两千五 (2500), 三万五千, 一千零五十,
 *   十万, 二十, 一点五万; capital numerals (壹仟伍佰); Arabic and mixed: 5000, 5,000, 3000.50, 5千, 1.5万,
 *   1万2, 5k, 1.5w; currency marks ¥/RMB/人民币 before, 元/块/块钱/圆/人民币/毛/角 after; 五块五, 一块半,
 *   三块五毛.
 * - A number with no currency mark must still look like money: Chinese numerals need a unit (十/百/千/万/亿;
 *   a lone 一, 三, 十五 is not an amount), bare Arabic numbers need at least three digits and at most seven
 *   (longer runs are phone, card and ID numbers).
 * - Not amounts: vague quantities (几千, 三千多, 一千来块, 千把块, 一万半), percentages (百分之十, 10%, 八成,
 *   八折), counts and measures (3天, 两个月, 分3期, 十分, 五十个), ordinals (第三), weekdays (周五), times
 *   (3点), phone/ID/card numbers, and anything inside a date `parseDates` finds (12月1日, 2026-12-01, 12/1).
 *   With an explicit currency mark the number is trusted ("13800138000元" is an amount).
 *
 * Dates (see `parseDates` for the exact reading of each form): only dates on or after `today` are
 * reported; past references (上周五, 2025-01-01 when today is later) are left out.
 */
import {
  dateOfEpochDay,
  daysInMonth,
  epochDayOf,
  isRealCalendarDate,
  MAX_BUSINESS_YEAR,
} from '../domain/dates';
import { MAX_FEN } from '../domain/money';

export interface SpokenAmount {
  /** Integer fen, > 0. */
  fen: number;
  start: number;
  end: number;
  text: string;
}

export interface SpokenDate {
  /** 'YYYY-MM-DD', on or after `today`. */
  date: string;
  start: number;
  end: number;
  text: string;
}

// ---------------------------------------------------------------------------------------------------
// Normalisation (code unit for code unit)

const CHAR_FOLDS: Record<string, string> = {
  兩: '两',
  萬: '万',
  億: '亿',
  號: '号',
  週: '周',
  塊: '块',
  錢: '钱',
  圓: '圆',
  後: '后',
  個: '个',
  禮: '礼',
  這: '这',
  幾: '几',
  點: '点',
  貳: '贰',
  陸: '陆',
  來: '来',
  餘: '余',
  內: '内',
  過: '过',
  〇: '零',
  '\uFFE5': '¥',
  '\u3000': ' ',
};

/** The text the scanners read: same length as `text`, each code unit folded on its own. */
export function normalizeSpeechValues(text: string): string {
  const out: string[] = new Array(text.length);
  for (let i = 0; i < text.length; i++) {
    const ch = text.charAt(i);
    const code = ch.charCodeAt(0);
    if (code >= 0xff01 && code <= 0xff5e && code !== 0xff0c) out[i] = String.fromCharCode(code - 0xfee0);
    else out[i] = CHAR_FOLDS[ch] ?? ch;
  }
  return out.join('');
}

// ---------------------------------------------------------------------------------------------------
// Numerals

const CN_DIGITS: Record<string, number> = {
  一: 1,
  壹: 1,
  二: 2,
  贰: 2,
  两: 2,
  三: 3,
  叁: 3,
  四: 4,
  肆: 4,
  五: 5,
  伍: 5,
  六: 6,
  陆: 6,
  七: 7,
  柒: 7,
  八: 8,
  捌: 8,
  九: 9,
  玖: 9,
};
const CN_UNITS: Record<string, number> = {
  十: 10,
  拾: 10,
  百: 100,
  佰: 100,
  千: 1000,
  仟: 1000,
  万: 1e4,
  亿: 1e8,
};
const BIG_UNIT = 1e4;

/** Reads 1-99 written in Chinese (三, 十五, 二十, 三十一) or Arabic digits; null otherwise. */
function smallNumber(text: string): number | null {
  if (/^\d+$/.test(text)) return Number(text);
  const tenAt = text.indexOf('十');
  if (tenAt < 0) return text.length === 1 ? (CN_DIGITS[text] ?? null) : null;
  if (text.indexOf('十', tenAt + 1) >= 0) return null;
  const head = text.slice(0, tenAt);
  const tail = text.slice(tenAt + 1);
  const tens = head === '' ? 1 : head.length === 1 && head !== '两' ? CN_DIGITS[head] : undefined;
  const ones = tail === '' ? 0 : tail.length === 1 ? CN_DIGITS[tail] : undefined;
  return tens === undefined || ones === undefined ? null : tens * 10 + ones;
}

type NumeralToken =
  | { kind: 'num'; value: number; singleDigit: boolean }
  | { kind: 'zero' }
  | { kind: 'unit'; value: number }
  | { kind: 'vague' };

interface NumeralRun {
  tokens: NumeralToken[];
  end: number;
  arabicDigits: number;
}

const ARABIC_NUMBER = /\d{1,3}(?:,\d{3})+(?!\d)(?:\.\d+)?|\d+(?:\.\d+)?/y;

function isRunStart(ch: string): boolean {
  return (ch >= '0' && ch <= '9') || ch in CN_DIGITS || ch in CN_UNITS || ch === '零' || ch === '几';
}

/** Splits the maximal numeral run starting at `start` into tokens. */
function readNumeralRun(s: string, start: number): NumeralRun {
  const tokens: NumeralToken[] = [];
  let arabicDigits = 0;
  let j = start;
  while (j < s.length) {
    const ch = s.charAt(j);
    if (ch >= '0' && ch <= '9') {
      ARABIC_NUMBER.lastIndex = j;
      const found = ARABIC_NUMBER.exec(s)?.[0] ?? ch;
      const digits = found.replace(/,/g, '');
      tokens.push({ kind: 'num', value: Number(digits), singleDigit: /^\d$/.test(digits) });
      arabicDigits = Math.max(arabicDigits, digits.split('.')[0]?.length ?? 0);
      j += found.length;
      // 5k, 1.5w: colloquial thousands and ten-thousands, only right after an Arabic number.
      const mark = s.charAt(j).toLowerCase();
      if ((mark === 'k' || mark === 'w') && !/[A-Za-z]/.test(s.charAt(j + 1))) {
        tokens.push({ kind: 'unit', value: mark === 'k' ? 1000 : 1e4 });
        j++;
      }
      continue;
    }
    const digit = ch === '零' && s.charAt(j + 1) === '点' ? 0 : CN_DIGITS[ch];
    if (digit !== undefined) {
      tokens.push({ kind: 'num', value: digit, singleDigit: true });
      j++;
      // 一点五万: a spoken decimal point, only when a 千/万/亿 follows the fraction (else 三点 is a time).
      const decimal = /^点([零一二三四五六七八九]+)([千万亿])/.exec(s.slice(j, j + 12));
      if (decimal?.[1]) {
        let fraction = 0;
        let scale = 0.1;
        for (const d of decimal[1]) {
          fraction += (CN_DIGITS[d] ?? 0) * scale;
          scale /= 10;
        }
        tokens[tokens.length - 1] = { kind: 'num', value: digit + fraction, singleDigit: false };
        j += 1 + decimal[1].length;
      }
      continue;
    }
    const unit = CN_UNITS[ch];
    if (unit !== undefined) tokens.push({ kind: 'unit', value: unit });
    else if (ch === '零') tokens.push({ kind: 'zero' });
    else if (ch === '几') tokens.push({ kind: 'vague' });
    else break;
    j++;
  }
  return { tokens, end: j, arabicDigits };
}

interface NumeralValue {
  value: number;
  hasUnit: boolean;
  /** Begins with a bare 十 (十五, 十万). */
  impliedTen: boolean;
}

/**
 * The value of a numeral run, or null when it is not one number (七八千, 一二三, 万一, 千万别) or is vague (几千).
 * Abbreviations: a last single digit right after a unit counts one order lower (一万二 = 12000, 两千五 =
 * 2500, 三万五 = 35000) unless a 零 came between (一千零五 = 1005).
 */
function evaluateNumerals(tokens: readonly NumeralToken[]): NumeralValue | null {
  let total = 0;
  let section = 0;
  let current: number | null = null;
  let currentSingle = false;
  let afterZero = false;
  let lastSmall = Number.POSITIVE_INFINITY;
  let lastBig = Number.POSITIVE_INFINITY;
  let previousUnit = 0; // the unit right before `current`, 0 when none
  let hasUnit = false;
  let impliedTen = false;
  const flush = (): boolean => {
    if (current === null) return true;
    if (previousUnit > 0 && !afterZero && currentSingle) {
      section += (current * previousUnit) / 10;
    } else {
      if (previousUnit > 0 && (!Number.isInteger(current) || current >= Math.min(previousUnit, lastSmall)))
        return false;
      section += current;
    }
    current = null;
    return true;
  };
  for (let k = 0; k < tokens.length; k++) {
    const token = tokens[k];
    if (token === undefined) continue;
    switch (token.kind) {
      case 'vague':
        return null;
      case 'zero':
        if (current !== null) return null;
        afterZero = true;
        break;
      case 'num':
        if (current !== null) return null;
        current = token.value;
        currentSingle = token.singleDigit;
        break;
      case 'unit': {
        hasUnit = true;
        if (token.value < BIG_UNIT) {
          if (token.value >= lastSmall) return null;
          let multiplier: number | null = current;
          if (multiplier === null) {
            if (token.value !== 10 || k !== 0) return null;
            multiplier = 1;
            impliedTen = true;
          }
          section += multiplier * token.value;
          current = null;
          lastSmall = token.value;
        } else {
          if (token.value >= lastBig) return null;
          if (!flush()) return null;
          if (section === 0) return null;
          total += section * token.value;
          section = 0;
          lastSmall = Number.POSITIVE_INFINITY;
          lastBig = token.value;
        }
        previousUnit = token.value;
        afterZero = false;
        break;
      }
    }
  }
  if (!flush()) return null;
  return { value: total + section, hasUnit, impliedTen };
}

// ---------------------------------------------------------------------------------------------------
// Amounts

const CURRENCY_PREFIX = /(?:¥|RMB|CNY|人民币)\s*$/i;
const CURRENCY_SUFFIX = /^\s*(块钱|元钱|块|元|圆|人民币|RMB|CNY|毛钱|毛|角)/i;
/** After 块/元: 半, or jiao (五块五, 五块五毛, 三元二角) and fen (三元二角五分), and an optional 钱. */
const SMALL_CHANGE = /^(?:(半)|([0-9一二两三四五六七八九])(毛|角)?(?:([0-9一二两三四五六七八九])分)?)(钱)?/;
/** A digit after 块 with no 毛 is jiao only when it does not begin a date, count or another number. */
const NOT_JIAO_NEXT = /^[0-9零一二两三四五六七八九十百千万亿号日月天点个期次周分]/;
const VAGUE_NEXT = /^(?:多|来|把|余|半|几)/;
/** What a bare number is counting when it is not money. */
const NOT_MONEY_NEXT =
  /^(?:分(?![0-9一二两三四五六七八九十]{1,3}(?:期|次|个月|笔))|号|日|月|年|天|周|星期|礼拜|个|期|次|点|时|岁|秒|%|‰|成|折|倍|位|人|页|条|张|件|遍|趟|笔|米|公里|里|斤|克|度|楼|层|室|户|套|份|种|家|辆|台|门|钟|步|名|届|声|句|口|栋|单元|码|:|-|\/|\.\d|[A-Za-z0-9])/;
const NOT_MONEY_BEFORE =
  /(?:第|周|星期|礼拜|初|分之|(?:尾号|号码|电话|手机|卡号|账号|编号|工号|身份证|证号|验证码|密码|后四位|尾数|分机)(?:是|为)?[:：]?|[-/:.+A-Za-z0-9])\s*$/;
const MAX_BARE_ARABIC_DIGITS = 7;

interface Span {
  start: number;
  end: number;
}

function overlaps(a: Span, spans: readonly Span[]): boolean {
  return spans.some((b) => a.start < b.end && b.start < a.end);
}

/**
 * Money amounts, in order of appearance. See the module comment for what counts as an amount.
 * Never throws.
 */
export function parseAmounts(text: string): SpokenAmount[] {
  const s = normalizeSpeechValues(text);
  const dateSpans = findDateCandidates(s);
  const amounts: SpokenAmount[] = [];
  let i = 0;
  while (i < s.length) {
    if (!isRunStart(s.charAt(i))) {
      i++;
      continue;
    }
    const run = readNumeralRun(s, i);
    const found = readAmountAt(s, i, run);
    if (found && !overlaps(found, dateSpans)) {
      amounts.push({ ...found, text: text.slice(found.start, found.end) });
    }
    i = Math.max(run.end, found?.end ?? 0, i + 1);
  }
  return amounts;
}

function readAmountAt(
  s: string,
  start: number,
  run: NumeralRun,
): { fen: number; start: number; end: number } | null {
  const numeral = evaluateNumerals(run.tokens);
  if (numeral === null || numeral.value <= 0) return null;
  const after = s.slice(run.end, run.end + 16);
  if (VAGUE_NEXT.test(after)) return null;
  let yuan = numeral.value;
  let end = run.end;
  let spanStart = start;
  const before = s.slice(Math.max(0, start - 8), start);
  const prefix = CURRENCY_PREFIX.exec(before);
  if (prefix) spanStart = start - prefix[0].length;
  const suffix = CURRENCY_SUFFIX.exec(after);
  if (suffix?.[1]) {
    const unit = suffix[1];
    end += suffix[0].length;
    if (unit.startsWith('毛') || unit === '角') {
      yuan /= 10;
    } else if (Number.isInteger(yuan) && !unit.endsWith('钱') && !/^(?:人民币|rmb|cny)$/i.test(unit)) {
      const rest = s.slice(end, end + 8);
      const change = SMALL_CHANGE.exec(rest);
      if (change?.[1]) {
        yuan += 0.5;
        end += change[0].length;
      } else if (change?.[2]) {
        const jiaoMarked = change[3] !== undefined;
        if (jiaoMarked || (unit === '块' && !NOT_JIAO_NEXT.test(rest.slice(1)))) {
          const jiao = CN_DIGITS[change[2]] ?? Number(change[2]);
          const fenPart = change[4] === undefined ? 0 : (CN_DIGITS[change[4]] ?? Number(change[4]));
          yuan += jiao / 10 + (jiaoMarked ? fenPart / 100 : 0);
          end += jiaoMarked ? change[0].length : 1;
        }
      }
    }
  } else if (!prefix) {
    // No currency mark: the number must look like money on its own.
    if (NOT_MONEY_NEXT.test(after) || NOT_MONEY_BEFORE.test(before)) return null;
    if (run.arabicDigits === 0) {
      if (!numeral.hasUnit || (numeral.impliedTen && numeral.value < 100)) return null;
    } else if (!numeral.hasUnit) {
      if (run.arabicDigits > MAX_BARE_ARABIC_DIGITS || numeral.value < 100) return null;
    }
  }
  const fen = Math.round(yuan * 100);
  if (Math.abs(yuan * 100 - fen) > 1e-6 + fen * 1e-12 || fen <= 0 || fen > MAX_FEN) return null;
  if (!Number.isSafeInteger(fen)) return null;
  return { fen, start: spanStart, end };
}

// ---------------------------------------------------------------------------------------------------
// Dates

interface Ymd {
  year: number;
  month: number;
  day: number;
}

interface DayContext extends Ymd {
  epochDay: number;
  /** ISO weekday of today: Monday 1 ... Sunday 7. */
  weekday: number;
}

interface DateCandidate extends Span {
  /** The epoch day meant, or null when the words name no real day. */
  resolve: (today: DayContext) => number | null;
}

const CN_NUM = '[零一二两三四五六七八九十]{1,3}';
const NUM = `(?:\\d{1,2}|${CN_NUM})`;
const NOT_AFTER_NUMERAL = '(?<![0-9零一二两三四五六七八九十百千万亿.])';
const NOT_BEFORE_NUMERAL = '(?![0-9零一二两三四五六七八九十百千万])';
const WEEKDAYS: Record<string, number> = {
  一: 1,
  二: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  日: 7,
  天: 7,
  末: 6, // 周末: the Saturday
  '1': 1,
  '2': 2,
  '3': 3,
  '4': 4,
  '5': 5,
  '6': 6,
  '7': 7,
};

function epochOf(year: number, month: number, day: number): number | null {
  if (year < 1900 || year > MAX_BUSINESS_YEAR || !isRealCalendarDate(year, month, day)) return null;
  return epochDayOf(
    `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`,
  );
}

/** The month `offset` months after year-month, as [year, month]. */
function shiftMonth(year: number, month: number, offset: number): [number, number] {
  const index = year * 12 + (month - 1) + offset;
  return [Math.floor(index / 12), (index % 12) + 1];
}

/** Day `day` of the month `offset` months after today's, clamped to the month's last day (31号 in April → 30). */
function dayOfMonth(today: DayContext, offset: number, day: number | 'last'): number | null {
  const [year, month] = shiftMonth(today.year, today.month, offset);
  if (year < 1900 || year > MAX_BUSINESS_YEAR) return null;
  const last = daysInMonth(year, month);
  return epochOf(year, month, day === 'last' ? last : Math.min(day, last));
}

/** Month and day without a year: this year's, or next year's when this year's has passed. */
function upcomingMonthDay(today: DayContext, month: number, day: number): number | null {
  if (month < 1 || month > 12 || day < 1 || day > 31) return null;
  const thisYear = epochOf(today.year, month, day);
  if (thisYear !== null && thisYear >= today.epochDay) return thisYear;
  // 2月29日 after this year's February: the next year that has it.
  for (let year = today.year + 1; year <= today.year + 8; year++) {
    const next = epochOf(year, month, day);
    if (next !== null) return next;
  }
  return null;
}

/** Day of month alone (15号): this month when not passed (today counts), else next month; clamped. */
function upcomingDay(today: DayContext, day: number): number | null {
  if (day < 1 || day > 31) return null;
  const thisMonth = dayOfMonth(today, 0, day);
  if (thisMonth !== null && thisMonth >= today.epochDay) return thisMonth;
  return dayOfMonth(today, 1, day);
}

function yearOf(text: string): number | null {
  if (/^\d{4}$/.test(text)) return Number(text);
  let year = 0;
  for (const ch of text) {
    const digit = ch === '零' ? 0 : CN_DIGITS[ch];
    if (digit === undefined || ch === '两') return null;
    year = year * 10 + digit;
  }
  return text.length === 4 ? year : null;
}

function monthOffsetOf(word: string | undefined): number {
  if (word === '下下') return 2;
  if (word === '下') return 1;
  return 0;
}

type DateRule = [RegExp, (m: RegExpExecArray) => DateCandidate['resolve'] | null];

const DATE_RULES: DateRule[] = [
  // 2026-12-01, 2026/12/1, 2026.12.1
  [
    /(?<![\d.])(\d{4})([-/.])(\d{1,2})\2(\d{1,2})(?![\d])/g,
    (m) => () => epochOf(Number(m[1]), Number(m[3]), Number(m[4])),
  ],
  // 2026年12月1日, 二零二六年十二月一号
  [
    new RegExp(
      `(\\d{4}|[零一二三四五六七八九]{4})\\s*年\\s*(${NUM})\\s*月\\s*(${NUM})\\s*[日号]?${NOT_BEFORE_NUMERAL}`,
      'g',
    ),
    (m) => {
      const year = yearOf(m[1] ?? '');
      const month = smallNumber(m[2] ?? '');
      const day = smallNumber(m[3] ?? '');
      return year === null || month === null || day === null ? null : () => epochOf(year, month, day);
    },
  ],
  // 12月1日, 十二月一号, 3月5: this year's, or next year's when this year's has passed.
  [
    new RegExp(`${NOT_AFTER_NUMERAL}(${NUM})\\s*月\\s*(${NUM})\\s*[日号]?${NOT_BEFORE_NUMERAL}`, 'g'),
    (m) => {
      const month = smallNumber(m[1] ?? '');
      const day = smallNumber(m[2] ?? '');
      return month === null || day === null ? null : (today) => upcomingMonthDay(today, month, day);
    },
  ],
  // 12/1 (month/day), read like 12月1日.
  [
    /(?<![\d/.\-:])(\d{1,2})\/(\d{1,2})(?![\d/])/g,
    (m) => (today) => upcomingMonthDay(today, Number(m[1]), Number(m[2])),
  ],
  // 下个月10号, 这个月15号, 本月20日, 下下个月1号
  [
    new RegExp(`(下下|下|这|本)个?月的?\\s*(${NUM})\\s*[号日]`, 'g'),
    (m) => {
      const day = smallNumber(m[2] ?? '');
      const offset = monthOffsetOf(m[1]);
      if (day === null || day < 1 || day > 31) return null;
      return (today) => dayOfMonth(today, offset, day);
    },
  ],
  // 下个月初 (the 1st), 下个月底/月末 (last day), 下个月中 (the 15th); 这个月底, 本月底; 月底 (this month's
  // last day); 月中 (the 15th, this month's or next); 月初 (the 1st of next month unless today is the 1st).
  [
    /(?:(下下|下|这|本)个?|(?<!个))月(初|底|末|中)/g,
    (m) => {
      const offset = monthOffsetOf(m[1]);
      const part = m[2];
      return (today) => {
        if (part === '底' || part === '末') return dayOfMonth(today, offset, 'last');
        const day = part === '初' ? 1 : 15;
        if (m[1] !== undefined) return dayOfMonth(today, offset, day);
        return upcomingDay(today, day);
      };
    },
  ],
  // 下个月, 下月, 下下个月 with no day: the 1st of that month (the first day the words allow).
  [/(下下|下)个?月/g, (m) => (today) => dayOfMonth(today, monthOffsetOf(m[1]), 1)],
  // 年底/年末: 31 December of this year.
  [/(?:今|这|本)?年(?:底|末)/g, () => (today) => epochOf(today.year, 12, 31)],
  // 15号, 15日, 三十号: this month when not passed, else next month. A Chinese numeral takes only 号
  // (三日 is as often "three days").
  [
    new RegExp(
      `${NOT_AFTER_NUMERAL}(?<![月/\\-])(\\d{1,2}\\s*[号日]|${CN_NUM}号)(?!线|楼|房|床|门|窗|桌|位|机|码|元|子|车|厅|院|馆)`,
      'g',
    ),
    (m) => {
      const day = smallNumber((m[1] ?? '').replace(/\s*[号日]$/, ''));
      return day === null ? null : (today) => upcomingDay(today, day);
    },
  ],
  // Weekdays, Monday-based weeks. 下周五/下星期五/下礼拜五/下个周五: the Friday of next week; 下下周五: of
  // the week after. 这周五/本周五 and a bare 周五: this week's Friday, or next week's once this week's has
  // passed (today counts as not passed) — so both mean the nearest Friday on or after today. 周末 is
  // the Saturday. 上周五 names a past day and is left out.
  [
    /(下下|下|这|本|上)?个?(?:周|星期|礼拜)([一二三四五六日天末1-7])(?![次遍趟回])/g,
    (m) => {
      const weekday = WEEKDAYS[m[2] ?? ''];
      if (weekday === undefined) return null;
      const which = m[1];
      return (today) => {
        const monday = today.epochDay - (today.weekday - 1);
        if (which === '上') return monday - 7 + weekday - 1;
        if (which === '下' || which === '下下') return monday + (which === '下' ? 7 : 14) + weekday - 1;
        const thisWeek = monday + weekday - 1;
        return thisWeek >= today.epochDay ? thisWeek : thisWeek + 7;
      };
    },
  ],
  // 下周 / 下个星期 with no day: the Monday of next week.
  [
    /(下下|下)个?(?:周|星期|礼拜)(?![一二三四五六日天末1-7])/g,
    (m) => (today) => today.epochDay - (today.weekday - 1) + (m[1] === '下' ? 7 : 14),
  ],
  // 今天, 明天, 后天, 大后天 (today + 0/1/2/3); not the 后天 of 以后天天.
  [
    /今天|今日|今儿|今晚|明天|明日|明儿|明早|明晚|大后天|(?<![以之然])后天/g,
    (m) => {
      const word = m[0];
      const days = word.startsWith('今') ? 0 : word.startsWith('明') ? 1 : word === '大后天' ? 3 : 2;
      return (today) => today.epochDay + days;
    },
  ],
  // 三天后, 3天之后, 一周后, 两个星期以后, 半个月后, 三个月后, 7天内 (the last day allowed).
  [
    new RegExp(
      `${NOT_AFTER_NUMERAL}(\\d{1,3}|${CN_NUM}|半)\\s*个?\\s*(天|日|周|星期|礼拜|月)\\s*(?:后|之后|以后|以内|之内|内)`,
      'g',
    ),
    (m) => {
      const unit = m[2];
      const raw = m[1] ?? '';
      if (raw === '半') {
        if (unit !== '月') return null;
        return (today) => today.epochDay + 15;
      }
      const n = smallNumber(raw);
      if (n === null) return null;
      if (unit === '月') {
        return (today) => {
          const [year, month] = shiftMonth(today.year, today.month, n);
          return epochOf(year, month, Math.min(today.day, daysInMonth(year, month)));
        };
      }
      const days = unit === '天' || unit === '日' ? n : n * 7;
      return (today) => today.epochDay + days;
    },
  ],
];

/** Every date-like span, earliest first and longest first where they overlap. */
function findDateCandidates(s: string): DateCandidate[] {
  const all: DateCandidate[] = [];
  for (const [pattern, build] of DATE_RULES) {
    pattern.lastIndex = 0;
    for (let m = pattern.exec(s); m !== null; m = pattern.exec(s)) {
      if (m[0] === '') {
        pattern.lastIndex++;
        continue;
      }
      const resolve = build(m);
      if (resolve) all.push({ start: m.index, end: m.index + m[0].length, resolve });
    }
  }
  all.sort((a, b) => a.start - b.start || b.end - a.end);
  const kept: DateCandidate[] = [];
  let reached = 0;
  for (const candidate of all) {
    if (candidate.start < reached) continue;
    kept.push(candidate);
    reached = candidate.end;
  }
  return kept;
}

/**
 * Dates, in order of appearance, resolved against the business date `today` ('YYYY-MM-DD'; a malformed
 * one throws a RangeError, like the helpers in domain/dates). Only dates on or after `today` are returned.
 * Never throws for any `text`.
 *
 * Readings: 今天/明天/后天/大后天; N天后/N天之后/N周后/N个月后 (same day of month, clamped), N天内 (the
 * last day); 下周五 (Friday of next week, Monday-based), 这周五/本周五/周五 (nearest Friday on or after
 * today), 周末 (Saturday), 下周 (next Monday); 月底 (last day of this month), 下个月初 (1st of next month),
 * 下个月底, 下个月 alone (1st of next month), 下个月10号; 15号/15日 (this month if not passed, else next
 * month, clamped to the month's length); 12月1日 and 12/1 (this year if not passed, else next year);
 * 2026年12月1日, 2026-12-01.
 */
export function parseDates(text: string, today: string): SpokenDate[] {
  const epochDay = epochDayOf(today);
  const [year, month, day] = today.split('-').map(Number) as [number, number, number];
  const context: DayContext = { year, month, day, epochDay, weekday: ((((epochDay + 3) % 7) + 7) % 7) + 1 };
  const maxEpochDay = epochDayOf(`${MAX_BUSINESS_YEAR}-12-31`);
  const dates: SpokenDate[] = [];
  for (const candidate of findDateCandidates(normalizeSpeechValues(text))) {
    const resolved = candidate.resolve(context);
    if (resolved === null || resolved < epochDay || resolved > maxEpochDay) continue;
    dates.push({
      date: dateOfEpochDay(resolved),
      start: candidate.start,
      end: candidate.end,
      text: text.slice(candidate.start, candidate.end),
    });
  }
  return dates;
}
