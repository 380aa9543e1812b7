/**
 * Risk signals (风险信号): facts about a case, flagged by collectors, imports or checks, that change how
 * it is worked. They feed the delinquency class (delinquency-class.ts) and the priority score
 * (priority.ts); each consumer documents what a signal does there.
 */
import { type BilingualText, copyText } from './bilingual';

export const RISK_SIGNALS = [
  'lost_contact',
  'multiple_lenders',
  'asset_transfer',
  'complaint',
  'fraud_suspected',
  'enforcement_debtor',
  'bankruptcy',
  'deceased',
] as const;
export type RiskSignal = (typeof RISK_SIGNALS)[number];

const riskSignalTexts: Record<RiskSignal, BilingualText> = {
  lost_contact: { zh: '失联：无法联系到本人', en: 'Lost contact: the debtor cannot be reached' },
  multiple_lenders: {
    zh: '多头借贷：在多家机构有欠款',
    en: 'Several lenders: the debtor owes several institutions',
  },
  asset_transfer: { zh: '疑似转移资产', en: 'Suspected transfer of assets' },
  complaint: { zh: '客户已投诉', en: 'The debtor has filed a complaint' },
  fraud_suspected: { zh: '疑似欺诈借款', en: 'Suspected fraudulent borrowing' },
  enforcement_debtor: {
    zh: '已被法院列为被执行人',
    en: 'Already subject to court enforcement by another creditor',
  },
  bankruptcy: { zh: '已申请或进入个人破产程序', en: 'In personal bankruptcy proceedings' },
  deceased: { zh: '本人已身故（待核实）', en: 'The debtor is reported deceased (to be verified)' },
};

/** What a risk signal means, for people. */
export function riskSignalText(signal: RiskSignal): BilingualText {
  return copyText(riskSignalTexts[signal]);
}

export function isRiskSignal(value: string): value is RiskSignal {
  return (RISK_SIGNALS as readonly string[]).includes(value);
}
