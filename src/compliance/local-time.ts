/**
 * Wall-clock time in a person's IANA time zone, for rules written in local time ("08:00-22:00 debtor
 * local time", "per day"). Calendar days are business dates from src/domain/dates; this file only adds
 * the minute of the day and the way back from (local day, minute) to an instant, which DST makes
 * non-trivial.
 */
import { addDays, type BusinessDate, localDateOf } from '../domain/dates';

const MS_PER_MINUTE = 60_000;
const MS_PER_DAY = 86_400_000;

const clockFormatters = new Map<string, Intl.DateTimeFormat>();

function clockFormatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = clockFormatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      calendar: 'gregory',
      numberingSystem: 'latn',
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    clockFormatters.set(timeZone, formatter);
  }
  return formatter;
}

function wallClockAsUtcMs(instant: Date, timeZone: string): number {
  const parts = clockFormatterFor(timeZone).formatToParts(instant);
  const part = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((p) => p.type === type)?.value);
  return Date.UTC(
    part('year'),
    part('month') - 1,
    part('day'),
    part('hour'),
    part('minute'),
    part('second'),
    instant.getUTCMilliseconds(),
  );
}

/** The zone's offset from UTC at an instant, in milliseconds (e.g. +8 h for Asia/Shanghai). */
function offsetMsAt(instant: Date, timeZone: string): number {
  return wallClockAsUtcMs(instant, timeZone) - instant.getTime();
}

/** Minutes since local midnight (0-1439) of an instant in a time zone; seconds are dropped. */
export function localMinuteOf(instant: Date, timeZone: string): number {
  const wall = wallClockAsUtcMs(instant, timeZone);
  return Math.floor((((wall % MS_PER_DAY) + MS_PER_DAY) % MS_PER_DAY) / MS_PER_MINUTE);
}

/**
 * The first instant whose local wall clock in `timeZone` reads `date` at `minute` (0-1439) or later.
 * When that wall time does not exist (the hour skipped when DST starts), the result is the first
 * instant after the gap; when it exists twice (DST ends), the earlier one.
 */
export function instantAtLocal(date: BusinessDate, minute: number, timeZone: string): Date {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  const wallMs = Date.UTC(year, month - 1, day) + minute * MS_PER_MINUTE;
  // Try both offsets seen around the wall time; keep the earliest instant that reads the wall time or
  // later on the same local day.
  const offsets = new Set([
    offsetMsAt(new Date(wallMs - MS_PER_DAY), timeZone),
    offsetMsAt(new Date(wallMs), timeZone),
    offsetMsAt(new Date(wallMs + MS_PER_DAY), timeZone),
  ]);
  let best: number | null = null;
  for (const offset of offsets) {
    const candidate = wallMs - offset;
    if (wallClockAsUtcMs(new Date(candidate), timeZone) === wallMs && (best === null || candidate < best)) {
      best = candidate;
    }
  }
  if (best !== null) return new Date(best);
  // The wall time falls in a DST gap: the first instant after the gap is where the offset changes.
  let low = wallMs - Math.max(...offsets);
  let high = wallMs - Math.min(...offsets);
  if (low > high) [low, high] = [high, low];
  while (high - low > 1) {
    const mid = Math.floor((low + high) / 2);
    if (wallClockAsUtcMs(new Date(mid), timeZone) >= wallMs) high = mid;
    else low = mid;
  }
  return new Date(high);
}

/** Local midnight (or the first instant) of the day after `instant`'s local day. */
export function startOfNextLocalDay(instant: Date, timeZone: string): Date {
  return instantAtLocal(addDays(localDateOf(instant, timeZone), 1), 0, timeZone);
}

/** The first instant of a local calendar day. */
export function startOfLocalDay(date: BusinessDate, timeZone: string): Date {
  return instantAtLocal(date, 0, timeZone);
}
