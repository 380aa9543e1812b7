/**
 * Business dates: calendar days written 'YYYY-MM-DD' (due dates, payment dates, birth dates). They have
 * no time of day and no time zone; a moment becomes a business date only through `localDateOf` with the
 * zone of the person or portfolio concerned.
 *
 * Arithmetic works on whole days counted in UTC, so it is exact across DST changes and leap years.
 * Functions that take an already-parsed business date throw a RangeError for a malformed one: that is
 * a programming error (parse user input with `parseBusinessDate` first), not bad user input.
 */
import { type Rejected, reject } from './reasons';

/** A calendar day 'YYYY-MM-DD'. */
export type BusinessDate = string;

export const MIN_BUSINESS_YEAR = 1900;
export const MAX_BUSINESS_YEAR = 2199;

const MS_PER_DAY = 86_400_000;

export type BusinessDateResult = { ok: true; date: BusinessDate } | Rejected;

function toHalfWidth(text: string): string {
  return text
    .replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/\u3000/g, ' ');
}

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** Days in a month of the proleptic Gregorian calendar (month 1-12). */
export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** True when year-month-day names a day that exists (any year; no range check). */
export function isRealCalendarDate(year: number, month: number, day: number): boolean {
  return (
    Number.isInteger(year) &&
    Number.isInteger(month) &&
    Number.isInteger(day) &&
    month >= 1 &&
    month <= 12 &&
    day >= 1 &&
    day <= daysInMonth(year, month)
  );
}

function pad(value: number, width: number): string {
  return String(value).padStart(width, '0');
}

function formatDate(year: number, month: number, day: number): BusinessDate {
  return `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`;
}

function checkParts(year: number, month: number, day: number): BusinessDateResult {
  if (!isRealCalendarDate(year, month, day)) return reject('date_invalid');
  if (year < MIN_BUSINESS_YEAR || year > MAX_BUSINESS_YEAR) return reject('date_out_of_range');
  return { ok: true, date: formatDate(year, month, day) };
}

// Accepted spellings. A time of exactly midnight without a zone (as database exports write dates) is
// tolerated; any other time of day is refused, because the calendar day would then be ambiguous.
const MIDNIGHT = '(?:[ T]00:00(?::00(?:\\.0+)?)?)?';
const SEPARATED = new RegExp(`^(\\d{4})([-/.])(\\d{1,2})\\2(\\d{1,2})${MIDNIGHT}$`);
const COMPACT = /^(\d{4})(\d{2})(\d{2})$/;
const CHINESE = /^(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*[日号]?$/;

/**
 * Reads a date a person or a spreadsheet wrote. Accepts 'YYYY-MM-DD', 'YYYY-M-D', 'YYYY/M/D',
 * 'YYYY.M.D', 'YYYYMMDD' and 'YYYY年M月D日' (full-width digits too). A Date is taken by its UTC calendar
 * day, which is how spreadsheet readers deliver date cells.
 *
 * Reasons: `required` (empty), `date_format`, `date_invalid` (e.g. 2026-02-30, or an invalid Date),
 * `date_out_of_range` (year outside 1900-2199).
 */
export function parseBusinessDate(input: string | Date): BusinessDateResult {
  if (input instanceof Date) {
    const time = input.getTime();
    if (Number.isNaN(time)) return reject('date_invalid');
    return checkParts(input.getUTCFullYear(), input.getUTCMonth() + 1, input.getUTCDate());
  }
  const text = toHalfWidth(input).trim();
  if (text === '') return reject('required');
  const match = SEPARATED.exec(text) ?? CHINESE.exec(text);
  if (match) {
    const isSeparated = match.length === 5;
    const year = Number(match[1]);
    const month = Number(isSeparated ? match[3] : match[2]);
    const day = Number(isSeparated ? match[4] : match[3]);
    return checkParts(year, month, day);
  }
  const compact = COMPACT.exec(text);
  if (compact) return checkParts(Number(compact[1]), Number(compact[2]), Number(compact[3]));
  return reject('date_format');
}

const CANONICAL = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True for a canonical 'YYYY-MM-DD' that exists (any year 0000-9999). */
export function isBusinessDate(value: string): boolean {
  const match = CANONICAL.exec(value);
  return match !== null && isRealCalendarDate(Number(match[1]), Number(match[2]), Number(match[3]));
}

/** Days since 1970-01-01 of a canonical business date. */
export function epochDayOf(date: BusinessDate): number {
  const match = CANONICAL.exec(date);
  const year = Number(match?.[1]);
  const month = Number(match?.[2]);
  const day = Number(match?.[3]);
  if (!match || !isRealCalendarDate(year, month, day)) {
    throw new RangeError(`Not a business date 'YYYY-MM-DD': ${JSON.stringify(date)}`);
  }
  const utc = new Date(0);
  utc.setUTCFullYear(year, month - 1, day);
  return Math.round(utc.getTime() / MS_PER_DAY);
}

/** The business date `epochDay` days after 1970-01-01. */
export function dateOfEpochDay(epochDay: number): BusinessDate {
  if (!Number.isInteger(epochDay)) throw new RangeError(`Not a whole number of days: ${epochDay}`);
  const utc = new Date(epochDay * MS_PER_DAY);
  return formatDate(utc.getUTCFullYear(), utc.getUTCMonth() + 1, utc.getUTCDate());
}

/** Calendar days from `from` to `to` (to - from): negative when `to` is earlier. */
export function daysBetween(from: BusinessDate, to: BusinessDate): number {
  return epochDayOf(to) - epochDayOf(from);
}

/** The date `days` calendar days after `date` (before it when negative). */
export function addDays(date: BusinessDate, days: number): BusinessDate {
  if (!Number.isInteger(days)) throw new RangeError(`Not a whole number of days: ${days}`);
  return dateOfEpochDay(epochDayOf(date) + days);
}

const dayFormatters = new Map<string, Intl.DateTimeFormat>();

function dayFormatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = dayFormatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      calendar: 'gregory',
      numberingSystem: 'latn',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
    });
    dayFormatters.set(timeZone, formatter);
  }
  return formatter;
}

/**
 * The calendar day an instant falls on in an IANA time zone, e.g. 2026-03-15T17:00:00Z is '2026-03-16'
 * in 'Asia/Shanghai'. Throws a RangeError for an unknown zone or an invalid Date.
 */
/** Whether `timeZone` is an IANA time zone this runtime knows. */
export function isTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
    return true;
  } catch {
    return false;
  }
}

export function localDateOf(instant: Date, timeZone: string): BusinessDate {
  if (Number.isNaN(instant.getTime())) throw new RangeError('Invalid Date');
  const parts = dayFormatterFor(timeZone).formatToParts(instant);
  const part = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((p) => p.type === type)?.value);
  return formatDate(part('year'), part('month'), part('day'));
}
