/**
 * Bilingual names of the training vocabulary (persona types, mindsets, situations, difficulty, who
 * answers, graded dimensions, how a call ended, payment channels), for the report and the command line.
 * The web UI has its own message files (web/src/i18n/training.ts).
 */
import type { BilingualText } from '../domain/bilingual';
import type { CallEnd, GradeDimension, PersonaType } from './types';

export const PERSONA_NAMES: Record<PersonaType, BilingualText> = {
  hostile: { zh: '强硬型', en: 'Hostile' },
  scheming: { zh: '阴谋型', en: 'Scheming' },
  cooperative: { zh: '合作型', en: 'Cooperative' },
  emotional: { zh: '感情型', en: 'Emotional' },
  stubborn: { zh: '固执型', en: 'Stubborn' },
  vain: { zh: '虚荣型', en: 'Vain' },
};

export const MINDSET_NAMES: Record<string, BilingualText> = {
  luck: { zh: '侥幸', en: 'thinks nothing will happen' },
  evasion: { zh: '推诿', en: 'blames others' },
  delay: { zh: '拖延', en: 'stalls' },
  confrontation: { zh: '对抗', en: 'confrontational' },
};

export const SITUATION_NAMES: Record<number, BilingualText> = {
  1: { zh: '第一类：有还款意愿，有还款能力', en: 'class 1: willing and able to pay' },
  2: { zh: '第二类：有还款意愿，无还款能力', en: 'class 2: willing but not able' },
  3: { zh: '第三类：有还款能力，无还款意愿', en: 'class 3: able but not willing' },
  4: { zh: '第四类：无还款意愿，无还款能力', en: 'class 4: neither willing nor able' },
};

export const DIFFICULTY_NAMES: Record<number, BilingualText> = {
  1: { zh: '初级', en: 'beginner' },
  2: { zh: '中级', en: 'intermediate' },
  3: { zh: '高级', en: 'advanced' },
};

export const PARTY_NAMES: Record<string, BilingualText> = {
  debtor: { zh: '本人', en: 'the debtor' },
  third_party: { zh: '第三方', en: 'a third party' },
  guarantor: { zh: '担保人', en: 'the guarantor' },
};

export const DIMENSION_NAMES: Record<GradeDimension, BilingualText> = {
  opening: { zh: '开场', en: 'Opening' },
  right_party: { zh: '核实身份', en: 'Right party' },
  purpose: { zh: '说明来意', en: 'Purpose' },
  reason: { zh: '询问原因', en: 'Reason' },
  objections: { zh: '异议处理', en: 'Objections' },
  empathy: { zh: '同理心', en: 'Empathy' },
  commitment: { zh: '还款承诺', en: 'Commitment' },
  recap: { zh: '复述确认', en: 'Recap' },
  discretion: { zh: '保密', en: 'Discretion' },
  message: { zh: '转告回电', en: 'Message' },
  closing: { zh: '礼貌结束', en: 'Closing' },
  professional: { zh: '合规话术', en: 'Professional' },
};

export const CALL_END_NAMES: Record<CallEnd, BilingualText> = {
  promise: { zh: '取得还款承诺', en: 'promise to pay' },
  hang_up: { zh: '通话挂断', en: 'the call was hung up' },
  time_limit: { zh: '通话超时', en: 'out of time' },
  script_end: { zh: '对话结束，未收尾', en: 'the lines ran out before the call was closed' },
};

export const CHANNEL_NAMES: Record<string, BilingualText> = {
  app: { zh: '官方APP', en: 'the official app' },
  bank_transfer: { zh: '银行转账', en: 'bank transfer' },
  counter: { zh: '柜台', en: 'a branch counter' },
  auto_debit: { zh: '自动扣款', en: 'auto-debit' },
};
