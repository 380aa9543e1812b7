/**
 * The dialogue engine of the training simulator (offline, deterministic).
 *
 * A session is plain JSON advanced by pure functions: `startSession` (the person answers the phone),
 * `takeTurn` (one trainee utterance → its collector acts and rulebook findings → the persona's hidden
 * state moves → the reply intent → a line from the response bank), `endCall` (the trainee hangs up or
 * the script runs out). The same scenario, seed, date and trainee lines give the same session.
 *
 * How the persona reacts: every act moves patience, trust, willingness and hostility by the persona
 * type's traits (an emotional debtor opens up to empathy, a vain one to lawful consequences for their
 * credit record, a hostile one bristles at pressure before trust), adjusted by the mindset (侥幸 takes
 * consequences to heart, 推诿 wants to be heard, 拖延 needs a date pinned down, 对抗 pushes back) and the
 * situation (a plan moves those who cannot pay). Excuses come in the persona's order; an excuse left
 * unanswered costs patience. A proposal is accepted only when willingness has reached the persona's
 * threshold and the amount and date are within what they can really pay; otherwise they counter with
 * what they can do (a scheming persona low-balls first). Rulebook violations land hard: a threat or an
 * insult makes them angry, an impersonation is called out, a disclosure shocks a third party. The call
 * ends with a promise closed normally, a hang-up (patience gone, hostility at the top, or the trainee
 * ends it), or the time limit.
 */

import { createSpeechInspector, speechRuleInfo } from '../compliance/speech';
import { normalizeForMatching } from '../compliance/speech/normalize';
import type { SpeechFinding, TranscriptTurn } from '../compliance/speech/types';
import type { BilingualText } from '../domain/bilingual';
import { addDays, daysBetween } from '../domain/dates';
import { channelsIn, type RecogniseContext, recognise } from './acts';
import { EXCUSE_LINES, RESPONSE_BANK } from './responses';
import { findScenario } from './scenarios';
import type {
  CallEnd,
  CollectorAct,
  EngineSession,
  Excuse,
  IntentLines,
  Mood,
  PersonaState,
  PersonaType,
  RecognisedUtterance,
  ReplyIntent,
  Scenario,
  TrainingFinding,
  TrainingTurn,
  TurnMeta,
} from './types';

/** The longest utterance the engine reads (longer text is kept but only its start is read). */
export const MAX_UTTERANCE = 2000;

/** How a persona type reacts. Numbers are points on the 0-100 state scales. */
interface TypeTraits {
  /** Patience lost every turn. */
  decay: number;
  empathy: { trust: number; willingness: number; hostility: number };
  consequence: { willingness: number; hostility: number };
  reason: { trust: number; willingness: number };
  plan: number;
  /** Share of what they can pay that they offer first. */
  lowball: number;
  /** Right-party questions they dodge while trust is low. */
  deflects: number;
}

const TRAITS: Readonly<Record<PersonaType, TypeTraits>> = {
  hostile: {
    decay: 7,
    empathy: { trust: 6, willingness: 4, hostility: -8 },
    consequence: { willingness: 12, hostility: 10 },
    reason: { trust: 6, willingness: 4 },
    plan: 8,
    lowball: 0.5,
    deflects: 0,
  },
  scheming: {
    decay: 5,
    empathy: { trust: 4, willingness: 3, hostility: -4 },
    consequence: { willingness: 14, hostility: 3 },
    reason: { trust: 5, willingness: 4 },
    plan: 8,
    lowball: 0.5,
    deflects: 1,
  },
  cooperative: {
    decay: 3,
    empathy: { trust: 10, willingness: 8, hostility: -6 },
    consequence: { willingness: 8, hostility: 2 },
    reason: { trust: 8, willingness: 8 },
    plan: 10,
    lowball: 1,
    deflects: 0,
  },
  emotional: {
    decay: 4,
    empathy: { trust: 18, willingness: 12, hostility: -12 },
    consequence: { willingness: 5, hostility: 8 },
    reason: { trust: 10, willingness: 6 },
    plan: 12,
    lowball: 0.8,
    deflects: 0,
  },
  stubborn: {
    decay: 6,
    empathy: { trust: 6, willingness: 5, hostility: -5 },
    consequence: { willingness: 10, hostility: 6 },
    reason: { trust: 6, willingness: 5 },
    plan: 10,
    lowball: 0.6,
    deflects: 1,
  },
  vain: {
    decay: 5,
    empathy: { trust: 10, willingness: 8, hostility: -6 },
    consequence: { willingness: 16, hostility: 4 },
    reason: { trust: 6, willingness: 4 },
    plan: 6,
    lowball: 1,
    deflects: 0,
  },
};

/** Acts that answer an objection (an excuse left without one of these was ignored). */
const OBJECTION_ANSWERS: readonly CollectorAct[] = [
  'empathy',
  'ask_reason',
  'offer_plan',
  'lawful_consequence',
  'propose',
  'ask_amount_date',
];

const COURTESY = /麻烦|谢谢|感谢|请您|不好意思|打扰|辛苦/u;

// ——— the random generator (mulberry32; its state is kept in the session) ———

function nextRandom(state: number): { value: number; state: number } {
  const next = (state + 0x6d2b79f5) >>> 0;
  let x = next;
  x = Math.imul(x ^ (x >>> 15), x | 1);
  x ^= x + Math.imul(x ^ (x >>> 7), x | 61);
  return { value: ((x ^ (x >>> 14)) >>> 0) / 4294967296, state: next };
}

function clamp(value: number): number {
  return Math.max(0, Math.min(100, Math.round(value)));
}

function moodOf(state: PersonaState): Mood {
  if (state.hostility >= 60) return 'upset';
  // Short of patience: curt when they trust the caller, upset otherwise.
  if (state.patience <= 25) return state.trust >= 50 && state.hostility < 30 ? 'guarded' : 'upset';
  if (state.trust < 40 || state.hostility >= 30) return 'guarded';
  return 'calm';
}

/**
 * Patience lost this turn: the type's decay, half of it once they trust the caller and have cooled down
 * (they are engaged now), and next to nothing once a promise is agreed (they listen to the details).
 */
function patienceDecay(session: EngineSession, traits: TypeTraits): number {
  const { state, progress } = session;
  if (progress.promise) return 1;
  return state.trust >= 50 && state.hostility < 50 ? Math.ceil(traits.decay / 2) : traits.decay;
}

/** A consequence said as a possibility (the house 可能 rule) lands calmer than a flat statement. */
const HEDGED = /可能|或许|也许|有可能|不排除/u;

/** The amount as the debtor says it: 3000元, 2500.5元. */
export function spokenAmount(fen: number): string {
  const yuan = fen / 100;
  return Number.isInteger(yuan) ? `${yuan}元` : `${yuan.toFixed(2).replace(/0$/u, '')}元`;
}

/** The date as the debtor says it: 今天, 明天, 12月5日. */
export function spokenDate(date: string, today: string): string {
  const days = daysBetween(today, date);
  if (days === 0) return '今天';
  if (days === 1) return '明天';
  if (days === 2) return '后天';
  const [, month, day] = date.split('-').map(Number) as [number, number, number];
  return `${month}月${day}日`;
}

function scenarioOf(session: EngineSession): Scenario {
  const scenario = findScenario(session.scenarioId);
  if (!scenario) throw new RangeError(`unknown training scenario ${JSON.stringify(session.scenarioId)}`);
  return scenario;
}

function contextOf(scenario: Scenario, today: string): RecogniseContext {
  return {
    today,
    debtorName: scenario.party === 'guarantor' ? scenario.persona.name : scenario.account.debtorName,
    creditor: scenario.account.creditor,
  };
}

// ——— the response bank ———

function linesFor(intent: ReplyIntent, excuse: Excuse | null): IntentLines {
  if (intent === 'excuse' || intent === 'explain_reason') {
    const lines = EXCUSE_LINES[excuse ?? 'pay_later'];
    return intent === 'excuse' ? lines.raise : lines.explain;
  }
  return RESPONSE_BANK[intent];
}

function poolOf(lines: IntentLines, type: PersonaType, mood: Mood): readonly string[] {
  const typed = lines.byType?.[type]?.[mood] ?? [];
  const common = lines.common[mood] ?? [];
  const pool = [...typed, ...common];
  if (pool.length > 0) return pool;
  return [...(lines.byType?.[type]?.calm ?? []), ...(lines.common.calm ?? [])];
}

interface Wording {
  intent: ReplyIntent;
  excuse: Excuse | null;
  amountFen: number | null;
  date: string | null;
}

/** Picks an unused line of the pool (seeded) and fills its slots. Mutates `session.used` and `rng`. */
function word(
  session: EngineSession,
  scenario: Scenario,
  wording: Wording,
): TrainingTurn & { meta: TurnMeta } {
  const mood = moodOf(session.state);
  const pool = poolOf(linesFor(wording.intent, wording.excuse), scenario.persona.type, mood);
  const key = `${wording.intent}:${wording.excuse ?? ''}:${scenario.persona.type}:${mood}`;
  const used = session.used[key] ?? [];
  let candidates = pool.map((_, index) => index).filter((index) => !used.includes(index));
  if (candidates.length === 0) {
    const last = used[used.length - 1];
    candidates = pool.map((_, index) => index).filter((index) => index !== last || pool.length === 1);
    session.used[key] = [];
  }
  const random = nextRandom(session.rng);
  session.rng = random.state;
  const index = candidates[Math.floor(random.value * candidates.length)] ?? 0;
  session.used[key] = [...(session.used[key] ?? []), index];
  const template = pool[index] ?? '嗯。';
  const text = template
    .replaceAll('{amount}', wording.amountFen === null ? '' : spokenAmount(wording.amountFen))
    .replaceAll('{date}', wording.date === null ? '' : spokenDate(wording.date, session.today))
    .replaceAll('{creditor}', scenario.account.creditor)
    .replaceAll(
      '{debtor}',
      scenario.party === 'third_party' ? scenario.account.debtorName : scenario.persona.name,
    );
  return {
    speaker: 'debtor',
    text,
    meta: {
      speaker: 'debtor',
      intent: wording.intent,
      mood,
      excuse: wording.excuse,
      amountFen: wording.amountFen,
      date: wording.date,
    },
  };
}

// ——— starting ———

export interface StartInput {
  scenario: Scenario;
  seed: number;
  /** The business date of the call, YYYY-MM-DD. */
  today: string;
}

/** A new call: the person answers the phone. */
export function startSession(input: StartInput): EngineSession {
  const { scenario } = input;
  const seed = Number.isFinite(input.seed) ? Math.trunc(input.seed) >>> 0 : 0;
  const session: EngineSession = {
    scenarioId: scenario.id,
    seed,
    today: input.today,
    rng: seed ^ 0x9e3779b9,
    state: { ...scenario.persona.initial },
    turns: [],
    meta: [],
    findings: [],
    progress: {
      callerIdentified: false,
      rightPartyAsked: false,
      rightPartyConfirmed: false,
      purposeStated: false,
      reasonGiven: false,
      excuseIndex: 0,
      openObjection: null,
      consequencesHeard: 0,
      planOffered: false,
      debtorOffer: null,
      promise: null,
      channel: null,
      recapped: false,
      messageTaken: false,
    },
    used: {},
    traineeTurns: 0,
    ended: null,
  };
  const answer = word(session, scenario, { intent: 'answer', excuse: null, amountFen: null, date: null });
  session.turns.push({ speaker: 'debtor', text: answer.text });
  session.meta.push(answer.meta);
  return session;
}

// ——— the rulebook ———

function newFindings(session: EngineSession, scenario: Scenario): TrainingFinding[] {
  const turns: TranscriptTurn[] = session.turns.map((turn) => ({
    speaker: turn.speaker === 'trainee' ? 'agent' : 'customer',
    text: turn.text.slice(0, MAX_UTTERANCE),
  }));
  const all = createSpeechInspector('cn-cba').inspect({
    party: scenario.party === 'third_party' ? 'third_party' : 'debtor',
    turns,
  });
  const seen = new Set(session.findings.map(findingKey));
  return all.filter((finding) => !seen.has(findingKey(finding))).map(withExplanation);
}

function findingKey(finding: SpeechFinding): string {
  return `${finding.rule}:${finding.turn}:${finding.start}:${finding.end}`;
}

function withExplanation(finding: SpeechFinding): TrainingFinding {
  const info = speechRuleInfo(finding.rule);
  return {
    ...finding,
    explanation: info ? { ...info.explanation } : { zh: '', en: '' },
    alternative: info?.alternative ?? '',
  };
}

// ——— a turn ———

export interface TurnResult {
  session: EngineSession;
  /** The reply (null when the trainee's line ended the call without one, never in practice). */
  reply: TrainingTurn | null;
  /** Rulebook findings this turn brought (on the trainee's line, or the call opening). */
  findings: TrainingFinding[];
  /** A sparse live hint: only after a rulebook error, a missing opening or a skipped identity check. */
  hint: BilingualText | null;
}

function copySession(session: EngineSession): EngineSession {
  return structuredClone(session);
}

function withinAbility(scenario: Scenario, today: string, amountFen: number, date: string): boolean {
  const { ability } = scenario.persona;
  const days = daysBetween(today, date);
  return (
    (days <= ability.nowDays && amountFen <= ability.nowFen) ||
    (days <= ability.laterDays && amountFen <= ability.laterFen)
  );
}

/** Round down to whole hundreds of yuan (what people offer), at least 100 yuan when they can pay that. */
function roundOffer(fen: number): number {
  const rounded = Math.floor(fen / 10_000) * 10_000;
  return rounded > 0 ? rounded : Math.max(100, Math.floor(fen / 100) * 100);
}

/** What the persona offers themselves: the share of what they can pay now that their type offers first. */
function debtorOffer(
  session: EngineSession,
  scenario: Scenario,
  firstOffer: boolean,
): { amountFen: number; date: string } {
  const { ability, type } = scenario.persona;
  const share = firstOffer ? TRAITS[type].lowball : 1;
  if (ability.nowFen > 0) {
    return { amountFen: roundOffer(ability.nowFen * share), date: addDays(session.today, ability.nowDays) };
  }
  return { amountFen: roundOffer(ability.laterFen * share), date: addDays(session.today, ability.laterDays) };
}

/** The best the persona can do against a proposal they cannot meet. */
function counterTo(
  session: EngineSession,
  scenario: Scenario,
  proposal: { amountFen: number; date: string },
): { amountFen: number; date: string } {
  const { ability } = scenario.persona;
  const days = daysBetween(session.today, proposal.date);
  if (days <= ability.nowDays && ability.nowFen > 0) {
    return { amountFen: roundOffer(Math.min(proposal.amountFen, ability.nowFen)), date: proposal.date };
  }
  const laterDate = days <= ability.laterDays ? proposal.date : addDays(session.today, ability.laterDays);
  if (ability.laterFen > 0) {
    return { amountFen: roundOffer(Math.min(proposal.amountFen, ability.laterFen)), date: laterDate };
  }
  return {
    amountFen: roundOffer(Math.max(ability.nowFen, 100)),
    date: addDays(session.today, ability.nowDays),
  };
}

function move(state: PersonaState, delta: Partial<PersonaState>): void {
  state.patience = clamp(state.patience + (delta.patience ?? 0));
  state.trust = clamp(state.trust + (delta.trust ?? 0));
  state.willingness = clamp(state.willingness + (delta.willingness ?? 0));
  state.hostility = clamp(state.hostility + (delta.hostility ?? 0));
}

const LIVE_HINTS = {
  opening: {
    zh: '开场先报出您的姓名和所在机构（如“我是华信银行信用卡中心的李明”）。',
    en: 'Open with your name and your institution ("This is Li Ming from Huaxin Bank card centre").',
  },
  rightParty: {
    zh: '说明来意之前，先用全名核实对方是不是本人。',
    en: 'Confirm you are talking to the right person, by full name, before you say why you call.',
  },
} as const;

function hintFor(finding: TrainingFinding): BilingualText {
  return {
    zh: `${finding.explanation.zh} 可以这样说：${finding.alternative}`,
    en: `${finding.explanation.en} Try instead: ${finding.alternative}`,
  };
}

/**
 * One trainee utterance and the reply. Pure: the session given is not changed. Never throws for any
 * text; throws a RangeError if the call has already ended.
 */
export function takeTurn(previous: EngineSession, utterance: string): TurnResult {
  if (previous.ended !== null) throw new RangeError('the call has ended');
  const scenario = scenarioOf(previous);
  const session = copySession(previous);
  const text = typeof utterance === 'string' ? utterance : '';
  const rec = recognise(text, contextOf(scenario, session.today));
  const traineeIndex = session.turns.length;
  session.turns.push({ speaker: 'trainee', text });
  session.meta.push({ speaker: 'trainee', acts: rec.acts, amounts: rec.amounts, dates: rec.dates });
  session.traineeTurns += 1;

  const findings = newFindings(session, scenario);
  session.findings.push(...findings);
  const turnFindings = findings.filter((finding) => finding.turn === traineeIndex);

  let hint: BilingualText | null = null;
  const errors = turnFindings.filter(
    (finding) => finding.severity === 'error' && finding.rule !== 'cn.opening.identity',
  );
  if (errors[0]) hint = hintFor(errors[0]);

  const decision =
    scenario.party === 'third_party'
      ? decideThirdParty(session, scenario, rec, text, errors)
      : decideDebtor(session, scenario, rec, text, errors);
  if (!hint && decision.hint) hint = decision.hint;

  let wording = decision.wording;
  let ended = decision.ended;
  if (ended === null && (session.state.patience <= 0 || session.state.hostility >= 100)) {
    wording = { intent: 'hang_up', excuse: null, amountFen: null, date: null };
    ended = 'hang_up';
  }
  if (ended === null && session.traineeTurns >= scenario.turnLimit) {
    wording = { intent: 'hang_up', excuse: null, amountFen: null, date: null };
    ended = 'time_limit';
  }
  const reply = word(session, scenario, wording);
  session.turns.push({ speaker: 'debtor', text: reply.text });
  session.meta.push(reply.meta);
  session.ended = ended;
  return { session, reply: { speaker: 'debtor', text: reply.text }, findings, hint };
}

interface Decision {
  wording: Wording;
  ended: CallEnd | null;
  hint: BilingualText | null;
}

function say(intent: ReplyIntent, extra: Partial<Wording> = {}): Wording {
  return { intent, excuse: null, amountFen: null, date: null, ...extra };
}

function decision(
  wording: Wording,
  ended: CallEnd | null = null,
  hint: BilingualText | null = null,
): Decision {
  return { wording, ended, hint };
}

/** The reaction to rulebook errors in the trainee's line, or null when there were none. */
function violationReaction(
  session: EngineSession,
  scenario: Scenario,
  errors: TrainingFinding[],
): Wording | null {
  const first = errors[0];
  if (!first) return null;
  const { state } = session;
  switch (first.category) {
    case 'threat':
    case 'violence':
    case 'insult':
    case 'public_exposure':
    case 'third_party_demand':
    case 'debt_inducement':
      move(state, { hostility: 35, trust: -30, patience: -25, willingness: -10 });
      return say(scenario.persona.type === 'hostile' ? 'defy' : 'angry');
    case 'impersonation':
    case 'false_legal':
    case 'false_fact':
    case 'improper_fee':
      move(state, { trust: -40, hostility: 20, patience: -15 });
      return say('call_out');
    case 'third_party_disclosure':
      move(state, { trust: -10 });
      return say('third_party_shocked');
    case 'unauthorized_waiver':
      // The debtor takes the unauthorised offer gladly; the call is failed by the rulebook all the same.
      move(state, { willingness: 15 });
      return null;
    default:
      move(state, { trust: -15, hostility: 10 });
      return say('angry');
  }
}

function decideThirdParty(
  session: EngineSession,
  scenario: Scenario,
  rec: RecognisedUtterance,
  text: string,
  errors: TrainingFinding[],
): Decision {
  const { state, progress } = session;
  const traits = TRAITS[scenario.persona.type];
  move(state, { patience: -patienceDecay(session, traits) });
  const reaction = violationReaction(session, scenario, errors);
  if (reaction) return decision(reaction);
  const acts = new Set(rec.acts);
  const courteous = COURTESY.test(text) || acts.has('empathy');
  if (courteous) move(state, { trust: 8 });
  if (!progress.callerIdentified) {
    if (acts.has('identity') || /我(姓|叫|是)/u.test(text)) {
      progress.callerIdentified = true;
      move(state, { trust: 8 });
    } else if (!acts.has('right_party_check')) {
      move(state, { patience: -10, trust: -5 });
      return decision(say('ask_who'), null, session.traineeTurns === 1 ? LIVE_HINTS.opening : null);
    }
  }
  if (acts.has('closing')) return decision(say('goodbye'), 'hang_up');
  if (acts.has('callback_request')) {
    if (state.trust >= scenario.persona.acceptAt) {
      progress.messageTaken = true;
      return decision(say('third_party_take_message'));
    }
    move(state, { trust: 10 });
    return decision(say('third_party_probe'));
  }
  if (acts.has('right_party_check') && !progress.rightPartyAsked) {
    progress.rightPartyAsked = true;
    return decision(say('third_party_absent'));
  }
  if (text.trim().length === 0 || rec.acts.length === 0) {
    if (!courteous) move(state, { patience: -8 });
    return decision(say(progress.rightPartyAsked ? 'third_party_probe' : 'confused'));
  }
  return decision(say(progress.rightPartyAsked ? 'third_party_probe' : 'third_party_absent'));
}

function nextExcuse(session: EngineSession, scenario: Scenario): Wording {
  const { progress } = session;
  const excuse = scenario.persona.excuses[progress.excuseIndex];
  if (excuse === undefined) return say('stall');
  progress.excuseIndex += 1;
  progress.openObjection = excuse;
  return say('excuse', { excuse });
}

/** The excuse the debtor raised last (for explaining the reason). */
function currentExcuse(session: EngineSession, scenario: Scenario): Excuse {
  const index = Math.max(0, session.progress.excuseIndex - 1);
  return scenario.persona.excuses[index] ?? scenario.persona.excuses[0] ?? 'pay_later';
}

function decideDebtor(
  session: EngineSession,
  scenario: Scenario,
  rec: RecognisedUtterance,
  text: string,
  errors: TrainingFinding[],
): Decision {
  const { state, progress } = session;
  const { persona } = scenario;
  const traits = TRAITS[persona.type];
  const acts = new Set(rec.acts);
  const lastDebtor = [...session.meta].reverse().find((meta) => meta.speaker === 'debtor');
  const lastIntent = lastDebtor?.speaker === 'debtor' ? lastDebtor.intent : null;
  const previousTrainee = [...session.meta]
    .slice(0, -1)
    .reverse()
    .find((meta) => meta.speaker === 'trainee');

  move(state, { patience: -patienceDecay(session, traits) });
  const reaction = violationReaction(session, scenario, errors);
  if (reaction) return decision(reaction);

  // Silence or nothing recognisable (from a caller who has not said who they are, a line is met with
  // "who are you?" below).
  const silent = text.trim().length === 0;
  if (silent || (rec.acts.length === 0 && !rec.agrees && progress.callerIdentified)) {
    move(state, { patience: -10 });
    return decision(say('confused'));
  }
  // Saying the same things again and again.
  if (
    previousTrainee?.speaker === 'trainee' &&
    previousTrainee.acts.length > 0 &&
    previousTrainee.acts.length === rec.acts.length &&
    previousTrainee.acts.every((act) => acts.has(act)) &&
    !acts.has('propose')
  ) {
    move(state, { patience: -8, hostility: 4 });
  }

  // Who is calling?
  if (!progress.callerIdentified) {
    if (acts.has('identity')) {
      progress.callerIdentified = true;
      move(state, { trust: 10 });
    } else {
      move(state, { patience: -8, trust: -5 });
      if (session.traineeTurns >= 3) return decision(say('hang_up'), 'hang_up');
      return decision(say('ask_who'), null, session.traineeTurns === 1 ? LIVE_HINTS.opening : null);
    }
  }

  let hint: BilingualText | null = null;
  // Is this the right person?
  if (!progress.rightPartyConfirmed) {
    if (acts.has('right_party_check')) {
      progress.rightPartyAsked = true;
      const deflections = session.meta.filter(
        (meta) => meta.speaker === 'debtor' && meta.intent === 'deflect_identity',
      ).length;
      const dodges = traits.deflects + (scenario.drill === 'refuses_to_talk' ? 1 : 0);
      if (deflections < dodges && state.trust < 55) {
        move(state, { trust: 6 });
        return decision(say('deflect_identity'));
      }
      progress.rightPartyConfirmed = true;
      if (!acts.has('purpose') && !acts.has('propose')) return decision(say('confirm_identity'));
    } else if (acts.has('purpose') || acts.has('propose')) {
      // The purpose before any check: the person is the debtor here, so the call goes on, but the
      // step was skipped (graded, and hinted once).
      progress.rightPartyConfirmed = true;
      hint = LIVE_HINTS.rightParty;
    } else {
      return decision(say('confused'));
    }
  }

  // The objection raised last: answered or ignored?
  if (progress.openObjection !== null) {
    if (OBJECTION_ANSWERS.some((act) => acts.has(act))) {
      // Heard: they stay on the line a little longer.
      move(state, { willingness: 6, trust: 3, patience: 3 });
    } else if (!acts.has('closing') && !acts.has('recap')) {
      move(state, { patience: -8, hostility: 5 });
    }
    progress.openObjection = null;
  }

  // How the acts move the persona.
  const firstPurpose = acts.has('purpose') && !progress.purposeStated;
  if (firstPurpose) {
    progress.purposeStated = true;
    move(state, { willingness: 4 });
  }
  if (acts.has('empathy')) {
    move(state, {
      trust: traits.empathy.trust + (persona.mindset === 'evasion' ? 3 : 0),
      willingness: traits.empathy.willingness,
      hostility: traits.empathy.hostility,
      patience: 6,
    });
  }
  if (acts.has('ask_reason')) {
    move(state, {
      trust: traits.reason.trust + (persona.mindset === 'evasion' ? 5 : 0),
      willingness: traits.reason.willingness,
      patience: 4,
    });
  }
  let consequenceLanded = false;
  if (acts.has('lawful_consequence')) {
    progress.consequencesHeard += 1;
    const fade = progress.consequencesHeard === 1 ? 1 : progress.consequencesHeard === 2 ? 0.5 : 0;
    const early = state.trust < 30 ? 1.5 : 1;
    const gain =
      (traits.consequence.willingness +
        (persona.mindset === 'luck' ? 8 : 0) +
        (persona.situation === 3 ? 6 : 0)) *
      fade;
    const hedge = HEDGED.test(text) ? 0.5 : 1;
    const heat =
      (traits.consequence.hostility * early + (persona.mindset === 'confrontation' ? 5 : 0)) * hedge +
      (progress.consequencesHeard > 2 ? 10 : 0);
    move(state, { willingness: gain, hostility: heat, patience: progress.consequencesHeard > 2 ? -8 : 0 });
    consequenceLanded = gain >= heat;
  }
  if (acts.has('offer_plan')) {
    progress.planOffered = true;
    move(state, { willingness: traits.plan + (persona.situation === 2 || persona.situation === 4 ? 12 : 0) });
  }
  if (
    (acts.has('ask_amount_date') || acts.has('propose')) &&
    persona.mindset === 'delay' &&
    rec.dates.length > 0
  ) {
    move(state, { willingness: 4 });
  }
  const named = channelsIn(normalizeForMatching(text.slice(0, MAX_UTTERANCE)).text.toLowerCase());
  if (acts.has('channel') && named[0]) {
    progress.channel = named[0];
    if (progress.promise) progress.promise.channel = named[0];
  }
  const ready = state.willingness >= persona.acceptAt;

  // The call closes.
  if (acts.has('closing')) {
    if (progress.promise) {
      if (acts.has('recap') || matchesPromise(rec, progress.promise)) progress.recapped = true;
      return decision(say('goodbye'), 'promise', hint);
    }
    return decision(say('goodbye'), 'hang_up', hint);
  }

  // A proposal (amount and date).
  if (rec.proposal && !(progress.promise && matchesPromise(rec, progress.promise))) {
    const { amountFen, date } = rec.proposal;
    if (ready && withinAbility(scenario, session.today, amountFen, date)) {
      agree(session, { amountFen, date });
      return decision(say('accept', { amountFen, date }), null, hint);
    }
    move(state, { willingness: 4 });
    if (ready || state.willingness >= persona.acceptAt - 10) {
      const counter = ready
        ? counterTo(session, scenario, rec.proposal)
        : debtorOffer(session, scenario, true);
      progress.debtorOffer = counter;
      return decision(say('counter', counter), null, hint);
    }
    return decision(nextExcuseOrStall(session, scenario), null, hint);
  }

  // The trainee takes the debtor's own offer.
  if (progress.debtorOffer && !progress.promise && rec.agrees && rec.amounts.length === 0) {
    const offer = progress.debtorOffer;
    agree(session, offer);
    return decision(say('accept', offer), null, hint);
  }

  // Recap of an agreed promise.
  if (progress.promise && (acts.has('recap') || matchesPromise(rec, progress.promise))) {
    progress.recapped = true;
    return decision(
      say('confirm_recap', { amountFen: progress.promise.amount, date: progress.promise.date }),
      null,
      hint,
    );
  }
  if (progress.promise && acts.has('channel')) {
    return decision(
      say('confirm_recap', { amountFen: progress.promise.amount, date: progress.promise.date }),
      null,
      hint,
    );
  }
  if (progress.promise && progress.channel === null && lastIntent !== 'ask_channel') {
    return decision(say('ask_channel'), null, hint);
  }

  // First told why the call is: whoever is not ready raises their first objection, whatever else the
  // line said (a guarantor told of the guarantee objects before weighing it).
  if (
    firstPurpose &&
    !ready &&
    progress.excuseIndex === 0 &&
    !acts.has('ask_reason') &&
    !acts.has('ask_amount_date')
  ) {
    return decision(nextExcuse(session, scenario), null, hint);
  }

  // Asked for an amount and date, or offered a plan.
  if (acts.has('ask_amount_date') || (acts.has('offer_plan') && ready)) {
    if (state.willingness >= persona.acceptAt - 10) {
      const first = progress.debtorOffer === null;
      const offer = debtorOffer(session, scenario, first);
      progress.debtorOffer = offer;
      return decision(say('offer', offer), null, hint);
    }
    return decision(nextExcuseOrStall(session, scenario), null, hint);
  }
  if (acts.has('ask_reason')) {
    if (!progress.reasonGiven) {
      progress.reasonGiven = true;
      if (progress.excuseIndex === 0) progress.excuseIndex = 1;
      return decision(say('explain_reason', { excuse: currentExcuse(session, scenario) }), null, hint);
    }
    return decision(nextExcuseOrStall(session, scenario), null, hint);
  }
  if (acts.has('lawful_consequence')) {
    return decision(say(consequenceLanded ? 'concede_consequence' : 'defy'), null, hint);
  }
  if (acts.has('empathy') || acts.has('offer_plan')) return decision(say('soften'), null, hint);
  if (acts.has('purpose') || acts.has('greeting') || acts.has('identity') || acts.has('right_party_check')) {
    return decision(ready ? say('soften') : nextExcuse(session, scenario), null, hint);
  }
  return decision(ready ? say('soften') : nextExcuseOrStall(session, scenario), null, hint);
}

/** The promise is agreed: with the hard part done they stay on the line for the details. */
function agree(session: EngineSession, terms: { amountFen: number; date: string }): void {
  const { progress } = session;
  progress.promise = { amount: terms.amountFen, date: terms.date, channel: progress.channel };
  progress.debtorOffer = null;
  move(session.state, { patience: 15, hostility: -5 });
}

function nextExcuseOrStall(session: EngineSession, scenario: Scenario): Wording {
  if (session.state.willingness >= scenario.persona.acceptAt) return say('soften');
  return nextExcuse(session, scenario);
}

function matchesPromise(rec: RecognisedUtterance, promise: { amount: number; date: string }): boolean {
  return rec.amounts.includes(promise.amount) && rec.dates.includes(promise.date);
}

/**
 * The trainee ends the call ('hang_up'), or a script runs out ('script_end'). A call that already has an
 * agreed promise and is closed by the trainee ends as 'promise'. Ending an ended call changes nothing.
 */
export function endCall(previous: EngineSession, ended: 'hang_up' | 'script_end'): EngineSession {
  if (previous.ended !== null) return previous;
  const session = copySession(previous);
  session.ended = ended === 'hang_up' && session.progress.promise ? 'promise' : ended;
  return session;
}

/** Replaces the wording of a debtor turn (an LLM worded it); the engine's state does not depend on it. */
export function setReplyText(previous: EngineSession, turnIndex: number, text: string): EngineSession {
  const turn = previous.turns[turnIndex];
  if (turn?.speaker !== 'debtor') throw new RangeError(`turn ${turnIndex} is not a debtor turn`);
  const session = copySession(previous);
  (session.turns[turnIndex] as TrainingTurn).text = text;
  return session;
}

/** Plays trainee lines from the start (a script); stops when the call ends. */
export function playScript(input: StartInput, lines: readonly string[]): EngineSession {
  let session = startSession(input);
  for (const line of lines) {
    if (session.ended !== null) break;
    session = takeTurn(session, line).session;
  }
  return session.ended === null ? endCall(session, 'script_end') : session;
}
