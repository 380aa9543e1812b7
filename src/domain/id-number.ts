/**
 * PRC resident identity card numbers (居民身份证号码, GB 11643-1999): 18 characters =
 * 6-digit region code + 8-digit birth date YYYYMMDD + 3-digit sequence (odd for men, even for women)
 * + a check character (ISO 7064 MOD 11-2, '0'-'9' or 'X').
 */
import { type BusinessDate, daysInMonth, epochDayOf, isRealCalendarDate } from './dates';
import { type Rejected, reject } from './reasons';

export type Gender = 'M' | 'F';

export type IdNumberResult =
  | { ok: true; idNumber: string; birthDate: BusinessDate; gender: Gender; regionCode: string }
  | Rejected;

/**
 * First two digits: province-level codes. 11-15 North, 21-23 Northeast, 31-37 East, 41-46 Central
 * South, 50-54 Southwest, 61-65 Northwest, 71 Taiwan, 81 Hong Kong, 82 Macao (residence permits of
 * Hong Kong, Macao and Taiwan residents), and 83, used on residence permits issued to Taiwan residents.
 */
const PROVINCE_CODES: ReadonlySet<string> = new Set(
  '11 12 13 14 15 21 22 23 31 32 33 34 35 36 37 41 42 43 44 45 46 50 51 52 53 54 61 62 63 64 65 71 81 82 83'.split(
    ' ',
  ),
);

/** A real county-level region: its 6-digit code and names (for synthetic data and examples). */
export interface RegionSample {
  code: string;
  province: string;
  city: string;
  /** The district or county; '' for a prefecture city without districts (e.g. 东莞市). */
  district: string;
}

/** Real region codes across the provinces, with their names. */
export const SAMPLE_REGIONS: readonly RegionSample[] = Object.freeze([
  { code: '110101', province: '北京市', city: '北京市', district: '东城区' },
  { code: '110105', province: '北京市', city: '北京市', district: '朝阳区' },
  { code: '110108', province: '北京市', city: '北京市', district: '海淀区' },
  { code: '120101', province: '天津市', city: '天津市', district: '和平区' },
  { code: '120104', province: '天津市', city: '天津市', district: '南开区' },
  { code: '130102', province: '河北省', city: '石家庄市', district: '长安区' },
  { code: '130202', province: '河北省', city: '唐山市', district: '路南区' },
  { code: '140105', province: '山西省', city: '太原市', district: '小店区' },
  { code: '150102', province: '内蒙古自治区', city: '呼和浩特市', district: '新城区' },
  { code: '210102', province: '辽宁省', city: '沈阳市', district: '和平区' },
  { code: '210202', province: '辽宁省', city: '大连市', district: '中山区' },
  { code: '220102', province: '吉林省', city: '长春市', district: '南关区' },
  { code: '230102', province: '黑龙江省', city: '哈尔滨市', district: '道里区' },
  { code: '310101', province: '上海市', city: '上海市', district: '黄浦区' },
  { code: '310104', province: '上海市', city: '上海市', district: '徐汇区' },
  { code: '310115', province: '上海市', city: '上海市', district: '浦东新区' },
  { code: '320102', province: '江苏省', city: '南京市', district: '玄武区' },
  { code: '320583', province: '江苏省', city: '苏州市', district: '昆山市' },
  { code: '330106', province: '浙江省', city: '杭州市', district: '西湖区' },
  { code: '330203', province: '浙江省', city: '宁波市', district: '海曙区' },
  { code: '340104', province: '安徽省', city: '合肥市', district: '蜀山区' },
  { code: '350102', province: '福建省', city: '福州市', district: '鼓楼区' },
  { code: '350203', province: '福建省', city: '厦门市', district: '思明区' },
  { code: '360102', province: '江西省', city: '南昌市', district: '东湖区' },
  { code: '370102', province: '山东省', city: '济南市', district: '历下区' },
  { code: '370202', province: '山东省', city: '青岛市', district: '市南区' },
  { code: '410105', province: '河南省', city: '郑州市', district: '金水区' },
  { code: '420106', province: '湖北省', city: '武汉市', district: '武昌区' },
  { code: '430104', province: '湖南省', city: '长沙市', district: '岳麓区' },
  { code: '440106', province: '广东省', city: '广州市', district: '天河区' },
  { code: '440305', province: '广东省', city: '深圳市', district: '南山区' },
  { code: '440306', province: '广东省', city: '深圳市', district: '宝安区' },
  { code: '441900', province: '广东省', city: '东莞市', district: '' },
  { code: '450103', province: '广西壮族自治区', city: '南宁市', district: '青秀区' },
  { code: '460105', province: '海南省', city: '海口市', district: '秀英区' },
  { code: '500103', province: '重庆市', city: '重庆市', district: '渝中区' },
  { code: '510107', province: '四川省', city: '成都市', district: '武侯区' },
  { code: '520102', province: '贵州省', city: '贵阳市', district: '南明区' },
  { code: '530102', province: '云南省', city: '昆明市', district: '五华区' },
  { code: '540102', province: '西藏自治区', city: '拉萨市', district: '城关区' },
  { code: '610113', province: '陕西省', city: '西安市', district: '雁塔区' },
  { code: '620102', province: '甘肃省', city: '兰州市', district: '城关区' },
  { code: '630102', province: '青海省', city: '西宁市', district: '城东区' },
  { code: '640104', province: '宁夏回族自治区', city: '银川市', district: '兴庆区' },
  { code: '650102', province: '新疆维吾尔自治区', city: '乌鲁木齐市', district: '天山区' },
]);

const CHECK_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const CHECK_CHARACTERS = '10X98765432';

/** The ISO 7064 MOD 11-2 check character for the first 17 digits. */
export function idNumberCheckCharacter(first17Digits: string): string {
  if (!/^\d{17}$/.test(first17Digits)) throw new RangeError('Expected 17 digits');
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17Digits[i]) * (CHECK_WEIGHTS[i] ?? 0);
  return CHECK_CHARACTERS[sum % 11] ?? '';
}

function normalise(input: string): string {
  return input
    .replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/[\s\u3000]+/g, '')
    .toUpperCase();
}

const EXCEL_NUMBER = /^\d(?:\.\d+)?E\+?\d+$/;

/**
 * Validates a resident ID number. The number comes back normalised: white space removed (also inside,
 * as in '110105 19900307 4518'), full-width characters made half-width, a lowercase x made X. Birth dates are only checked to exist and to be on or after
 * 1900-01-01; judging them against today is the caller's business (see `ageOn`).
 *
 * Reasons, in the order checked: `required`, `id_number_excel_number` (looks like 1.10105E+17: the
 * spreadsheet turned it into a number and lost digits), `id_number_first_generation` (15 digits),
 * `id_number_length`, `id_number_characters`, `id_number_region`, `id_number_birth_date`,
 * `id_number_checksum`.
 */
export function validateIdNumber(input: string): IdNumberResult {
  const idNumber = normalise(input);
  if (idNumber === '') return reject('required');
  if (EXCEL_NUMBER.test(idNumber)) return reject('id_number_excel_number');
  if (/^\d{15}$/.test(idNumber)) return reject('id_number_first_generation');
  if (idNumber.length !== 18) return reject('id_number_length');
  if (!/^\d{17}[\dX]$/.test(idNumber)) return reject('id_number_characters');
  if (!PROVINCE_CODES.has(idNumber.slice(0, 2))) return reject('id_number_region');
  const year = Number(idNumber.slice(6, 10));
  const month = Number(idNumber.slice(10, 12));
  const day = Number(idNumber.slice(12, 14));
  if (year < 1900 || !isRealCalendarDate(year, month, day)) return reject('id_number_birth_date');
  if (idNumberCheckCharacter(idNumber.slice(0, 17)) !== idNumber[17]) return reject('id_number_checksum');
  return {
    ok: true,
    idNumber,
    birthDate: `${idNumber.slice(6, 10)}-${idNumber.slice(10, 12)}-${idNumber.slice(12, 14)}`,
    gender: Number(idNumber[16]) % 2 === 1 ? 'M' : 'F',
    regionCode: idNumber.slice(0, 6),
  };
}

/**
 * Age in completed years on `asOf` (negative if `asOf` is before the birth). Someone born on 29 February
 * turns a year older on 1 March in common years.
 */
export function ageOn(birthDate: BusinessDate, asOf: BusinessDate): number {
  epochDayOf(birthDate); // throws for a malformed date
  epochDayOf(asOf);
  const years = Number(asOf.slice(0, 4)) - Number(birthDate.slice(0, 4));
  const birthdayReached = asOf.slice(5) >= birthDate.slice(5);
  return birthdayReached ? years : years - 1;
}

export interface GenerateIdNumberOptions {
  birthYearFrom?: number;
  birthYearTo?: number;
  gender?: Gender;
  /** A 6-digit region code; by default one of SAMPLE_REGIONS. */
  regionCode?: string;
}

/** A whole number in [0, n). */
function below(random: () => number, n: number): number {
  return Math.min(n - 1, Math.floor(random() * n));
}

function pick<T>(random: () => number, items: readonly T[]): T {
  const item = items[below(random, items.length)];
  if (item === undefined) throw new RangeError('Nothing to pick from');
  return item;
}

/**
 * A synthetic, valid ID number (for demos and tests; `random` returns numbers in [0, 1)). Birth years
 * default to 1960-2005 inclusive; gender is random unless given.
 */
export function generateIdNumber(random: () => number, options: GenerateIdNumberOptions = {}): string {
  const from = options.birthYearFrom ?? 1960;
  const to = options.birthYearTo ?? 2005;
  if (!Number.isInteger(from) || !Number.isInteger(to) || from < 1900 || to < from || to > 9999) {
    throw new RangeError(`Bad birth year range ${from}-${to}`);
  }
  const region = options.regionCode ?? pick(random, SAMPLE_REGIONS).code;
  if (!/^\d{6}$/.test(region) || !PROVINCE_CODES.has(region.slice(0, 2))) {
    throw new RangeError(`Not a region code: ${region}`);
  }
  const year = from + below(random, to - from + 1);
  const month = 1 + below(random, 12);
  const day = 1 + below(random, daysInMonth(year, month));
  const gender = options.gender ?? (random() < 0.5 ? 'M' : 'F');
  const sequence = below(random, 500) * 2 + (gender === 'M' ? 1 : 0);
  const pad = (value: number, width: number) => String(value).padStart(width, '0');
  const first17 = `${region}${year}${pad(month, 2)}${pad(day, 2)}${pad(sequence, 3)}`;
  return first17 + idNumberCheckCharacter(first17);
}
