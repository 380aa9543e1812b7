import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  ageOn,
  generateIdNumber,
  idNumberCheckCharacter,
  SAMPLE_REGIONS,
  validateIdNumber,
} from './id-number';

const reasonOf = (input: string) => {
  const result = validateIdNumber(input);
  return result.ok ? 'ok' : result.reason;
};

/** A valid number with the given first 17 digits. */
const withCheck = (first17: string) => first17 + idNumberCheckCharacter(first17);

/** A tiny deterministic PRNG for the tests (mulberry32). */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('validateIdNumber', () => {
  it('accepts a valid number and reads birth date, gender and region from it', () => {
    expect(validateIdNumber('11010519491231002X')).toEqual({
      ok: true,
      idNumber: '11010519491231002X',
      birthDate: '1949-12-31',
      gender: 'F',
      regionCode: '110105',
    });
    const man = withCheck('44030519900307451');
    expect(validateIdNumber(man)).toMatchObject({
      ok: true,
      birthDate: '1990-03-07',
      gender: 'M',
      regionCode: '440305',
    });
  });

  it('normalises what people type: spaces, full-width digits, lowercase x', () => {
    const expected = '11010519491231002X';
    for (const typed of [
      ' 11010519491231002x ',
      '１１０１０５１９４９１２３１００２Ｘ',
      '１１０１０５１９４９１２３１００２ｘ',
      '110105 19491231 002X',
      '\u300011010519491231002X\u3000',
    ]) {
      const result = validateIdNumber(typed);
      expect(result.ok && result.idNumber).toBe(expected);
    }
  });

  it('asks for the 18-digit number when given a 15-digit first-generation number', () => {
    expect(reasonOf('110105491231002')).toBe('id_number_first_generation');
  });

  it('explains an ID number that a spreadsheet turned into a number', () => {
    expect(reasonOf('1.10105E+17')).toBe('id_number_excel_number');
    expect(reasonOf('4.40305199003075E+17')).toBe('id_number_excel_number');
  });

  it.each([
    ['', 'required'],
    ['   ', 'required'],
    ['1101051949123100', 'id_number_length'],
    ['11010519491231002X1', 'id_number_length'],
    ['11010519491231002Y', 'id_number_characters'],
    ['1101051949123100X2', 'id_number_characters'],
    ['X10105194912310021', 'id_number_characters'],
    ['110105194912310021', 'id_number_checksum'],
    ['11010519491231002A', 'id_number_characters'],
  ])('refuses %j with %s', (input, reason) => {
    expect(reasonOf(input)).toBe(reason);
  });

  it('checks the province code, including 83 for residence permits of Taiwan residents', () => {
    for (const province of [
      '11',
      '15',
      '21',
      '23',
      '31',
      '37',
      '41',
      '46',
      '50',
      '54',
      '61',
      '65',
      '71',
      '81',
      '82',
      '83',
    ]) {
      expect(reasonOf(withCheck(`${province}0101199001011234`.slice(0, 17))), province).toBe('ok');
    }
    for (const province of [
      '00',
      '10',
      '16',
      '20',
      '24',
      '30',
      '38',
      '40',
      '47',
      '49',
      '55',
      '60',
      '66',
      '70',
      '72',
      '80',
      '84',
      '91',
      '99',
    ]) {
      expect(reasonOf(withCheck(`${province}0101199001011234`.slice(0, 17))), province).toBe(
        'id_number_region',
      );
    }
  });

  it('checks the birth date exists and is not before 1900', () => {
    expect(reasonOf(withCheck('11010519000101123'))).toBe('ok');
    expect(reasonOf(withCheck('11010518991231123'))).toBe('id_number_birth_date');
    expect(reasonOf(withCheck('11010519900230123'))).toBe('id_number_birth_date');
    expect(reasonOf(withCheck('11010519901301123'))).toBe('id_number_birth_date');
    expect(reasonOf(withCheck('11010519900100123'))).toBe('id_number_birth_date');
    expect(reasonOf(withCheck('11010520000229123'))).toBe('ok');
    expect(reasonOf(withCheck('11010519000229123'))).toBe('id_number_birth_date');
  });

  it('does not judge a birth date against today (that is the caller’s business)', () => {
    expect(reasonOf(withCheck('11010521000101123'))).toBe('ok');
  });

  it('reads gender from the 17th digit: odd is male, even is female', () => {
    for (let digit = 0; digit <= 9; digit++) {
      const result = validateIdNumber(withCheck(`1101051990010112${digit}`));
      expect(result.ok && result.gender).toBe(digit % 2 === 1 ? 'M' : 'F');
    }
  });
});

describe('idNumberCheckCharacter', () => {
  it('computes ISO 7064 MOD 11-2, including X for 10', () => {
    expect(idNumberCheckCharacter('11010519491231002')).toBe('X');
    expect(idNumberCheckCharacter('44052418800101001')).toBe('4');
  });
});

describe('ageOn', () => {
  it('counts completed years', () => {
    expect(ageOn('1990-03-07', '2026-03-06')).toBe(35);
    expect(ageOn('1990-03-07', '2026-03-07')).toBe(36);
    expect(ageOn('1990-12-31', '2026-01-01')).toBe(35);
  });

  it('lets someone born on 29 February turn older on 1 March in common years', () => {
    expect(ageOn('2004-02-29', '2022-02-28')).toBe(17);
    expect(ageOn('2004-02-29', '2022-03-01')).toBe(18);
    expect(ageOn('2004-02-29', '2024-02-29')).toBe(20);
  });

  it('is negative before birth', () => {
    expect(ageOn('2026-03-15', '2026-03-14')).toBe(-1);
  });
});

describe('generateIdNumber', () => {
  it('produces numbers that validate, with the requested birth years and gender', () => {
    fc.assert(
      fc.property(
        fc.integer(),
        fc.integer({ min: 1900, max: 2020 }),
        fc.nat({ max: 40 }),
        fc.constantFrom('M' as const, 'F' as const, undefined),
        (seed, from, span, gender) => {
          const idNumber = generateIdNumber(seeded(seed), {
            birthYearFrom: from,
            birthYearTo: from + span,
            gender,
          });
          const result = validateIdNumber(idNumber);
          expect(result.ok).toBe(true);
          if (!result.ok) return;
          const year = Number(result.birthDate.slice(0, 4));
          expect(year).toBeGreaterThanOrEqual(from);
          expect(year).toBeLessThanOrEqual(from + span);
          if (gender) expect(result.gender).toBe(gender);
          expect(SAMPLE_REGIONS.some((r) => r.code === result.regionCode)).toBe(true);
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('uses a given region code', () => {
    const result = validateIdNumber(generateIdNumber(seeded(1), { regionCode: '830000' }));
    expect(result.ok && result.regionCode).toBe('830000');
  });

  it('produces both genders and many regions when not told which', () => {
    const random = seeded(7);
    const results = Array.from({ length: 400 }, () => validateIdNumber(generateIdNumber(random)));
    const genders = new Set(results.map((r) => r.ok && r.gender));
    const regions = new Set(results.map((r) => r.ok && r.regionCode));
    expect(genders).toEqual(new Set(['M', 'F']));
    expect(regions.size).toBeGreaterThan(30);
  });

  it('uses a random source that returns exactly 0 or nearly 1 without breaking', () => {
    expect(validateIdNumber(generateIdNumber(() => 0)).ok).toBe(true);
    expect(validateIdNumber(generateIdNumber(() => 0.9999999999)).ok).toBe(true);
  });

  it('refuses a bad birth year range or region code', () => {
    expect(() => generateIdNumber(seeded(1), { birthYearFrom: 2000, birthYearTo: 1990 })).toThrow(RangeError);
    expect(() => generateIdNumber(seeded(1), { birthYearFrom: 1850 })).toThrow(RangeError);
    expect(() => generateIdNumber(seeded(1), { regionCode: '990101' })).toThrow(RangeError);
  });
});

describe('the sample regions', () => {
  it('are real-looking county codes with names, spread over many provinces', () => {
    expect(SAMPLE_REGIONS.length).toBeGreaterThanOrEqual(40);
    expect(new Set(SAMPLE_REGIONS.map((r) => r.code)).size).toBe(SAMPLE_REGIONS.length);
    expect(new Set(SAMPLE_REGIONS.map((r) => r.code.slice(0, 2))).size).toBeGreaterThanOrEqual(30);
    for (const region of SAMPLE_REGIONS) {
      expect(region.code).toMatch(/^\d{6}$/);
      expect(region.province).toMatch(/(省|市|自治区)$/);
      expect(region.city).toMatch(/市$/);
    }
  });
});

describe('single-character changes', () => {
  const ALPHABET = '0123456789X';

  /**
   * Property: replacing any one character of a valid number by a different character from 0-9 or X
   * always gives an invalid number. (In positions 1-17 an X is refused as a character; a different
   * digit changes the weighted sum by (d' - d) * w with w != 0 mod 11 and |d' - d| < 11, so the check
   * character no longer matches; a different check character never matches.)
   */
  it('are always detected', () => {
    fc.assert(
      fc.property(
        fc.integer(),
        fc.nat({ max: 17 }),
        fc.nat({ max: ALPHABET.length - 1 }),
        (seed, position, replacementIndex) => {
          const valid = generateIdNumber(seeded(seed));
          const replacement = ALPHABET[replacementIndex] ?? '0';
          fc.pre(valid[position] !== replacement);
          const changed = valid.slice(0, position) + replacement + valid.slice(position + 1);
          expect(validateIdNumber(changed).ok).toBe(false);
        },
      ),
      { numRuns: 3000 },
    );
  });

  it('swapping two different adjacent digits is detected too', () => {
    fc.assert(
      fc.property(fc.integer(), fc.nat({ max: 15 }), (seed, position) => {
        const valid = generateIdNumber(seeded(seed));
        fc.pre(valid[position] !== valid[position + 1]);
        const swapped =
          valid.slice(0, position) + valid[position + 1] + valid[position] + valid.slice(position + 2);
        expect(validateIdNumber(swapped).ok).toBe(false);
      }),
      { numRuns: 2000 },
    );
  });
});
