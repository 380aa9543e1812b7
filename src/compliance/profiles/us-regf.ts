import type { ContactProfile } from './types';

const REG_F_CALLS = '12 CFR 1006.14(b)(2) (Regulation F, call frequency)';

/** United States: FDCPA (15 USC 1692 et seq.) and CFPB Regulation F (12 CFR part 1006). */
export const usRegFProfile: ContactProfile = {
  id: 'us-regf',
  name: 'United States (FDCPA + Regulation F)',
  hours: {
    value: { startMinute: 8 * 60, endMinute: 21 * 60, channels: ['call', 'sms', 'visit'] },
    source:
      "15 USC 1692c(a)(1) (FDCPA), 12 CFR 1006.6(b)(1)(i): before 08:00 or after 21:00 at the consumer's location is presumed inconvenient",
  },
  noContactOnStatutoryHolidays: null,
  dailyUnansweredCallsPerNumber: null,
  dailyConnectedCallsPerPerson: null,
  rollingCallCap: {
    value: { calls: 7, days: 7 },
    source: `${REG_F_CALLS}(i): more than 7 calls to a person about a particular debt within 7 consecutive days is presumed harassment`,
  },
  postConversationWait: {
    value: { days: 7 },
    source: `${REG_F_CALLS}(ii): no call within 7 consecutive days after a telephone conversation with the person about the debt; the conversation day is day 1`,
  },
  thirdParty: {
    value: { kind: 'location_once' },
    source:
      '15 USC 1692b (FDCPA): third parties only for location information, not more than once, never stating the debt',
  },
  thirdPartyRefusalIsFinal: {
    value: true,
    source:
      '15 USC 1692b(3): no further communication with a third party once location information was sought',
  },
  holds: {
    cease: {
      value: true,
      source: '15 USC 1692c(c): the consumer notified in writing to cease communication',
    },
    attorney: {
      value: true,
      source:
        '15 USC 1692c(a)(2), 1692b(6): the consumer is represented by an attorney; communicate with the attorney only',
    },
    complaintFreeze: {
      value: true,
      source: 'Qingshou policy: contact is frozen while a complaint (e.g. CFPB complaint) is handled',
    },
    legalHold: {
      value: true,
      source: 'Qingshou policy: legal holds the account (litigation, bankruptcy stay under 11 USC 362)',
    },
  },
};
