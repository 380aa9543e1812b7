import type { ContactProfile } from './types';

const CBA_GUIDELINE =
  'China Banking Association, consumer-loan collection guideline (消费金融催收指引), 2026, trial';
const GBT_45251 = 'GB/T 45251-2025, internet consumer lending: collection practice (national standard)';

/** China: consumer-loan and credit-card collection under current industry guidance. */
export const cnCbaProfile: ContactProfile = {
  id: 'cn-cba',
  name: 'China (CBA guideline + GB/T 45251-2025)',
  hours: {
    value: { startMinute: 8 * 60, endMinute: 22 * 60, channels: ['call', 'sms', 'visit'] },
    source: `${CBA_GUIDELINE}: no collection contact between 22:00 and 08:00, debtor local time`,
  },
  noContactOnStatutoryHolidays: null,
  dailyUnansweredCallsPerNumber: {
    value: 6,
    source: `${CBA_GUIDELINE}: at most 6 unanswered call attempts per phone number per day`,
  },
  dailyConnectedCallsPerPerson: {
    value: 3,
    source: `${GBT_45251}: at most 3 connected calls per debtor per day across the lender, its agencies and robot dialers`,
  },
  rollingCallCap: null,
  postConversationWait: null,
  thirdParty: {
    value: { kind: 'debtor_unreachable', consecutiveFailedAttempts: 3 },
    source: `${CBA_GUIDELINE}: third parties only when the debtor cannot be reached (all numbers invalid, or 3 consecutive failed attempts), only to ask for contact details or relay a callback request`,
  },
  thirdPartyRefusalIsFinal: {
    value: true,
    source: `Third-party practice under the ${CBA_GUIDELINE}: request, never force; a third party who refuses is not contacted again`,
  },
  holds: {
    cease: {
      value: true,
      source:
        'Qingshou policy: a recorded stop-contact instruction (debt under dispute or closed) blocks every contact',
    },
    attorney: {
      value: true,
      source: 'Qingshou policy: once a lawyer represents the debtor, contact goes through the lawyer only',
    },
    complaintFreeze: {
      value: true,
      source: 'Qingshou policy: contact is frozen while a complaint (投诉) about the case is being handled',
    },
    legalHold: {
      value: true,
      source: 'Qingshou policy: legal (法务) holds the case during litigation, mediation or enforcement',
    },
  },
};
