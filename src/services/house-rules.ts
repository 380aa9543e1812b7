/**
 * A portfolio's house rules: its compliance profile made stricter (end of day, holidays, caps). Every
 * change is validated against the profile and audited with before and after in the same transaction.
 */
import { eq } from 'drizzle-orm';
import {
  applyHouseOverrides,
  findProfile,
  formatMinute,
  type HouseOverrides,
  type OverrideProblem,
} from '../compliance/profiles';
import type { ContactChannel, ContactProfile, Sourced, ThirdPartyPolicy } from '../compliance/profiles/types';
import { can } from '../domain/roles';
import { AppError, invalid } from '../errors';
import type { Store } from '../store/db';
import { portfolios } from '../store/schema';
import type { Actor } from './actor';
import { writeAudit } from './audit';

/** The profile a portfolio's contacts are decided with: its compliance profile plus its house rules. */
export function effectiveProfile(profileId: string, overrides: unknown): ContactProfile {
  const profile = findProfile(profileId);
  if (!profile)
    throw invalid(
      'complianceProfile',
      `合规配置 ${profileId} 不存在`,
      `unknown compliance profile ${profileId}`,
    );
  if (!overrides) return profile;
  const applied = applyHouseOverrides(profile, overrides as HouseOverrides);
  // Stored overrides were validated when set; a profile change that makes them invalid must not loosen anything.
  if (!applied.ok) throw new AppError('INTERNAL');
  return applied.profile;
}

/** A refused override in words: why, in both languages, against the profile's own value. */
function problemReason(profile: ContactProfile, problem: OverrideProblem): { zh: string; en: string } {
  const looser = { zh: '不得比合规配置更宽松', en: 'may not be looser than the compliance profile' };
  switch (problem.code) {
    case 'source_required':
      return { zh: '请注明内部规定的出处', en: 'name the house rule it comes from' };
    case 'time_format':
      return { zh: '须写作 HH:MM，如 21:00', en: 'must be written HH:MM, e.g. 21:00' };
    case 'empty_window':
      return { zh: '设置后联系时段为空', en: 'leaves an empty contact window' };
    case 'not_positive_integer':
      return { zh: '须为不小于 1 的整数', en: 'must be a whole number of at least 1' };
    case 'looser_than_profile':
      break;
  }
  const hours = profile.hours.value;
  switch (problem.field) {
    case 'dayStart':
      return {
        zh: `${looser.zh}：合规配置 ${formatMinute(hours.startMinute)} 起方可联系`,
        en: `${looser.en}: contact starts at ${formatMinute(hours.startMinute)} at the earliest`,
      };
    case 'dayEnd':
      return {
        zh: `${looser.zh}：合规配置 ${formatMinute(hours.endMinute)} 起不得联系`,
        en: `${looser.en}: no contact from ${formatMinute(hours.endMinute)}`,
      };
    case 'dailyUnansweredCallsPerNumber':
    case 'dailyConnectedCallsPerPerson': {
      const cap = profile[problem.field]?.value;
      return {
        zh: `${looser.zh}：合规配置上限为每天 ${cap} 次`,
        en: `${looser.en}: its cap is ${cap} a day`,
      };
    }
    case 'noContactOnStatutoryHolidays':
      return {
        zh: `${looser.zh}：合规配置规定法定节假日不联系`,
        en: `${looser.en}: it forbids contact on statutory holidays`,
      };
    default:
      return looser;
  }
}

/** The overrides as stored: the source trimmed, only the keys that are set. */
function normalised(overrides: HouseOverrides): HouseOverrides {
  const stored: HouseOverrides = { source: overrides.source.trim() };
  if (overrides.dayStart !== undefined) stored.dayStart = overrides.dayStart;
  if (overrides.dayEnd !== undefined) stored.dayEnd = overrides.dayEnd;
  if (overrides.noContactOnStatutoryHolidays !== undefined)
    stored.noContactOnStatutoryHolidays = overrides.noContactOnStatutoryHolidays;
  if (overrides.dailyUnansweredCallsPerNumber !== undefined)
    stored.dailyUnansweredCallsPerNumber = overrides.dailyUnansweredCallsPerNumber;
  if (overrides.dailyConnectedCallsPerPerson !== undefined)
    stored.dailyConnectedCallsPerPerson = overrides.dailyConnectedCallsPerPerson;
  return stored;
}

function canManage(actor: Actor): boolean {
  return actor.kind === 'system' || (actor.role !== null && can(actor.role, 'portfolios.manage'));
}

/**
 * Sets (or, with null, clears) a portfolio's house rules. Users need `portfolios.manage`. A rule that
 * would loosen the profile is refused with VALIDATION_FAILED naming the field and the reason (every
 * problem in `details.problems`), and nothing changes.
 */
export async function setHouseOverrides(
  store: Store,
  actor: Actor,
  portfolioCode: string,
  overrides: HouseOverrides | null,
): Promise<void> {
  if (!canManage(actor)) throw new AppError('FORBIDDEN');
  await store.transaction(async ({ db }) => {
    // Locked, so that of two concurrent changes each audit row's "before" is what it replaced.
    const [portfolio] = await db
      .select()
      .from(portfolios)
      .where(eq(portfolios.code, portfolioCode))
      .for('update');
    if (!portfolio) throw new AppError('PORTFOLIO_NOT_FOUND', { code: portfolioCode });
    const stored = overrides ? normalised(overrides) : null;
    if (overrides) {
      const profile = findProfile(portfolio.complianceProfile);
      if (!profile) throw invalid('complianceProfile', '合规配置不存在', 'unknown compliance profile');
      const applied = applyHouseOverrides(profile, overrides);
      if (!applied.ok) {
        const problems = applied.problems.map((problem) => {
          const reason = problemReason(profile, problem);
          return {
            field: problem.field,
            code: problem.code,
            reason: reason.zh,
            reasonEn: reason.en,
            message: problem.message,
          };
        });
        const first = problems[0];
        if (first) {
          throw new AppError(
            'VALIDATION_FAILED',
            { field: first.field, reason: first.reason, reasonEn: first.reasonEn },
            { field: first.field, problems },
          );
        }
      }
    }
    await db
      .update(portfolios)
      .set({ houseOverrides: stored as Record<string, unknown> | null, updatedAt: new Date() })
      .where(eq(portfolios.id, portfolio.id));
    await writeAudit(db, actor, {
      action: 'portfolio.house_rules',
      entityType: 'portfolio',
      entityId: portfolio.id,
      before: { houseOverrides: portfolio.houseOverrides ?? null },
      after: { houseOverrides: stored },
    });
  });
}

// ---- the rules of a portfolio, for people ----

export type RuleOrigin = 'profile' | 'house';

export interface RuleValue<T> {
  value: T;
  source: string;
}
export interface EffectiveRule<T> extends RuleValue<T> {
  /** Where the value comes from: the compliance profile, or the portfolio's house rule. */
  origin: RuleOrigin;
}

export interface ContactHoursView {
  /** 'HH:MM', local time of the person contacted. */
  start: string;
  /** 'HH:MM', exclusive. */
  end: string;
  channels: ContactChannel[];
}
export interface ThirdPartyView {
  kind: ThirdPartyPolicy['kind'];
  consecutiveFailedAttempts: number | null;
}

export interface RuleValues<R extends RuleValue<unknown>> {
  hours: R & RuleValue<ContactHoursView>;
  noContactOnStatutoryHolidays: (R & RuleValue<boolean>) | null;
  dailyUnansweredCallsPerNumber: (R & RuleValue<number>) | null;
  dailyConnectedCallsPerPerson: (R & RuleValue<number>) | null;
  rollingCallCap: (R & RuleValue<{ calls: number; days: number }>) | null;
  postConversationWait: (R & RuleValue<{ days: number }>) | null;
  thirdParty: R & RuleValue<ThirdPartyView>;
  thirdPartyRefusalIsFinal: R & RuleValue<boolean>;
  holds: {
    cease: R & RuleValue<true>;
    attorney: R & RuleValue<true>;
    complaintFreeze: R & RuleValue<true>;
    legalHold: R & RuleValue<true>;
  };
}

export interface PortfolioCompliance {
  portfolio: { code: string; name: string; timeZone: string };
  profile: { id: string; name: string };
  /** The compliance profile's values, each with its source. */
  values: RuleValues<RuleValue<unknown>>;
  /** The portfolio's stored house rules, or null. */
  houseOverrides: HouseOverrides | null;
  /** What the contact gate decides with: the profile with the house rules applied. */
  effective: RuleValues<EffectiveRule<unknown>>;
  /** Whether the actor may change the house rules. */
  canManage: boolean;
}

/** A profile's values for people: times as 'HH:MM'; `mark` adds what each value needs (its origin). */
function ruleValues<R extends RuleValue<unknown>>(
  profile: ContactProfile,
  mark: <T>(rule: Sourced<T>, key: string) => R & RuleValue<T>,
): RuleValues<R> {
  const or = <T, U>(rule: Sourced<T> | null, key: string, view: (value: T) => U) =>
    rule ? mark({ value: view(rule.value), source: rule.source }, key) : null;
  const hours = profile.hours.value;
  const policy = profile.thirdParty.value;
  const same = <T>(value: T) => value;
  return {
    hours: mark(
      {
        value: {
          start: formatMinute(hours.startMinute),
          end: formatMinute(hours.endMinute),
          channels: [...hours.channels],
        },
        source: profile.hours.source,
      },
      'hours',
    ),
    noContactOnStatutoryHolidays: or(
      profile.noContactOnStatutoryHolidays,
      'noContactOnStatutoryHolidays',
      same,
    ),
    dailyUnansweredCallsPerNumber: or(
      profile.dailyUnansweredCallsPerNumber,
      'dailyUnansweredCallsPerNumber',
      same,
    ),
    dailyConnectedCallsPerPerson: or(
      profile.dailyConnectedCallsPerPerson,
      'dailyConnectedCallsPerPerson',
      same,
    ),
    rollingCallCap: or(profile.rollingCallCap, 'rollingCallCap', (v) => ({ ...v })),
    postConversationWait: or(profile.postConversationWait, 'postConversationWait', (v) => ({ ...v })),
    thirdParty: mark(
      {
        value: {
          kind: policy.kind,
          consecutiveFailedAttempts:
            policy.kind === 'debtor_unreachable' ? policy.consecutiveFailedAttempts : null,
        },
        source: profile.thirdParty.source,
      },
      'thirdParty',
    ),
    thirdPartyRefusalIsFinal: mark(profile.thirdPartyRefusalIsFinal, 'thirdPartyRefusalIsFinal'),
    holds: {
      cease: mark(profile.holds.cease, 'holds.cease'),
      attorney: mark(profile.holds.attorney, 'holds.attorney'),
      complaintFreeze: mark(profile.holds.complaintFreeze, 'holds.complaintFreeze'),
      legalHold: mark(profile.holds.legalHold, 'holds.legalHold'),
    },
  };
}

/** The profile's value under a dotted key ('hours', 'holds.cease'). */
function ruleAt(profile: ContactProfile, key: string): unknown {
  const [group, name] = key.split('.') as [keyof ContactProfile, string | undefined];
  const value = profile[group];
  return name ? (value as Record<string, unknown>)[name] : value;
}

/** Who may read a portfolio's rules: everyone who works cases or QA. */
function assertRulesReader(actor: Actor): void {
  if (actor.kind === 'system') return;
  if (!actor.role || !(can(actor.role, 'cases.read') || can(actor.role, 'qa.read'))) {
    throw new AppError('FORBIDDEN');
  }
}

/**
 * A portfolio's contact rules: its profile's values with their sources, its house rules, and the
 * effective values the contact gate decides with, each marked as coming from the profile or the house
 * rule.
 */
export async function portfolioCompliance(
  store: Store,
  actor: Actor,
  portfolioCode: string,
): Promise<PortfolioCompliance> {
  assertRulesReader(actor);
  const [portfolio] = await store.db.select().from(portfolios).where(eq(portfolios.code, portfolioCode));
  if (!portfolio) throw new AppError('PORTFOLIO_NOT_FOUND', { code: portfolioCode });
  const profile = findProfile(portfolio.complianceProfile);
  if (!profile) throw new AppError('INTERNAL');
  const overrides = (portfolio.houseOverrides as HouseOverrides | null) ?? null;
  const effective = effectiveProfile(portfolio.complianceProfile, overrides);
  return {
    portfolio: { code: portfolio.code, name: portfolio.name, timeZone: portfolio.timeZone },
    profile: { id: profile.id, name: profile.name },
    values: ruleValues(profile, (rule) => rule),
    houseOverrides: overrides,
    // applyHouseOverrides replaces exactly the values a house rule changes; the others are the profile's own.
    effective: ruleValues(effective, (rule, key) => ({
      ...rule,
      origin: ruleAt(effective, key) === ruleAt(profile, key) ? 'profile' : 'house',
    })),
    canManage: canManage(actor),
  };
}
