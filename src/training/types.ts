/**
 * The vocabulary of the training simulator: personas (who the trainee talks to), scenarios (the call to
 * practise), collector acts (what the trainee did in an utterance), the debtor's reply intents (what the
 * simulated debtor does next, worded from the response bank), and the session's outcome.
 *
 * Pure data types; the engine (engine.ts), the content (personas.ts, scenarios.ts, responses.ts) and the
 * grading (grading.ts) share them.
 */

import type { SpeechCategory, SpeechFinding } from '../compliance/speech/types';
import type { BilingualText } from '../domain/bilingual';

/** Personality types (DOMAIN.md): 强硬, 阴谋, 合作, 感情, 固执, 虚荣. Stable codes of the CLI contract. */
export const PERSONA_TYPES = ['hostile', 'scheming', 'cooperative', 'emotional', 'stubborn', 'vain'] as const;
export type PersonaType = (typeof PERSONA_TYPES)[number];

/** Mindsets: 侥幸 (thinks nothing will happen), 推诿 (blames others), 拖延 (stalls), 对抗 (confrontational). */
export const MINDSETS = ['luck', 'evasion', 'delay', 'confrontation'] as const;
export type Mindset = (typeof MINDSETS)[number];

/**
 * The situation: the four classes of delinquency (willingness × ability).
 * 1 willing and able, 2 willing not able, 3 able not willing, 4 neither.
 */
export type SituationClass = 1 | 2 | 3 | 4;

/** The four role-play drills of the courses (DOMAIN.md), when a scenario is one. */
export const DRILL_TYPES = ['refuses_to_talk', 'disputes', 'hardship_delay', 'hostile'] as const;
export type DrillType = (typeof DRILL_TYPES)[number];

/**
 * Who answers the phone: the debtor; a third party unrelated to the debt (family, colleague: may only be
 * asked to pass on a callback request, nothing disclosed); a guarantor (liable, may be told the debt).
 */
export const CALL_PARTIES = ['debtor', 'third_party', 'guarantor'] as const;
export type CallParty = (typeof CALL_PARTIES)[number];

/**
 * The excuses a debtor can raise (DOMAIN.md "common excuses"); each persona has a repertoire and raises
 * them in order as objections.
 */
export const EXCUSES = [
  'no_money',
  'lost_job',
  'illness',
  'already_paid',
  'pay_later',
  'spouse_will_pay',
  'not_my_spending',
  'send_bill_first',
  'fees_unfair',
  'sue_me',
  'want_supervisor',
  'forgot',
  'business_cashflow',
  'quality_dispute',
  'not_my_debt',
] as const;
export type Excuse = (typeof EXCUSES)[number];

/** The hidden state of a persona, each 0-100. Moves with what the trainee says. */
export interface PersonaState {
  /** How much longer they will stay on the line; 0 = hangs up. */
  patience: number;
  /** How far they believe the caller is who they say and means well. */
  trust: number;
  /** How ready they are to commit to paying. */
  willingness: number;
  /** How angry they are; at 100 they hang up. */
  hostility: number;
}

/** What the debtor (or guarantor) can really pay: `nowFen` within `nowDays` days, `laterFen` within `laterDays`. */
export interface PersonaAbility {
  nowFen: number;
  nowDays: number;
  laterFen: number;
  laterDays: number;
}

export interface Persona {
  /** 称呼 of the person who answers, e.g. 王先生. */
  name: string;
  gender: 'male' | 'female';
  age: number;
  occupation: BilingualText;
  type: PersonaType;
  mindset: Mindset;
  situation: SituationClass;
  /** Raised in this order as the call goes on (at least one). */
  excuses: readonly Excuse[];
  /** The state at the start of the call. */
  initial: PersonaState;
  ability: PersonaAbility;
  /**
   * Willingness at or above which a proposal within ability is accepted (cooperative personas low,
   * stubborn and hostile high).
   */
  acceptAt: number;
  /** One line on how to handle this persona, for the trainer and the report (zh, en). */
  coaching: BilingualText;
}

/** The account the call is about (what the collector's screen shows). Amounts in fen. */
export interface ScenarioAccount {
  creditor: string;
  product: BilingualText;
  debtorName: string;
  balanceFen: number;
  /** The overdue amount due now (what a promise should cover). */
  overdueFen: number;
  daysPastDue: number;
  /** Optional: the last payment date and amount. */
  lastPayment?: { date: string; amountFen: number } | null;
  brokenPromises: number;
}

/** What the call should achieve. */
export type ScenarioGoal =
  | {
      kind: 'promise';
      /** A promise of at least this many fen ... */
      minFen: number;
      /** ... falling due within this many days of the call. */
      withinDays: number;
    }
  | {
      /** Third-party call: have the message (name + callback number) passed on, disclosing nothing. */
      kind: 'callback_message';
    };

export interface Scenario {
  /** Stable id, e.g. `m1-forgot-cooperative`. */
  id: string;
  title: BilingualText;
  /** The situation the trainee reads before dialling. */
  background: BilingualText;
  difficulty: 1 | 2 | 3;
  drill: DrillType | null;
  party: CallParty;
  /** For third-party and guarantor calls: how the person who answers relates to the debtor (zh, en). */
  relation: BilingualText | null;
  account: ScenarioAccount;
  persona: Persona;
  goal: ScenarioGoal;
  /** The call ends at this many trainee turns (time limit). */
  turnLimit: number;
  /** What the goal means in words, for the briefing and the report. */
  goalText: BilingualText;
  /** Tags for the library screen (e.g. 'M1', 'guarantor', 'third_party'). */
  tags: readonly string[];
}

/**
 * What a trainee utterance does (recognised by acts.ts). A call follows DOMAIN.md's flow: open with name
 * and institution, confirm the right party, state the purpose, ask the reason, handle objections with
 * empathy and lawful consequences, offer a plan, ask for amount and date, state the channel, recap, close.
 */
export const COLLECTOR_ACTS = [
  'greeting',
  'identity',
  'right_party_check',
  'purpose',
  'ask_reason',
  'empathy',
  'lawful_consequence',
  'offer_plan',
  'ask_amount_date',
  'propose',
  'channel',
  'recap',
  'closing',
  'callback_request',
] as const;
export type CollectorAct = (typeof COLLECTOR_ACTS)[number];

/** What was recognised in one utterance. */
export interface RecognisedUtterance {
  acts: CollectorAct[];
  /** Amounts mentioned, in fen (parseAmounts). */
  amounts: number[];
  /** Dates mentioned, YYYY-MM-DD (parseDates). */
  dates: string[];
  /**
   * A proposal: an amount with a date in the same utterance (the first of each) that asks, suggests or
   * recaps (a plain statement of the account's amount on the day of the call is not one).
   */
  proposal: { amountFen: number; date: string } | null;
  /** The utterance says yes (read on words: 行 in 银行, 不可以, "您可以通过…" are not a yes). */
  agrees: boolean;
}

/**
 * What the simulated person does in reply. The engine picks the intent from its state; the response
 * bank words it for the persona type and mood.
 */
export const REPLY_INTENTS = [
  /** Answers the phone. */
  'answer',
  /** Asks who is calling (the caller did not say who they are or where from). */
  'ask_who',
  /** Confirms they are the person asked for. */
  'confirm_identity',
  /** Avoids confirming (scheming, refuses to talk). */
  'deflect_identity',
  /** Third party: the person asked for is not here; who are you, what is it about? */
  'third_party_absent',
  /** Third party: presses for the reason of the call. */
  'third_party_probe',
  /** Third party: agrees to pass on the message. */
  'third_party_take_message',
  /** Third party reacts to being told about a debt (a disclosure happened). */
  'third_party_shocked',
  /** Raises the current excuse. */
  'excuse',
  /** Explains why they did not pay (after being asked the reason). */
  'explain_reason',
  /** Disputes the debt or the amount. */
  'dispute',
  /** Softens: the trainee's empathy landed. */
  'soften',
  /** Reacts to a lawful consequence: takes it seriously. */
  'concede_consequence',
  /** Reacts to pressure with defiance ("sue me then"). */
  'defy',
  /** Offers an amount and a date themselves (lower than asked when scheming). */
  'offer',
  /** Counters a proposal: too much or too soon; names what they can do. */
  'counter',
  /** Accepts a proposal (amount and date now agreed). */
  'accept',
  /** Asks how to pay (no channel given yet). */
  'ask_channel',
  /** Confirms the recap. */
  'confirm_recap',
  /** Stalls without committing. */
  'stall',
  /** Did not understand / off topic. */
  'confused',
  /** Angry reaction to a threat, insult or improper remark. */
  'angry',
  /** Calls out an impersonation or a false claim. */
  'call_out',
  /** Says goodbye (the call ends normally). */
  'goodbye',
  /** Hangs up (patience gone or too hostile). */
  'hang_up',
] as const;
export type ReplyIntent = (typeof REPLY_INTENTS)[number];

/** The mood that picks a variant in the response bank. */
export const MOODS = ['calm', 'guarded', 'upset'] as const;
export type Mood = (typeof MOODS)[number];

/**
 * The values a reply template can use: `{amount}` (the amount in words, e.g. 3000元), `{date}` (e.g.
 * 12月5日), `{creditor}`, `{debtor}` (the debtor's 称呼), `{excuse}` is not a slot (the intent `excuse`
 * carries the excuse key instead).
 */
export interface ReplySlots {
  amount?: string;
  date?: string;
  creditor: string;
  debtor: string;
}

/** One line of the response bank. */
export interface ReplyVariant {
  /** zh-CN text with {slots}. */
  text: string;
}

export type CallEnd = 'promise' | 'hang_up' | 'time_limit' | 'script_end';

export interface PromiseOutcome {
  amount: number;
  date: string;
  /** The channel the trainee named (app, bank_transfer, counter, auto_debit), or null. */
  channel: string | null;
}

export interface TrainingTurn {
  speaker: 'trainee' | 'debtor';
  text: string;
}

/** A finding of the rulebook on a trainee turn, with the index into `turns`. */
export interface TrainingFinding extends SpeechFinding {
  /** Why (zh, en) and the compliant alternative, from the rule catalogue. */
  explanation: BilingualText;
  alternative: string;
}

export type { SpeechCategory };

/**
 * The lines of one reply intent (or one excuse): `common` lines any persona may say, `byType` lines for a
 * persona type. Within each, lines by mood; the engine picks the persona type's lines for the mood when
 * there are any, else the common lines for the mood, else the calm lines, never repeating a line while an
 * unused one remains. Lines are zh-CN and may use the slots of `ReplySlots` ({amount}, {date}, {creditor},
 * {debtor}).
 */
export interface IntentLines {
  common: Partial<Record<Mood, readonly string[]>>;
  byType?: Partial<Record<PersonaType, Partial<Record<Mood, readonly string[]>>>>;
}

/** An excuse's lines: `raise` (the objection), `explain` (the reason, when the trainee asks for it). */
export interface ExcuseLines {
  raise: IntentLines;
  explain: IntentLines;
}

/**
 * The graded dimensions of a call (yes/no each, weighted to a 0-100 score). A debtor or guarantor call
 * uses all but `discretion` and `message`; a third-party call uses opening, right_party, discretion,
 * message, empathy, closing and professional.
 */
export const GRADE_DIMENSIONS = [
  'opening',
  'right_party',
  'purpose',
  'reason',
  'objections',
  'empathy',
  'commitment',
  'recap',
  'discretion',
  'message',
  'closing',
  'professional',
] as const;
export type GradeDimension = (typeof GRADE_DIMENSIONS)[number];

export interface DimensionResult {
  dimension: GradeDimension;
  /** Its weight in the score (weights of a call add up to 100). */
  weight: number;
  passed: boolean;
  /** What was seen (passed) or what was missing and how to do it (failed), zh and en. */
  note: BilingualText;
  /** The trainee turn (index into turns) the note refers to, when there is one. */
  turn: number | null;
}

/** A note on one trainee turn of the report. */
export interface TurnNote {
  /** Index into `turns`. */
  turn: number;
  acts: CollectorAct[];
  /** Coaching notes (zh, en), e.g. "confirm the right party before stating the purpose". */
  notes: BilingualText[];
  /** Rulebook findings on this turn, each with why and a better phrasing. */
  findings: TrainingFinding[];
}

/** The after-call report. */
export interface TrainingReport {
  scenarioId: string;
  /** 0-100, the sum of the weights of the passed dimensions. */
  score: number;
  /** Score at least PASS_SCORE and no error-level finding. */
  passed: boolean;
  /** Compliance gate: any error-level finding fails the call whatever the score. */
  compliancePassed: boolean;
  goalMet: boolean;
  outcome: { promise: PromiseOutcome | null; ended: CallEnd };
  dimensions: DimensionResult[];
  turnNotes: TurnNote[];
  findings: TrainingFinding[];
  /** The persona revealed after the call: type, mindset, situation, and the coaching line. */
  persona: {
    type: PersonaType;
    mindset: Mindset;
    situation: SituationClass;
    coaching: BilingualText;
    /** The hidden state at the end of the call. */
    finalState: PersonaState;
  };
}

/** The score a call needs to pass (and that certification counts). */
export const PASS_SCORE = 80;

/** What the engine knows about each turn (same index as `turns`). */
export type TurnMeta =
  | {
      speaker: 'trainee';
      acts: CollectorAct[];
      amounts: number[];
      dates: string[];
    }
  | {
      speaker: 'debtor';
      intent: ReplyIntent;
      mood: Mood;
      /** The excuse raised or explained, when the intent is `excuse` or `explain_reason`. */
      excuse: Excuse | null;
      /** The amount and date the line speaks of (offer, counter, accept, confirm_recap). */
      amountFen: number | null;
      date: string | null;
    };

/** Where the call stands. */
export interface CallProgress {
  callerIdentified: boolean;
  rightPartyAsked: boolean;
  rightPartyConfirmed: boolean;
  purposeStated: boolean;
  reasonGiven: boolean;
  /** The next excuse of the repertoire to raise. */
  excuseIndex: number;
  /** The excuse raised last and not yet answered by the trainee. */
  openObjection: Excuse | null;
  consequencesHeard: number;
  planOffered: boolean;
  /** The debtor's own last offer or counter-offer. */
  debtorOffer: { amountFen: number; date: string } | null;
  promise: PromiseOutcome | null;
  /** The payment channel the trainee named (app, bank_transfer, counter, auto_debit). */
  channel: string | null;
  recapped: boolean;
  /** Third-party call: the person agreed to pass on the callback request. */
  messageTaken: boolean;
}

/**
 * A role-play in progress or ended: plain JSON (stored as it is), advanced only by the engine's pure
 * functions. The same scenario, seed, date and trainee lines give the same session.
 */
export interface EngineSession {
  scenarioId: string;
  seed: number;
  /** The business date of the call (YYYY-MM-DD): promise dates are read against it. */
  today: string;
  /** The random generator's state (32 bits). */
  rng: number;
  state: PersonaState;
  turns: TrainingTurn[];
  meta: TurnMeta[];
  findings: TrainingFinding[];
  progress: CallProgress;
  /** Response-bank lines used so far, per bank key, so replies do not loop. */
  used: Record<string, number[]>;
  traineeTurns: number;
  ended: CallEnd | null;
}
