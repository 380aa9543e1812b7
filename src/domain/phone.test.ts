import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normalizePhone } from './phone';

const reasonOf = (input: string) => {
  const result = normalizePhone(input);
  return result.ok ? `ok ${result.number}` : result.reason;
};

describe('normalizePhone: mobiles', () => {
  it.each([
    ['13812345678', '13812345678'],
    ['138 1234 5678', '13812345678'],
    ['138-1234-5678', '13812345678'],
    ['138.1234.5678', '13812345678'],
    ['(138)12345678', '13812345678'],
    ['+86 138 1234 5678', '13812345678'],
    ['+86-13812345678', '13812345678'],
    ['(+86) 138 1234 5678', '13812345678'],
    ['0086 13812345678', '13812345678'],
    ['8613812345678', '13812345678'],
    ['86 138 1234 5678', '13812345678'],
    ['１３８１２３４５６７８', '13812345678'],
    ['＋８６ １３８ １２３４ ５６７８', '13812345678'],
    ['  19912345678  ', '19912345678'],
  ])('reads %j as mobile %s', (input, number) => {
    expect(normalizePhone(input)).toEqual({ ok: true, number, kind: 'mobile' });
  });

  it.each([
    ['1381234567', 'phone_mobile_length'],
    ['138123456789', 'phone_mobile_length'],
    ['12812345678', 'phone_format'],
    ['11012345678', 'phone_format'],
    ['+8612812345678', 'phone_format'],
  ])('refuses %j with %s', (input, reason) => {
    expect(reasonOf(input)).toBe(reason);
  });
});

describe('normalizePhone: landlines', () => {
  it.each([
    ['010-12345678', '01012345678'],
    ['(010) 8888 6666', '01088886666'],
    ['0755 8888 6666', '075588886666'],
    ['0755-88886666', '075588886666'],
    ['0571-8765432', '05718765432'],
    ['+86 10 8888 6666', '01088886666'],
    ['+86 755 8888 6666', '075588886666'],
    ['0086-21-62345678', '02162345678'],
    ['+86 0755 8888 6666', '075588886666'],
  ])('reads %j as landline %s', (input, number) => {
    expect(normalizePhone(input)).toEqual({ ok: true, number, kind: 'landline' });
  });

  it.each([
    ['021-12345678-123', '02112345678-123', '123'],
    ['021 1234 5678 - 123', '02112345678-123', '123'],
    ['010-88886666转8001', '01088886666-8001', '8001'],
    ['010-88886666 分机 8001', '01088886666-8001', '8001'],
    ['0755-88886666 ext. 12', '075588886666-12', '12'],
    ['0755-88886666x12', '075588886666-12', '12'],
    ['0755-88886666#12', '075588886666-12', '12'],
  ])('keeps the extension of %j: %s', (input, number, extension) => {
    expect(normalizePhone(input)).toEqual({ ok: true, number, kind: 'landline', extension });
  });

  it.each([
    ['88886666', 'phone_missing_area_code'],
    ['8888666', 'phone_missing_area_code'],
    ['010-888', 'phone_format'],
    ['0755-0888666', 'phone_format'],
    ['13812345678转12', 'phone_format'],
  ])('refuses %j with %s', (input, reason) => {
    expect(reasonOf(input)).toBe(reason);
  });
});

describe('normalizePhone: numbers that are not a person’s phone', () => {
  it.each([
    '95588',
    '95555',
    '955-88',
    '96166',
    '400-820-8820',
    '4008208820',
    '800-810-8888',
    '10086',
    '10010',
    '12345',
    '110',
    '120',
    '106575000000',
  ])('refuses service number %j', (input) => {
    expect(reasonOf(input)).toBe('phone_service_number');
  });

  it.each([
    ['+1 415 555 0100', 'phone_foreign'],
    ['+852 9123 4567', 'phone_foreign'],
    ['00852 91234567', 'phone_foreign'],
    ['', 'required'],
    ['   ', 'required'],
    ['abc', 'phone_format'],
    ['138-1234-567a', 'phone_format'],
    ['13812345678 / 13912345678', 'phone_format'],
    ['+', 'phone_format'],
  ])('refuses %j with %s', (input, reason) => {
    expect(reasonOf(input)).toBe(reason);
  });
});

const mobile = fc
  .tuple(fc.integer({ min: 3, max: 9 }), fc.stringMatching(/^\d{9}$/))
  .map(([second, rest]) => `1${second}${rest}`);

/** Writes a mobile the ways people and systems do. */
const decoratedMobile = fc
  .tuple(
    mobile,
    fc.constantFrom('', '+86', '+86 ', '0086', '0086-', '86', '(+86)'),
    fc.constantFrom('', ' ', '-', '.'),
    fc.constantFrom('', ' ', '  '),
    fc.boolean(),
  )
  .map(([number, prefix, separator, padding, fullWidth]) => {
    const text = `${padding}${prefix}${number.slice(0, 3)}${separator}${number.slice(3, 7)}${separator}${number.slice(7)}${padding}`;
    const written = fullWidth
      ? text.replace(/[0-9+]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0))
      : text;
    return { number, written };
  });

describe('normalizePhone properties', () => {
  it('reads every decorated mobile back to its 11 digits', () => {
    fc.assert(
      fc.property(decoratedMobile, ({ number, written }) => {
        expect(normalizePhone(written)).toEqual({ ok: true, number, kind: 'mobile' });
      }),
      { numRuns: 2000 },
    );
  });

  it('is idempotent: a normalised number normalises to itself', () => {
    fc.assert(
      fc.property(decoratedMobile, ({ written }) => {
        const once = normalizePhone(written);
        if (!once.ok) throw new Error('expected a valid mobile');
        expect(normalizePhone(once.number)).toEqual(once);
      }),
    );
  });

  it('reads landlines with any area code and separator back to the same digits', () => {
    const landline = fc
      .tuple(
        fc.oneof(fc.constant('010'), fc.stringMatching(/^02\d$/), fc.stringMatching(/^0[3-9]\d\d$/)),
        fc.stringMatching(/^[2-8]\d{6,7}$/),
        fc.constantFrom('-', ' ', ''),
        fc.boolean(),
      )
      .map(([area, subscriber, separator, parenthesised]) => ({
        number: area + subscriber,
        written: parenthesised ? `(${area})${subscriber}` : `${area}${separator}${subscriber}`,
      }));
    fc.assert(
      fc.property(landline, ({ number, written }) => {
        expect(normalizePhone(written)).toEqual({ ok: true, number, kind: 'landline' });
        expect(normalizePhone(number)).toEqual({ ok: true, number, kind: 'landline' });
      }),
      { numRuns: 1000 },
    );
  });

  it('only ever answers an 11-digit mobile or a landline starting with its area code', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.stringMatching(/^[+\d\s()-]{0,20}$/)), (input) => {
        const result = normalizePhone(input);
        if (!result.ok) return;
        if (result.kind === 'mobile') expect(result.number).toMatch(/^1[3-9]\d{9}$/);
        else expect(result.number).toMatch(/^0\d{9,11}(?:-\d{1,6})?$/);
      }),
      { numRuns: 3000 },
    );
  });
});
