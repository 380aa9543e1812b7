/**
 * Synthetic collection portfolios for the demo and for benchmarks: rows in the shape of the zh-CN
 * import template, with realistic names, ID numbers, phones, products, amounts and delinquency.
 * Pure and deterministic: all randomness comes from the seed, and rows are produced one at a time
 * (a generator), so a million rows never sit in memory.
 */
import { dateOfEpochDay, epochDayOf, isBusinessDate } from '../../domain/dates';
import { type Gender, generateIdNumber, type RegionSample, SAMPLE_REGIONS } from '../../domain/id-number';
import { fenToYuanString } from '../../domain/money';

/** A source of uniform numbers in [0, 1). */
export type Random = () => number;

function splitMix32(state: number): () => number {
  let s = state >>> 0;
  return () => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return (z ^ (z >>> 16)) >>> 0;
  };
}

/**
 * A seeded PRNG (sfc32, seeded through splitmix32): the same seed always gives the same sequence.
 * Any finite number is a seed; integers up to 2^53 are distinguished.
 */
export function createRandom(seed: number): Random {
  if (!Number.isFinite(seed)) throw new RangeError(`Seed must be a finite number: ${seed}`);
  const whole = Math.trunc(seed);
  const high = Math.floor(whole / 2 ** 32);
  const seeder = splitMix32((whole >>> 0) ^ Math.imul(high >>> 0, 0x27d4eb2d));
  let a = seeder();
  let b = seeder();
  let c = seeder();
  let counter = 1;
  const next = () => {
    const t = (((a + b) >>> 0) + counter) >>> 0;
    counter = (counter + 1) >>> 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) >>> 0;
    c = ((c << 21) | (c >>> 11)) >>> 0;
    c = (c + t) >>> 0;
    return t / 4_294_967_296;
  };
  for (let i = 0; i < 12; i++) next();
  return next;
}

/** A whole number in [min, max], both inclusive. */
export function randomInt(random: Random, min: number, max: number): number {
  return Math.min(max, min + Math.floor(random() * (max - min + 1)));
}

/** One item, each equally likely. */
export function pickOne<T>(random: Random, items: readonly T[]): T {
  const item = items[Math.min(items.length - 1, Math.floor(random() * items.length))];
  if (item === undefined) throw new RangeError('Nothing to pick from');
  return item;
}

/**
 * A picker that draws items with the given relative weights (they need not add up to 1). The
 * cumulative table is built once, so each draw is a binary search.
 */
export function weightedPicker<T>(choices: readonly (readonly [T, number])[]): (random: Random) => T {
  const items: T[] = [];
  const cumulative: number[] = [];
  let total = 0;
  for (const [item, weight] of choices) {
    if (!(weight >= 0) || !Number.isFinite(weight)) throw new RangeError(`Bad weight ${weight}`);
    if (weight === 0) continue;
    total += weight;
    items.push(item);
    cumulative.push(total);
  }
  if (items.length === 0) throw new RangeError('Nothing to pick from');
  return (random) => {
    const target = random() * total;
    let low = 0;
    let high = cumulative.length - 1;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if ((cumulative[middle] ?? 0) > target) high = middle;
      else low = middle + 1;
    }
    return items[low] as T;
  };
}

/** One draw from a normal distribution (Box-Muller). */
export function normal(random: Random, mean = 0, standardDeviation = 1): number {
  const u = 1 - random(); // (0, 1]: log(0) is not allowed
  const v = random();
  return mean + standardDeviation * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

/** One draw from a log-normal distribution with the given median and shape (sigma of the log). */
export function logNormal(random: Random, median: number, sigma: number): number {
  return median * Math.exp(normal(random, 0, sigma));
}

// ---- the template ----

/** The zh-CN import template headers, in column order. */
export const DEMO_TEMPLATE_HEADERS = [
  '合同编号',
  '客户姓名',
  '身份证号',
  '手机号',
  '产品',
  '到期日',
  '本金',
  '利息',
  '罚息',
  '费用',
  '联系人姓名',
  '联系人关系',
  '联系人电话',
  '地址',
] as const;

/** The row fields, in the order of DEMO_TEMPLATE_HEADERS. */
export const DEMO_ROW_FIELDS = [
  'contract_no',
  'name',
  'id_number',
  'phone',
  'product',
  'due_date',
  'principal',
  'interest',
  'penalty',
  'fees',
  'contact_name',
  'contact_relation',
  'contact_phone',
  'address',
] as const;

export type DemoRowField = (typeof DEMO_ROW_FIELDS)[number];

/** One import row, every value as the string a CSV holds ('' for an empty cell). */
export type DemoRow = Record<DemoRowField, string>;

/** The values of a row in template column order. */
export function demoRowValues(row: DemoRow): string[] {
  return DEMO_ROW_FIELDS.map((field) => row[field]);
}

/**
 * One CSV record (RFC 4180): fields joined by commas; a field containing a comma, a double quote, CR or
 * LF is wrapped in double quotes with inner quotes doubled. No line terminator is added (RFC 4180 uses
 * CRLF). Values are written as they are: no spreadsheet-formula escaping.
 */
export function toCsvLine(values: readonly string[]): string {
  return values.map((value) => (/[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value)).join(',');
}

// ---- the people ----

/** Common surnames with their approximate share of the population (percent). */
const SURNAMES: readonly (readonly [string, number])[] = [
  ['王', 7.1],
  ['李', 7.0],
  ['张', 6.7],
  ['刘', 5.4],
  ['陈', 4.5],
  ['杨', 3.1],
  ['赵', 2.3],
  ['黄', 2.2],
  ['周', 2.1],
  ['吴', 2.0],
  ['徐', 1.7],
  ['孙', 1.5],
  ['胡', 1.3],
  ['朱', 1.3],
  ['高', 1.2],
  ['林', 1.2],
  ['何', 1.2],
  ['郭', 1.2],
  ['马', 1.1],
  ['罗', 0.9],
  ['梁', 0.9],
  ['宋', 0.8],
  ['郑', 0.8],
  ['谢', 0.7],
  ['韩', 0.7],
  ['唐', 0.6],
  ['冯', 0.6],
  ['于', 0.6],
  ['董', 0.5],
  ['萧', 0.3],
  ['程', 0.5],
  ['曹', 0.5],
  ['袁', 0.5],
  ['邓', 0.5],
  ['许', 0.5],
  ['傅', 0.4],
  ['沈', 0.4],
  ['曾', 0.4],
  ['彭', 0.4],
  ['吕', 0.4],
  ['苏', 0.4],
  ['卢', 0.4],
  ['蒋', 0.4],
  ['蔡', 0.4],
  ['贾', 0.3],
  ['丁', 0.3],
  ['魏', 0.3],
  ['薛', 0.3],
  ['叶', 0.3],
  ['余', 0.3],
  ['潘', 0.3],
  ['杜', 0.3],
  ['戴', 0.3],
  ['夏', 0.3],
  ['钟', 0.3],
  ['汪', 0.3],
  ['田', 0.3],
  ['任', 0.3],
  ['姜', 0.3],
  ['范', 0.3],
  ['方', 0.3],
  ['石', 0.3],
  ['姚', 0.3],
  ['谭', 0.3],
  ['欧阳', 0.05],
  ['上官', 0.01],
];

const GIVEN_NAME_CHARACTERS: Record<Gender, readonly string[]> = {
  M: Array.from('伟强磊军勇杰涛斌超明刚平辉鹏华飞鑫波宇浩凯健俊帆旭宁龙阳建国志东峰亮成海林文博晨子'),
  F: Array.from('芳娜敏静丽艳娟霞秀玲桂英燕萍红颖琳雪婷慧佳倩晶梅兰丹洁欣怡悦萱璐蕾薇月莉琴晓雨思文子'),
};

const pickSurname = weightedPicker(SURNAMES);

function givenName(random: Random, gender: Gender): string {
  const pool = GIVEN_NAME_CHARACTERS[gender];
  const first = pickOne(random, pool);
  return random() < 0.3 ? first : first + pickOne(random, pool);
}

function personName(random: Random, gender: Gender, surname = pickSurname(random)): string {
  return surname + givenName(random, gender);
}

function surnameOf(name: string): string {
  return name.startsWith('欧阳') || name.startsWith('上官') ? name.slice(0, 2) : name.slice(0, 1);
}

const pickMobilePrefix = weightedPicker<string>([
  ['138', 6],
  ['139', 6],
  ['137', 4],
  ['136', 4],
  ['135', 4],
  ['134', 2],
  ['150', 4],
  ['151', 4],
  ['152', 3],
  ['157', 2],
  ['158', 4],
  ['159', 4],
  ['182', 3],
  ['183', 2],
  ['187', 3],
  ['188', 3],
  ['147', 1],
  ['178', 2],
  ['198', 1],
  ['130', 3],
  ['131', 3],
  ['132', 3],
  ['155', 2],
  ['156', 3],
  ['185', 3],
  ['186', 4],
  ['166', 1],
  ['175', 1],
  ['176', 2],
  ['133', 2],
  ['153', 2],
  ['177', 2],
  ['180', 2],
  ['181', 2],
  ['189', 3],
  ['173', 1],
  ['199', 2],
  ['191', 1],
]);

function mobileNumber(random: Random): string {
  return pickMobilePrefix(random) + String(randomInt(random, 0, 99_999_999)).padStart(8, '0');
}

type Relation = '配偶' | '父亲' | '母亲' | '兄弟' | '姐妹' | '朋友' | '同事';

const pickRelation = weightedPicker<Relation>([
  ['配偶', 26],
  ['父亲', 14],
  ['母亲', 20],
  ['兄弟', 10],
  ['姐妹', 10],
  ['朋友', 12],
  ['同事', 8],
]);

function contactName(random: Random, relation: Relation, debtorName: string, debtorGender: Gender): string {
  switch (relation) {
    case '父亲':
    case '兄弟':
      return personName(random, 'M', surnameOf(debtorName));
    case '姐妹':
      return personName(random, 'F', surnameOf(debtorName));
    case '母亲':
      return personName(random, 'F');
    case '配偶':
      return personName(random, debtorGender === 'M' ? 'F' : 'M');
    default:
      return personName(random, random() < 0.5 ? 'M' : 'F');
  }
}

// ---- addresses ----

const STREET_NAMES =
  '人民路 建设路 中山路 解放路 和平路 新华路 文化路 长江路 胜利路 青年路 朝阳路 东风路 光明路 幸福路 学府路 ' +
  '滨江路 迎宾大道 科技路 工业大道 花园路 育才路 府前街 北京路 南京东路';
const STREETS = STREET_NAMES.split(' ');
const TOWNS_WITHOUT_DISTRICT = ['长安镇', '虎门镇', '塘厦镇', '常平镇', '松山湖街道'];

function address(random: Random, region: RegionSample): string {
  const area =
    (region.province === region.city ? region.city : region.province + region.city) +
    (region.district || pickOne(random, TOWNS_WITHOUT_DISTRICT));
  const street = `${pickOne(random, STREETS)}${randomInt(random, 1, 999)}号`;
  const kind = random();
  if (kind < 0.6) {
    const floor = randomInt(random, 1, 33);
    return `${area}${street}${randomInt(random, 1, 30)}栋${floor}${String(randomInt(random, 1, 6)).padStart(2, '0')}`;
  }
  if (kind < 0.85) {
    return `${area}${street}${randomInt(random, 1, 6)}单元${randomInt(random, 1, 18)}0${randomInt(random, 1, 4)}室`;
  }
  return area + street;
}

// ---- the accounts ----

type Product = '信用卡' | '消费贷' | '现金分期' | '车贷';

interface ProductTerms {
  weight: number;
  /** Median principal outstanding, yuan. */
  medianYuan: number;
  sigma: number;
  annualRate: number;
}

const PRODUCTS: Record<Product, ProductTerms> = {
  信用卡: { weight: 55, medianYuan: 6_000, sigma: 0.85, annualRate: 0.1825 },
  消费贷: { weight: 25, medianYuan: 14_000, sigma: 0.8, annualRate: 0.18 },
  现金分期: { weight: 12, medianYuan: 9_000, sigma: 0.7, annualRate: 0.15 },
  车贷: { weight: 8, medianYuan: 45_000, sigma: 0.6, annualRate: 0.08 },
};

const pickProduct = weightedPicker(
  (Object.keys(PRODUCTS) as Product[]).map((product) => [product, PRODUCTS[product].weight] as const),
);

const MIN_PRINCIPAL_FEN = 20_000;
const MAX_PRINCIPAL_FEN = 30_000_000;

/** Delinquency mix: share of rows per days-past-due range. */
const DAYS_PAST_DUE_MIX = weightedPicker<readonly [number, number]>([
  [[0, 0], 5],
  [[1, 30], 45],
  [[31, 60], 22],
  [[61, 90], 13],
  [[91, 720], 15],
]);

function daysPastDue(random: Random): number {
  const [min, max] = DAYS_PAST_DUE_MIX(random);
  // Within the oldest range, newer delinquency is more common than two-year-old debt.
  if (max > 90) return min + Math.floor((max - min + 1) * random() ** 2);
  return randomInt(random, min, max);
}

const pickFeeYuan = weightedPicker<number>([
  [0, 75],
  [10, 6],
  [20, 6],
  [50, 6],
  [100, 4],
  [200, 3],
]);

interface Amounts {
  principalFen: number;
  interestFen: number;
  penaltyFen: number;
  feesFen: number;
}

function amounts(random: Random, product: Product, days: number): Amounts {
  const terms = PRODUCTS[product];
  const drawn = Math.round(logNormal(random, terms.medianYuan, terms.sigma) * 100);
  // Loans are booked in whole yuan; card balances carry fen.
  const rounded = product === '信用卡' ? drawn : Math.round(drawn / 100) * 100;
  const principalFen = Math.min(MAX_PRINCIPAL_FEN, Math.max(MIN_PRINCIPAL_FEN, rounded));
  const dailyRate = terms.annualRate / 365;
  // Interest of the current cycle (about 30 days) plus the days past due.
  const interestFen = Math.round(principalFen * dailyRate * (30 + days));
  // Cards: a late fee of 5% of a minimum payment (about a tenth of the balance) per missed cycle.
  // Loans: penalty interest at 1.5 times the contract rate, the extra half on the days past due.
  const penaltyFen =
    days === 0
      ? 0
      : product === '信用卡'
        ? Math.round(principalFen * 0.005 * Math.ceil(days / 30))
        : Math.round(principalFen * dailyRate * 0.5 * days);
  const feesFen = pickFeeYuan(random) * 100;
  return { principalFen, interestFen, penaltyFen, feesFen };
}

export interface DemoRowsOptions {
  count: number;
  seed: number;
  /** The portfolio's business date 'YYYY-MM-DD'; due dates are this minus the days past due. */
  asOf: string;
  /** Prefix of the contract numbers; default 'DEMO'. */
  contractPrefix?: string;
}

/**
 * `count` synthetic import rows, produced lazily. Deterministic: the same seed and asOf give the same
 * rows, and a smaller count gives the first rows of a larger one. Contract numbers are the prefix and a
 * sequence zero-padded to 8 digits (more if count needs them), unique within a run.
 * Throws a RangeError for a negative or fractional count or an asOf that is not 'YYYY-MM-DD'.
 */
export function generateDemoRows(options: DemoRowsOptions): Generator<DemoRow, void, undefined> {
  const { count, seed, asOf, contractPrefix = 'DEMO' } = options;
  if (!Number.isSafeInteger(count) || count < 0) throw new RangeError(`Bad row count ${count}`);
  if (!isBusinessDate(asOf)) throw new RangeError(`asOf must be 'YYYY-MM-DD': ${asOf}`);
  return demoRows(count, createRandom(seed), epochDayOf(asOf), contractPrefix);
}

function* demoRows(
  count: number,
  random: Random,
  asOfEpochDay: number,
  contractPrefix: string,
): Generator<DemoRow, void, undefined> {
  const width = Math.max(8, String(count).length);
  for (let sequence = 1; sequence <= count; sequence++) {
    const gender: Gender = random() < 0.55 ? 'M' : 'F';
    const name = personName(random, gender);
    const homeRegion = pickOne(random, SAMPLE_REGIONS);
    const idNumber = generateIdNumber(random, {
      birthYearFrom: 1965,
      birthYearTo: 2003,
      gender,
      regionCode: homeRegion.code,
    });
    const phone = mobileNumber(random);
    const product = pickProduct(random);
    const days = daysPastDue(random);
    const money = amounts(random, product, days);
    let contact = { name: '', relation: '', phone: '' };
    if (random() < 0.7) {
      const relation = pickRelation(random);
      let contactPhone = mobileNumber(random);
      while (contactPhone === phone) contactPhone = mobileNumber(random);
      contact = { name: contactName(random, relation, name, gender), relation, phone: contactPhone };
    }
    // Most people live where their ID was issued; some have moved.
    const livesIn = random() < 0.7 ? homeRegion : pickOne(random, SAMPLE_REGIONS);
    yield {
      contract_no: contractPrefix + String(sequence).padStart(width, '0'),
      name,
      id_number: idNumber,
      phone,
      product,
      due_date: dateOfEpochDay(asOfEpochDay - days),
      principal: fenToYuanString(money.principalFen),
      interest: fenToYuanString(money.interestFen),
      penalty: fenToYuanString(money.penaltyFen),
      fees: fenToYuanString(money.feesFen),
      contact_name: contact.name,
      contact_relation: contact.relation,
      contact_phone: contact.phone,
      address: address(random, livesIn),
    };
  }
}
