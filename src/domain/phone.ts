/**
 * Phone numbers of debtors and their contacts, normalised so that one number is always written one way
 * (the contact ledger and the frequency caps count per number).
 *
 * Normal forms:
 * - mobile: 11 digits, e.g. '13812345678' (country code +86 / 0086 / 86 removed);
 * - landline: the area code with its leading 0 followed by the subscriber number, digits only, e.g.
 *   '01012345678', '075588886666'; an extension is appended after a dash: '02112345678-123'
 *   (also returned on its own as `extension`).
 */
import { type Rejected, reject } from './reasons';

export type PhoneKind = 'mobile' | 'landline';

export type PhoneResult = { ok: true; number: string; kind: PhoneKind; extension?: string } | Rejected;

const MOBILE = /^1[3-9]\d{9}$/;
/**
 * 010 (Beijing) and 02X are 3-character area codes, 03XX-09XX are 4; then a 7-8 digit subscriber number
 * not starting with 0 (real ones start with 2-8; 1 is tolerated because forms and examples use it).
 */
const LANDLINE = /^(?:010|02\d|0[3-9]\d{2})[1-9]\d{6,7}$/;
/** 95xxx / 96xxx hotlines, 400/800 numbers, 1xx-1xxxx short codes (110, 10086, 12345), 106 SMS gateways. */
const SERVICE = /^(?:9[56]\d{3,4}|[48]00\d{7}|1\d{2,4}|106\d{5,17})$/;
const LOCAL_WITHOUT_AREA_CODE = /^[2-9]\d{6,7}$/;
const EXPLICIT_EXTENSION = /^(.*?\d)\s*(?:转|分机|ext\.?|x|#)\s*(\d{1,6})$/i;
const TRAILING_GROUP = /^(.*\d)[\s-]+(\d{1,6})$/;
const SEPARATORS = /[\s\-.()]/g;

function toHalfWidth(text: string): string {
  return text
    .replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/[\u3000\u00a0]/g, ' ')
    .replace(/[\u2010-\u2015\u2212]/g, '-');
}

type Classified = { ok: true; number: string; kind: PhoneKind } | Rejected;

/** Classifies a national number (digits only, no country code). */
function classifyNational(digits: string): Classified {
  if (MOBILE.test(digits)) return { ok: true, number: digits, kind: 'mobile' };
  if (LANDLINE.test(digits)) return { ok: true, number: digits, kind: 'landline' };
  if (SERVICE.test(digits)) return reject('phone_service_number');
  if (digits.startsWith('1') && digits.length >= 9 && digits.length <= 13 && digits.length !== 11) {
    return reject('phone_mobile_length');
  }
  if (LOCAL_WITHOUT_AREA_CODE.test(digits)) return reject('phone_missing_area_code');
  return reject('phone_format');
}

/** Strips separators and the country code, then classifies. */
function classify(text: string): Classified {
  const compact = text.replace(SEPARATORS, '');
  if (!/^\+?\d+$/.test(compact)) return reject('phone_format');
  let national = compact;
  let international = false;
  if (compact.startsWith('+86') || compact.startsWith('0086')) {
    national = compact.slice(compact.startsWith('+') ? 3 : 4);
    international = true;
  } else if (compact.startsWith('+') || compact.startsWith('00')) {
    return reject('phone_foreign');
  } else if (/^861[3-9]\d{9}$/.test(compact)) {
    national = compact.slice(2);
  }
  if (international && !MOBILE.test(national) && !national.startsWith('0')) {
    // International format drops the trunk 0 of the area code: +86 10 12345678 is 010-12345678.
    const landline = classifyNational(`0${national}`);
    if (landline.ok) return landline;
  }
  return classifyNational(national);
}

/**
 * Normalises a mainland China phone number. Spaces, dashes, dots and parentheses are removed, and a
 * leading +86 / 0086 (or a bare 86 directly before an 11-digit mobile). Landline extensions are read
 * from '转', '分机', 'ext', 'x', '#' or a trailing dash group after a complete landline
 * ('021-12345678-123' → number '02112345678-123', extension '123').
 *
 * Reasons: `required`, `phone_service_number` (95588, 400-..., 10086, 106... SMS gateways: not a
 * person's phone), `phone_mobile_length` (starts with 1 but is not 11 digits), `phone_missing_area_code`
 * (7-8 digit local number), `phone_foreign` (another country code), `phone_format` (anything else).
 */
export function normalizePhone(input: string): PhoneResult {
  const text = toHalfWidth(input).trim();
  if (text === '') return reject('required');

  const explicit = EXPLICIT_EXTENSION.exec(text);
  if (explicit) {
    const main = classify(explicit[1] ?? '');
    if (!main.ok) return main;
    if (main.kind === 'mobile') return reject('phone_format');
    const extension = explicit[2] ?? '';
    return { ok: true, number: `${main.number}-${extension}`, kind: 'landline', extension };
  }

  const whole = classify(text);
  if (whole.ok) return whole;
  const trailing = TRAILING_GROUP.exec(text);
  if (trailing) {
    const main = classify(trailing[1] ?? '');
    if (main.ok && main.kind === 'landline') {
      const extension = trailing[2] ?? '';
      return { ok: true, number: `${main.number}-${extension}`, kind: 'landline', extension };
    }
  }
  return whole;
}
