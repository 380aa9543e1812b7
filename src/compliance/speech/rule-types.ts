/**
 * How a speech rule is written. Rules are data (rulebook-cn.ts); inspect.ts compiles every rule's phrases
 * into one automaton and evaluates the rules sentence by sentence on the agent's turns.
 *
 * All phrases and patterns apply to NORMALISED text (simplified Chinese, half-width, lower-case Latin, no
 * stray spaces between CJK characters): write them in simplified Chinese.
 */
import type { SpeechCategory, SpeechParty, SpeechSeverity } from './types';

interface RuleBase {
  id: string;
  category: SpeechCategory;
  severity: SpeechSeverity;
  explanation: { zh: string; en: string };
  /** A compliant way to say it (zh-CN). */
  alternative: string;
}

/**
 * A phrase rule: a finding at each trigger occurrence that passes the conditions.
 * - `phrases`: literal triggers; the finding's quote is the trigger.
 * - `patterns`: regular-expression triggers (flag `g` is added), run on a sentence only when one of
 *   `patternHints` occurs in it (a cheap literal prefilter that keeps the scan fast).
 * - `withAll`: co-occurrence; every group needs one of its phrases in the same sentence.
 * - `unless`: any of these phrases in the same sentence cancels the finding (lawful context, hedges).
 * - `negatable` (default true): a trigger preceded in its clause by a negation ("不会", "不能", ...) is
 *   not a finding ("我们不会上门").
 * - `party`: only when the agent speaks to this party.
 * - `yieldsTo`: dropped when the same clause already has an error finding of one of these categories
 *   (the house "may" warning does not repeat a red-line finding about the same consequence).
 */
export interface PhraseRule extends RuleBase {
  kind: 'phrase';
  phrases?: readonly string[];
  patterns?: readonly RegExp[];
  patternHints?: readonly string[];
  withAll?: readonly (readonly string[])[];
  unless?: readonly string[];
  negatable?: boolean;
  party?: SpeechParty;
  yieldsTo?: readonly SpeechCategory[];
}

/**
 * An absence rule over a whole call: the opening (the agent's first `openingTurns` turns) must say who is
 * calling, i.e. match one of `self` and one of `institution`. Applies only to calls (two or more turns);
 * a single utterance is not a call opening. The finding points at the agent's first turn.
 */
export interface OpeningRule extends RuleBase {
  kind: 'opening';
  openingTurns: number;
  self: readonly RegExp[];
  institution: readonly RegExp[];
}

export type SpeechRule = PhraseRule | OpeningRule;
