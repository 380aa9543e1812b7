/**
 * A portfolio's house rules: its compliance profile made stricter (end of day, holidays, caps). Every
 * change is validated against the profile and audited with before and after in the same transaction.
 */
import { eq } from 'drizzle-orm';
import {
  applyHouseOverrides,
  findProfile,
  type HouseOverrides,
  type OverrideProblemCode,
} from '../compliance/profiles';
import type { ContactProfile } from '../compliance/profiles/types';
import { AppError, invalid } from '../errors';
import type { Store } from '../store/db';
import { portfolios } from '../store/schema';
import type { Actor } from './actor';
import { writeAudit } from './audit';

const problemZh: Record<OverrideProblemCode, string> = {
  source_required: '请注明内部规定的出处',
  time_format: '须写作 HH:MM，如 21:00',
  empty_window: '设置后联系时段为空',
  looser_than_profile: '不得比合规配置更宽松',
  not_positive_integer: '须为不小于 1 的整数',
};

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

/** Sets (or, with null, clears) a portfolio's house rules. */
export async function setHouseOverrides(
  store: Store,
  actor: Actor,
  portfolioCode: string,
  overrides: HouseOverrides | null,
): Promise<void> {
  await store.transaction(async ({ db }) => {
    const [portfolio] = await db.select().from(portfolios).where(eq(portfolios.code, portfolioCode));
    if (!portfolio) throw new AppError('PORTFOLIO_NOT_FOUND', { code: portfolioCode });
    if (overrides) {
      const profile = findProfile(portfolio.complianceProfile);
      if (!profile) throw invalid('complianceProfile', '合规配置不存在', 'unknown compliance profile');
      const applied = applyHouseOverrides(profile, overrides);
      if (!applied.ok) {
        const first = applied.problems[0];
        if (first) {
          throw new AppError(
            'VALIDATION_FAILED',
            { field: first.field, reason: problemZh[first.code], reasonEn: first.message },
            { field: first.field, problems: applied.problems },
          );
        }
      }
    }
    await db
      .update(portfolios)
      .set({ houseOverrides: overrides as Record<string, unknown> | null, updatedAt: new Date() })
      .where(eq(portfolios.id, portfolio.id));
    await writeAudit(db, actor, {
      action: 'portfolio.house_rules',
      entityType: 'portfolio',
      entityId: portfolio.id,
      before: { houseOverrides: portfolio.houseOverrides ?? null },
      after: { houseOverrides: overrides },
    });
  });
}
