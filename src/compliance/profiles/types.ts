/**
 * A compliance profile: the contact rules of one jurisdiction as data. Every value carries the rule it
 * comes from (`source`), so the gate, QA and training can show why, and docs/compliance-profiles.md can
 * list it. `null` means the profile has no such rule.
 */

export const CONTACT_CHANNELS = ['call', 'sms', 'visit', 'letter', 'email'] as const;
export type ContactChannel = (typeof CONTACT_CHANNELS)[number];
export type ContactParty = 'debtor' | 'third_party';

/** A profile value with its citation. */
export interface Sourced<T> {
  value: T;
  source: string;
}

/** Local contact window: allowed when startMinute <= minute of the local day < endMinute. */
export interface ContactHours {
  /** Minutes after local midnight, e.g. 480 for 08:00. */
  startMinute: number;
  /** Minutes after local midnight, exclusive: 1320 (22:00) allows 21:59 and refuses 22:00. */
  endMinute: number;
  /** Channels the window applies to. */
  channels: readonly ContactChannel[];
}

/**
 * When a third party may be contacted at all.
 * - `debtor_unreachable` (China): only while the debtor cannot be reached, i.e. the caller flags all
 *   numbers as invalid (`flags.debtorUnreachable`) or the last `consecutiveFailedAttempts` call attempts to
 *   the debtor on this debt all failed.
 * - `location_once` (US): location information only, one communication per third party per debt.
 */
export type ThirdPartyPolicy =
  | { kind: 'debtor_unreachable'; consecutiveFailedAttempts: number }
  | { kind: 'location_once' };

export interface ContactProfile {
  id: string;
  name: string;
  hours: Sourced<ContactHours>;
  /** No contact on the channels of `hours` on Chinese statutory holidays (chinese-days). */
  noContactOnStatutoryHolidays: Sourced<boolean> | null;
  /** Unanswered call attempts per phone number per local day. */
  dailyUnansweredCallsPerNumber: Sourced<number> | null;
  /** Connected calls per person per local day, across lender, agencies and robot dialers. */
  dailyConnectedCallsPerPerson: Sourced<number> | null;
  /** At most `calls` calls per person per debt within `days` consecutive local days. */
  rollingCallCap: Sourced<{ calls: number; days: number }> | null;
  /** No call to the person about the debt for `days` local days after a conversation (its day is day 1). */
  postConversationWait: Sourced<{ days: number }> | null;
  thirdParty: Sourced<ThirdPartyPolicy>;
  /** A third party who refused is never contacted again. */
  thirdPartyRefusalIsFinal: Sourced<boolean>;
  holds: {
    cease: Sourced<true>;
    attorney: Sourced<true>;
    complaintFreeze: Sourced<true>;
    legalHold: Sourced<true>;
  };
}
