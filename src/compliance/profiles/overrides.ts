/**
 * House overrides: a portfolio or a center may make a profile stricter (e.g. end the day at 21:00, no
 * calls on statutory holidays), never looser. Every override names its own source (the house rule).
 */
import type { ContactProfile, Sourced } from './types';

export interface HouseOverrides {
  /** Who decided, e.g. 'Card center policy 2026-03, §4.2'. Required: every profile value cites a source. */
  source: string;
  /** Local start of the contact window 'HH:MM'; may only be later than the profile's. */
  dayStart?: string;
  /** Local end of the contact window 'HH:MM' (exclusive); may only be earlier than the profile's. */
  dayEnd?: string;
  /** No contact on the channels of the contact window on Chinese statutory holidays (chinese-days). */
  noContactOnStatutoryHolidays?: boolean;
  /** Unanswered calls per number per day; may only be lower (or added where the profile has none). */
  dailyUnansweredCallsPerNumber?: number;
  /** Connected calls per person per day; may only be lower (or added where the profile has none). */
  dailyConnectedCallsPerPerson?: number;
}

export type OverrideProblemCode =
  | 'source_required'
  | 'time_format'
  | 'empty_window'
  | 'looser_than_profile'
  | 'not_positive_integer';

export interface OverrideProblem {
  field: keyof HouseOverrides;
  code: OverrideProblemCode;
  message: string;
}

export type OverrideResult =
  | { ok: true; profile: ContactProfile }
  | { ok: false; problems: OverrideProblem[] };

const HH_MM = /^([01]\d|2[0-3]):([0-5]\d)$/;

function minuteOf(text: string): number | null {
  const match = HH_MM.exec(text);
  return match ? Number(match[1]) * 60 + Number(match[2]) : null;
}

/** 'HH:MM' of minutes after midnight. */
export function formatMinute(minute: number): string {
  return `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;
}

function checkCap(
  field: 'dailyUnansweredCallsPerNumber' | 'dailyConnectedCallsPerPerson',
  value: number | undefined,
  current: Sourced<number> | null,
  problems: OverrideProblem[],
): void {
  if (value === undefined) return;
  if (!Number.isInteger(value) || value < 1) {
    problems.push({
      field,
      code: 'not_positive_integer',
      message: `${field} must be a whole number of at least 1`,
    });
  } else if (current && value > current.value) {
    problems.push({
      field,
      code: 'looser_than_profile',
      message: `${field} ${value} is more than the profile's ${current.value} (${current.source})`,
    });
  }
}

/**
 * The profile with the house overrides applied, or every problem found (nothing applied).
 * Overridden values cite `overrides.source`.
 */
export function applyHouseOverrides(profile: ContactProfile, overrides: HouseOverrides): OverrideResult {
  const problems: OverrideProblem[] = [];
  const source = overrides.source.trim();
  if (source === '') {
    problems.push({
      field: 'source',
      code: 'source_required',
      message: 'Name the house rule the overrides come from',
    });
  }
  const hours = profile.hours.value;
  let start = hours.startMinute;
  let end = hours.endMinute;
  if (overrides.dayStart !== undefined) {
    const minute = minuteOf(overrides.dayStart);
    if (minute === null) {
      problems.push({
        field: 'dayStart',
        code: 'time_format',
        message: 'dayStart must be written HH:MM, e.g. 09:00',
      });
    } else if (minute < start) {
      problems.push({
        field: 'dayStart',
        code: 'looser_than_profile',
        message: `dayStart ${overrides.dayStart} is earlier than the profile's ${formatMinute(start)} (${profile.hours.source})`,
      });
    } else {
      start = minute;
    }
  }
  if (overrides.dayEnd !== undefined) {
    const minute = minuteOf(overrides.dayEnd);
    if (minute === null) {
      problems.push({
        field: 'dayEnd',
        code: 'time_format',
        message: 'dayEnd must be written HH:MM, e.g. 21:00',
      });
    } else if (minute > end) {
      problems.push({
        field: 'dayEnd',
        code: 'looser_than_profile',
        message: `dayEnd ${overrides.dayEnd} is later than the profile's ${formatMinute(end)} (${profile.hours.source})`,
      });
    } else {
      end = minute;
    }
  }
  if (start >= end) {
    problems.push({
      field: overrides.dayEnd !== undefined ? 'dayEnd' : 'dayStart',
      code: 'empty_window',
      message: `The contact window ${formatMinute(start)}-${formatMinute(end)} is empty`,
    });
  }
  checkCap(
    'dailyUnansweredCallsPerNumber',
    overrides.dailyUnansweredCallsPerNumber,
    profile.dailyUnansweredCallsPerNumber,
    problems,
  );
  checkCap(
    'dailyConnectedCallsPerPerson',
    overrides.dailyConnectedCallsPerPerson,
    profile.dailyConnectedCallsPerPerson,
    problems,
  );
  if (overrides.noContactOnStatutoryHolidays === false && profile.noContactOnStatutoryHolidays?.value) {
    problems.push({
      field: 'noContactOnStatutoryHolidays',
      code: 'looser_than_profile',
      message: `The profile forbids contact on statutory holidays (${profile.noContactOnStatutoryHolidays.source})`,
    });
  }
  if (problems.length > 0) return { ok: false, problems };

  const house = (what: string) => `${source} (house override: ${what})`;
  const result: ContactProfile = { ...profile, id: `${profile.id}+house` };
  if (start !== hours.startMinute || end !== hours.endMinute) {
    result.hours = {
      value: { ...hours, startMinute: start, endMinute: end },
      source: house(
        `contact window ${formatMinute(start)}-${formatMinute(end)}; profile: ${profile.hours.source}`,
      ),
    };
  }
  if (overrides.noContactOnStatutoryHolidays === true) {
    result.noContactOnStatutoryHolidays = {
      value: true,
      source: house('no contact on statutory holidays, per the State Council schedule in chinese-days'),
    };
  }
  if (overrides.dailyUnansweredCallsPerNumber !== undefined) {
    result.dailyUnansweredCallsPerNumber = {
      value: overrides.dailyUnansweredCallsPerNumber,
      source: house(`at most ${overrides.dailyUnansweredCallsPerNumber} unanswered calls per number per day`),
    };
  }
  if (overrides.dailyConnectedCallsPerPerson !== undefined) {
    result.dailyConnectedCallsPerPerson = {
      value: overrides.dailyConnectedCallsPerPerson,
      source: house(`at most ${overrides.dailyConnectedCallsPerPerson} connected calls per person per day`),
    };
  }
  return { ok: true, profile: result };
}
