import { parse } from 'csv-parse/sync';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bucketFor, DEFAULT_BUCKETS } from '../../domain/aging';
import { daysBetween, parseBusinessDate } from '../../domain/dates';
import { SAMPLE_REGIONS, validateIdNumber } from '../../domain/id-number';
import { maskAddress } from '../../domain/masking';
import { parseYuan } from '../../domain/money';
import { normalizePhone } from '../../domain/phone';
import {
  createRandom,
  DEMO_ROW_FIELDS,
  DEMO_TEMPLATE_HEADERS,
  type DemoRow,
  demoRowValues,
  generateDemoRows,
  logNormal,
  normal,
  pickOne,
  randomInt,
  toCsvLine,
  weightedPicker,
} from './generator';

const AS_OF = '2026-03-15';

function take(count: number, seed = 42, asOf = AS_OF): DemoRow[] {
  return [...generateDemoRows({ count, seed, asOf })];
}

const fen = (yuan: string) => {
  const result = parseYuan(yuan);
  if (!result.ok) throw new Error(`bad amount ${yuan}: ${result.reason}`);
  return result.fen;
};

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
};

describe('createRandom', () => {
  it('gives the same sequence for the same seed and a different one for another seed', () => {
    const a = createRandom(2026);
    const b = createRandom(2026);
    const c = createRandom(2027);
    const first = Array.from({ length: 100 }, () => a());
    expect(Array.from({ length: 100 }, () => b())).toEqual(first);
    expect(Array.from({ length: 100 }, () => c())).not.toEqual(first);
  });

  it('tells large seeds apart', () => {
    expect(createRandom(2 ** 40)()).not.toBe(createRandom(0)());
    expect(createRandom(2 ** 40 + 1)()).not.toBe(createRandom(2 ** 40)());
  });

  it('returns numbers in [0, 1) spread evenly', () => {
    const random = createRandom(7);
    const counts = new Array<number>(10).fill(0);
    const n = 100_000;
    let outside = 0;
    for (let i = 0; i < n; i++) {
      const x = random();
      if (!(x >= 0 && x < 1)) outside++;
      counts[Math.floor(x * 10)] = (counts[Math.floor(x * 10)] ?? 0) + 1;
    }
    expect(outside).toBe(0);
    // Chi-square with 9 degrees of freedom: 27.9 is the 0.1% critical value.
    const chiSquare = counts.reduce((sum, count) => sum + (count - n / 10) ** 2 / (n / 10), 0);
    expect(chiSquare).toBeLessThan(27.9);
  });

  it('refuses a seed that is not a finite number', () => {
    expect(() => createRandom(Number.NaN)).toThrow(RangeError);
  });
});

describe('random helpers', () => {
  it('randomInt stays within its inclusive bounds and reaches both', () => {
    const random = createRandom(1);
    const seen = new Set(Array.from({ length: 2000 }, () => randomInt(random, 3, 7)));
    expect(seen).toEqual(new Set([3, 4, 5, 6, 7]));
  });

  it('weightedPicker follows the weights and never picks a zero weight', () => {
    const random = createRandom(3);
    const pick = weightedPicker([
      ['a', 1],
      ['never', 0],
      ['b', 3],
    ]);
    const counts: Record<string, number> = { a: 0, b: 0, never: 0 };
    for (let i = 0; i < 40_000; i++) {
      const key = pick(random);
      counts[key] = (counts[key] ?? 0) + 1;
    }
    expect(counts.never).toBe(0);
    expect((counts.a ?? 0) / 40_000).toBeCloseTo(0.25, 1);
    expect((counts.b ?? 0) / 40_000).toBeCloseTo(0.75, 1);
  });

  it('weightedPicker and pickOne refuse an empty choice', () => {
    expect(() => weightedPicker([])).toThrow(RangeError);
    expect(() => weightedPicker([['x', 0]])).toThrow(RangeError);
    expect(() => weightedPicker([['x', -1]])).toThrow(RangeError);
    expect(() => pickOne(createRandom(1), [])).toThrow(RangeError);
  });

  it('normal and logNormal have the requested centre and spread', () => {
    const random = createRandom(11);
    const normals = Array.from({ length: 50_000 }, () => normal(random, 10, 2));
    const mean = normals.reduce((a, b) => a + b, 0) / normals.length;
    const sd = Math.sqrt(normals.reduce((a, b) => a + (b - mean) ** 2, 0) / normals.length);
    expect(mean).toBeCloseTo(10, 1);
    expect(sd).toBeCloseTo(2, 1);
    const logs = Array.from({ length: 50_000 }, () => logNormal(random, 8000, 0.8));
    expect(median(logs) / 8000).toBeCloseTo(1, 1);
    expect(Math.min(...logs)).toBeGreaterThan(0);
  });
});

describe('toCsvLine', () => {
  it('quotes only what RFC 4180 requires', () => {
    expect(toCsvLine(['a', 'b c', ''])).toBe('a,b c,');
    expect(toCsvLine(['1,234.56'])).toBe('"1,234.56"');
    expect(toCsvLine(['他说"还钱"'])).toBe('"他说""还钱"""');
    expect(toCsvLine(['line\nbreak', 'cr\r'])).toBe('"line\nbreak","cr\r"');
    expect(toCsvLine([])).toBe('');
  });

  it('round-trips any values through a CSV parser', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ unit: 'grapheme' }), { minLength: 2, maxLength: 6 }), (values) => {
        const records = parse(`${toCsvLine(values)}\r\n`, { relax_column_count: true }) as string[][];
        expect(records).toEqual([values]);
      }),
      { numRuns: 500 },
    );
  });
});

describe('template shape', () => {
  it('has the zh-CN headers in template order, matching the row fields', () => {
    expect(DEMO_TEMPLATE_HEADERS).toEqual([
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
    ]);
    expect(DEMO_ROW_FIELDS).toHaveLength(DEMO_TEMPLATE_HEADERS.length);
    const [row] = take(1);
    if (!row) throw new Error('no row');
    expect(Object.keys(row).sort()).toEqual([...DEMO_ROW_FIELDS].sort());
    expect(demoRowValues(row)[2]).toBe(row.id_number);
    expect(demoRowValues(row)[5]).toBe(row.due_date);
  });

  it('writes a CSV file a parser reads back row for row', () => {
    const rows = take(200);
    const text = `${[DEMO_TEMPLATE_HEADERS, ...rows.map(demoRowValues)].map(toCsvLine).join('\r\n')}\r\n`;
    const records = parse(text, { columns: true }) as Record<string, string>[];
    expect(records).toHaveLength(200);
    expect(records[17]?.身份证号).toBe(rows[17]?.id_number);
    expect(records[199]?.地址).toBe(rows[199]?.address);
  });
});

describe('generateDemoRows', () => {
  const rows = take(20_000);

  it('produces rows every validator of the importer accepts', () => {
    const problems: string[] = [];
    const check = (ok: boolean, what: string) => {
      if (!ok) problems.push(what);
    };
    for (const row of rows) {
      check(validateIdNumber(row.id_number).ok, `id ${row.id_number}`);
      const phone = normalizePhone(row.phone);
      check(phone.ok && phone.kind === 'mobile' && phone.number === row.phone, `phone ${row.phone}`);
      const due = parseBusinessDate(row.due_date);
      check(due.ok && due.date === row.due_date, `due date ${row.due_date}`);
      for (const amount of [row.principal, row.interest, row.penalty, row.fees]) {
        check(/^\d+\.\d{2}$/.test(amount) && parseYuan(amount).ok, `amount ${amount}`);
      }
      if (row.contact_phone) {
        check(normalizePhone(row.contact_phone).ok, `contact phone ${row.contact_phone}`);
        check(row.contact_phone !== row.phone, `contact phone is the debtor's ${row.phone}`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('numbers contracts uniquely with the prefix and an 8-digit sequence', () => {
    expect(rows[0]?.contract_no).toBe('DEMO00000001');
    expect(rows[19_999]?.contract_no).toBe('DEMO00020000');
    expect(new Set(rows.map((r) => r.contract_no)).size).toBe(rows.length);
    const [custom] = generateDemoRows({ count: 1, seed: 1, asOf: AS_OF, contractPrefix: 'HT2026-' });
    expect(custom?.contract_no).toBe('HT2026-00000001');
  });

  it('mixes delinquency as the target: 5% M0, 45% M1, 22% M2, 13% M3, 15% over 90 days', () => {
    const shares = new Map<string, number>();
    for (const row of rows) {
      const days = daysBetween(row.due_date, AS_OF);
      expect(days).toBeGreaterThanOrEqual(0);
      expect(days).toBeLessThanOrEqual(720);
      const bucket = bucketFor(days, DEFAULT_BUCKETS);
      shares.set(bucket, (shares.get(bucket) ?? 0) + 1 / rows.length);
    }
    expect(shares.get('M0')).toBeCloseTo(0.05, 1);
    expect(Math.abs((shares.get('M0') ?? 0) - 0.05)).toBeLessThan(0.015);
    expect(Math.abs((shares.get('M1') ?? 0) - 0.45)).toBeLessThan(0.02);
    expect(Math.abs((shares.get('M2') ?? 0) - 0.22)).toBeLessThan(0.02);
    expect(Math.abs((shares.get('M3') ?? 0) - 0.13)).toBeLessThan(0.02);
    expect(Math.abs((shares.get('M3+') ?? 0) - 0.15)).toBeLessThan(0.02);
  });

  it('sells mostly credit cards, then consumer loans, cash instalments and car loans', () => {
    const count = (product: string) => rows.filter((r) => r.product === product).length / rows.length;
    expect(new Set(rows.map((r) => r.product))).toEqual(new Set(['信用卡', '消费贷', '现金分期', '车贷']));
    expect(count('信用卡')).toBeGreaterThan(0.5);
    expect(count('信用卡')).toBeGreaterThan(count('消费贷'));
    expect(count('消费贷')).toBeGreaterThan(count('现金分期'));
    expect(count('现金分期')).toBeGreaterThan(count('车贷'));
    expect(count('车贷')).toBeGreaterThan(0.03);
  });

  it('draws principals around a median of 8,000 yuan, capped at 300,000, larger for loans than cards', () => {
    const principals = rows.map((r) => fen(r.principal));
    expect(median(principals)).toBeGreaterThan(650_000);
    expect(median(principals)).toBeLessThan(950_000);
    expect(Math.max(...principals)).toBeLessThanOrEqual(30_000_000);
    expect(Math.min(...principals)).toBeGreaterThan(0);
    const medianOf = (product: string) =>
      median(rows.filter((r) => r.product === product).map((r) => fen(r.principal)));
    expect(medianOf('消费贷')).toBeGreaterThan(medianOf('信用卡'));
    expect(medianOf('车贷')).toBeGreaterThan(medianOf('消费贷'));
  });

  it('charges interest and penalty that grow with principal and days past due', () => {
    for (const row of rows) {
      const days = daysBetween(row.due_date, AS_OF);
      expect(fen(row.interest)).toBeGreaterThan(0);
      expect(fen(row.interest)).toBeLessThan(fen(row.principal));
      if (days === 0) expect(fen(row.penalty)).toBe(0);
    }
    const cards = rows.filter((r) => r.product === '信用卡');
    const ratio = (r: DemoRow) => fen(r.penalty) / fen(r.principal);
    const young = cards.filter((r) => daysBetween(r.due_date, AS_OF) <= 30);
    const old = cards.filter((r) => daysBetween(r.due_date, AS_OF) > 180);
    expect(median(old.map(ratio))).toBeGreaterThan(median(young.map(ratio)) * 3);
  });

  it('charges fees on a minority of accounts, in small fixed amounts', () => {
    const fees = rows.map((r) => fen(r.fees));
    const withFee = fees.filter((f) => f > 0);
    expect(withFee.length / rows.length).toBeGreaterThan(0.15);
    expect(withFee.length / rows.length).toBeLessThan(0.35);
    expect(new Set(withFee).size).toBeLessThanOrEqual(6);
    expect(Math.max(...fees)).toBeLessThanOrEqual(20_000);
  });

  it('gives about 70% of debtors an emergency contact with a plausible relation', () => {
    const withContact = rows.filter((r) => r.contact_name !== '');
    expect(Math.abs(withContact.length / rows.length - 0.7)).toBeLessThan(0.02);
    for (const row of rows) {
      const filled = [row.contact_name, row.contact_relation, row.contact_phone].filter((v) => v !== '');
      expect([0, 3]).toContain(filled.length);
    }
    const relations = new Set(withContact.map((r) => r.contact_relation));
    expect(relations).toEqual(new Set(['配偶', '父亲', '母亲', '兄弟', '姐妹', '朋友', '同事']));
    for (const row of withContact.filter((r) => r.contact_relation === '父亲')) {
      expect(row.contact_name[0]).toBe(row.name[0]);
    }
  });

  it('writes Chinese names of 2-4 characters with frequent surnames most common', () => {
    const surnames = new Map<string, number>();
    for (const row of rows) {
      expect(row.name).toMatch(/^\p{Script=Han}{2,4}$/u);
      surnames.set(row.name[0] ?? '', (surnames.get(row.name[0] ?? '') ?? 0) + 1);
    }
    expect(surnames.size).toBeGreaterThanOrEqual(40);
    expect(surnames.get('王') ?? 0).toBeGreaterThan(surnames.get('谭') ?? 0);
    expect(surnames.get('李') ?? 0).toBeGreaterThan(surnames.get('姚') ?? 0);
  });

  it('gives debtors birth years 1965-2003 and both genders', () => {
    const genders = new Set<string>();
    for (const row of rows.slice(0, 5000)) {
      const id = validateIdNumber(row.id_number);
      if (!id.ok) throw new Error(row.id_number);
      const year = Number(id.birthDate.slice(0, 4));
      expect(year).toBeGreaterThanOrEqual(1965);
      expect(year).toBeLessThanOrEqual(2003);
      genders.add(id.gender);
    }
    expect(genders).toEqual(new Set(['M', 'F']));
  });

  it('writes addresses from real regions that mask down to the district', () => {
    const areas = SAMPLE_REGIONS.map((r) => (r.province === r.city ? r.city : r.province + r.city));
    for (const row of rows.slice(0, 3000)) {
      expect(
        areas.some((area) => row.address.startsWith(area)),
        row.address,
      ).toBe(true);
      expect(row.address).toMatch(/\d+号/);
      const masked = maskAddress(row.address);
      expect(masked).not.toMatch(/\d/);
      expect(masked.endsWith('****')).toBe(true);
    }
  });

  it('uses real-looking mobile prefixes', () => {
    const prefixes = new Set(rows.map((r) => r.phone.slice(0, 3)));
    expect(prefixes.size).toBeGreaterThan(20);
    expect(prefixes.has('138')).toBe(true);
  });
});

describe('determinism and streaming', () => {
  it('gives the same rows for the same seed, and other rows for another seed', () => {
    expect(take(300, 9)).toEqual(take(300, 9));
    expect(take(300, 10)).not.toEqual(take(300, 9));
  });

  it('gives the first rows of a longer run for a shorter one', () => {
    expect(take(50, 5)).toEqual(take(500, 5).slice(0, 50));
  });

  it('counts due dates back from the as-of day', () => {
    const [early] = take(1, 3, '2026-03-15');
    const [late] = take(1, 3, '2026-04-14');
    expect(daysBetween(early?.due_date ?? '', late?.due_date ?? '')).toBe(30);
  });

  it('is lazy: the first rows of a billion-row run come at once', () => {
    const rows = generateDemoRows({ count: 1_000_000_000, seed: 1, asOf: AS_OF });
    expect(Array.isArray(rows)).toBe(false);
    const first = rows.next();
    expect(first.done).toBe(false);
    expect(first.value?.contract_no).toBe('DEMO0000000001');
    rows.return(undefined);
  });

  it('streams 100,000 rows one at a time', () => {
    let count = 0;
    let last = '';
    for (const row of generateDemoRows({ count: 100_000, seed: 77, asOf: AS_OF })) {
      count++;
      last = row.contract_no;
    }
    expect(count).toBe(100_000);
    expect(last).toBe('DEMO00100000');
  }, 60_000);

  it('refuses a bad count or as-of day before producing anything', () => {
    expect(() => generateDemoRows({ count: -1, seed: 1, asOf: AS_OF })).toThrow(RangeError);
    expect(() => generateDemoRows({ count: 1.5, seed: 1, asOf: AS_OF })).toThrow(RangeError);
    expect(() => generateDemoRows({ count: 1, seed: 1, asOf: '2026/3/15' })).toThrow(RangeError);
    expect([...generateDemoRows({ count: 0, seed: 1, asOf: AS_OF })]).toEqual([]);
  });
});
