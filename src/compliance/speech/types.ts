/**
 * The vocabulary of prohibited-speech inspection: categories (stable codes of the `qingshou qa` contract),
 * transcripts, findings and rule descriptions. Used by the scanner (inspect.ts), template lint, the QA
 * service and the API.
 */

export const SPEECH_CATEGORIES = [
  'threat',
  'violence',
  'insult',
  'impersonation',
  'false_legal',
  'false_fact',
  'third_party_disclosure',
  'third_party_demand',
  'debt_inducement',
  'unauthorized_waiver',
  'improper_fee',
  'public_exposure',
  'missing_identity',
  'unhedged_consequence',
] as const;
export type SpeechCategory = (typeof SPEECH_CATEGORIES)[number];

export const SPEECH_SEVERITIES = ['error', 'warning'] as const;
export type SpeechSeverity = (typeof SPEECH_SEVERITIES)[number];

export const SPEAKERS = ['agent', 'customer'] as const;
export type Speaker = (typeof SPEAKERS)[number];

/** Who the agent is talking to: the debtor, or a third party (family, colleague, contact). */
export const SPEECH_PARTIES = ['debtor', 'third_party'] as const;
export type SpeechParty = (typeof SPEECH_PARTIES)[number];

export interface TranscriptTurn {
  speaker: Speaker;
  text: string;
}

export interface Transcript {
  party: SpeechParty;
  turns: readonly TranscriptTurn[];
}

/** One finding; `start`/`end` are UTF-16 offsets into `turns[turn].text` (the original, not normalised). */
export interface SpeechFinding {
  category: SpeechCategory;
  /** Stable rule id, e.g. `cn.threat.harm`. */
  rule: string;
  severity: SpeechSeverity;
  turn: number;
  start: number;
  end: number;
  quote: string;
}

/** What a rule is for, shown next to a finding and in the rule catalogue. */
export interface SpeechRuleInfo {
  id: string;
  category: SpeechCategory;
  severity: SpeechSeverity;
  /** Why it is not allowed (zh-CN, en). */
  explanation: { zh: string; en: string };
  /** A compliant way to say what the collector was trying to say (zh-CN). */
  alternative: string;
}
