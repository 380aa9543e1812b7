import type { GateReason } from './gate';

/** What each gate reason means, for the people who see a refusal. */
export const gateReasonText: Record<GateReason, { zh: string; en: string }> = {
  outside_hours: {
    zh: '不在允许的联系时段内（按对方当地时间）',
    en: "Outside the allowed contact hours (the person's local time)",
  },
  frequency_cap: {
    zh: '7 天内对该债务的呼叫次数已达上限',
    en: 'The 7-day call limit for this debt is reached',
  },
  post_conversation_wait: {
    zh: '通话后 7 天内不得再就该债务致电',
    en: 'No call about this debt within 7 days of a conversation',
  },
  daily_attempt_cap: {
    zh: '该号码今日未接通次数已达上限',
    en: 'Unanswered attempts to this number today are at the limit',
  },
  daily_connected_cap: {
    zh: '今日对该客户的接通次数已达上限（含委外和机器人外呼）',
    en: 'Connected calls to this person today are at the limit (agencies and dialers included)',
  },
  third_party_restricted: {
    zh: '当前不得联系该第三方（仅在债务人失联时可联系，且对方拒绝后不得再联系）',
    en: 'This third party may not be contacted now (only while the debtor is unreachable, never after a refusal)',
  },
  cease: { zh: '已要求停止催收（或债务人已故）', en: 'Contact has been ceased (or the debtor is deceased)' },
  attorney: {
    zh: '债务人已委托律师，请与律师联系',
    en: 'The debtor is represented by an attorney; contact the attorney',
  },
  complaint_freeze: { zh: '案件因投诉冻结中', en: 'The case is frozen because of a complaint' },
  legal_hold: { zh: '案件处于法律冻结中', en: 'The case is under legal hold' },
  not_certified: {
    zh: '未通过培训认证，不能在该资产包外呼/联系',
    en: 'Not certified by training: you may not call or contact in this portfolio',
  },
};
