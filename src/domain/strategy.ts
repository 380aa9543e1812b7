/**
 * The collection strategy (催收策略) of a portfolio: ordered segments, each a condition on the case
 * (bucket × delinquency class × risk level × balance band) and an action plan (channels and cadence, the
 * script stage, the SMS template and cadence, escalations after broken promises or days past due).
 *
 * A strategy is data that managers edit, so everything here starts from `unknown`: `validateStrategy`
 * checks a definition and names every problem with its field, a stable code and a reason in zh/en;
 * `matchSegment` finds the segment of a case (the first whose condition holds; the last one holds for
 * every case) and says why; `dueEscalations` answers which escalations a case has reached;
 * `defaultStrategy` is a sensible starting point for a credit-card center (DOMAIN.md); `diffStrategies`
 * says what changed between two versions. Pure: no I/O, no clock.
 */
import { type BilingualText, copyText } from './bilingual';
import { formatFen, MAX_FEN } from './money';

export const STRATEGY_CHANNELS = ['call', 'sms', 'letter', 'visit'] as const;
export type StrategyChannel = (typeof STRATEGY_CHANNELS)[number];
export const ESCALATION_ACTIONS = ['letter', 'visit', 'agency', 'legal'] as const;
export type EscalationAction = (typeof ESCALATION_ACTIONS)[number];
export const RISK_LEVELS = ['not_collected', 'in_collection', 'doubtful', 'bad', 'dead'] as const; // cases.risk_level
export type RiskLevel = (typeof RISK_LEVELS)[number];
/** The script-library stages (domain/script-library SCRIPT_STAGES). */
export const STRATEGY_SCRIPT_STAGES = ['M0', 'M1', 'M2', 'M3', 'M3+'] as const;
export type StrategyScriptStage = (typeof STRATEGY_SCRIPT_STAGES)[number];
/** Delinquency classes a condition may name: 0 = not yet assessed, 1-4 the four classes (四类). */
export const SEGMENT_CLASSES = [0, 1, 2, 3, 4] as const;
export type SegmentClass = (typeof SEGMENT_CLASSES)[number];

export interface SegmentCondition {
  buckets: string[] | null; // bucket codes of the portfolio; null = any
  classes: (0 | 1 | 2 | 3 | 4)[] | null; // delinquency class; 0 = not yet assessed; null = any
  riskLevels: RiskLevel[] | null; // null = any
  balanceMinFen: number | null; // inclusive; null = no lower bound
  balanceMaxFen: number | null; // exclusive; null = no upper bound
}
export interface Escalation {
  id: string; // stable within the strategy, [a-z0-9_-]{1,40}; the task is made once per case and escalation id
  action: EscalationAction;
  afterBrokenPromises: number | null; // at least this many broken promises in a row (cases.broken_promises)
  afterDaysPastDue: number | null; // at least this many days past due
  // at least one of the two is set; when both are set, either one triggers
}
export interface ActionPlan {
  channels: StrategyChannel[]; // at least one
  callEveryDays: number | null; // call cadence in days (required when 'call' is a channel), 1..30
  sms: { templateFamilyId: string; everyDays: number } | null; // required iff 'sms' is a channel; everyDays 1..30
  scriptStage: 'M0' | 'M1' | 'M2' | 'M3' | 'M3+' | null; // the script-library stage to show; null = the case's bucket
  escalations: Escalation[];
}
export interface Segment {
  key: string; // unique in the strategy, [a-z0-9_-]{1,40}
  name: { zh: string; en: string }; // both non-empty
  when: SegmentCondition;
  plan: ActionPlan;
}
/** Ordered: the first segment whose condition matches wins; the last segment matches every case. */
export interface StrategyDefinition {
  segments: Segment[];
}
export interface StrategyProblem {
  field: string;
  code: string;
  zh: string;
  en: string;
}

export const MAX_SEGMENTS = 50;
export const MAX_ESCALATIONS_PER_SEGMENT = 10;
export const MAX_CADENCE_DAYS = 30;
export const MAX_BROKEN_PROMISES_TRIGGER = 99;
export const MAX_DAYS_PAST_DUE_TRIGGER = 3650;
export const MAX_NAME_LENGTH = 60;
const KEY_PATTERN = /^[a-z0-9_-]{1,40}$/;

/** The stable codes of validation problems. */
export const STRATEGY_PROBLEM_CODES = [
  'not_object',
  'required',
  'wrong_type',
  'unknown_field',
  'segments_empty',
  'too_many_segments',
  'key_format',
  'duplicate_key',
  'duplicate_escalation_id',
  'name_empty',
  'name_too_long',
  'empty_list',
  'duplicate_value',
  'unknown_bucket',
  'invalid_value',
  'not_integer',
  'negative',
  'too_large',
  'balance_range_inverted',
  'channels_empty',
  'cadence_required',
  'cadence_range',
  'cadence_without_call',
  'sms_required',
  'sms_without_channel',
  'template_required',
  'template_not_published',
  'too_many_escalations',
  'no_trigger',
  'trigger_range',
  'last_not_catch_all',
  'unreachable_segment',
] as const;
export type StrategyProblemCode = (typeof STRATEGY_PROBLEM_CODES)[number];

// ---- names for people ----

const CHANNEL_TEXT: Record<StrategyChannel, BilingualText> = {
  call: { zh: '电话', en: 'calls' },
  sms: { zh: '短信', en: 'SMS' },
  letter: { zh: '信函', en: 'letters' },
  visit: { zh: '外访', en: 'visits' },
};
const ACTION_TEXT: Record<EscalationAction, BilingualText> = {
  letter: { zh: '发送正式催收函', en: 'formal collection letter' },
  visit: { zh: '申请外访', en: 'visit request' },
  agency: { zh: '委外催收', en: 'placement with an agency' },
  legal: { zh: '法务评估（诉讼）', en: 'legal review' },
};
const RISK_TEXT: Record<RiskLevel, BilingualText> = {
  not_collected: { zh: '未收款', en: 'not yet collected' },
  in_collection: { zh: '催收款', en: 'in collection' },
  doubtful: { zh: '准呆账', en: 'doubtful' },
  bad: { zh: '呆账', en: 'bad' },
  dead: { zh: '死账', en: 'dead' },
};
const CLASS_TEXT: Record<SegmentClass, BilingualText> = {
  0: { zh: '未评估', en: 'class not yet assessed' },
  1: { zh: '一类（有意愿有能力）', en: 'class 1 (willing and able)' },
  2: { zh: '二类（有意愿无能力）', en: 'class 2 (willing, not able)' },
  3: { zh: '三类（有能力无意愿）', en: 'class 3 (able, not willing)' },
  4: { zh: '四类（无意愿无能力）', en: 'class 4 (neither willing nor able)' },
};

export function strategyChannelText(channel: StrategyChannel): BilingualText {
  return copyText(CHANNEL_TEXT[channel]);
}
export function escalationActionText(action: EscalationAction): BilingualText {
  return copyText(ACTION_TEXT[action]);
}
export function riskLevelText(level: RiskLevel): BilingualText {
  return copyText(RISK_TEXT[level]);
}
export function segmentClassText(value: SegmentClass): BilingualText {
  return copyText(CLASS_TEXT[value]);
}

function joined(texts: BilingualText[]): BilingualText {
  return { zh: texts.map((t) => t.zh).join('、'), en: texts.map((t) => t.en).join(', ') };
}
function listOf(values: readonly string[]): BilingualText {
  return { zh: values.join('、'), en: values.join(', ') };
}
function money(fen: number): BilingualText {
  return { zh: formatFen(fen, 'zh-CN'), en: formatFen(fen, 'en') };
}
/** The balance band in words: '¥5,000.00 及以上', 'under ¥5,000.00', '¥1.00 – ¥2.00'. */
export function balanceBandText(minFen: number | null, maxFen: number | null): BilingualText {
  if (minFen !== null && maxFen !== null) {
    return {
      zh: `${money(minFen).zh}（含）至 ${money(maxFen).zh}（不含）`,
      en: `${money(minFen).en} (inclusive) to ${money(maxFen).en} (exclusive)`,
    };
  }
  if (minFen !== null) return { zh: `${money(minFen).zh} 及以上`, en: `${money(minFen).en} or more` };
  if (maxFen !== null) return { zh: `低于 ${money(maxFen).zh}`, en: `under ${money(maxFen).en}` };
  return { zh: '任意余额', en: 'any balance' };
}

// ---- validation ----

export interface StrategyContext {
  /** The portfolio's bucket codes: conditions may name only these. */
  bucketCodes: readonly string[];
  /** The published SMS template families (templates.family_id, kind 'sms'); when given, plans may name only these. */
  smsTemplateFamilyIds?: readonly string[];
}

type Problems = StrategyProblem[];

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
function own(record: Record<string, unknown>, key: string): unknown {
  return Object.hasOwn(record, key) ? record[key] : undefined;
}
function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}
function shown(value: unknown): string {
  const text = typeof value === 'string' ? value : String(JSON.stringify(value));
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}

class Checker {
  readonly problems: Problems = [];

  add(field: string, code: StrategyProblemCode, zh: string, en: string): void {
    this.problems.push({ field, code, zh, en });
  }

  wrongType(field: string, expected: BilingualText, value: unknown): void {
    if (value === undefined) {
      this.add(field, 'required', '缺少此项', 'is missing');
      return;
    }
    this.add(
      field,
      'wrong_type',
      `应为${expected.zh}，实际为 ${describe(value)}`,
      `must be ${expected.en}, not ${describe(value)}`,
    );
  }

  /** Reports keys an object may not have. */
  unknownKeys(field: string, record: Record<string, unknown>, allowed: readonly string[]): void {
    for (const key of Object.keys(record)) {
      if (!allowed.includes(key)) {
        const at = field ? `${field}.${key}` : key;
        this.add(
          at,
          'unknown_field',
          `不是可识别的字段：${shown(key)}`,
          `is not a known field: ${shown(key)}`,
        );
      }
    }
  }

  /**
   * A whole number in [min, max], or null when `nullable`. Returns the number, null, or undefined when
   * the value is wrong (already reported).
   */
  integer(
    field: string,
    value: unknown,
    opts: {
      min: number;
      max: number;
      nullable: boolean;
      rangeCode: StrategyProblemCode;
      what: BilingualText;
    },
  ): number | null | undefined {
    if (value === null && opts.nullable) return null;
    if (typeof value !== 'number' || !Number.isFinite(value)) {
      this.wrongType(
        field,
        opts.nullable
          ? { zh: '整数或 null', en: 'a whole number or null' }
          : { zh: '整数', en: 'a whole number' },
        value,
      );
      return undefined;
    }
    if (!Number.isInteger(value)) {
      this.add(field, 'not_integer', `${opts.what.zh}须为整数`, `${opts.what.en} must be a whole number`);
      return undefined;
    }
    if (value < opts.min || value > opts.max) {
      if (opts.rangeCode === 'negative' && value < 0) {
        this.add(field, 'negative', `${opts.what.zh}不能为负数`, `${opts.what.en} cannot be negative`);
      } else if (opts.rangeCode === 'negative') {
        this.add(
          field,
          'too_large',
          `${opts.what.zh}不能超过 ${opts.max}`,
          `${opts.what.en} cannot exceed ${opts.max}`,
        );
      } else {
        this.add(
          field,
          opts.rangeCode,
          `${opts.what.zh}须在 ${opts.min} 到 ${opts.max} 之间`,
          `${opts.what.en} must be between ${opts.min} and ${opts.max}`,
        );
      }
      return undefined;
    }
    return value;
  }

  /**
   * A list of allowed values, or null (any). Reports a non-array, an empty list, values not allowed and
   * repeated values; returns the checked list, null, or undefined when it is wrong.
   */
  choiceList<T extends string | number>(
    field: string,
    value: unknown,
    isAllowed: (item: unknown) => item is T,
    notAllowed: (item: unknown) => BilingualText & { code?: StrategyProblemCode },
    nullable: boolean,
  ): T[] | null | undefined {
    if (value === null && nullable) return null;
    if (!Array.isArray(value)) {
      this.wrongType(
        field,
        nullable
          ? { zh: '数组或 null（不限）', en: 'an array or null (any)' }
          : { zh: '数组', en: 'an array' },
        value,
      );
      return undefined;
    }
    if (value.length === 0) {
      this.add(
        field,
        'empty_list',
        nullable ? '不能为空列表；不限请用 null' : '至少选择一项',
        nullable ? 'cannot be an empty list; use null for any' : 'needs at least one entry',
      );
      return undefined;
    }
    const seen = new Set<unknown>();
    let ok = true;
    value.forEach((item, index) => {
      if (!isAllowed(item)) {
        const reason = notAllowed(item);
        this.add(`${field}[${index}]`, reason.code ?? 'invalid_value', reason.zh, reason.en);
        ok = false;
        return;
      }
      if (seen.has(item)) {
        this.add(
          `${field}[${index}]`,
          'duplicate_value',
          `重复：${shown(item)}`,
          `is repeated: ${shown(item)}`,
        );
        ok = false;
      }
      seen.add(item);
    });
    return ok ? (value as T[]) : undefined;
  }
}

function isOneOf<T extends string | number>(values: readonly T[]) {
  return (item: unknown): item is T => (values as readonly unknown[]).includes(item);
}

const DEFINITION_KEYS = ['segments'] as const;
const SEGMENT_KEYS = ['key', 'name', 'when', 'plan'] as const;
const NAME_KEYS = ['zh', 'en'] as const;
const WHEN_KEYS = ['buckets', 'classes', 'riskLevels', 'balanceMinFen', 'balanceMaxFen'] as const;
const PLAN_KEYS = ['channels', 'callEveryDays', 'sms', 'scriptStage', 'escalations'] as const;
const SMS_KEYS = ['templateFamilyId', 'everyDays'] as const;
const ESCALATION_KEYS = ['id', 'action', 'afterBrokenPromises', 'afterDaysPastDue'] as const;

function checkKey(c: Checker, field: string, value: unknown): string | undefined {
  if (typeof value !== 'string') {
    c.wrongType(field, { zh: '字符串', en: 'a string' }, value);
    return undefined;
  }
  if (!KEY_PATTERN.test(value)) {
    c.add(
      field,
      'key_format',
      `“${shown(value)}”须为 1-40 位小写字母、数字、下划线或连字符`,
      `"${shown(value)}" must be 1-40 lowercase letters, digits, _ or -`,
    );
    return undefined;
  }
  return value;
}

function checkName(c: Checker, field: string, value: unknown): { zh: string; en: string } | undefined {
  if (!isRecord(value)) {
    c.wrongType(field, { zh: '对象 {zh, en}', en: 'an object {zh, en}' }, value);
    return undefined;
  }
  c.unknownKeys(field, value, NAME_KEYS);
  const out: Record<string, string> = {};
  let ok = true;
  for (const lang of NAME_KEYS) {
    const text = own(value, lang);
    const at = `${field}.${lang}`;
    if (typeof text !== 'string') {
      c.wrongType(at, { zh: '字符串', en: 'a string' }, text);
      ok = false;
    } else if (text.trim() === '') {
      c.add(
        at,
        'name_empty',
        lang === 'zh' ? '中文名称不能为空' : '英文名称不能为空',
        lang === 'zh' ? 'the Chinese name is required' : 'the English name is required',
      );
      ok = false;
    } else if (text.trim().length > MAX_NAME_LENGTH) {
      c.add(
        at,
        'name_too_long',
        `名称不能超过 ${MAX_NAME_LENGTH} 个字符`,
        `the name cannot exceed ${MAX_NAME_LENGTH} characters`,
      );
      ok = false;
    } else out[lang] = text.trim();
  }
  return ok ? { zh: out.zh as string, en: out.en as string } : undefined;
}

function checkWhen(
  c: Checker,
  field: string,
  value: unknown,
  ctx: StrategyContext,
): SegmentCondition | undefined {
  if (!isRecord(value)) {
    c.wrongType(field, { zh: '对象', en: 'an object' }, value);
    return undefined;
  }
  c.unknownKeys(field, value, WHEN_KEYS);
  const known = listOf(ctx.bucketCodes.length ? [...ctx.bucketCodes] : ['—']);
  const buckets = c.choiceList(
    `${field}.buckets`,
    own(value, 'buckets'),
    (item): item is string => typeof item === 'string' && ctx.bucketCodes.includes(item),
    (item) =>
      typeof item === 'string'
        ? {
            code: 'unknown_bucket' as const,
            zh: `资产包没有逾期阶段“${shown(item)}”（可选：${known.zh}）`,
            en: `the portfolio has no bucket "${shown(item)}" (it has ${known.en})`,
          }
        : {
            zh: `应为逾期阶段代码，实际为 ${describe(item)}`,
            en: `must be a bucket code, not ${describe(item)}`,
          },
    true,
  );
  const classes = c.choiceList(
    `${field}.classes`,
    own(value, 'classes'),
    isOneOf(SEGMENT_CLASSES),
    (item) => ({
      zh: `逾期类别须为 0（未评估）或 1-4，实际为 ${shown(item)}`,
      en: `a delinquency class is 0 (not assessed) or 1-4, not ${shown(item)}`,
    }),
    true,
  );
  const riskLevels = c.choiceList(
    `${field}.riskLevels`,
    own(value, 'riskLevels'),
    isOneOf(RISK_LEVELS),
    (item) => ({
      zh: `风险等级须为 ${RISK_LEVELS.join('、')} 之一，实际为 ${shown(item)}`,
      en: `a risk level is one of ${RISK_LEVELS.join(', ')}, not ${shown(item)}`,
    }),
    true,
  );
  const money = (key: 'balanceMinFen' | 'balanceMaxFen', what: BilingualText) =>
    c.integer(`${field}.${key}`, own(value, key), {
      min: 0,
      max: MAX_FEN,
      nullable: true,
      rangeCode: 'negative',
      what,
    });
  const balanceMinFen = money('balanceMinFen', { zh: '余额下限', en: 'the lower balance bound' });
  const balanceMaxFen = money('balanceMaxFen', { zh: '余额上限', en: 'the upper balance bound' });
  if (
    typeof balanceMinFen === 'number' &&
    typeof balanceMaxFen === 'number' &&
    balanceMinFen >= balanceMaxFen
  ) {
    c.add(
      `${field}.balanceMinFen`,
      'balance_range_inverted',
      `余额下限 ${formatFen(balanceMinFen)} 须小于上限 ${formatFen(balanceMaxFen)}`,
      `the lower balance bound ${formatFen(balanceMinFen, 'en')} must be below the upper bound ${formatFen(balanceMaxFen, 'en')}`,
    );
    return undefined;
  }
  if (
    buckets === undefined ||
    classes === undefined ||
    riskLevels === undefined ||
    balanceMinFen === undefined ||
    balanceMaxFen === undefined
  )
    return undefined;
  return {
    buckets: buckets ? [...buckets] : null,
    classes: classes ? [...classes] : null,
    riskLevels: riskLevels ? [...riskLevels] : null,
    balanceMinFen,
    balanceMaxFen,
  };
}

function checkEscalation(
  c: Checker,
  field: string,
  value: unknown,
  ids: Map<string, string>,
): Escalation | undefined {
  if (!isRecord(value)) {
    c.wrongType(field, { zh: '对象', en: 'an object' }, value);
    return undefined;
  }
  c.unknownKeys(field, value, ESCALATION_KEYS);
  let id = checkKey(c, `${field}.id`, own(value, 'id'));
  if (id !== undefined) {
    const first = ids.get(id);
    if (first !== undefined) {
      c.add(
        `${field}.id`,
        'duplicate_escalation_id',
        `升级动作编号“${id}”已在 ${first} 使用，同一策略内须唯一`,
        `escalation id "${id}" is already used at ${first}; ids are unique within the strategy`,
      );
      id = undefined;
    } else ids.set(id, field);
  }
  const actionValue = own(value, 'action');
  let action: EscalationAction | undefined;
  if (isOneOf(ESCALATION_ACTIONS)(actionValue)) action = actionValue;
  else if (typeof actionValue === 'string')
    c.add(
      `${field}.action`,
      'invalid_value',
      `升级动作须为 ${ESCALATION_ACTIONS.join('、')} 之一，实际为 ${shown(actionValue)}`,
      `an escalation is one of ${ESCALATION_ACTIONS.join(', ')}, not ${shown(actionValue)}`,
    );
  else c.wrongType(`${field}.action`, { zh: '字符串', en: 'a string' }, actionValue);
  const broken = c.integer(`${field}.afterBrokenPromises`, own(value, 'afterBrokenPromises'), {
    min: 1,
    max: MAX_BROKEN_PROMISES_TRIGGER,
    nullable: true,
    rangeCode: 'trigger_range',
    what: { zh: '违约承诺次数', en: 'the number of broken promises' },
  });
  const days = c.integer(`${field}.afterDaysPastDue`, own(value, 'afterDaysPastDue'), {
    min: 0,
    max: MAX_DAYS_PAST_DUE_TRIGGER,
    nullable: true,
    rangeCode: 'trigger_range',
    what: { zh: '逾期天数', en: 'the days past due' },
  });
  if (broken === null && days === null) {
    c.add(
      field,
      'no_trigger',
      '须设置触发条件：违约承诺次数或逾期天数，至少一项',
      'needs a trigger: a number of broken promises or of days past due, or both',
    );
    return undefined;
  }
  if (id === undefined || action === undefined || broken === undefined || days === undefined)
    return undefined;
  return { id, action, afterBrokenPromises: broken, afterDaysPastDue: days };
}

function checkPlan(
  c: Checker,
  field: string,
  value: unknown,
  ctx: StrategyContext,
  ids: Map<string, string>,
): ActionPlan | undefined {
  if (!isRecord(value)) {
    c.wrongType(field, { zh: '对象', en: 'an object' }, value);
    return undefined;
  }
  c.unknownKeys(field, value, PLAN_KEYS);
  let ok = true;
  const channelsValue = own(value, 'channels');
  let channels: StrategyChannel[] | undefined;
  if (Array.isArray(channelsValue) && channelsValue.length === 0) {
    c.add(`${field}.channels`, 'channels_empty', '至少选择一个联系渠道', 'choose at least one channel');
  } else {
    channels =
      c.choiceList(
        `${field}.channels`,
        channelsValue,
        isOneOf(STRATEGY_CHANNELS),
        (item) => ({
          zh: `渠道须为 ${STRATEGY_CHANNELS.join('、')} 之一，实际为 ${shown(item)}`,
          en: `a channel is one of ${STRATEGY_CHANNELS.join(', ')}, not ${shown(item)}`,
        }),
        false,
      ) ?? undefined;
  }
  if (!channels) ok = false;

  const callValue = own(value, 'callEveryDays');
  const callEveryDays = c.integer(`${field}.callEveryDays`, callValue, {
    min: 1,
    max: MAX_CADENCE_DAYS,
    nullable: true,
    rangeCode: 'cadence_range',
    what: { zh: '电话频率（天）', en: 'the call cadence (days)' },
  });
  if (callEveryDays === undefined) ok = false;
  if (channels?.includes('call') && callEveryDays === null) {
    c.add(
      `${field}.callEveryDays`,
      'cadence_required',
      '选择了电话渠道，须设置每几天联系一次（1-30）',
      'calls are a channel: set every how many days to call (1-30)',
    );
    ok = false;
  }
  if (channels && !channels.includes('call') && typeof callEveryDays === 'number') {
    c.add(
      `${field}.callEveryDays`,
      'cadence_without_call',
      '未选择电话渠道，不应设置电话频率',
      'calls are not a channel; leave the call cadence empty',
    );
    ok = false;
  }

  const smsValue = own(value, 'sms');
  let sms: ActionPlan['sms'] | undefined;
  if (smsValue === null) sms = null;
  else if (!isRecord(smsValue)) {
    c.wrongType(
      `${field}.sms`,
      { zh: '对象 {templateFamilyId, everyDays} 或 null', en: 'an object or null' },
      smsValue,
    );
  } else {
    c.unknownKeys(`${field}.sms`, smsValue, SMS_KEYS);
    const template = own(smsValue, 'templateFamilyId');
    let templateFamilyId: string | undefined;
    if (typeof template !== 'string') {
      c.wrongType(`${field}.sms.templateFamilyId`, { zh: '字符串', en: 'a string' }, template);
    } else if (template.trim() === '') {
      c.add(`${field}.sms.templateFamilyId`, 'template_required', '请选择短信模板', 'choose an SMS template');
    } else if (ctx.smsTemplateFamilyIds && !ctx.smsTemplateFamilyIds.includes(template)) {
      c.add(
        `${field}.sms.templateFamilyId`,
        'template_not_published',
        '该短信模板不存在或未发布，请选择已发布的短信模板',
        'this SMS template does not exist or is not published; choose a published SMS template',
      );
    } else templateFamilyId = template;
    const everyValue = own(smsValue, 'everyDays');
    let everyDays: number | null | undefined;
    if (everyValue === null || everyValue === undefined) {
      c.add(
        `${field}.sms.everyDays`,
        'cadence_required',
        '须设置每几天发送一次短信（1-30）',
        'set every how many days to send the SMS (1-30)',
      );
    } else {
      everyDays = c.integer(`${field}.sms.everyDays`, everyValue, {
        min: 1,
        max: MAX_CADENCE_DAYS,
        nullable: false,
        rangeCode: 'cadence_range',
        what: { zh: '短信频率（天）', en: 'the SMS cadence (days)' },
      });
    }
    if (templateFamilyId !== undefined && typeof everyDays === 'number')
      sms = { templateFamilyId, everyDays };
  }
  if (sms === undefined) ok = false;
  if (channels?.includes('sms') && sms === null) {
    c.add(
      `${field}.sms`,
      'sms_required',
      '选择了短信渠道，须选择短信模板并设置发送频率',
      'SMS is a channel: choose an SMS template and how often to send it',
    );
    ok = false;
  }
  if (channels && !channels.includes('sms') && sms) {
    c.add(
      `${field}.sms`,
      'sms_without_channel',
      '未选择短信渠道，不应设置短信模板',
      'SMS is not a channel; leave the SMS template empty',
    );
    ok = false;
  }

  const stageValue = own(value, 'scriptStage');
  let scriptStage: ActionPlan['scriptStage'] | undefined;
  if (stageValue === null || isOneOf(STRATEGY_SCRIPT_STAGES)(stageValue)) scriptStage = stageValue;
  else if (typeof stageValue === 'string')
    c.add(
      `${field}.scriptStage`,
      'invalid_value',
      `话术阶段须为 ${STRATEGY_SCRIPT_STAGES.join('、')} 之一或 null（按案件所在阶段）`,
      `the script stage is one of ${STRATEGY_SCRIPT_STAGES.join(', ')} or null (the case's bucket)`,
    );
  else c.wrongType(`${field}.scriptStage`, { zh: '字符串或 null', en: 'a string or null' }, stageValue);
  if (scriptStage === undefined) ok = false;

  const escValue = own(value, 'escalations');
  const escalations: Escalation[] = [];
  if (!Array.isArray(escValue)) {
    c.wrongType(`${field}.escalations`, { zh: '数组', en: 'an array' }, escValue);
    ok = false;
  } else if (escValue.length > MAX_ESCALATIONS_PER_SEGMENT) {
    c.add(
      `${field}.escalations`,
      'too_many_escalations',
      `每个分群最多 ${MAX_ESCALATIONS_PER_SEGMENT} 个升级动作`,
      `a segment has at most ${MAX_ESCALATIONS_PER_SEGMENT} escalations`,
    );
    ok = false;
  } else {
    escValue.forEach((item, index) => {
      const checked = checkEscalation(c, `${field}.escalations[${index}]`, item, ids);
      if (checked) escalations.push(checked);
      else ok = false;
    });
  }
  if (!ok || !channels || callEveryDays === undefined || sms === undefined || scriptStage === undefined)
    return undefined;
  return { channels: [...channels], callEveryDays, sms: sms ? { ...sms } : null, scriptStage, escalations };
}

/** Whether a condition holds for every case (no condition set). */
export function isCatchAll(when: SegmentCondition): boolean {
  return (
    when.buckets === null &&
    when.classes === null &&
    when.riskLevels === null &&
    when.balanceMinFen === null &&
    when.balanceMaxFen === null
  );
}

/**
 * Checks a strategy definition against a portfolio (its bucket codes and, when given, its published SMS
 * template families). Never throws: any JSON value gets an answer. On success the definition comes back
 * copied (names trimmed); otherwise every problem, each with its field (e.g.
 * 'segments[2].when.balanceMinFen'), a stable code and the reason in zh and en.
 */
export function validateStrategy(
  def: unknown,
  ctx: StrategyContext,
): { ok: true; definition: StrategyDefinition } | { ok: false; problems: StrategyProblem[] } {
  const c = new Checker();
  if (!isRecord(def)) {
    c.add(
      '',
      'not_object',
      '策略须为对象 {segments: [...]}',
      'a strategy must be an object {segments: [...]}',
    );
    return { ok: false, problems: c.problems };
  }
  c.unknownKeys('', def, DEFINITION_KEYS);
  const segmentsValue = own(def, 'segments');
  if (!Array.isArray(segmentsValue)) {
    c.wrongType('segments', { zh: '数组', en: 'an array' }, segmentsValue);
    return { ok: false, problems: c.problems };
  }
  if (segmentsValue.length === 0) {
    c.add(
      'segments',
      'segments_empty',
      '策略至少需要一个分群（最后一个须匹配所有案件）',
      'a strategy needs at least one segment (the last one matching every case)',
    );
    return { ok: false, problems: c.problems };
  }
  if (segmentsValue.length > MAX_SEGMENTS) {
    c.add(
      'segments',
      'too_many_segments',
      `分群不能超过 ${MAX_SEGMENTS} 个（当前 ${segmentsValue.length} 个）`,
      `a strategy has at most ${MAX_SEGMENTS} segments (this one has ${segmentsValue.length})`,
    );
    return { ok: false, problems: c.problems };
  }
  const keys = new Map<string, number>();
  const ids = new Map<string, string>();
  const segments: Segment[] = [];
  let catchAllAt: number | null = null;
  segmentsValue.forEach((item, index) => {
    const field = `segments[${index}]`;
    if (!isRecord(item)) {
      c.wrongType(field, { zh: '对象', en: 'an object' }, item);
      return;
    }
    c.unknownKeys(field, item, SEGMENT_KEYS);
    let key = checkKey(c, `${field}.key`, own(item, 'key'));
    if (key !== undefined) {
      const first = keys.get(key);
      if (first !== undefined) {
        c.add(
          `${field}.key`,
          'duplicate_key',
          `分群编号“${key}”与第 ${first + 1} 个分群重复`,
          `segment key "${key}" repeats segment ${first + 1}`,
        );
        key = undefined;
      } else keys.set(key, index);
    }
    const name = checkName(c, `${field}.name`, own(item, 'name'));
    const when = checkWhen(c, `${field}.when`, own(item, 'when'), ctx);
    const plan = checkPlan(c, `${field}.plan`, own(item, 'plan'), ctx, ids);
    if (when && catchAllAt !== null) {
      c.add(
        field,
        'unreachable_segment',
        `第 ${catchAllAt + 1} 个分群已匹配所有案件，此分群永远不会被使用`,
        `segment ${catchAllAt + 1} already matches every case, so this one is never used`,
      );
    }
    if (when && catchAllAt === null && isCatchAll(when)) catchAllAt = index;
    if (key !== undefined && name && when && plan) segments.push({ key, name, when, plan });
  });
  const lastIndex = segmentsValue.length - 1;
  const last = segmentsValue[lastIndex];
  const lastWhen = isRecord(last) ? own(last, 'when') : undefined;
  const lastIsCatchAll =
    isRecord(lastWhen) &&
    WHEN_KEYS.every((k) => own(lastWhen, k) === null) &&
    Object.keys(lastWhen).length > 0;
  if (!lastIsCatchAll) {
    c.add(
      `segments[${lastIndex}].when`,
      'last_not_catch_all',
      '最后一个分群须匹配所有案件（所有条件设为不限），以免有案件没有方案',
      'the last segment must match every case (no condition set), so that no case is left without a plan',
    );
  }
  if (c.problems.length > 0) return { ok: false, problems: c.problems };
  return { ok: true, definition: { segments } };
}

// ---- matching ----

export interface SegmentFacts {
  bucket: string;
  delinquencyClass: 1 | 2 | 3 | 4 | null;
  riskLevel: RiskLevel;
  balanceFen: number;
}

type ConditionKey = 'buckets' | 'classes' | 'riskLevels' | 'balance';
interface ConditionCheck {
  condition: ConditionKey;
  met: boolean;
  text: BilingualText;
}

/** Each set condition of a segment with whether the case meets it, in words. */
/** "bucket M2 is one of M2, M3" and its negation, in both languages (a one-element set says "is"). */
function membership(
  label: BilingualText,
  value: BilingualText,
  set: BilingualText[],
  met: boolean,
): BilingualText {
  const all = joined(set);
  if (set.length === 1) {
    return met
      ? { zh: `${label.zh}为 ${value.zh}`, en: `${label.en} is ${value.en}` }
      : { zh: `${label.zh} ${value.zh} 不是 ${all.zh}`, en: `${label.en} ${value.en} is not ${all.en}` };
  }
  return met
    ? { zh: `${label.zh} ${value.zh} 属于 ${all.zh}`, en: `${label.en} ${value.en} is one of ${all.en}` }
    : {
        zh: `${label.zh} ${value.zh} 不在 ${all.zh} 中`,
        en: `${label.en} ${value.en} is not one of ${all.en}`,
      };
}

function checkConditions(when: SegmentCondition, facts: SegmentFacts): ConditionCheck[] {
  const checks: ConditionCheck[] = [];
  const plain = (text: string): BilingualText => ({ zh: text, en: text });
  if (when.buckets !== null) {
    const met = when.buckets.includes(facts.bucket);
    checks.push({
      condition: 'buckets',
      met,
      text: membership(
        { zh: '逾期阶段', en: 'the bucket' },
        plain(facts.bucket),
        when.buckets.map(plain),
        met,
      ),
    });
  }
  if (when.classes !== null) {
    const value: SegmentClass = facts.delinquencyClass ?? 0;
    const met = (when.classes as readonly number[]).includes(value);
    checks.push({
      condition: 'classes',
      met,
      text: membership(
        { zh: '逾期类别', en: 'delinquency' },
        CLASS_TEXT[value],
        when.classes.map((k) => CLASS_TEXT[k]),
        met,
      ),
    });
  }
  if (when.riskLevels !== null) {
    const met = when.riskLevels.includes(facts.riskLevel);
    checks.push({
      condition: 'riskLevels',
      met,
      text: membership(
        { zh: '风险等级', en: 'the risk level' },
        RISK_TEXT[facts.riskLevel] ?? plain(String(facts.riskLevel)),
        when.riskLevels.map((k) => RISK_TEXT[k]),
        met,
      ),
    });
  }
  if (when.balanceMinFen !== null || when.balanceMaxFen !== null) {
    const met =
      (when.balanceMinFen === null || facts.balanceFen >= when.balanceMinFen) &&
      (when.balanceMaxFen === null || facts.balanceFen < when.balanceMaxFen);
    const band = balanceBandText(when.balanceMinFen, when.balanceMaxFen);
    const balance = Number.isSafeInteger(facts.balanceFen)
      ? money(facts.balanceFen)
      : { zh: String(facts.balanceFen), en: String(facts.balanceFen) };
    checks.push({
      condition: 'balance',
      met,
      text: met
        ? {
            zh: `余额 ${balance.zh} 在 ${band.zh} 范围内`,
            en: `the balance ${balance.en} is within ${band.en}`,
          }
        : {
            zh: `余额 ${balance.zh} 不在 ${band.zh} 范围内`,
            en: `the balance ${balance.en} is not within ${band.en}`,
          },
    });
  }
  return checks;
}

/** Whether a case meets a segment's condition. */
export function segmentMatches(when: SegmentCondition, facts: SegmentFacts): boolean {
  return checkConditions(when, facts).every((check) => check.met);
}

/**
 * The segment of a case: the first whose condition holds. The reasons say each condition this one met
 * (or that it takes every case), then, one line each, which earlier segments did not match and on which
 * condition. A valid
 * definition's last segment matches every case; should none match (an unchecked definition), the last
 * segment applies and a reason says so.
 */
export function matchSegment(
  def: StrategyDefinition,
  facts: SegmentFacts,
): { segment: Segment; index: number; reasons: { zh: string; en: string }[] } {
  if (def.segments.length === 0) throw new Error('a strategy without segments has no plan for any case');
  const passedOver: BilingualText[] = [];
  for (const [index, segment] of def.segments.entries()) {
    const checks = checkConditions(segment.when, facts);
    const failed = checks.find((check) => !check.met);
    if (failed) {
      passedOver.push({
        zh: `未匹配“${segment.name.zh}”：${failed.text.zh}`,
        en: `not "${segment.name.en}": ${failed.text.en}`,
      });
      continue;
    }
    const met: BilingualText[] =
      checks.length === 0
        ? [
            {
              zh: `“${segment.name.zh}”不设条件，适用于前面分群未覆盖的所有案件`,
              en: `"${segment.name.en}" has no condition and takes every case the segments above did not`,
            },
          ]
        : checks.map((check) => ({
            zh: `符合“${segment.name.zh}”：${check.text.zh}`,
            en: `"${segment.name.en}": ${check.text.en}`,
          }));
    return { segment, index, reasons: [...met, ...passedOver] };
  }
  const index = def.segments.length - 1;
  const segment = def.segments[index] as Segment;
  const fallback = {
    zh: `没有分群匹配，按最后一个分群“${segment.name.zh}”处理`,
    en: `no segment matched; the last one, "${segment.name.en}", applies`,
  };
  return { segment, index, reasons: [fallback, ...passedOver] };
}

/** The escalations a case has reached: either trigger set and met (broken promises or days past due). */
export function dueEscalations(
  plan: ActionPlan,
  facts: { brokenPromises: number; daysPastDue: number },
): Escalation[] {
  return plan.escalations.filter(
    (e) =>
      (e.afterBrokenPromises !== null && facts.brokenPromises >= e.afterBrokenPromises) ||
      (e.afterDaysPastDue !== null && facts.daysPastDue >= e.afterDaysPastDue),
  );
}

// ---- the default strategy ----

type Stage = 'M0' | 'early' | 'M2' | 'M3' | 'late';

/** Which stage of the credit-card playbook a bucket code stands for; null for codes it does not know. */
function stageOfBucket(code: string): Stage | null {
  const c = code.trim().toUpperCase();
  if (c === 'M0') return 'M0';
  if (c === 'M1' || /^S\d{1,2}$/.test(c)) return 'early';
  if (c === 'M2') return 'M2';
  if (c === 'M3') return 'M3';
  if (/^M3\+$/.test(c) || /^M([4-9]|\d{2,})\+?$/.test(c)) return 'late';
  return null;
}

const YUAN = 100;
/** A large balance (大额): legal review comes earlier above it. */
export const DEFAULT_LARGE_BALANCE_FEN = 50_000 * YUAN;

/**
 * A credit-card center's strategy (DOMAIN.md) for the given buckets: early buckets SMS reminders and
 * calls; M2 more frequent calls and a formal letter after broken promises; class 2 (willing, not able)
 * a gentler cadence for a hardship plan; class 3/4 letters and visits; over 90 days placement with an
 * agency; legal review for large balances and for class 4 after many days; a catch-all last. Names only
 * the buckets it is given (segments whose buckets are missing are left out). SMS needs a published
 * template: without `smsTemplateFamilyId` the plans use the other channels.
 */
export function defaultStrategy(
  bucketCodes: readonly string[],
  options: { smsTemplateFamilyId?: string | null } = {},
): StrategyDefinition {
  const codes = [...new Set(bucketCodes.filter((c) => typeof c === 'string' && c !== ''))];
  const of = (...stages: Stage[]) => codes.filter((c) => stages.includes(stageOfBucket(c) as Stage));
  const template = options.smsTemplateFamilyId || null;
  const segments: Segment[] = [];
  const when = (partial: Partial<SegmentCondition>): SegmentCondition => ({
    buckets: null,
    classes: null,
    riskLevels: null,
    balanceMinFen: null,
    balanceMaxFen: null,
    ...partial,
  });
  const plan = (p: {
    channels: StrategyChannel[];
    callEveryDays?: number;
    smsEveryDays?: number;
    scriptStage: ActionPlan['scriptStage'];
    escalations?: Escalation[];
  }): ActionPlan => {
    const channels = p.channels.filter((ch) => ch !== 'sms' || template !== null);
    const usable = channels.length > 0 ? channels : (['call'] as StrategyChannel[]);
    return {
      channels: usable,
      callEveryDays: usable.includes('call') ? (p.callEveryDays ?? 7) : null,
      sms:
        usable.includes('sms') && template
          ? { templateFamilyId: template, everyDays: p.smsEveryDays ?? 7 }
          : null,
      scriptStage: p.scriptStage,
      escalations: p.escalations ?? [],
    };
  };
  const esc = (
    id: string,
    action: EscalationAction,
    afterBrokenPromises: number | null,
    afterDaysPastDue: number | null,
  ): Escalation => ({ id, action, afterBrokenPromises, afterDaysPastDue });
  const add = (key: string, zh: string, en: string, w: SegmentCondition, p: ActionPlan) =>
    segments.push({ key, name: { zh, en }, when: w, plan: p });

  const late = of('late');
  const m3 = of('M3');
  const m2 = of('M2');
  const early = of('early');
  const m0 = of('M0');
  const collecting = of('early', 'M2', 'M3');

  add(
    'dead_accounts',
    '死账：信函与法务评估',
    'Dead accounts: letters and legal review',
    when({ riskLevels: ['dead'] }),
    plan({
      channels: ['letter'],
      scriptStage: 'M3+',
      escalations: [esc('legal_review_dead', 'legal', null, 180)],
    }),
  );
  if (late.length) {
    add(
      'late_class4',
      'M3+ 四类：评估资产，法务评估',
      'M3+ class 4: trace assets, legal review',
      when({ buckets: late, classes: [4] }),
      plan({
        channels: ['call', 'letter'],
        callEveryDays: 10,
        scriptStage: 'M3+',
        escalations: [
          esc('agency_class4', 'agency', null, 91),
          esc('legal_review_class4', 'legal', null, 180),
        ],
      }),
    );
    add(
      'late_large',
      'M3+ 大额（5 万元及以上）',
      'M3+ large balance (CN¥50,000 or more)',
      when({ buckets: late, balanceMinFen: DEFAULT_LARGE_BALANCE_FEN }),
      plan({
        channels: ['call', 'letter'],
        callEveryDays: 5,
        scriptStage: 'M3+',
        escalations: [esc('agency_large', 'agency', null, 91), esc('legal_review_large', 'legal', 2, 120)],
      }),
    );
    add(
      'late',
      'M3+：委外催收',
      'M3+: placement with an agency',
      when({ buckets: late }),
      plan({
        channels: ['call', 'letter'],
        callEveryDays: 7,
        scriptStage: 'M3+',
        escalations: [
          esc('agency_placement', 'agency', null, 91),
          esc('legal_review_late', 'legal', null, 360),
        ],
      }),
    );
  }
  if (m3.length) {
    add(
      'm3_class34',
      'M3 三类/四类：信函与外访',
      'M3 class 3/4: letters and visits',
      when({ buckets: m3, classes: [3, 4] }),
      plan({
        channels: ['call', 'letter', 'visit'],
        callEveryDays: 3,
        scriptStage: 'M3',
        escalations: [esc('visit_class34', 'visit', 1, 75), esc('legal_review_m3', 'legal', 3, null)],
      }),
    );
  }
  if (collecting.length) {
    add(
      'class2_hardship',
      '二类：协商还款计划',
      'Class 2: hardship plan',
      when({ buckets: collecting, classes: [2] }),
      plan({
        channels: ['call', 'sms'],
        callEveryDays: 5,
        smsEveryDays: 10,
        scriptStage: null,
        escalations: [esc('letter_class2', 'letter', 3, null)],
      }),
    );
  }
  if (m3.length) {
    add(
      'm3',
      'M3：信函，准备外访',
      'M3: letters, prepare a visit',
      when({ buckets: m3 }),
      plan({
        channels: ['call', 'letter'],
        callEveryDays: 2,
        scriptStage: 'M3',
        escalations: [esc('visit_m3', 'visit', 2, 80)],
      }),
    );
  }
  if (m2.length) {
    add(
      'm2_class34',
      'M2 三类/四类：正式催收函',
      'M2 class 3/4: formal letter',
      when({ buckets: m2, classes: [3, 4] }),
      plan({
        channels: ['call', 'letter'],
        callEveryDays: 2,
        scriptStage: 'M2',
        escalations: [esc('letter_m2_class34', 'letter', 1, 45)],
      }),
    );
    add(
      'm2',
      'M2：加密电话',
      'M2: more frequent calls',
      when({ buckets: m2 }),
      plan({
        channels: ['call', 'sms'],
        callEveryDays: 2,
        smsEveryDays: 7,
        scriptStage: 'M2',
        escalations: [esc('letter_m2', 'letter', 2, 50)],
      }),
    );
  }
  if (early.length) {
    add(
      'early',
      '早期：短信与电话提醒',
      'Early: SMS and calls',
      when({ buckets: early }),
      plan({ channels: ['call', 'sms'], callEveryDays: 3, smsEveryDays: 5, scriptStage: null }),
    );
  }
  if (m0.length) {
    add(
      'm0',
      'M0：到期提醒',
      'M0: due-date reminder',
      when({ buckets: m0 }),
      plan({ channels: ['sms', 'call'], callEveryDays: 7, smsEveryDays: 3, scriptStage: 'M0' }),
    );
  }
  add(
    'all_other',
    '其他案件：常规电话跟进',
    'All other cases: regular calls',
    when({}),
    plan({ channels: ['call'], callEveryDays: 5, scriptStage: null }),
  );
  return { segments };
}

// ---- what changed between two versions ----

export interface StrategyChange {
  segmentKey: string;
  kind: 'added' | 'removed' | 'moved' | 'changed';
  fields: string[];
  zh: string;
  en: string;
}

function sameSet(a: readonly unknown[] | null, b: readonly unknown[] | null): boolean {
  if (a === null || b === null) return a === b;
  if (a.length !== b.length) return false;
  const left = [...a].map(String).sort();
  const right = [...b].map(String).sort();
  return left.every((v, i) => v === right[i]);
}

function conditionValue(when: SegmentCondition, key: keyof SegmentCondition): BilingualText {
  const any = { zh: '不限', en: 'any' };
  switch (key) {
    case 'buckets':
      return when.buckets ? listOf(when.buckets) : any;
    case 'classes':
      return when.classes ? joined(when.classes.map((k) => CLASS_TEXT[k])) : any;
    case 'riskLevels':
      return when.riskLevels ? joined(when.riskLevels.map((k) => RISK_TEXT[k])) : any;
    case 'balanceMinFen':
    case 'balanceMaxFen': {
      const v = when[key];
      return v === null ? { zh: '不设', en: 'none' } : money(v);
    }
  }
}

const FIELD_TEXT: Record<string, BilingualText> = {
  'name.zh': { zh: '中文名称', en: 'Chinese name' },
  'name.en': { zh: '英文名称', en: 'English name' },
  'when.buckets': { zh: '逾期阶段', en: 'buckets' },
  'when.classes': { zh: '逾期类别', en: 'classes' },
  'when.riskLevels': { zh: '风险等级', en: 'risk levels' },
  'when.balanceMinFen': { zh: '余额下限', en: 'lower balance bound' },
  'when.balanceMaxFen': { zh: '余额上限', en: 'upper balance bound' },
  'plan.channels': { zh: '渠道', en: 'channels' },
  'plan.callEveryDays': { zh: '电话频率', en: 'call cadence' },
  'plan.sms': { zh: '短信', en: 'SMS' },
  'plan.scriptStage': { zh: '话术阶段', en: 'script stage' },
};

function escalationText(e: Escalation): BilingualText {
  const parts: BilingualText[] = [];
  if (e.afterBrokenPromises !== null)
    parts.push({
      zh: `违约 ${e.afterBrokenPromises} 次`,
      en: `${e.afterBrokenPromises} broken promise${e.afterBrokenPromises === 1 ? '' : 's'}`,
    });
  if (e.afterDaysPastDue !== null)
    parts.push({ zh: `逾期 ${e.afterDaysPastDue} 天`, en: `${e.afterDaysPastDue} days past due` });
  const action = ACTION_TEXT[e.action];
  return {
    zh: `${action.zh}（${parts.map((p) => p.zh).join('或')}）`,
    en: `${action.en} (after ${parts.map((p) => p.en).join(' or ')})`,
  };
}

function planValue(
  plan: ActionPlan,
  key: 'channels' | 'callEveryDays' | 'sms' | 'scriptStage',
): BilingualText {
  switch (key) {
    case 'channels':
      return joined(plan.channels.map((ch) => CHANNEL_TEXT[ch]));
    case 'callEveryDays':
      return plan.callEveryDays === null
        ? { zh: '不设', en: 'none' }
        : { zh: `每 ${plan.callEveryDays} 天`, en: `every ${plan.callEveryDays} days` };
    case 'sms':
      return plan.sms === null
        ? { zh: '不发', en: 'none' }
        : {
            zh: `每 ${plan.sms.everyDays} 天（模板已设）`,
            en: `every ${plan.sms.everyDays} days (template set)`,
          };
    case 'scriptStage':
      return plan.scriptStage === null
        ? { zh: '按案件所在阶段', en: "the case's bucket" }
        : { zh: plan.scriptStage, en: plan.scriptStage };
  }
}

/** The fields of a segment that differ, each with its description (from → to). */
function segmentDifferences(a: Segment, b: Segment): { field: string; text: BilingualText }[] {
  const out: { field: string; text: BilingualText }[] = [];
  const change = (field: string, from: BilingualText, to: BilingualText) => {
    const label = FIELD_TEXT[field] ?? { zh: field, en: field };
    out.push({
      field,
      text: { zh: `${label.zh}：${from.zh} → ${to.zh}`, en: `${label.en}: ${from.en} → ${to.en}` },
    });
  };
  for (const lang of ['zh', 'en'] as const) {
    if (a.name[lang] !== b.name[lang])
      change(`name.${lang}`, { zh: a.name[lang], en: a.name[lang] }, { zh: b.name[lang], en: b.name[lang] });
  }
  for (const key of ['buckets', 'classes', 'riskLevels'] as const) {
    if (!sameSet(a.when[key], b.when[key]))
      change(`when.${key}`, conditionValue(a.when, key), conditionValue(b.when, key));
  }
  for (const key of ['balanceMinFen', 'balanceMaxFen'] as const) {
    if (a.when[key] !== b.when[key])
      change(`when.${key}`, conditionValue(a.when, key), conditionValue(b.when, key));
  }
  if (!sameSet(a.plan.channels, b.plan.channels))
    change('plan.channels', planValue(a.plan, 'channels'), planValue(b.plan, 'channels'));
  if (a.plan.callEveryDays !== b.plan.callEveryDays)
    change('plan.callEveryDays', planValue(a.plan, 'callEveryDays'), planValue(b.plan, 'callEveryDays'));
  if (
    (a.plan.sms === null) !== (b.plan.sms === null) ||
    (a.plan.sms &&
      b.plan.sms &&
      (a.plan.sms.everyDays !== b.plan.sms.everyDays ||
        a.plan.sms.templateFamilyId !== b.plan.sms.templateFamilyId))
  ) {
    const templateOnly =
      a.plan.sms && b.plan.sms && a.plan.sms.everyDays === b.plan.sms.everyDays
        ? { zh: '短信模板已更换', en: 'the SMS template was changed' }
        : null;
    if (templateOnly) out.push({ field: 'plan.sms', text: templateOnly });
    else change('plan.sms', planValue(a.plan, 'sms'), planValue(b.plan, 'sms'));
  }
  if (a.plan.scriptStage !== b.plan.scriptStage)
    change('plan.scriptStage', planValue(a.plan, 'scriptStage'), planValue(b.plan, 'scriptStage'));
  const before = new Map(a.plan.escalations.map((e) => [e.id, e]));
  const after = new Map(b.plan.escalations.map((e) => [e.id, e]));
  for (const e of b.plan.escalations) {
    const old = before.get(e.id);
    const field = `plan.escalations.${e.id}`;
    if (!old) {
      const t = escalationText(e);
      out.push({ field, text: { zh: `新增升级：${t.zh}`, en: `escalation added: ${t.en}` } });
    } else if (
      old.action !== e.action ||
      old.afterBrokenPromises !== e.afterBrokenPromises ||
      old.afterDaysPastDue !== e.afterDaysPastDue
    ) {
      const from = escalationText(old);
      const to = escalationText(e);
      out.push({
        field,
        text: { zh: `升级 ${e.id}：${from.zh} → ${to.zh}`, en: `escalation ${e.id}: ${from.en} → ${to.en}` },
      });
    }
  }
  for (const e of a.plan.escalations) {
    if (!after.has(e.id)) {
      const t = escalationText(e);
      out.push({
        field: `plan.escalations.${e.id}`,
        text: { zh: `删除升级：${t.zh}`, en: `escalation removed: ${t.en}` },
      });
    }
  }
  const orderBefore = a.plan.escalations.filter((e) => after.has(e.id)).map((e) => e.id);
  const orderAfter = b.plan.escalations.filter((e) => before.has(e.id)).map((e) => e.id);
  if (orderBefore.join('\n') !== orderAfter.join('\n'))
    out.push({ field: 'plan.escalations', text: { zh: '升级动作顺序调整', en: 'escalations reordered' } });
  return out;
}

/** The keys of a longest common subsequence of two key lists (the segments that kept their order). */
function keptOrder(a: readonly string[], b: readonly string[]): Set<string> {
  const n = a.length;
  const m = b.length;
  const table: number[][] = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(0));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      const row = table[i] as number[];
      row[j] =
        a[i] === b[j]
          ? ((table[i + 1] as number[])[j + 1] as number) + 1
          : Math.max((table[i + 1] as number[])[j] as number, row[j + 1] as number);
    }
  }
  const kept = new Set<string>();
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (a[i] === b[j]) {
      kept.add(a[i] as string);
      i++;
      j++;
    } else if (((table[i + 1] as number[])[j] as number) > ((table[i] as number[])[j + 1] as number)) i++;
    else j++;
  }
  return kept;
}

/**
 * What changed from one version to the next, segment by segment (by key): added, removed, moved (its
 * place among the segments both versions have changed) and changed (the fields, with before → after).
 * A segment both moved and changed gets one entry of each. In the order of the new version; removed
 * segments last.
 */
export function diffStrategies(before: StrategyDefinition, after: StrategyDefinition): StrategyChange[] {
  const changes: StrategyChange[] = [];
  const old = new Map(before.segments.map((s, i) => [s.key, { segment: s, index: i }]));
  const now = new Set(after.segments.map((s) => s.key));
  const common = (list: Segment[], other: Set<string> | Map<string, unknown>) =>
    list.filter((s) => other.has(s.key)).map((s) => s.key);
  const kept = keptOrder(common(before.segments, now), common(after.segments, old));
  after.segments.forEach((segment, index) => {
    const previous = old.get(segment.key);
    const name = segment.name;
    if (!previous) {
      changes.push({
        segmentKey: segment.key,
        kind: 'added',
        fields: [],
        zh: `新增分群“${name.zh}”（第 ${index + 1} 位）`,
        en: `added segment "${name.en}" (position ${index + 1})`,
      });
      return;
    }
    if (!kept.has(segment.key)) {
      changes.push({
        segmentKey: segment.key,
        kind: 'moved',
        fields: [],
        zh: `分群“${name.zh}”从第 ${previous.index + 1} 位移到第 ${index + 1} 位`,
        en: `segment "${name.en}" moved from position ${previous.index + 1} to ${index + 1}`,
      });
    }
    const differences = segmentDifferences(previous.segment, segment);
    if (differences.length > 0) {
      changes.push({
        segmentKey: segment.key,
        kind: 'changed',
        fields: differences.map((d) => d.field),
        zh: `修改分群“${name.zh}”：${differences.map((d) => d.text.zh).join('；')}`,
        en: `changed segment "${name.en}": ${differences.map((d) => d.text.en).join('; ')}`,
      });
    }
  });
  for (const segment of before.segments) {
    if (!now.has(segment.key)) {
      changes.push({
        segmentKey: segment.key,
        kind: 'removed',
        fields: [],
        zh: `删除分群“${segment.name.zh}”`,
        en: `removed segment "${segment.name.en}"`,
      });
    }
  }
  return changes;
}
