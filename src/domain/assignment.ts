/**
 * Assignment (分案): which collector takes which case, and why. Pure: the cases, the collectors with their
 * capacity and current load, the debtors' current collectors and the portfolio's rules come in; a plan
 * with a rule and a reason in Chinese and English for every case comes out.
 *
 * The order of precedence, for one debtor's cases together (or one case when the same-debtor rule is
 * off):
 * 1. the same contract stays with the collector who had it before (a case returning from an agency, a
 *    reopened case), when that collector is active, certified where required, in the case's team when
 *    the case belongs to one, and has room;
 * 2. the same debtor stays with the collector who already works the debtor's other open cases, on the
 *    same conditions;
 * 3. otherwise the group is balanced by capacity: among the eligible collectors (active, certified when
 *    the portfolio requires it, in the case's team when it has one, else in a team that takes the
 *    bucket), the one with the lowest load (open cases ÷ capacity) that has room for the whole group.
 * A group nobody can take stays unplanned, with the reason. Ties are broken by id, and the plan does
 * not depend on the order of the input.
 */
import type { BilingualText } from './bilingual';

/** Why a case is where it is (assignment_history.rule). */
export const ASSIGNMENT_HISTORY_RULES = [
  'same_debtor',
  'balanced',
  'manual',
  'placement',
  'recall',
  'import',
] as const;
export type AssignmentHistoryRule = (typeof ASSIGNMENT_HISTORY_RULES)[number];

export interface AssignmentRules {
  /** A debtor's open cases of the portfolio stay with one collector. */
  sameDebtor: boolean;
  /** Which teams take which buckets (team codes per bucket code); null = every team of collectors. A bucket left out is taken by every team. */
  teamsByBucket: Record<string, string[]> | null;
  /** Never give a collector more open cases than their capacity. */
  skipCollectorsOverCapacity: boolean;
}

export const DEFAULT_ASSIGNMENT_RULES: Readonly<AssignmentRules> = Object.freeze({
  sameDebtor: true,
  teamsByBucket: null,
  skipCollectorsOverCapacity: true,
});

export type AssignmentRuleProblemCode =
  | 'not_object'
  | 'unknown_field'
  | 'not_boolean'
  | 'teams_by_bucket_not_object'
  | 'unknown_bucket'
  | 'teams_not_list'
  | 'teams_empty'
  | 'unknown_team'
  | 'team_duplicate';

export interface AssignmentRuleProblem {
  /** The field, e.g. `sameDebtor`, `teamsByBucket.M9`, `teamsByBucket.M1[0]`. */
  field: string;
  code: AssignmentRuleProblemCode;
  zh: string;
  en: string;
}

const FIELDS = ['sameDebtor', 'teamsByBucket', 'skipCollectorsOverCapacity'] as const;

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Checks rules a person entered against the portfolio's buckets and the existing teams. Fields left out
 * take their defaults. Every problem names its field.
 */
export function validateAssignmentRules(
  input: unknown,
  context: { bucketCodes: readonly string[]; teamCodes: readonly string[] },
): { ok: true; rules: AssignmentRules } | { ok: false; problems: AssignmentRuleProblem[] } {
  const problems: AssignmentRuleProblem[] = [];
  const problem = (field: string, code: AssignmentRuleProblemCode, zh: string, en: string) =>
    problems.push({ field, code, zh, en });
  if (!isPlainObject(input)) {
    problem('rules', 'not_object', '须为对象', 'must be an object');
    return { ok: false, problems };
  }
  for (const key of Object.keys(input)) {
    if (!(FIELDS as readonly string[]).includes(key)) {
      problem(
        key,
        'unknown_field',
        `未知字段，可用字段：${FIELDS.join('、')}`,
        `unknown field; the fields are ${FIELDS.join(', ')}`,
      );
    }
  }
  const rules: AssignmentRules = { ...DEFAULT_ASSIGNMENT_RULES };
  for (const key of ['sameDebtor', 'skipCollectorsOverCapacity'] as const) {
    const value = input[key];
    if (value === undefined) continue;
    if (typeof value !== 'boolean')
      problem(key, 'not_boolean', '须为 true 或 false', 'must be true or false');
    else rules[key] = value;
  }
  const map = input.teamsByBucket;
  if (map !== undefined && map !== null) {
    if (!isPlainObject(map)) {
      problem(
        'teamsByBucket',
        'teams_by_bucket_not_object',
        '须为“账龄 → 团队代码列表”的对象，或 null（所有团队）',
        'must map bucket codes to lists of team codes, or be null (every team)',
      );
    } else {
      const out: Record<string, string[]> = {};
      for (const [bucket, teamList] of Object.entries(map)) {
        const field = `teamsByBucket.${bucket}`;
        if (!context.bucketCodes.includes(bucket)) {
          problem(
            field,
            'unknown_bucket',
            `账龄 ${bucket} 不在该资产包的账龄设置中（${context.bucketCodes.join('、')}）`,
            `bucket ${bucket} is not one of the portfolio's buckets (${context.bucketCodes.join(', ')})`,
          );
          continue;
        }
        if (!Array.isArray(teamList)) {
          problem(field, 'teams_not_list', '须为团队代码列表', 'must be a list of team codes');
          continue;
        }
        if (teamList.length === 0) {
          problem(
            field,
            'teams_empty',
            '至少选择一个团队；不限团队时请删除该账龄',
            'choose at least one team; leave the bucket out to let every team take it',
          );
          continue;
        }
        const seen = new Set<string>();
        teamList.forEach((team, index) => {
          const teamField = `${field}[${index}]`;
          if (typeof team !== 'string' || !context.teamCodes.includes(team)) {
            problem(
              teamField,
              'unknown_team',
              `团队 ${String(team)} 不存在`,
              `team ${String(team)} does not exist`,
            );
          } else if (seen.has(team)) {
            problem(teamField, 'team_duplicate', `团队 ${team} 重复`, `team ${team} is listed twice`);
          } else {
            seen.add(team);
          }
        });
        out[bucket] = [...seen];
      }
      rules.teamsByBucket = out;
    }
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, rules };
}

/** The rules stored on a portfolio (null = the defaults); a stored value that is not valid falls back field by field. */
export function assignmentRulesOf(stored: unknown): AssignmentRules {
  const rules: AssignmentRules = { ...DEFAULT_ASSIGNMENT_RULES };
  if (!isPlainObject(stored)) return rules;
  if (typeof stored.sameDebtor === 'boolean') rules.sameDebtor = stored.sameDebtor;
  if (typeof stored.skipCollectorsOverCapacity === 'boolean') {
    rules.skipCollectorsOverCapacity = stored.skipCollectorsOverCapacity;
  }
  if (isPlainObject(stored.teamsByBucket)) {
    const map: Record<string, string[]> = {};
    for (const [bucket, list] of Object.entries(stored.teamsByBucket)) {
      if (Array.isArray(list)) map[bucket] = list.filter((t): t is string => typeof t === 'string');
    }
    rules.teamsByBucket = map;
  }
  return rules;
}

// ——— the planner ———

export interface PlannerCase {
  id: string;
  debtorId: string;
  bucket: string;
  balanceFen: number;
  /** Decides which of a debtor's cases leads the group (the most delinquent); 0 when unknown. */
  daysPastDue?: number;
  /** The team the case already belongs to (a team's pool): only that team's collectors take it. */
  teamId?: string | null;
  /** The collector who had this contract before (e.g. before an agency placement). */
  previousCollectorId?: string | null;
}

export interface PlannerCollector {
  id: string;
  name: string;
  teamId: string | null;
  teamCode: string | null;
  /** Open cases the collector can carry. */
  capacity: number;
  /** Open cases the collector carries now. */
  load: number;
  active: boolean;
  /** Passed the certification (only matters when the portfolio requires it). */
  certified: boolean;
}

export interface PlanInput {
  cases: readonly PlannerCase[];
  collectors: readonly PlannerCollector[];
  /** The collector of each debtor's other open cases in the portfolio (debtor id → collector id). */
  debtorCollectors: ReadonlyMap<string, string>;
  rules: AssignmentRules;
  /** Only certified collectors may take cases (portfolios.require_certification). */
  requireCertification?: boolean;
}

export type PlanRule = 'same_contract' | 'same_debtor' | 'balanced';
export type PlanReasonCode = PlanRule | 'no_eligible_collector' | 'no_collector_with_room';

export interface PlanEntry {
  caseId: string;
  /** null: not planned (see the reason). */
  collectorId: string | null;
  teamId: string | null;
  rule: PlanRule | null;
  code: PlanReasonCode;
  reason: BilingualText;
}

export interface Plan {
  /** One entry per input case, in the order of the input. */
  entries: PlanEntry[];
  /** Open cases per collector after the plan (collector id → load). */
  loads: Record<string, number>;
}

interface Group {
  key: string;
  cases: PlannerCase[];
  lead: PlannerCase;
  totalFen: number;
}

const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** The case that decides a group's team: the most days past due, then the largest balance, then the id. */
function leadOf(cases: PlannerCase[]): PlannerCase {
  return [...cases].sort(
    (a, b) => (b.daysPastDue ?? 0) - (a.daysPastDue ?? 0) || b.balanceFen - a.balanceFen || byId(a, b),
  )[0] as PlannerCase;
}

function groupsOf(cases: readonly PlannerCase[], sameDebtor: boolean): Group[] {
  const byKey = new Map<string, PlannerCase[]>();
  for (const c of cases) {
    const key = sameDebtor ? `d:${c.debtorId}` : `c:${c.id}`;
    const list = byKey.get(key);
    if (list) list.push(c);
    else byKey.set(key, [c]);
  }
  const groups = [...byKey.entries()].map(([key, list]) => {
    const sorted = [...list].sort(byId);
    return {
      key,
      cases: sorted,
      lead: leadOf(sorted),
      totalFen: sorted.reduce((s, c) => s + c.balanceFen, 0),
    };
  });
  // The largest debts first (they get a collector first when room is short), then by id.
  return groups.sort((a, b) => b.totalFen - a.totalFen || byId(a.lead, b.lead));
}

/** a's load ratio compared with b's (load ÷ capacity), exactly, without division. */
function compareLoad(a: PlannerCollector, b: PlannerCollector): number {
  const left = a.load * b.capacity;
  const right = b.load * a.capacity;
  return left - right || a.load - b.load || byId(a, b);
}

function loadText(c: PlannerCollector): string {
  return `${c.load}/${c.capacity}`;
}

/**
 * Plans the given unassigned cases. Deterministic: the same cases, collectors, map and rules give the
 * same plan whatever their order.
 */
export function planAssignment(input: PlanInput): Plan {
  const { rules } = input;
  const collectors = new Map<string, PlannerCollector>();
  for (const c of [...input.collectors].sort(byId)) collectors.set(c.id, { ...c });
  const certifiedOk = (c: PlannerCollector) => !input.requireCertification || c.certified;
  const hasRoom = (c: PlannerCollector, n: number) =>
    !rules.skipCollectorsOverCapacity || c.load + n <= c.capacity;
  const results = new Map<string, PlanEntry>();

  /** Why a continuity collector (same contract or debtor) cannot take the group, or null when they can. */
  const continuityProblem = (id: string, n: number, teamId: string | null): BilingualText | null => {
    const c = collectors.get(id);
    if (!c) return { zh: '已不是催收员', en: 'is no longer a collector' };
    if (!c.active) return { zh: '已停用', en: 'is inactive' };
    if (teamId && c.teamId !== teamId) return { zh: '不在案件所属团队', en: "is not in the case's team" };
    if (!certifiedOk(c)) return { zh: '未通过认证', en: 'is not certified' };
    if (!hasRoom(c, n)) return { zh: `已满（${loadText(c)}）`, en: `is full (${loadText(c)})` };
    return null;
  };

  const assign = (group: Group, c: PlannerCollector, rule: PlanRule, reason: BilingualText) => {
    for (const k of group.cases) {
      results.set(k.id, { caseId: k.id, collectorId: c.id, teamId: c.teamId, rule, code: rule, reason });
    }
    c.load += group.cases.length;
  };
  const leave = (group: Group, code: PlanReasonCode, reason: BilingualText) => {
    for (const k of group.cases) {
      results.set(k.id, { caseId: k.id, collectorId: null, teamId: null, rule: null, code, reason });
    }
  };

  for (const group of groupsOf(input.cases, rules.sameDebtor)) {
    const n = group.cases.length;
    const teamId = group.lead.teamId ?? null;
    const skipped: BilingualText[] = [];

    // 1. The same contract: the collector a case of the group had before (the lead's first).
    const previous = [group.lead, ...group.cases]
      .map((k) => k.previousCollectorId)
      .find((id): id is string => typeof id === 'string');
    if (previous) {
      const problem = continuityProblem(previous, n, teamId);
      const c = collectors.get(previous);
      if (!problem && c) {
        assign(group, c, 'same_contract', {
          zh: `同一合同此前由 ${c.name} 处理`,
          en: `Same contract, handled before by ${c.name}`,
        });
        continue;
      }
      const name = c?.name ?? previous;
      skipped.push({
        zh: `原催收员 ${name} ${problem?.zh}`,
        en: `the previous collector ${name} ${problem?.en}`,
      });
    }

    // 2. The same debtor: the collector of the debtor's other open cases.
    const current = rules.sameDebtor ? input.debtorCollectors.get(group.lead.debtorId) : undefined;
    if (current && current !== previous) {
      const problem = continuityProblem(current, n, teamId);
      const c = collectors.get(current);
      if (!problem && c) {
        assign(group, c, 'same_debtor', {
          zh: `同一债务人已由 ${c.name} 处理`,
          en: `The same debtor is already with ${c.name}`,
        });
        continue;
      }
      const name = c?.name ?? current;
      skipped.push({
        zh: `同一债务人的催收员 ${name} ${problem?.zh}`,
        en: `the debtor's collector ${name} ${problem?.en}`,
      });
    }
    const prefix: BilingualText = {
      zh: skipped.map((s) => `${s.zh}；`).join(''),
      en: skipped.map((s) => `${s.en[0]?.toUpperCase()}${s.en.slice(1)}; `).join(''),
    };

    // 3. Balanced by capacity among the eligible collectors.
    const teams = teamId ? null : (rules.teamsByBucket?.[group.lead.bucket] ?? null);
    const eligible = [...collectors.values()].filter(
      (c) =>
        c.active &&
        certifiedOk(c) &&
        c.capacity > 0 &&
        (teamId
          ? c.teamId === teamId
          : teams === null || (c.teamCode !== null && teams.includes(c.teamCode))),
    );
    const where: BilingualText = teamId
      ? { zh: '本团队', en: "the case's team" }
      : teams
        ? {
            zh: `接 ${group.lead.bucket} 的团队（${teams.join('、')}）`,
            en: `the teams taking ${group.lead.bucket} (${teams.join(', ')})`,
          }
        : { zh: '各团队', en: 'any team' };
    const certNote: BilingualText = input.requireCertification
      ? { zh: '已认证的', en: 'certified ' }
      : { zh: '', en: '' };
    if (eligible.length === 0) {
      leave(group, 'no_eligible_collector', {
        zh: `${prefix.zh}${where.zh}没有在岗的${certNote.zh}催收员`,
        en: `${prefix.en}No active ${certNote.en}collector in ${where.en}`,
      });
      continue;
    }
    const withRoom = eligible.filter((c) => hasRoom(c, n)).sort(compareLoad);
    const chosen = withRoom[0];
    if (!chosen) {
      const what: BilingualText =
        n === 1 ? { zh: '', en: '' } : { zh: `（该债务人共 ${n} 件案件）`, en: ` (the debtor's ${n} cases)` };
      leave(group, 'no_collector_with_room', {
        zh: `${prefix.zh}没有有余量的催收员${what.zh}：${where.zh}的 ${eligible.length} 名催收员均已满`,
        en: `${prefix.en}No collector has room${what.en}: all ${eligible.length} collectors in ${where.en} are full`,
      });
      continue;
    }
    assign(group, chosen, 'balanced', {
      zh: `${prefix.zh}按容量均衡：${chosen.name} 当前 ${loadText(chosen)}`,
      en: `${prefix.en}Balanced by capacity: ${chosen.name} has ${loadText(chosen)}`,
    });
  }

  const loads: Record<string, number> = {};
  for (const c of collectors.values()) loads[c.id] = c.load;
  return { entries: input.cases.map((k) => results.get(k.id) as PlanEntry), loads };
}
