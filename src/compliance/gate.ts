/**
 * The contact gate: may this contact attempt happen now? One pure decision per request, with every
 * reason that blocks it and the earliest instant the same request would be allowed.
 *
 * Definitions (they decide what the numbers in the profiles count):
 * - Day: the local calendar day of the person contacted, in the request's `timeZone`. History entries
 *   carry no zone, so they are placed on days in that same zone.
 * - Attempt: a history entry with channel `call`. Entries after the evaluated instant are ignored.
 * - Unanswered (China, per number): a call attempt with outcome `no_answer`, `busy`, `not_connected` or
 *   `voicemail`, to the same `phone` (any person, any debt). `wrong_number` was answered and does not
 *   count. A request without `phone` is not subject to this per-number cap.
 * - Connected (China, per person): a call to the same `personId` (any debt, any party) whose outcome
 *   is `conversation` or `refused`: in both a person picked up and spoke.
 * - Reg F calls (per person per debt, 12 CFR 1006.14(b)(2)(i)): every call to the same `personId` about
 *   the same `debtId` except `not_connected` (a call that never reached the dialed number). `busy` is
 *   counted, which is the stricter reading.
 * - Telephone conversation (Reg F wait): a call to the same person about the same debt with outcome
 *   `conversation` or `refused` (the person spoke, even if only to refuse: stricter reading).
 * - Channels: the contact window applies to the channels listed in the profile (call, SMS, visit);
 *   all frequency caps and the post-conversation wait apply to calls only; holds and third-party
 *   rules apply to every channel.
 * - Third parties (China): only while the debtor is unreachable: `flags.debtorUnreachable` (all numbers
 *   invalid), or the latest N call attempts to a debtor about this debt all failed (no_answer, busy,
 *   not_connected, voicemail, wrong_number). A third party whose latest or any earlier contact ended
 *   `refused` is never contacted again.
 * - Third parties (US, 15 USC 1692b): one location communication per third party per debt: any earlier
 *   call or visit to that person about the debt ending `conversation` or `refused`, or any SMS, letter
 *   or email sent to them, uses it up.
 * - Holds (cease, attorney, complaint freeze, legal hold) block every channel and party.
 * - Unknown outcome: a call entry without `outcome` is an attempt reserved in the contact ledger whose
 *   result is not in yet (the line may be ringing). It counts as the worst case for every cap it could
 *   fall under: unanswered for the per-number cap, connected for the per-person daily cap, a counted
 *   call for Reg F, a used-up location communication for US third parties. It is not a conversation
 *   for the Reg F wait (that starts once a conversation is recorded) and not a failed attempt for the
 *   Chinese third-party rule. So concurrent reservations can never overshoot a cap.
 *
 * nextAllowedAt: the earliest instant >= now at which the same request, with the same history, would be
 * allowed: the next opening of the contact window, the start of the next local day for daily caps, the
 * end of the 7-day windows. It is `now` when the request is allowed, and null when nothing but a
 * change of facts can allow it (a hold, a third-party restriction).
 */
import chineseDays from 'chinese-days';
import { addDays, type BusinessDate, daysBetween, localDateOf } from '../domain/dates';
import { instantAtLocal, localMinuteOf } from './local-time';
import type { ContactChannel, ContactParty, ContactProfile } from './profiles/types';

export const CONTACT_OUTCOMES = [
  'no_answer',
  'busy',
  'not_connected',
  'voicemail',
  'conversation',
  'refused',
  'wrong_number',
] as const;
export type ContactOutcome = (typeof CONTACT_OUTCOMES)[number];

export interface ContactHistoryEntry {
  at: Date;
  channel: ContactChannel;
  party: ContactParty;
  personId: string;
  debtId: string;
  phone?: string;
  outcome?: ContactOutcome;
}

export interface ContactFlags {
  cease?: boolean;
  attorney?: boolean;
  complaintFreeze?: boolean;
  legalHold?: boolean;
  debtorUnreachable?: boolean;
  /**
   * Who contacts is a person (collector or team lead) without the training certification that the
   * case's portfolio requires (portfolios.require_certification). Never set for dialers and systems.
   */
  notCertified?: boolean;
}

export interface ContactRequest {
  profile: ContactProfile;
  now: Date;
  /** IANA zone of the person contacted. */
  timeZone: string;
  channel: ContactChannel;
  party: ContactParty;
  personId: string;
  debtId: string;
  phone?: string;
  history?: readonly ContactHistoryEntry[];
  flags?: ContactFlags;
}

export type GateReason =
  | 'outside_hours'
  | 'frequency_cap'
  | 'post_conversation_wait'
  | 'daily_attempt_cap'
  | 'daily_connected_cap'
  | 'third_party_restricted'
  | 'cease'
  | 'attorney'
  | 'complaint_freeze'
  | 'legal_hold'
  | 'not_certified';

export interface ContactDecision {
  allowed: boolean;
  reasons: GateReason[];
  nextAllowedAt: Date | null;
}

/** One rule's verdict at an instant: `next` is the earliest later instant it may allow (null: never). */
export type RuleVerdict = { blocked: false } | { blocked: true; next: Date | null };

export interface ContactRule {
  reason: GateReason;
  /** The verdict of this rule alone for `request` as if asked at instant `at`. */
  check(request: ContactRequest, at: Date): RuleVerdict;
}

const ALLOW: RuleVerdict = { blocked: false };
const NEVER: RuleVerdict = { blocked: true, next: null };
const UNANSWERED: ReadonlySet<ContactOutcome | undefined> = new Set([
  undefined,
  'no_answer',
  'busy',
  'not_connected',
  'voicemail',
]);
const FAILED: ReadonlySet<ContactOutcome | undefined> = new Set([
  'no_answer',
  'busy',
  'not_connected',
  'voicemail',
  'wrong_number',
]);
const isConnected = (outcome: ContactOutcome | undefined) =>
  outcome === 'conversation' || outcome === 'refused';
/** Connected, or not known yet (a reserved attempt): the worst case for caps on connected contacts. */
const mayBeConnected = (outcome: ContactOutcome | undefined) => outcome === undefined || isConnected(outcome);

/*
 * Calendar questions in a zone go through Intl, which costs more than the rest of a decision together,
 * and the same instants come back for every rule, every step of the nextAllowedAt search and the same
 * person's next decision. These memos answer exactly what the functions they wrap answer (errors
 * included: nothing is remembered for an invalid instant or an unknown zone), like the formatter caches
 * of dates.ts and local-time.ts.
 */
const MEMO_ZONES = 64;
const MEMO_GENERATION = 20_000;

type Generations<K, V> = { young: Map<K, V>; old: Map<K, V> };

/**
 * Answers per zone in two generations: when the young ones (all zones together) reach
 * MEMO_GENERATION entries they become the old ones, so what is in use survives and memory is bounded.
 */
class ZoneMemo<K, V> {
  private readonly zones = new Map<string, Generations<K, V>>();
  private youngSize = 0;

  get(timeZone: string, key: K, compute: () => V): V {
    const zone = this.zones.get(timeZone);
    if (zone !== undefined) {
      const young = zone.young.get(key);
      if (young !== undefined) return young;
      const old = zone.old.get(key);
      if (old !== undefined) {
        this.put(zone, key, old);
        return old;
      }
    }
    const value = compute();
    this.put(zone ?? this.zoneFor(timeZone), key, value);
    return value;
  }

  private zoneFor(timeZone: string): Generations<K, V> {
    if (this.zones.size >= MEMO_ZONES) {
      this.zones.clear();
      this.youngSize = 0;
    }
    const zone = { young: new Map<K, V>(), old: new Map<K, V>() };
    this.zones.set(timeZone, zone);
    return zone;
  }

  private put(zone: Generations<K, V>, key: K, value: V): void {
    if (this.youngSize >= MEMO_GENERATION) {
      for (const z of this.zones.values()) {
        z.old = z.young;
        z.young = new Map();
      }
      this.youngSize = 0;
    }
    zone.young.set(key, value);
    this.youngSize++;
  }
}

const dayMemo = new ZoneMemo<number, BusinessDate>();
const minuteMemo = new ZoneMemo<number, number>();
const instantMemo = new ZoneMemo<string, number>();

/** localDateOf, remembered. */
function dayOf(instant: Date, timeZone: string): BusinessDate {
  return dayMemo.get(timeZone, instant.getTime(), () => localDateOf(instant, timeZone));
}

/** localMinuteOf, remembered. */
function minuteOf(instant: Date, timeZone: string): number {
  return minuteMemo.get(timeZone, instant.getTime(), () => localMinuteOf(instant, timeZone));
}

/** instantAtLocal, remembered (a new Date each time: callers own what they get). */
function localInstant(date: BusinessDate, minute: number, timeZone: string): Date {
  return new Date(
    instantMemo.get(timeZone, `${date} ${minute}`, () => instantAtLocal(date, minute, timeZone).getTime()),
  );
}

/*
 * A zone's offset from UTC differs by less than 48 hours between any two instants (named zones stay
 * within ±16 hours, fixed offsets do not change), so instants 72 hours or more apart are never on the
 * same local day: no need to ask Intl about them.
 */
const SAME_DAY_REACH_MS = 72 * 3_600_000;

/** Whether `instant` falls on local day `day`, the local day of `at` (a valid instant). */
function onDayOf(instant: Date, at: Date, day: BusinessDate, timeZone: string): boolean {
  return Math.abs(instant.getTime() - at.getTime()) < SAME_DAY_REACH_MS && dayOf(instant, timeZone) === day;
}

function dayStart(date: BusinessDate, timeZone: string): Date {
  return localInstant(date, 0, timeZone);
}

function nextDayStart(instant: Date, timeZone: string): Date {
  return localInstant(addDays(dayOf(instant, timeZone), 1), 0, timeZone);
}

function pastCalls(request: ContactRequest, at: Date): ContactHistoryEntry[] {
  return (request.history ?? []).filter((e) => e.channel === 'call' && e.at.getTime() <= at.getTime());
}

function holdRule(reason: GateReason, flag: keyof ContactFlags): ContactRule {
  return { reason, check: (request) => (request.flags?.[flag] ? NEVER : ALLOW) };
}

/** A Chinese statutory holiday day off (not a weekend, not a make-up workday). */
export function isStatutoryHoliday(date: BusinessDate): boolean {
  const detail = chineseDays.getDayDetail(date);
  return !detail.work && detail.name.includes(',');
}

const hoursRule: ContactRule = {
  reason: 'outside_hours',
  check(request, at) {
    const { profile, timeZone } = request;
    const hours = profile.hours.value;
    if (!hours.channels.includes(request.channel)) return ALLOW;
    const holidaysClosed = profile.noContactOnStatutoryHolidays?.value === true;
    const closedOn = (date: BusinessDate) => holidaysClosed && isStatutoryHoliday(date);
    const today = dayOf(at, timeZone);
    const minute = minuteOf(at, timeZone);
    if (!closedOn(today) && minute >= hours.startMinute && minute < hours.endMinute) return ALLOW;
    if (!closedOn(today) && minute < hours.startMinute) {
      return { blocked: true, next: localInstant(today, hours.startMinute, timeZone) };
    }
    let day = addDays(today, 1);
    // Holiday periods last at most a few weeks; a year is a safe bound.
    for (let i = 0; i < 366 && closedOn(day); i++) day = addDays(day, 1);
    return { blocked: true, next: localInstant(day, hours.startMinute, timeZone) };
  },
};

const dailyAttemptRule: ContactRule = {
  reason: 'daily_attempt_cap',
  check(request, at) {
    const cap = request.profile.dailyUnansweredCallsPerNumber?.value;
    if (cap === undefined || request.channel !== 'call' || request.phone === undefined) return ALLOW;
    const today = dayOf(at, request.timeZone);
    const unanswered = pastCalls(request, at).filter(
      (e) =>
        e.phone === request.phone && UNANSWERED.has(e.outcome) && onDayOf(e.at, at, today, request.timeZone),
    ).length;
    return unanswered < cap ? ALLOW : { blocked: true, next: nextDayStart(at, request.timeZone) };
  },
};

const dailyConnectedRule: ContactRule = {
  reason: 'daily_connected_cap',
  check(request, at) {
    const cap = request.profile.dailyConnectedCallsPerPerson?.value;
    if (cap === undefined || request.channel !== 'call') return ALLOW;
    const today = dayOf(at, request.timeZone);
    const connected = pastCalls(request, at).filter(
      (e) =>
        e.personId === request.personId &&
        mayBeConnected(e.outcome) &&
        onDayOf(e.at, at, today, request.timeZone),
    ).length;
    return connected < cap ? ALLOW : { blocked: true, next: nextDayStart(at, request.timeZone) };
  },
};

function callsAboutThisDebt(request: ContactRequest, at: Date): ContactHistoryEntry[] {
  return pastCalls(request, at).filter((e) => e.personId === request.personId && e.debtId === request.debtId);
}

const frequencyRule: ContactRule = {
  reason: 'frequency_cap',
  check(request, at) {
    const rolling = request.profile.rollingCallCap?.value;
    if (!rolling || request.channel !== 'call') return ALLOW;
    const { timeZone } = request;
    const today = dayOf(at, timeZone);
    // Days (relative to today, <= 0) of counted calls within the window ending today.
    const offsets = callsAboutThisDebt(request, at)
      .filter((e) => e.outcome !== 'not_connected')
      .map((e) => daysBetween(today, dayOf(e.at, timeZone)))
      .filter((offset) => offset > -rolling.days);
    if (offsets.length < rolling.calls) return ALLOW;
    // The window ending on day today+k covers offsets > k - days; find the first k with room.
    for (let k = 1; k <= rolling.days; k++) {
      if (offsets.filter((offset) => offset > k - rolling.days).length < rolling.calls) {
        return { blocked: true, next: dayStart(addDays(today, k), timeZone) };
      }
    }
    return { blocked: true, next: dayStart(addDays(today, rolling.days), timeZone) };
  },
};

const postConversationRule: ContactRule = {
  reason: 'post_conversation_wait',
  check(request, at) {
    const wait = request.profile.postConversationWait?.value;
    if (!wait || request.channel !== 'call') return ALLOW;
    const { timeZone } = request;
    const today = dayOf(at, timeZone);
    let latest: BusinessDate | null = null;
    for (const e of callsAboutThisDebt(request, at)) {
      if (!isConnected(e.outcome)) continue;
      const day = dayOf(e.at, timeZone);
      if (latest === null || day > latest) latest = day;
    }
    // The conversation day is day 1, so calls are allowed again from day 1 + wait.days.
    if (latest === null || daysBetween(latest, today) >= wait.days) return ALLOW;
    return { blocked: true, next: dayStart(addDays(latest, wait.days), timeZone) };
  },
};

const thirdPartyRule: ContactRule = {
  reason: 'third_party_restricted',
  check(request, at) {
    if (request.party !== 'third_party') return ALLOW;
    const { profile } = request;
    const past = (request.history ?? []).filter((e) => e.at.getTime() <= at.getTime());
    const withThisPerson = past.filter((e) => e.personId === request.personId && e.party === 'third_party');
    if (profile.thirdPartyRefusalIsFinal.value && withThisPerson.some((e) => e.outcome === 'refused'))
      return NEVER;
    const policy = profile.thirdParty.value;
    if (policy.kind === 'location_once') {
      const communicated = withThisPerson.some(
        (e) =>
          e.debtId === request.debtId &&
          (e.channel === 'call' || e.channel === 'visit' ? mayBeConnected(e.outcome) : true),
      );
      return communicated ? NEVER : ALLOW;
    }
    if (request.flags?.debtorUnreachable) return ALLOW;
    const debtorCalls = past
      .filter((e) => e.channel === 'call' && e.party === 'debtor' && e.debtId === request.debtId)
      .sort((a, b) => a.at.getTime() - b.at.getTime());
    const latest = debtorCalls.slice(-policy.consecutiveFailedAttempts);
    const unreachable =
      latest.length === policy.consecutiveFailedAttempts && latest.every((e) => FAILED.has(e.outcome));
    return unreachable ? ALLOW : NEVER;
  },
};

/** Every rule of the gate, in the order reasons are reported. Each reads its numbers from the profile. */
export const contactRules: readonly ContactRule[] = [
  holdRule('cease', 'cease'),
  holdRule('attorney', 'attorney'),
  holdRule('complaint_freeze', 'complaintFreeze'),
  holdRule('legal_hold', 'legalHold'),
  holdRule('not_certified', 'notCertified'),
  thirdPartyRule,
  hoursRule,
  dailyAttemptRule,
  dailyConnectedRule,
  frequencyRule,
  postConversationRule,
];

/** Steps of the nextAllowedAt search; each step moves past at least one blocking rule's next instant. */
const MAX_SEARCH_STEPS = 1000;

/** Decides one contact attempt. Throws a RangeError for an invalid `now` or an unknown time zone. */
export function decideContact(request: ContactRequest): ContactDecision {
  const now = request.now;
  if (Number.isNaN(now.getTime())) throw new RangeError('Invalid Date');
  const reasons: GateReason[] = [];
  let next: Date | null = now;
  for (const rule of contactRules) {
    const verdict = rule.check(request, now);
    if (!verdict.blocked) continue;
    reasons.push(rule.reason);
    next = next === null || verdict.next === null ? null : later(next, verdict.next);
  }
  if (reasons.length === 0) return { allowed: true, reasons, nextAllowedAt: now };
  return { allowed: false, reasons, nextAllowedAt: next === null ? null : searchAllowed(request, next) };
}

function later(a: Date, b: Date): Date {
  return a.getTime() >= b.getTime() ? a : b;
}

/** From `from`, move to each blocking rule's next instant until all rules allow (null if one never will). */
function searchAllowed(request: ContactRequest, from: Date): Date | null {
  let at = from;
  for (let step = 0; step < MAX_SEARCH_STEPS; step++) {
    let next: Date | null = at;
    let blocked = false;
    for (const rule of contactRules) {
      const verdict = rule.check(request, at);
      if (!verdict.blocked) continue;
      blocked = true;
      if (verdict.next === null) return null;
      next = later(next, verdict.next);
    }
    if (!blocked) return at;
    if (next.getTime() <= at.getTime()) return null;
    at = next;
  }
  return null;
}
