/**
 * Validation reason codes: why a value a user typed or imported was refused. Importers show the text
 * next to the row and column; APIs return the code. Codes are a contract (clients match on them), texts
 * may be reworded.
 *
 * Every parser and validator in src/domain returns `{ ok: false, reason }` with one of these codes
 * instead of throwing.
 */

interface ReasonTextPair {
  zh: string;
  en: string;
}

const reasonCatalog = {
  required: { zh: '必填，不能为空', en: 'Required; cannot be empty' },

  amount_format: {
    zh: '金额格式不正确，应为数字，如 1234.56',
    en: 'Amount is not a number; write it like 1234.56',
  },
  amount_negative: { zh: '金额不能为负数', en: 'Amount cannot be negative' },
  amount_too_many_decimals: {
    zh: '金额最多两位小数（精确到分）',
    en: 'Amount can have at most 2 decimals (to the fen)',
  },
  amount_too_large: { zh: '金额过大，不能超过 1 万亿元', en: 'Amount is too large (over 1 trillion yuan)' },

  date_format: {
    zh: '日期格式无法识别，请写成 2026-03-15、2026/3/15、20260315 或 2026年3月15日',
    en: 'Date format not recognised; write it like 2026-03-15, 2026/3/15, 20260315 or 2026年3月15日',
  },
  date_invalid: { zh: '日期不存在（如 2 月 30 日）', en: 'This date does not exist (e.g. 30 February)' },
  date_out_of_range: { zh: '年份须在 1900 到 2199 之间', en: 'The year must be between 1900 and 2199' },

  id_number_length: { zh: '身份证号应为 18 位', en: 'ID number must have 18 characters' },
  id_number_first_generation: {
    zh: '这是 15 位的一代身份证号，请换成 18 位号码',
    en: 'This is an old 15-digit ID number; enter the 18-digit number instead',
  },
  id_number_characters: {
    zh: '身份证号只能是数字，最后一位可以是 X',
    en: 'ID number may contain only digits, with X allowed as the last character',
  },
  id_number_excel_number: {
    zh: '身份证号被 Excel 存成了数字（科学计数法），后几位已丢失，请将该列设为文本后重新录入',
    en: 'Excel stored the ID number as a number (scientific notation) and lost digits; set the column to text and re-enter it',
  },
  id_number_checksum: {
    zh: '身份证校验位错误，请核对号码',
    en: 'ID number check digit is wrong; check the number',
  },
  id_number_region: {
    zh: '身份证号前两位不是有效的省级地区代码',
    en: 'The first two digits of the ID number are not a valid province code',
  },
  id_number_birth_date: {
    zh: '身份证号中的出生日期（第 7-14 位）无效',
    en: 'The birth date in the ID number (characters 7-14) is not valid',
  },

  phone_format: {
    zh: '电话号码格式不正确，应为 11 位手机号或带区号的固定电话',
    en: 'Not a valid phone number; use an 11-digit mobile or a landline with its area code',
  },
  phone_mobile_length: { zh: '手机号应为 11 位', en: 'A mobile number has 11 digits' },
  phone_missing_area_code: {
    zh: '固定电话缺少区号，请写成 010-12345678 这样的格式',
    en: 'Landline is missing its area code; write it like 010-12345678',
  },
  phone_service_number: {
    zh: '这是客服或服务号码（如 95588、400 电话），不是个人电话',
    en: 'This is a service number (like 95588 or a 400 number), not a personal phone',
  },
  phone_foreign: {
    zh: '仅支持中国大陆电话号码',
    en: 'Only mainland China phone numbers are supported',
  },

  bucket_config_empty: { zh: '至少需要一个账龄分段', en: 'At least one bucket is required' },
  bucket_config_code_empty: { zh: '分段代码不能为空', en: 'Bucket code cannot be empty' },
  bucket_config_code_duplicate: { zh: '分段代码重复', en: 'This bucket code is used more than once' },
  bucket_config_bounds: {
    zh: '起止天数必须是不小于 0 的整数',
    en: 'Day bounds must be whole numbers of 0 or more',
  },
  bucket_config_range_inverted: {
    zh: '结束天数不能小于起始天数',
    en: 'The last day cannot be before the first day',
  },
  bucket_config_first_not_zero: {
    zh: '第一个分段必须从 0 天开始',
    en: 'The first bucket must start at 0 days',
  },
  bucket_config_gap: {
    zh: '与上一分段之间有空档，起始天数应为上一分段结束天数加 1',
    en: 'Gap after the previous bucket; start at its last day + 1',
  },
  bucket_config_overlap: {
    zh: '与上一分段重叠或顺序颠倒，请按天数从小到大排列',
    en: 'Overlaps the previous bucket or is out of order; list buckets by ascending days',
  },
  bucket_config_open_end_not_last: {
    zh: '只有最后一个分段可以不设结束天数',
    en: 'Only the last bucket may have no upper bound',
  },
  bucket_config_last_not_open: {
    zh: '最后一个分段不能设结束天数，须覆盖所有更长的逾期',
    en: 'The last bucket must have no upper bound so that it covers all longer delinquency',
  },
} as const satisfies Record<string, ReasonTextPair>;

export type ReasonCode = keyof typeof reasonCatalog;

/** All reason codes, in catalogue order. */
export const REASON_CODES: readonly ReasonCode[] = Object.keys(reasonCatalog) as ReasonCode[];

/** The failure half of every domain parse/validate result. */
export interface Rejected {
  ok: false;
  reason: ReasonCode;
}

export function reject(reason: ReasonCode): Rejected {
  return { ok: false, reason };
}

export function isReasonCode(value: string): value is ReasonCode {
  return Object.hasOwn(reasonCatalog, value);
}

/** The user-facing text of a reason, in Simplified Chinese and English. */
export function reasonText(code: ReasonCode): { zh: string; en: string } {
  const text: ReasonTextPair = reasonCatalog[code];
  return { zh: text.zh, en: text.en };
}
