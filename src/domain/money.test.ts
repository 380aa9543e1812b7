import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fenToYuanString, formatFen, MAX_FEN, parseYuan, sumFen } from './money';

const fenOf = (input: string | number) => {
  const result = parseYuan(input);
  if (!result.ok) throw new Error(`expected ${JSON.stringify(input)} to parse, got ${result.reason}`);
  return result.fen;
};
const reasonOf = (input: string | number) => {
  const result = parseYuan(input);
  return result.ok ? `ok ${result.fen}` : result.reason;
};

describe('parseYuan from text', () => {
  it.each([
    ['1234', 123400],
    ['1234.5', 123450],
    ['1234.56', 123456],
    ['1,234.56', 123456],
    [' 1234.56 ', 123456],
    ['¥1,234.56', 123456],
    ['￥12', 1200],
    ['¥ 12.30', 1230],
    ['CN¥1,234.56', 123456],
    ['RMB 500', 50000],
    ['12元', 1200],
    ['１２３４．５６', 123456],
    ['１，２３４', 123400],
    ['\u3000800\u3000', 80000],
    ['0', 0],
    ['0.01', 1],
    ['.5', 50],
    ['12.', 1200],
    ['007', 700],
    ['+12.30', 1230],
    ['12.500', 1250],
    ['1,000,000', 100000000],
    ['1000000000000', 100000000000000],
  ])('reads %j as %i fen', (input, fen) => {
    expect(fenOf(input)).toBe(fen);
  });

  it('treats an empty cell as missing, not as zero', () => {
    expect(reasonOf('')).toBe('required');
    expect(reasonOf('   ')).toBe('required');
    expect(reasonOf('\u3000')).toBe('required');
  });

  it.each([
    ['-12.30', 'amount_negative'],
    ['-¥12.30', 'amount_negative'],
    ['¥-12.30', 'amount_negative'],
    ['−5', 'amount_negative'],
    ['-0.001', 'amount_negative'],
    ['1234.567', 'amount_too_many_decimals'],
    ['0.001', 'amount_too_many_decimals'],
    ['1000000000000.01', 'amount_too_large'],
    ['99999999999999999999', 'amount_too_large'],
    ['abc', 'amount_format'],
    ['12a', 'amount_format'],
    ['1e5', 'amount_format'],
    ['1.2E+11', 'amount_format'],
    ['NaN', 'amount_format'],
    ['Infinity', 'amount_format'],
    ['1,5', 'amount_format'],
    ['12,34.5', 'amount_format'],
    ['1 234', 'amount_format'],
    ['1.2.3', 'amount_format'],
    ['--5', 'amount_format'],
    ['-¥-5', 'amount_format'],
    ['.', 'amount_format'],
    ['¥', 'amount_format'],
    ['(100)', 'amount_format'],
  ])('refuses %j with %s', (input, reason) => {
    expect(reasonOf(input)).toBe(reason);
  });

  it('reads minus zero as zero', () => {
    expect(fenOf('-0')).toBe(0);
    expect(fenOf('-0.00')).toBe(0);
  });
});

describe('parseYuan from spreadsheet numbers', () => {
  it('drops binary floating-point noise', () => {
    expect(fenOf(1234.5600000000002)).toBe(123456);
    expect(fenOf(0.1 + 0.2)).toBe(30);
    expect(fenOf(1.1 * 3)).toBe(330);
    expect(fenOf(8234.5)).toBe(823450);
    expect(fenOf(99999999999.99)).toBe(9999999999999);
  });

  it('refuses amounts with more than 2 decimals', () => {
    expect(reasonOf(1234.567)).toBe('amount_too_many_decimals');
    expect(reasonOf(0.001)).toBe('amount_too_many_decimals');
    expect(reasonOf(1e-9)).toBe('amount_too_many_decimals');
  });

  it('refuses negative, non-finite and too large numbers', () => {
    expect(reasonOf(-1)).toBe('amount_negative');
    expect(reasonOf(-0.01)).toBe('amount_negative');
    expect(reasonOf(Number.NaN)).toBe('amount_format');
    expect(reasonOf(Number.POSITIVE_INFINITY)).toBe('amount_format');
    expect(reasonOf(Number.NEGATIVE_INFINITY)).toBe('amount_format');
    expect(reasonOf(1e12 + 0.01)).toBe('amount_too_large');
    expect(reasonOf(1e21)).toBe('amount_too_large');
    expect(fenOf(1e12)).toBe(MAX_FEN);
  });

  it('reads minus zero as plain zero', () => {
    expect(Object.is(fenOf(-0), 0)).toBe(true);
  });

  it('reads every whole-fen amount a spreadsheet computes as yuan back to its fen', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: MAX_FEN }), (fen) => {
        expect(fenOf(fen / 100)).toBe(fen);
      }),
    );
  });

  it('reads sums of two yuan amounts (with their float error) as the exact sum', () => {
    const amount = fc.integer({ min: 0, max: 100_000_000_000 });
    fc.assert(
      fc.property(amount, amount, (a, b) => {
        expect(fenOf(a / 100 + b / 100)).toBe(a + b);
      }),
    );
  });
});

describe('formatFen', () => {
  it('writes yuan with a symbol, thousands separators and 2 decimals', () => {
    expect(formatFen(123456)).toBe('¥1,234.56');
    expect(formatFen(-1230)).toBe('-¥12.30');
    expect(formatFen(0)).toBe('¥0.00');
    expect(formatFen(5)).toBe('¥0.05');
    expect(formatFen(100000000)).toBe('¥1,000,000.00');
    expect(formatFen(MAX_FEN)).toBe('¥1,000,000,000,000.00');
  });

  it('writes CN¥ in English', () => {
    expect(formatFen(123456, 'en')).toBe('CN¥1,234.56');
    expect(formatFen(-1230, 'en')).toBe('-CN¥12.30');
  });

  it('refuses fractions of a fen instead of rounding them away', () => {
    expect(() => formatFen(12.5)).toThrow(RangeError);
    expect(() => formatFen(Number.NaN)).toThrow(RangeError);
  });

  it('round-trips through parseYuan for every amount up to the limit', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: MAX_FEN }),
        fc.constantFrom('zh-CN' as const, 'en' as const),
        (fen, locale) => {
          expect(fenOf(formatFen(fen, locale))).toBe(fen);
        },
      ),
    );
  });

  it('round-trips negative amounts to a refusal that says they are negative', () => {
    fc.assert(
      fc.property(fc.integer({ min: -MAX_FEN, max: -1 }), (fen) => {
        expect(reasonOf(formatFen(fen))).toBe('amount_negative');
      }),
    );
  });
});

describe('fenToYuanString', () => {
  it('writes plain yuan with 2 decimals as files hold them', () => {
    expect(fenToYuanString(823450)).toBe('8234.50');
    expect(fenToYuanString(7)).toBe('0.07');
    expect(fenToYuanString(0)).toBe('0.00');
    expect(fenToYuanString(-1230)).toBe('-12.30');
  });

  it('round-trips through parseYuan', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: MAX_FEN }), (fen) => {
        expect(fenOf(fenToYuanString(fen))).toBe(fen);
      }),
    );
  });
});

describe('sumFen', () => {
  it('adds amounts exactly', () => {
    expect(sumFen([10, 20, 30])).toBe(60);
    expect(sumFen([])).toBe(0);
    expect(sumFen(new Set([823450, 1]))).toBe(823451);
  });

  it('refuses a fraction of a fen and a total beyond safe integers', () => {
    expect(() => sumFen([1, 0.5])).toThrow(RangeError);
    expect(() => sumFen([Number.MAX_SAFE_INTEGER, 1])).toThrow(RangeError);
  });
});

describe('parseYuan on arbitrary input', () => {
  it('never answers a fraction of a fen, a negative amount or more than the limit', () => {
    const check = (input: string | number) => {
      const result = parseYuan(input);
      if (result.ok) {
        expect(Number.isSafeInteger(result.fen)).toBe(true);
        expect(result.fen).toBeGreaterThanOrEqual(0);
        expect(result.fen).toBeLessThanOrEqual(MAX_FEN);
        expect(Object.is(result.fen, -0)).toBe(false);
      }
    };
    fc.assert(fc.property(fc.string(), check), { numRuns: 2000 });
    fc.assert(fc.property(fc.stringMatching(/^[-+¥ ]?\d{0,16}(?:[.,]\d{0,4})?$/), check), { numRuns: 2000 });
    fc.assert(fc.property(fc.double(), check), { numRuns: 2000 });
  });

  it('refuses any decimal text with a non-zero third decimal', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 999_999 }),
        fc.integer({ min: 0, max: 99 }),
        fc.integer({ min: 1, max: 9 }),
        (yuan, cents, third) => {
          const text = `${yuan}.${String(cents).padStart(2, '0')}${third}`;
          expect(reasonOf(text)).toBe('amount_too_many_decimals');
        },
      ),
    );
  });
});
