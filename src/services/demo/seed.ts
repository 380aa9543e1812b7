/**
 * The demo organisation and portfolio: teams, an outside agency, one user per role, and a synthetic
 * portfolio imported through the real import path, then assigned the way a center would (M1 to the
 * early team, M2-M3 to the late team, over 90 days to the agency); then a few inspected calls and
 * templates (services/qa-demo.ts).
 */
import { Readable } from 'node:stream';
import { eq } from 'drizzle-orm';
import { localDateOf } from '../../domain/dates';
import type { RoleCode } from '../../domain/roles';
import type { Store } from '../../store/db';
import { agencies, portfolios, teams, users } from '../../store/schema';
import { type Actor, systemActor } from '../actor';
import { recordDemoAssignment } from '../assignment';
import { writeAudit } from '../audit';
import { type ImportResult, importCases } from '../import/import-cases';
import { createPortfolio } from '../portfolios';
import { seedDemoQa } from '../qa-demo';
import { seedDefaultStrategy } from '../strategies';
import { seedDemoTraining } from '../training/demo';
import { createUser } from '../users';
import { DEMO_TEMPLATE_HEADERS, demoRowValues, generateDemoRows, toCsvLine } from './generator';

export interface DemoLogin {
  username: string;
  role: RoleCode;
  displayName: string;
}

const TEAMS = [
  { code: 'T-EARLY', name: '早期催收一组', collectorScope: 'own' as const },
  { code: 'T-LATE', name: '中后期催收组', collectorScope: 'team' as const },
];
const AGENCY = { code: 'AG-HX', name: '华信委外服务有限公司' };

const DEMO_USERS: {
  username: string;
  displayName: string;
  role: RoleCode;
  team?: string;
  agency?: boolean;
}[] = [
  { username: 'admin', displayName: '系统管理员', role: 'admin' },
  { username: 'manager', displayName: '王建国', role: 'manager' },
  { username: 'lead', displayName: '李秀梅', role: 'team_lead', team: 'T-EARLY' },
  { username: 'lead2', displayName: '赵志强', role: 'team_lead', team: 'T-LATE' },
  { username: 'collector', displayName: '张晓明', role: 'collector', team: 'T-EARLY' },
  { username: 'collector2', displayName: '陈静', role: 'collector', team: 'T-EARLY' },
  { username: 'collector3', displayName: '刘洋', role: 'collector', team: 'T-LATE' },
  { username: 'qa', displayName: '周敏', role: 'qa' },
  { username: 'trainer', displayName: '吴海燕', role: 'trainer' },
  { username: 'trainee', displayName: '孙浩', role: 'trainee' },
  { username: 'agency', displayName: '郑伟（华信）', role: 'agency', agency: true },
  { username: 'legal', displayName: '何律', role: 'legal' },
  { username: 'auditor', displayName: '林审', role: 'auditor' },
];

export const DEMO_PORTFOLIO = 'DEMO-CC';

/** Creates the demo teams, agency and users when they are missing. Returns the logins. */
export async function ensureDemoOrganisation(
  store: Store,
  password: string,
  actor: Actor,
): Promise<DemoLogin[]> {
  await store.transaction(async ({ db }) => {
    const teamIds = new Map<string, string>();
    for (const t of TEAMS) {
      const found = await db.select({ id: teams.id }).from(teams).where(eq(teams.code, t.code));
      const id =
        found[0]?.id ??
        (await db
          .insert(teams)
          .values(t)
          .returning({ id: teams.id })
          .then((r) => r[0]?.id as string));
      if (!id) throw new Error(`team ${t.code} could not be created`);
      teamIds.set(t.code, id);
    }
    const foundAgency = await db
      .select({ id: agencies.id })
      .from(agencies)
      .where(eq(agencies.code, AGENCY.code));
    const agencyId =
      foundAgency[0]?.id ??
      (await db
        .insert(agencies)
        .values(AGENCY)
        .returning({ id: agencies.id })
        .then((r) => r[0]?.id as string));
    for (const u of DEMO_USERS) {
      const exists = await db.select({ id: users.id }).from(users).where(eq(users.username, u.username));
      if (exists.length > 0) continue;
      await createUser(db, actor, {
        username: u.username,
        displayName: u.displayName,
        password,
        role: u.role,
        teamId: u.team ? (teamIds.get(u.team) ?? null) : null,
        agencyId: u.agency ? agencyId : null,
      });
    }
  });
  return DEMO_USERS.map(({ username, role, displayName }) => ({ username, role, displayName }));
}

/** The generated rows as a CSV stream with the standard zh-CN headers, produced as it is read. */
export function demoCsvStream(options: {
  count: number;
  seed: number;
  asOf: string;
  contractPrefix: string;
}): Readable {
  function* lines() {
    yield `${toCsvLine([...DEMO_TEMPLATE_HEADERS])}\n`;
    for (const row of generateDemoRows(options)) {
      yield `${toCsvLine(demoRowValues(row))}\n`;
    }
  }
  return Readable.from(lines());
}

/**
 * Assigns the portfolio's unassigned open cases by age: up to 30 days to the early team (round robin over
 * its collectors), 31-90 days to the late team, over 90 days to the agency. A few cases carry holds so
 * the screens show them. One audit row records the run.
 */
export async function assignDemoCases(
  store: Store,
  portfolioId: string,
  actor: Actor,
  now: Date = new Date(),
): Promise<number> {
  return store.transaction(async ({ db, sql }) => {
    const team = async (code: string) =>
      (await db.select({ id: teams.id }).from(teams).where(eq(teams.code, code)))[0]?.id ?? null;
    const user = async (username: string) =>
      (await db.select({ id: users.id }).from(users).where(eq(users.username, username)))[0]?.id ?? null;
    const early = await team('T-EARLY');
    const late = await team('T-LATE');
    const agencyId = (
      await db.select({ id: agencies.id }).from(agencies).where(eq(agencies.code, AGENCY.code))
    )[0]?.id;
    const c1 = await user('collector');
    const c2 = await user('collector2');
    const c3 = await user('collector3');
    const r = await sql.query(
      `UPDATE cases c SET
         team_id = CASE WHEN x.days_past_due <= 30 THEN $2::uuid WHEN x.days_past_due <= 90 THEN $3::uuid ELSE NULL END,
         assigned_collector_id = CASE
           WHEN x.days_past_due <= 0 THEN NULL
           WHEN x.days_past_due <= 30 THEN (CASE WHEN x.rn % 2 = 0 THEN $4::uuid ELSE $5::uuid END)
           WHEN x.days_past_due <= 90 THEN $6::uuid ELSE NULL END,
         agency_id = CASE WHEN x.days_past_due > 90 THEN $7::uuid ELSE NULL END,
         stage = CASE WHEN x.days_past_due > 90 THEN 'agency' ELSE 'phone' END,
         complaint_freeze = (x.case_no % 97 = 0),
         legal_hold = (x.days_past_due > 180 AND x.case_no % 41 = 0),
         deceased = (x.case_no % 331 = 0),
         updated_at = now()
       FROM (
         SELECT id, case_no, days_past_due, row_number() OVER (ORDER BY case_no) AS rn
         FROM cases WHERE portfolio_id = $1 AND status = 'open' AND assigned_collector_id IS NULL
           AND team_id IS NULL AND agency_id IS NULL
       ) x
       WHERE c.id = x.id`,
      [portfolioId, early, late, c1, c2, c3, agencyId],
    );
    await writeAudit(db, actor, {
      action: 'case.assign.bulk',
      entityType: 'portfolio',
      entityId: portfolioId,
      after: { rule: 'demo: by days past due', cases: r.rowCount },
    });
    // Why each demo case is where it is (the case page's assignment history, the placements screen).
    await recordDemoAssignment(sql, portfolioId, now, actor);
    return r.rowCount;
  });
}

export interface DemoSeedResult {
  logins: DemoLogin[];
  portfolioCode: string;
  import: ImportResult;
  assigned: number;
}

/** A demo portfolio of `accounts` synthetic accounts, with the organisation to work it. */
export async function seedDemo(
  store: Store,
  options: { accounts: number; now: Date; seed?: number; portfolioCode?: string; password: string },
): Promise<DemoSeedResult> {
  const actor = systemActor('demo');
  const code = options.portfolioCode ?? DEMO_PORTFOLIO;
  const logins = await ensureDemoOrganisation(store, options.password, actor);
  let portfolio = (await store.db.select().from(portfolios).where(eq(portfolios.code, code)))[0];
  if (!portfolio) {
    portfolio = await createPortfolio(store, actor, {
      code,
      name: code === DEMO_PORTFOLIO ? '示范银行信用卡逾期资产' : `示范资产包 ${code}`,
      creditor: '示范银行信用卡中心',
      productLine: 'credit_card',
      complianceProfile: 'cn-cba',
    });
  }
  const seed = options.seed ?? 20261124;
  const asOf = localDateOf(options.now, portfolio.timeZone);
  const result = await importCases(
    store,
    {
      stream: demoCsvStream({ count: options.accounts, seed, asOf, contractPrefix: `${code}-${seed}-` }),
      fileName: `demo-${asOf}.csv`,
    },
    { portfolioCode: code, acceptValid: false, actor, now: options.now },
  );
  const assigned = await assignDemoCases(store, portfolio.id, actor, options.now);
  // Inspected calls and templates, so the QA and template screens are not empty on first start.
  await seedDemoQa(store, options.now);
  // The portfolio starts with the default collection strategy active (version 1), once.
  await seedDefaultStrategy(store, actor, code, options.now);
  // A cohort with scenarios assigned, so the training screens have a class to show.
  await seedDemoTraining(store, options.now, portfolio.timeZone);
  return { logins, portfolioCode: code, import: result, assigned };
}

export async function hasAnyPortfolio(store: Store): Promise<boolean> {
  const r = await store.db.select({ id: portfolios.id }).from(portfolios).limit(1);
  return r.length > 0;
}
