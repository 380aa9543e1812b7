/**
 * Filling an SMS template's merge fields (`{{客户姓名}}`, see MERGE_FIELDS in domain/script-library) from
 * the case's data at the moment the message is dispatched. Pure.
 *
 * Older templates write single braces (`{姓名}`, `{卡号后四位}`, `{金额}` followed by 元); those known
 * names are filled too (`{金额}` as the bare number). A field that has no value for this case (no service
 * number configured, no pending promise, no assigned collector, a name nobody knows) is reported as
 * missing: the dispatcher then refuses the message rather than send a half-filled text.
 */
import { addDays, type BusinessDate } from '../../domain/dates';

export interface SmsMergeData {
  /** The creditor's name, else the portfolio's. */
  institution: string;
  debtorName: string;
  contractNo: string;
  balanceFen: number;
  principalFen: number;
  interestFen: number;
  penaltyFen: number;
  /** The first missed due date. */
  dueDate: BusinessDate;
  daysPastDue: number;
  collectorName: string | null;
  collectorNo: string | null;
  /** The institution's official service number (QINGSHOU_SMS_SERVICE_NUMBER), if configured. */
  serviceNumber: string | null;
  /** The case's next pending promise (a single promise or an instalment). */
  promise: { amountFen: number; dueDate: BusinessDate } | null;
  /** The dispatch day in the case's zone. */
  today: BusinessDate;
}

/** Days after dispatch given in {{截止日期}} ("please act by"). */
export const SMS_DEADLINE_DAYS = 7;

/** The official channels named in {{官方还款渠道}}: never a person's account. */
export const OFFICIAL_CHANNELS_TEXT = '官方APP、网点柜台或官方对公账户';

/** Older single-brace names, filled from the merge fields ({金额} templates write 元 themselves). */
const LEGACY: Record<string, (values: Record<string, string | null>) => string | null | undefined> = {
  姓名: (v) => v.客户姓名,
  卡号后四位: (v) => v.尾号,
  金额: (v) => v.应还金额?.replace(/元$/, ''),
  日期: (v) => v.函件日期,
};

/** 123456 → '1,234.56元'. */
export function yuanText(fen: number): string {
  const abs = Math.abs(Math.trunc(fen));
  const whole = String(Math.floor(abs / 100)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${fen < 0 ? '-' : ''}${whole}.${String(abs % 100).padStart(2, '0')}元`;
}

/** The value of every merge field for a case (null where the case has none). */
export function mergeValues(data: SmsMergeData): Record<string, string | null> {
  return {
    坐席姓名: data.collectorName,
    工号: data.collectorNo,
    机构名称: data.institution || null,
    客户姓名: data.debtorName || null,
    尾号: data.contractNo ? data.contractNo.slice(-4) : null,
    应还金额: yuanText(data.balanceFen),
    本金: yuanText(data.principalFen),
    利息: yuanText(data.interestFen),
    违约金: yuanText(data.penaltyFen),
    还款日: data.dueDate,
    逾期天数: String(data.daysPastDue),
    官方还款渠道: OFFICIAL_CHANNELS_TEXT,
    客服电话: data.serviceNumber,
    // Only for third parties: the dispatcher sends to debtors.
    回电号码: null,
    承诺金额: data.promise ? yuanText(data.promise.amountFen) : null,
    承诺日期: data.promise ? data.promise.dueDate : null,
    截止日期: addDays(data.today, SMS_DEADLINE_DAYS),
    函件日期: data.today,
  };
}

export type RenderResult = { ok: true; text: string } | { ok: false; missing: string[] };

const SLOT = /\{\{\s*([^{}]*?)\s*\}\}|\{\s*([^{}]*?)\s*\}/gu;

/** Fills the merge fields of a body; every field without a value is listed as missing. */
export function renderSms(body: string, values: Record<string, string | null>): RenderResult {
  const missing = new Set<string>();
  const text = body.replace(SLOT, (slot, double: string | undefined, single: string | undefined) => {
    const name = double ?? single ?? '';
    const legacy = double === undefined ? LEGACY[name] : undefined;
    const value = legacy ? legacy(values) : Object.hasOwn(values, name) ? values[name] : null;
    if (value === null || value === undefined || value === '') {
      missing.add(name || slot);
      return slot;
    }
    return value;
  });
  return missing.size > 0 ? { ok: false, missing: [...missing] } : { ok: true, text };
}
