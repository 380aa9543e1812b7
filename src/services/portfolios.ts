import { asc, eq } from 'drizzle-orm';
import { type BucketRange, DEFAULT_BUCKETS, validateBucketConfig } from '../domain/aging';
import { isTimeZone } from '../domain/dates';
import {
  allocationOrderReasonText,
  DEFAULT_ALLOCATION_ORDER,
  validateAllocationOrder,
} from '../domain/payment-allocation';
import { reasonText } from '../domain/reasons';
import { can } from '../domain/roles';
import { AppError, invalid } from '../errors';
import type { Db, Store } from '../store/db';
import { portfolios } from '../store/schema';
import type { Actor } from './actor';
import { writeAudit } from './audit';
import { caseScopeSql } from './case-scope';

export interface NewPortfolio {
  code: string;
  name: string;
  creditor?: string;
  productLine?: string;
  complianceProfile?: string;
  timeZone?: string;
  buckets?: BucketRange[];
}

export const COMPLIANCE_PROFILES = ['cn-cba', 'us-regf'] as const;

export async function createPortfolio(store: Store, actor: Actor, input: NewPortfolio) {
  const code = input.code.trim();
  if (!/^[A-Za-z0-9_-]{2,32}$/.test(code)) {
    throw invalid('code', '须为 2-32 位字母、数字、下划线或连字符', 'must be 2-32 letters, digits, _ or -');
  }
  if (!input.name.trim()) throw invalid('name', '不能为空', 'is required');
  const buckets = input.buckets ?? DEFAULT_BUCKETS.map((b) => ({ ...b }));
  const check = validateBucketConfig(buckets);
  if (!check.ok) {
    const text = reasonText(check.reason);
    throw invalid('buckets', text.zh, text.en);
  }
  const profile = input.complianceProfile ?? 'cn-cba';
  if (!(COMPLIANCE_PROFILES as readonly string[]).includes(profile)) {
    throw invalid('complianceProfile', `未知的合规配置 ${profile}`, `unknown compliance profile ${profile}`);
  }
  const timeZone = input.timeZone ?? 'Asia/Shanghai';
  if (!isTimeZone(timeZone)) throw invalid('timeZone', '不是有效的 IANA 时区', 'is not an IANA time zone');
  return store.transaction(async ({ db }) => {
    const existing = await db.select({ id: portfolios.id }).from(portfolios).where(eq(portfolios.code, code));
    if (existing.length > 0) throw new AppError('PORTFOLIO_EXISTS', { code });
    const [row] = await db
      .insert(portfolios)
      .values({
        code,
        name: input.name.trim(),
        creditor: input.creditor?.trim() ?? '',
        productLine: input.productLine ?? 'credit_card',
        complianceProfile: profile,
        timeZone,
        bucketConfig: buckets,
      })
      .returning();
    if (!row) throw new AppError('INTERNAL');
    await writeAudit(db, actor, {
      action: 'portfolio.create',
      entityType: 'portfolio',
      entityId: row.id,
      after: row,
    });
    return row;
  });
}

export interface PortfolioStats {
  id: string;
  code: string;
  name: string;
  creditor: string;
  productLine: string;
  complianceProfile: string;
  timeZone: string;
  buckets: BucketRange[];
  openCases: number;
  byBucket: { bucket: string; cases: number; balanceFen: number }[];
  createdAt: string;
}

/** Portfolios with their open cases per bucket, counted within what the actor may see. */
export async function listPortfolios(store: Store, actor: Actor): Promise<PortfolioStats[]> {
  const list = await store.db.select().from(portfolios).orderBy(asc(portfolios.code));
  const scope = caseScopeSql(actor, 'c', 2);
  const counts = await store.sql.query<{
    portfolio_id: string;
    bucket: string;
    cases: number;
    balance: number;
  }>(
    `SELECT c.portfolio_id, c.bucket, count(*)::int AS cases, coalesce(sum(a.balance_fen), 0)::int8 AS balance
     FROM cases c JOIN accounts a ON a.id = c.account_id
     WHERE c.status = $1 AND ${scope.sql}
     GROUP BY c.portfolio_id, c.bucket`,
    ['open', ...scope.params],
  );
  return list.map((p) => {
    const mine = counts.rows.filter((r) => r.portfolio_id === p.id);
    const byBucket = p.bucketConfig.map((b) => {
      const hit = mine.find((r) => r.bucket === b.code);
      return { bucket: b.code, cases: hit?.cases ?? 0, balanceFen: hit?.balance ?? 0 };
    });
    return {
      id: p.id,
      code: p.code,
      name: p.name,
      creditor: p.creditor,
      productLine: p.productLine,
      complianceProfile: p.complianceProfile,
      timeZone: p.timeZone,
      buckets: p.bucketConfig,
      openCases: byBucket.reduce((n, b) => n + b.cases, 0),
      byBucket,
      createdAt: p.createdAt.toISOString(),
    };
  });
}

/** Changing a portfolio's settings needs portfolios.manage (or the system itself). */
function assertPortfolioManager(actor: Actor): void {
  if (actor.kind !== 'system' && (!actor.role || !can(actor.role, 'portfolios.manage'))) {
    throw new AppError('FORBIDDEN');
  }
}

/** The portfolio row, locked for the rest of the transaction. */
async function lockPortfolio(db: Db, portfolioCode: string) {
  const [portfolio] = await db
    .select()
    .from(portfolios)
    .where(eq(portfolios.code, portfolioCode))
    .for('update');
  if (!portfolio) throw new AppError('PORTFOLIO_NOT_FOUND', { code: portfolioCode });
  return portfolio;
}

/**
 * Sets the order in which a portfolio's payments pay off the components (e.g. the lender's contract
 * says principal last), or with null the default (fees → penalty → interest → principal). Audited.
 */
export async function setAllocationOrder(
  store: Store,
  actor: Actor,
  portfolioCode: string,
  order: readonly string[] | null,
): Promise<string[]> {
  assertPortfolioManager(actor);
  let checked: string[] | null = null;
  if (order !== null) {
    const result = validateAllocationOrder(order);
    if (!result.ok) {
      const text = allocationOrderReasonText(result.reason);
      throw invalid('order', text.zh, text.en);
    }
    checked = result.order;
  }
  return store.transaction(async ({ db }) => {
    const portfolio = await lockPortfolio(db, portfolioCode);
    await db
      .update(portfolios)
      .set({ allocationOrder: checked, updatedAt: new Date() })
      .where(eq(portfolios.id, portfolio.id));
    await writeAudit(db, actor, {
      action: 'portfolio.allocation_order',
      entityType: 'portfolio',
      entityId: portfolio.id,
      before: { allocationOrder: portfolio.allocationOrder ?? null },
      after: { allocationOrder: checked },
    });
    return checked ?? [...DEFAULT_ALLOCATION_ORDER];
  });
}

/**
 * Whether a portfolio requires the training certification (培训认证): when it does, an uncertified
 * collector or team lead is not given its cases (assignment), gets none of them as "next case", and the
 * contact gate refuses their contacts with `not_certified`. Needs portfolios.manage; audited.
 */
export async function setCertificationRequired(
  store: Store,
  actor: Actor,
  portfolioCode: string,
  required: unknown,
): Promise<{ portfolioCode: string; requireCertification: boolean }> {
  assertPortfolioManager(actor);
  if (typeof required !== 'boolean')
    throw invalid('required', '必须是 true 或 false', 'must be true or false');
  return store.transaction(async ({ db }) => {
    const portfolio = await lockPortfolio(db, portfolioCode);
    if (portfolio.requireCertification !== required) {
      await db
        .update(portfolios)
        .set({ requireCertification: required, updatedAt: new Date() })
        .where(eq(portfolios.id, portfolio.id));
      await writeAudit(db, actor, {
        action: 'portfolio.require_certification',
        entityType: 'portfolio',
        entityId: portfolio.id,
        before: { requireCertification: portfolio.requireCertification },
        after: { requireCertification: required },
      });
    }
    return { portfolioCode, requireCertification: required };
  });
}
