/**
 * Money is an integer number of fen (分, 1/100 yuan) everywhere in Qingshou. Yuan appear only at the
 * edges: parsing what people and spreadsheets write (`parseYuan`) and showing amounts (`formatFen`).
 * No arithmetic here goes through floating-point yuan.
 */
import { type Rejected, reject } from './reasons';

/** The largest amount accepted from input: one trillion yuan. */
export const MAX_YUAN = 1_000_000_000_000;
export const MAX_FEN = MAX_YUAN * 100;

export type YuanParseResult = { ok: true; fen: number } | Rejected;

function toHalfWidth(text: string): string {
  return text
    .replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/\u3000/g, ' ');
}

// Currency marks people put around amounts: ¥ (U+00A5), full-width ￥ (U+FFE5), CN¥, RMB, CNY, 元.
const CURRENCY_PREFIX = /^(?:CN¥|CN￥|¥|￥|RMB|CNY)\s*/i;
const CURRENCY_SUFFIX = /\s*(?:元|RMB|CNY)$/i;
const PLAIN = /^(\d+)(?:\.(\d*))?$/;
const GROUPED = /^(\d{1,3}(?:,\d{3})+)(?:\.(\d*))?$/;
const FRACTION_ONLY = /^()\.(\d+)$/;

function parseYuanText(input: string): YuanParseResult {
  let text = toHalfWidth(input)
    .replace(/\u00a0/g, ' ')
    .trim();
  if (text === '') return reject('required');
  // One sign, before or after the currency mark: -¥12.30 and ¥-12.30 are both minus 12.30.
  let sign = '';
  const takeSign = () => {
    const found = /^([-+\u2212])\s*/.exec(text);
    if (found && sign === '') {
      sign = found[1] ?? '';
      text = text.slice(found[0].length);
    }
  };
  takeSign();
  text = text.replace(CURRENCY_PREFIX, '');
  takeSign();
  text = text.replace(CURRENCY_SUFFIX, '');
  const match = PLAIN.exec(text) ?? GROUPED.exec(text) ?? FRACTION_ONLY.exec(text);
  if (!match) return reject('amount_format');
  const whole = (match[1] ?? '').replace(/,/g, '').replace(/^0+(?=\d)/, '');
  const fraction = (match[2] ?? '').replace(/0+$/, '');
  const fen = whole.length > 15 ? Number.POSITIVE_INFINITY : Number(whole || '0') * 100;
  const total = fen + Number(fraction.padEnd(2, '0').slice(0, 2));
  if (sign !== '' && sign !== '+' && (total > 0 || fraction.length > 0)) return reject('amount_negative');
  if (fraction.length > 2) return reject('amount_too_many_decimals');
  if (total > MAX_FEN) return reject('amount_too_large');
  return { ok: true, fen: total };
}

function parseYuanNumber(input: number): YuanParseResult {
  if (!Number.isFinite(input)) return reject('amount_format');
  if (input < 0) return reject('amount_negative');
  if (input > MAX_YUAN) return reject('amount_too_large');
  // A spreadsheet cell holds a binary double: 1234.56 may arrive as 1234.5600000000002. Spreadsheets
  // show 15 significant digits, so that is the value the user typed; it must have at most 2 decimals.
  const typed = Number(input.toPrecision(15));
  const fen = Math.round(typed * 100) + 0; // + 0 turns -0 into 0
  if (Number((fen / 100).toPrecision(15)) !== typed) return reject('amount_too_many_decimals');
  return { ok: true, fen };
}

/**
 * Reads an amount written in yuan into integer fen. Strings: '1234', '1234.5', '1,234.56', ' 1234.56 ',
 * '¥1,234.56', '￥12', 'CN¥12', '12元', full-width digits; thousands separators must be in groups of 3
 * (so a European '1,5' is refused rather than read as 15). Numbers (spreadsheet cells) are read as the
 * 15 significant digits a spreadsheet shows, so float noise disappears but 1234.567 is refused.
 *
 * Reasons: `required` (empty text; the caller decides any default), `amount_format` (not a number, NaN,
 * Infinity, scientific notation), `amount_negative`, `amount_too_many_decimals` (more than 2 decimals;
 * trailing zeros such as '12.500' are fine), `amount_too_large` (over 1 trillion yuan).
 */
export function parseYuan(input: string | number): YuanParseResult {
  return typeof input === 'number' ? parseYuanNumber(input) : parseYuanText(input);
}

function assertFen(fen: number): void {
  if (!Number.isSafeInteger(fen)) throw new RangeError(`Not a whole number of fen: ${fen}`);
}

function groupThousands(digits: string): string {
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** Plain yuan with exactly 2 decimals and no separators, as files hold it: 823450 → '8234.50'. */
export function fenToYuanString(fen: number): string {
  assertFen(fen);
  const sign = fen < 0 ? '-' : '';
  const absolute = Math.abs(fen);
  return `${sign}${Math.floor(absolute / 100)}.${String(absolute % 100).padStart(2, '0')}`;
}

/**
 * An amount for people: 123456 → '¥1,234.56', -1230 → '-¥12.30'. In English the symbol is 'CN¥' (as
 * English-language finance writes the yuan, to tell it from the Japanese yen). Throws a RangeError when
 * `fen` is not a safe integer: fen are whole numbers by construction.
 */
export function formatFen(fen: number, locale: 'zh-CN' | 'en' = 'zh-CN'): string {
  assertFen(fen);
  const sign = fen < 0 ? '-' : '';
  const absolute = Math.abs(fen);
  const yuan = groupThousands(String(Math.floor(absolute / 100)));
  const cents = String(absolute % 100).padStart(2, '0');
  const symbol = locale === 'en' ? 'CN¥' : '¥';
  return `${sign}${symbol}${yuan}.${cents}`;
}

/** The sum of amounts in fen. Throws a RangeError for a non-integer amount or an unsafe total. */
export function sumFen(amounts: Iterable<number>): number {
  let total = 0;
  for (const amount of amounts) {
    assertFen(amount);
    total += amount;
  }
  assertFen(total);
  return total;
}
