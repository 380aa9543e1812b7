import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addDays,
  dateOfEpochDay,
  daysBetween,
  epochDayOf,
  isBusinessDate,
  isRealCalendarDate,
  localDateOf,
  parseBusinessDate,
} from './dates';

const dateOf = (input: string | Date) => {
  const result = parseBusinessDate(input);
  if (!result.ok) throw new Error(`expected ${String(input)} to parse, got ${result.reason}`);
  return result.date;
};
const reasonOf = (input: string | Date) => {
  const result = parseBusinessDate(input);
  return result.ok ? `ok ${result.date}` : result.reason;
};

/** Valid dates 1900-01-01 .. 2199-12-31 as [year, month, day]. */
const validDay = fc
  .integer({ min: epochDayOf('1900-01-01'), max: epochDayOf('2199-12-31') })
  .map((epochDay) => dateOfEpochDay(epochDay));

describe('parseBusinessDate', () => {
  it.each([
    ['2026-03-15', '2026-03-15'],
    ['2026-3-5', '2026-03-05'],
    ['2026/3/5', '2026-03-05'],
    ['2026/03/15', '2026-03-15'],
    ['2026.3.15', '2026-03-15'],
    ['20260315', '2026-03-15'],
    ['2026年3月15日', '2026-03-15'],
    ['2026年03月05日', '2026-03-05'],
    ['2026 年 3 月 15 日', '2026-03-15'],
    ['2026年3月15号', '2026-03-15'],
    ['２０２６－０３－１５', '2026-03-15'],
    ['  2026-03-15  ', '2026-03-15'],
    ['2026-03-15 00:00:00', '2026-03-15'],
    ['2026-03-15T00:00:00.000', '2026-03-15'],
    ['2024-02-29', '2024-02-29'],
    ['2000-02-29', '2000-02-29'],
    ['1900-01-01', '1900-01-01'],
    ['2199-12-31', '2199-12-31'],
  ])('reads %j as %s', (input, date) => {
    expect(dateOf(input)).toBe(date);
  });

  it.each([
    ['', 'required'],
    ['  ', 'required'],
    ['2026-02-30', 'date_invalid'],
    ['2026-02-29', 'date_invalid'],
    ['1900-02-29', 'date_invalid'],
    ['2026-13-01', 'date_invalid'],
    ['2026-00-10', 'date_invalid'],
    ['2026-04-31', 'date_invalid'],
    ['20260230', 'date_invalid'],
    ['2026年2月30日', 'date_invalid'],
    ['1899-12-31', 'date_out_of_range'],
    ['2200-01-01', 'date_out_of_range'],
    ['0001-01-01', 'date_out_of_range'],
    ['2026-3/5', 'date_format'],
    ['15/03/2026', 'date_format'],
    ['03/15/2026', 'date_format'],
    ['26-03-15', 'date_format'],
    ['2026-03-15 14:30:00', 'date_format'],
    ['2026-03-15T00:00:00Z', 'date_format'],
    ['2026315', 'date_format'],
    ['45000', 'date_format'],
    ['tomorrow', 'date_format'],
    ['2026-003-15', 'date_format'],
  ])('refuses %j with %s', (input, reason) => {
    expect(reasonOf(input)).toBe(reason);
  });

  it('takes a Date by its UTC calendar day, as spreadsheet readers deliver date cells', () => {
    expect(dateOf(new Date(Date.UTC(2026, 2, 15)))).toBe('2026-03-15');
    expect(dateOf(new Date('2026-03-15T23:59:59.999Z'))).toBe('2026-03-15');
    expect(dateOf(new Date('2026-03-15T00:00:00Z'))).toBe('2026-03-15');
  });

  it('refuses an invalid Date and one outside the supported years', () => {
    expect(reasonOf(new Date(Number.NaN))).toBe('date_invalid');
    expect(reasonOf(new Date('1899-12-31T00:00:00Z'))).toBe('date_out_of_range');
  });

  it('reads every valid date in every accepted spelling', () => {
    fc.assert(
      fc.property(validDay, (date) => {
        const [y, m, d] = date.split('-');
        const month = String(Number(m));
        const day = String(Number(d));
        for (const spelling of [
          date,
          `${y}/${month}/${day}`,
          `${y}-${month}-${day}`,
          `${y}${m}${d}`,
          `${y}年${month}月${day}日`,
        ]) {
          expect(dateOf(spelling)).toBe(date);
        }
        expect(dateOf(new Date(`${date}T12:00:00Z`))).toBe(date);
      }),
    );
  });
});

describe('isBusinessDate and isRealCalendarDate', () => {
  it('accepts only canonical existing dates', () => {
    expect(isBusinessDate('2026-03-15')).toBe(true);
    expect(isBusinessDate('2026-3-15')).toBe(false);
    expect(isBusinessDate('2026-02-29')).toBe(false);
    expect(isRealCalendarDate(2024, 2, 29)).toBe(true);
    expect(isRealCalendarDate(2100, 2, 29)).toBe(false);
    expect(isRealCalendarDate(2026, 6, 31)).toBe(false);
    expect(isRealCalendarDate(2026, 1.5, 1)).toBe(false);
  });
});

describe('daysBetween and addDays', () => {
  it('counts calendar days, exactly across leap days and DST changes', () => {
    expect(daysBetween('2024-02-28', '2024-03-01')).toBe(2);
    expect(daysBetween('2026-02-28', '2026-03-01')).toBe(1);
    expect(daysBetween('2100-02-28', '2100-03-01')).toBe(1);
    expect(daysBetween('2000-02-28', '2000-03-01')).toBe(2);
    // US and EU clocks change on these weekends; business dates do not care.
    expect(daysBetween('2026-03-07', '2026-03-09')).toBe(2);
    expect(daysBetween('2026-10-24', '2026-10-26')).toBe(2);
    expect(daysBetween('2026-01-01', '2027-01-01')).toBe(365);
    expect(daysBetween('2024-01-01', '2025-01-01')).toBe(366);
    expect(daysBetween('2026-03-15', '2026-03-01')).toBe(-14);
    expect(daysBetween('1900-01-01', '2199-12-31')).toBe(109572);
  });

  it('adds and subtracts days across months and years', () => {
    expect(addDays('2026-03-15', 30)).toBe('2026-04-14');
    expect(addDays('2026-01-31', 1)).toBe('2026-02-01');
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2026-03-15', 0)).toBe('2026-03-15');
  });

  it('keeps addDays and daysBetween consistent', () => {
    fc.assert(
      fc.property(validDay, fc.integer({ min: -40_000, max: 40_000 }), (date, days) => {
        const later = addDays(date, days);
        expect(isBusinessDate(later)).toBe(true);
        expect(daysBetween(date, later)).toBe(days);
        expect(addDays(later, -days)).toBe(date);
      }),
    );
  });

  it('moves one day at a time through real calendar days', () => {
    fc.assert(
      fc.property(validDay, (date) => {
        const next = addDays(date, 1);
        const [y, m, d] = date.split('-').map(Number) as [number, number, number];
        const expected = isRealCalendarDate(y, m, d + 1)
          ? [y, m, d + 1]
          : isRealCalendarDate(y, m + 1, 1)
            ? [y, m + 1, 1]
            : [y + 1, 1, 1];
        expect(next.split('-').map(Number)).toEqual(expected);
      }),
    );
  });

  it('throws on malformed dates, which must be parsed first', () => {
    expect(() => daysBetween('2026-3-15', '2026-03-15')).toThrow(RangeError);
    expect(() => daysBetween('2026-02-30', '2026-03-15')).toThrow(RangeError);
    expect(() => addDays('2026-03-15', 1.5)).toThrow(RangeError);
  });
});

describe('localDateOf', () => {
  it('gives the calendar day in the zone of the person concerned', () => {
    const instant = new Date('2026-03-15T17:00:00Z');
    expect(localDateOf(instant, 'Asia/Shanghai')).toBe('2026-03-16');
    expect(localDateOf(instant, 'UTC')).toBe('2026-03-15');
    expect(localDateOf(instant, 'America/Los_Angeles')).toBe('2026-03-15');
    expect(localDateOf(new Date('2026-03-15T15:59:59Z'), 'Asia/Shanghai')).toBe('2026-03-15');
    expect(localDateOf(new Date('2026-03-15T16:00:00Z'), 'Asia/Shanghai')).toBe('2026-03-16');
  });

  it('follows daylight saving time', () => {
    // New York is UTC-5 until 2026-03-08 02:00 local, then UTC-4.
    expect(localDateOf(new Date('2026-03-08T04:30:00Z'), 'America/New_York')).toBe('2026-03-07');
    expect(localDateOf(new Date('2026-03-09T03:30:00Z'), 'America/New_York')).toBe('2026-03-08');
    expect(localDateOf(new Date('2026-03-09T04:30:00Z'), 'America/New_York')).toBe('2026-03-09');
  });

  it('handles zones far from UTC', () => {
    expect(localDateOf(new Date('2026-12-31T10:00:00Z'), 'Pacific/Kiritimati')).toBe('2027-01-01');
    expect(localDateOf(new Date('2026-01-01T10:00:00Z'), 'Pacific/Pago_Pago')).toBe('2025-12-31');
  });

  it('equals the UTC day in UTC', () => {
    fc.assert(
      fc.property(
        fc.date({
          min: new Date('1900-01-01T00:00:00Z'),
          max: new Date('2199-12-31T23:59:59Z'),
          noInvalidDate: true,
        }),
        (instant) => {
          expect(localDateOf(instant, 'UTC')).toBe(instant.toISOString().slice(0, 10));
        },
      ),
    );
  });

  it('refuses an unknown zone and an invalid instant', () => {
    expect(() => localDateOf(new Date('2026-03-15T00:00:00Z'), 'Mars/Olympus_Mons')).toThrow(RangeError);
    expect(() => localDateOf(new Date(Number.NaN), 'UTC')).toThrow(RangeError);
  });
});
