/**
 * Masks for personal data shown to roles that may not see it in full (lists, exports, agency views).
 * A mask never returns non-empty input unchanged, and the ID-number and phone masks have a fixed
 * number of stars, so they do not reveal how long the hidden part is.
 */
import { normalizePhone } from './phone';

const STARS_ID = '********';
const STARS = '****';

function codePoints(text: string): string[] {
  return Array.from(text);
}

/**
 * '110105199003074518' → '110105********4518': region code and last 4 kept, always 8 stars. Other
 * document numbers: 8-14 characters keep 2 at each end, shorter ones become '********'.
 */
export function maskIdNumber(idNumber: string): string {
  const chars = codePoints(idNumber.replace(/\s+/g, ''));
  if (chars.length === 0) return '';
  if (chars.length >= 15) return `${chars.slice(0, 6).join('')}${STARS_ID}${chars.slice(-4).join('')}`;
  if (chars.length >= 8) return `${chars.slice(0, 2).join('')}${STARS_ID}${chars.slice(-2).join('')}`;
  return STARS_ID;
}

/**
 * Mobile '13812345678' → '138****5678'; landline '02112345678' → '021****5678' (area code and last 4
 * kept; an extension stays: '021****5678-123'). Input need not be normalised. Something that is not a
 * valid number keeps at most its first 3 and last 4 characters when 11 or more long, its last 2 when
 * 5-10 long, and nothing when shorter.
 */
export function maskPhone(phone: string): string {
  const normalised = normalizePhone(phone);
  if (normalised.ok) {
    const { number, kind, extension } = normalised;
    if (kind === 'mobile') return `${number.slice(0, 3)}${STARS}${number.slice(-4)}`;
    const main = extension === undefined ? number : number.slice(0, -(extension.length + 1));
    const areaCodeLength = /^(?:010|02)/.test(main) ? 3 : 4;
    const suffix = extension === undefined ? '' : `-${extension}`;
    return `${main.slice(0, areaCodeLength)}${STARS}${main.slice(-4)}${suffix}`;
  }
  const chars = codePoints(phone.replace(/\s+/g, ''));
  if (chars.length === 0) return '';
  if (chars.length >= 11) return `${chars.slice(0, 3).join('')}${STARS}${chars.slice(-4).join('')}`;
  if (chars.length >= 5) return `${STARS}${chars.slice(-2).join('')}`;
  return STARS;
}

const PROVINCE_END = /(?:省|自治区|特别行政区)$/;
const PREFECTURE_END = /(?:自治州|州|盟|地区)$/;
const COUNTY_END = /[区县旗]$/;
/** Areas that end like a district but sit below the county level. */
const NOT_ADMINISTRATIVE_END = /(?:小区|社区|园区|校区|厂区|景区|工业区|开发区)$/;
/** Characters no province, city or county name contains after its first character. */
const STREET_LEVEL = /[\dA-Za-z镇村路街巷弄号栋楼幢室]/;
const LEVEL_MARKERS = '省市区县旗州盟';
const LONGEST_LEVEL_NAME = 16;

/** The end of the administrative level starting at `start`, or -1 when none starts there. */
function endOfLevel(text: string, start: number): number {
  const limit = Math.min(text.length, start + LONGEST_LEVEL_NAME);
  for (let i = start + 1; i < limit; i++) {
    const char = text[i] ?? '';
    if (STREET_LEVEL.test(char)) return -1;
    if (!LEVEL_MARKERS.includes(char)) continue;
    // 州 inside a name: 广州市, 杭州市, 通州区.
    if (char === '州' && '市区县'.includes(text[i + 1] ?? '')) continue;
    if (NOT_ADMINISTRATIVE_END.test(text.slice(start, i + 1))) return -1;
    return i + 1;
  }
  return -1;
}

/**
 * The province, city and county part at the start of an address, up to three levels, stopping after
 * the county level (区, 县, 旗): '广东省深圳市南山区', '北京市朝阳区', '广东省东莞市' (no district).
 */
function administrativePrefix(text: string): string {
  let end = 0;
  for (let level = 0; level < 3; level++) {
    const next = endOfLevel(text, end);
    if (next < 0) break;
    const name = text.slice(end, next);
    end = next;
    if (COUNTY_END.test(name) && !PROVINCE_END.test(name) && !PREFECTURE_END.test(name)) break;
  }
  return text.slice(0, end);
}

/**
 * '广东省深圳市南山区科技园南路88号3栋1201' → '广东省深圳市南山区****': the administrative part up to
 * and including the district or county (or the city when there is none) is kept, the rest becomes
 * '****'. Without any such part the first 6 characters are kept (at most half of a short text).
 */
export function maskAddress(address: string): string {
  const text = address.trim();
  if (text === '') return '';
  const prefix = administrativePrefix(text);
  if (prefix !== '') return `${prefix}${STARS}`;
  const chars = codePoints(text);
  const keep = Math.min(6, Math.floor(chars.length / 2));
  return `${chars.slice(0, keep).join('')}${STARS}`;
}

/** '张三丰' → '张*丰', '张三' → '张*', '欧阳娜娜' → '欧**娜', '张' → '*'. */
export function maskName(name: string): string {
  const chars = codePoints(name.trim());
  if (chars.length === 0) return '';
  if (chars.length === 1) return '*';
  if (chars.length === 2) return `${chars[0]}*`;
  return `${chars[0]}${'*'.repeat(chars.length - 2)}${chars[chars.length - 1]}`;
}
