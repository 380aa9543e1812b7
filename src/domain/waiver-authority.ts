/**
 * Waiver authority (减免审批权限): who must approve a waiver (减免: part of the balance forgiven, e.g.
 * penalty or interest in a settlement). DOMAIN.md: collectors may not reduce principal or interest on
 * their own; amounts decide who approves (multi-level, maker-checker).
 *
 * The authority matrix is a list of scopes. A scope covers a range of days past due (inclusive; the
 * portfolio's buckets are such ranges, so a bucket range is written as its days) and, optionally, some
 * collection stages (all when omitted). Each scope lists its approval levels from the lowest: a role,
 * the largest amount it may approve (fen; null = no amount limit) and the largest share of the balance
 * (basis points, 1000 = 10%). A level approves a request only within both limits.
 *
 * Deciding a request: the scope that covers its days past due and stage is found; the lowest level
 * whose limits hold is the required level; the approval chain is every level from the first up to the
 * required one, in order (each level reviews before the next: maker-checker up the ladder), or only the
 * required level when the matrix says `chain: 'required_level'`. Refused outright: a waiver of more
 * than the balance, one above the highest level, one in a scope without levels (no waivers there).
 *
 * Approving: nobody approves their own request, one person approves at most one step of a chain, and
 * each step needs a person holding that step's role. Roles that may approve at all are team lead,
 * manager, legal, administrator and the risk committee; collectors, agencies, QA and training roles
 * never can. The default matrix leaves the system administrator out: running the system is not
 * deciding about money (separation of duties).
 */
import { type BilingualText, copyText } from './bilingual';
import { formatFen } from './money';

/** Collection stages, as the cases table has them. */
export const CASE_STAGES = ['phone', 'visit', 'agency', 'legal', 'write_off'] as const;
export type CaseStage = (typeof CASE_STAGES)[number];

/** Roles that may approve a waiver step: the user roles of roles.ts that may, and the risk committee. */
export const WAIVER_APPROVER_ROLES = ['team_lead', 'manager', 'legal', 'admin', 'risk_committee'] as const;
export type WaiverApproverRole = (typeof WAIVER_APPROVER_ROLES)[number];

const approverNames: Record<WaiverApproverRole, BilingualText> = {
  team_lead: { zh: '催收组长', en: 'Team lead' },
  manager: { zh: '催收经理', en: 'Collections manager' },
  legal: { zh: '法务', en: 'Legal' },
  admin: { zh: '系统管理员', en: 'Administrator' },
  risk_committee: { zh: '风险管理委员会', en: 'Risk committee' },
};

export function approverRoleName(role: WaiverApproverRole): BilingualText {
  return copyText(approverNames[role]);
}

export function isWaiverApproverRole(value: string): value is WaiverApproverRole {
  return (WAIVER_APPROVER_ROLES as readonly string[]).includes(value);
}

export interface WaiverLevel {
  role: WaiverApproverRole;
  /** The largest waiver this level approves, whole fen; null = no amount limit. */
  maxAmountFen: number | null;
  /** The largest share of the balance this level approves, in basis points (0-10000). */
  maxBasisPoints: number;
}

export interface WaiverScope {
  minDaysPastDue: number;
  /** null = open-ended. */
  maxDaysPastDue: number | null;
  /** Stages the scope covers; omitted = every stage. */
  stages?: readonly CaseStage[];
  /** From the lowest level up; empty = no waivers in this scope. */
  levels: readonly WaiverLevel[];
}

export interface WaiverAuthorityMatrix {
  scopes: readonly WaiverScope[];
  /** 'every_level' (default): every level up to the required one approves in turn. */
  chain?: 'every_level' | 'required_level';
}

/**
 * Team lead up to ¥500 and 10% of the balance, manager up to ¥5,000 and 30%, the risk committee
 * anything up to the whole balance; every stage and age.
 */
export const DEFAULT_WAIVER_MATRIX: WaiverAuthorityMatrix = Object.freeze({
  chain: 'every_level',
  scopes: Object.freeze([
    Object.freeze({
      minDaysPastDue: 0,
      maxDaysPastDue: null,
      levels: Object.freeze([
        Object.freeze({ role: 'team_lead', maxAmountFen: 50_000, maxBasisPoints: 1_000 }),
        Object.freeze({ role: 'manager', maxAmountFen: 500_000, maxBasisPoints: 3_000 }),
        Object.freeze({ role: 'risk_committee', maxAmountFen: null, maxBasisPoints: 10_000 }),
      ]),
    }),
  ]),
});

export const WAIVER_MATRIX_PROBLEMS = [
  'matrix_empty',
  'days_invalid',
  'days_range_inverted',
  'stages_empty',
  'stage_unknown',
  'stage_duplicate',
  'role_not_approver',
  'role_duplicate',
  'amount_invalid',
  'basis_points_invalid',
  'level_not_ascending',
  'level_not_higher',
  'days_gap',
  'days_overlap',
  'days_open_end_missing',
  'stage_not_covered',
  'chain_invalid',
] as const;
export type WaiverMatrixProblemCode = (typeof WAIVER_MATRIX_PROBLEMS)[number];

const matrixProblemTexts: Record<WaiverMatrixProblemCode, BilingualText> = {
  matrix_empty: { zh: '审批矩阵至少需要一个适用范围', en: 'The matrix needs at least one scope' },
  days_invalid: {
    zh: '逾期天数须为不小于 0 的整数',
    en: 'Days past due must be a whole number of 0 or more',
  },
  days_range_inverted: { zh: '结束天数不能小于起始天数', en: 'The last day cannot be before the first day' },
  stages_empty: {
    zh: '催收阶段列表不能为空；适用于全部阶段时请省略',
    en: 'The stage list cannot be empty; omit it to cover every stage',
  },
  stage_unknown: {
    zh: '未知的催收阶段，只能是 phone、visit、agency、legal、write_off',
    en: 'Unknown stage; use phone, visit, agency, legal or write_off',
  },
  stage_duplicate: { zh: '催收阶段重复', en: 'This stage is listed twice' },
  role_not_approver: {
    zh: '该角色不能审批减免（只能是组长、经理、法务、管理员或风险管理委员会）',
    en: 'This role cannot approve waivers (team lead, manager, legal, admin or risk committee only)',
  },
  role_duplicate: {
    zh: '同一范围内该角色已出现在较低层级',
    en: 'This role already has a lower level in this scope',
  },
  amount_invalid: {
    zh: '金额上限须为不小于 0 的整数（分），不设上限时填 null',
    en: 'The amount limit must be whole fen of 0 or more, or null for no limit',
  },
  basis_points_invalid: {
    zh: '比例上限须为 0 到 10000 之间的整数（基点，1000 即 10%）',
    en: 'The share limit must be a whole number of basis points from 0 to 10000 (1000 = 10%)',
  },
  level_not_ascending: {
    zh: '层级须由低到高：该上限低于前一层级',
    en: 'Levels must ascend: this limit is below the one of the level before',
  },
  level_not_higher: {
    zh: '该层级的两个上限都不高于前一层级，永远不会用到',
    en: 'Neither limit of this level is above the level before, so it would never be used',
  },
  days_gap: { zh: '与前一范围之间的逾期天数有空档', en: 'Gap in days past due after the previous scope' },
  days_overlap: { zh: '与其他范围的逾期天数重叠', en: 'Days past due overlap another scope' },
  days_open_end_missing: {
    zh: '最后一个范围须不设结束天数，覆盖所有更长的逾期',
    en: 'The last scope must be open-ended to cover all longer delinquency',
  },
  stage_not_covered: { zh: '没有适用于该催收阶段的范围', en: 'No scope covers this stage' },
  chain_invalid: {
    zh: '审批链方式只能是 every_level 或 required_level',
    en: 'The chain must be every_level or required_level',
  },
};

export interface WaiverMatrixProblem {
  /** Where: 'scopes', 'scopes[1]', 'scopes[1].levels[2]'. */
  row: string;
  /** The field concerned, e.g. 'maxAmountFen', 'minDaysPastDue'. */
  field: string;
  code: WaiverMatrixProblemCode;
  /** The stages concerned, for coverage problems. */
  stages?: CaseStage[];
  text: BilingualText;
}

function isCount(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}

/** A limit as a number for comparison: no limit is infinite. */
function amountLimit(level: WaiverLevel): number {
  return level.maxAmountFen === null ? Number.POSITIVE_INFINITY : level.maxAmountFen;
}

function appliesToStage(scope: WaiverScope, stage: CaseStage): boolean {
  return scope.stages === undefined || scope.stages.includes(stage);
}

/**
 * Checks a matrix and lists every problem with its row and field: day ranges whole and not inverted;
 * stages known and not repeated; roles that may approve, once per scope; limits whole and in range;
 * levels ascending (no limit lower than the level before, at least one higher); and, for every stage,
 * scopes that cover every day past due from 0 on exactly once (no gaps, no overlaps, open-ended last).
 */
export function validateWaiverMatrix(
  matrix: WaiverAuthorityMatrix,
): { ok: true } | { ok: false; problems: WaiverMatrixProblem[] } {
  const problems: WaiverMatrixProblem[] = [];
  const problem = (row: string, field: string, code: WaiverMatrixProblemCode, stages?: CaseStage[]) => {
    const base = copyText(matrixProblemTexts[code]);
    const text =
      stages === undefined
        ? base
        : { zh: `${base.zh}（阶段：${stages.join('、')}）`, en: `${base.en} (stages: ${stages.join(', ')})` };
    problems.push(stages === undefined ? { row, field, code, text } : { row, field, code, stages, text });
  };
  if (matrix.chain !== undefined && matrix.chain !== 'every_level' && matrix.chain !== 'required_level') {
    problem('matrix', 'chain', 'chain_invalid');
  }
  const scopes = matrix.scopes ?? [];
  if (scopes.length === 0) problem('scopes', 'scopes', 'matrix_empty');
  const rangesValid: boolean[] = [];
  scopes.forEach((scope, scopeIndex) => {
    const row = `scopes[${scopeIndex}]`;
    let valid = true;
    if (!isCount(scope.minDaysPastDue)) {
      problem(row, 'minDaysPastDue', 'days_invalid');
      valid = false;
    }
    if (scope.maxDaysPastDue !== null && !isCount(scope.maxDaysPastDue)) {
      problem(row, 'maxDaysPastDue', 'days_invalid');
      valid = false;
    } else if (valid && scope.maxDaysPastDue !== null && scope.maxDaysPastDue < scope.minDaysPastDue) {
      problem(row, 'maxDaysPastDue', 'days_range_inverted');
      valid = false;
    }
    rangesValid.push(valid);
    if (scope.stages !== undefined) {
      if (scope.stages.length === 0) problem(row, 'stages', 'stages_empty');
      const seen = new Set<string>();
      scope.stages.forEach((stage, index) => {
        if (!(CASE_STAGES as readonly string[]).includes(stage))
          problem(row, `stages[${index}]`, 'stage_unknown');
        else if (seen.has(stage)) problem(row, `stages[${index}]`, 'stage_duplicate');
        seen.add(stage);
      });
    }
    const roles = new Set<string>();
    (scope.levels ?? []).forEach((level, levelIndex) => {
      const levelRow = `${row}.levels[${levelIndex}]`;
      if (typeof level.role !== 'string' || !isWaiverApproverRole(level.role)) {
        problem(levelRow, 'role', 'role_not_approver');
      } else if (roles.has(level.role)) problem(levelRow, 'role', 'role_duplicate');
      roles.add(level.role);
      const amountOk = level.maxAmountFen === null || isCount(level.maxAmountFen);
      const bpsOk = isCount(level.maxBasisPoints) && level.maxBasisPoints <= 10_000;
      if (!amountOk) problem(levelRow, 'maxAmountFen', 'amount_invalid');
      if (!bpsOk) problem(levelRow, 'maxBasisPoints', 'basis_points_invalid');
      const previous = scope.levels[levelIndex - 1];
      if (!previous || !amountOk || !bpsOk) return;
      const previousAmountOk = previous.maxAmountFen === null || isCount(previous.maxAmountFen);
      const previousBpsOk = isCount(previous.maxBasisPoints) && previous.maxBasisPoints <= 10_000;
      if (!previousAmountOk || !previousBpsOk) return;
      const amountLower = amountLimit(level) < amountLimit(previous);
      const bpsLower = level.maxBasisPoints < previous.maxBasisPoints;
      if (amountLower) problem(levelRow, 'maxAmountFen', 'level_not_ascending');
      if (bpsLower) problem(levelRow, 'maxBasisPoints', 'level_not_ascending');
      if (
        !amountLower &&
        !bpsLower &&
        amountLimit(level) === amountLimit(previous) &&
        level.maxBasisPoints === previous.maxBasisPoints
      ) {
        problem(levelRow, 'maxAmountFen', 'level_not_higher');
      }
    });
  });

  // Coverage per stage, over the scopes whose day ranges are valid.
  const coverage = new Map<
    string,
    { row: string; field: string; code: WaiverMatrixProblemCode; stages: CaseStage[] }
  >();
  const note = (row: string, field: string, code: WaiverMatrixProblemCode, stage: CaseStage) => {
    const key = `${row}|${field}|${code}`;
    const entry = coverage.get(key);
    if (entry) entry.stages.push(stage);
    else coverage.set(key, { row, field, code, stages: [stage] });
  };
  if (scopes.length > 0 && rangesValid.every(Boolean)) {
    for (const stage of CASE_STAGES) {
      const applying = scopes
        .map((scope, index) => ({ scope, index }))
        .filter(({ scope }) => appliesToStage(scope, stage))
        .sort((a, b) => a.scope.minDaysPastDue - b.scope.minDaysPastDue || a.index - b.index);
      if (applying.length === 0) {
        note('scopes', 'stages', 'stage_not_covered', stage);
        continue;
      }
      let nextDay = 0; // the first day not yet covered; null once an open-ended scope was seen
      let open = false;
      for (const { scope, index } of applying) {
        const row = `scopes[${index}]`;
        if (open || scope.minDaysPastDue < nextDay) note(row, 'minDaysPastDue', 'days_overlap', stage);
        else if (scope.minDaysPastDue > nextDay) note(row, 'minDaysPastDue', 'days_gap', stage);
        if (scope.maxDaysPastDue === null) open = true;
        else nextDay = Math.max(nextDay, scope.maxDaysPastDue + 1);
      }
      if (!open) {
        const last = applying[applying.length - 1];
        note(`scopes[${last?.index}]`, 'maxDaysPastDue', 'days_open_end_missing', stage);
      }
    }
  }
  for (const entry of coverage.values()) {
    const everyStage = entry.stages.length === CASE_STAGES.length;
    if (everyStage) problem(entry.row, entry.field, entry.code);
    else problem(entry.row, entry.field, entry.code, entry.stages);
  }
  return problems.length === 0 ? { ok: true } : { ok: false, problems };
}

export interface WaiverRequest {
  /** The amount to forgive, whole fen > 0. */
  amountFen: number;
  /** The balance owed before the waiver, whole fen. */
  balanceFen: number;
  daysPastDue: number;
  stage: CaseStage;
}

export const WAIVER_REFUSALS = [
  'amount_invalid',
  'exceeds_balance',
  'no_scope',
  'scope_closed',
  'above_highest_level',
] as const;
export type WaiverRefusal = (typeof WAIVER_REFUSALS)[number];

export type WaiverDecision =
  | {
      outcome: 'approval_required';
      /** Roles that must approve, in order. */
      chain: WaiverApproverRole[];
      /** The required level: its role is the last of the chain. */
      requiredRole: WaiverApproverRole;
      /** 1-based position of the required level in its scope. */
      level: number;
      scopeIndex: number;
      /** The waiver's share of the balance in basis points, rounded up. */
      basisPoints: number;
      text: BilingualText;
    }
  | { outcome: 'not_allowed'; reason: WaiverRefusal; text: BilingualText };

function withinLevel(level: WaiverLevel, amountFen: number, balanceFen: number): boolean {
  if (level.maxAmountFen !== null && amountFen > level.maxAmountFen) return false;
  // amount / balance <= maxBasisPoints / 10000, in exact integers.
  return BigInt(amountFen) * 10_000n <= BigInt(level.maxBasisPoints) * BigInt(balanceFen);
}

function shareBasisPoints(amountFen: number, balanceFen: number): number {
  if (balanceFen === 0) return 0;
  const numerator = BigInt(amountFen) * 10_000n;
  const denominator = BigInt(balanceFen);
  return Number((numerator + denominator - 1n) / denominator);
}

function percentText(basisPoints: number): string {
  return `${basisPoints / 100}%`;
}

/**
 * Who must approve a waiver request (see the module comment). Throws a RangeError for an invalid
 * matrix (check configured matrices with `validateWaiverMatrix`), a balance or days past due that are
 * not whole numbers >= 0, or an unknown stage. A bad amount is refused as `amount_invalid`.
 */
export function decideWaiver(
  request: WaiverRequest,
  matrix: WaiverAuthorityMatrix = DEFAULT_WAIVER_MATRIX,
): WaiverDecision {
  const valid = validateWaiverMatrix(matrix);
  if (!valid.ok) {
    throw new RangeError(
      `Invalid waiver matrix: ${valid.problems.map((p) => `${p.row}.${p.field} ${p.code}`).join(', ')}`,
    );
  }
  if (!isCount(request.balanceFen))
    throw new RangeError(`balanceFen must be whole fen >= 0: ${request.balanceFen}`);
  if (!isCount(request.daysPastDue)) {
    throw new RangeError(`daysPastDue must be a whole number >= 0: ${request.daysPastDue}`);
  }
  if (!(CASE_STAGES as readonly string[]).includes(request.stage)) {
    throw new RangeError(`Unknown stage: ${String(request.stage)}`);
  }
  const { amountFen, balanceFen } = request;
  if (!isCount(amountFen) || amountFen === 0) {
    return {
      outcome: 'not_allowed',
      reason: 'amount_invalid',
      text: { zh: '减免金额须为大于 0 的整数（分）', en: 'The waiver must be whole fen above 0' },
    };
  }
  if (amountFen > balanceFen) {
    return {
      outcome: 'not_allowed',
      reason: 'exceeds_balance',
      text: {
        zh: `减免金额 ${formatFen(amountFen)} 超过欠款余额 ${formatFen(balanceFen)}`,
        en: `The waiver of ${formatFen(amountFen, 'en')} exceeds the balance of ${formatFen(balanceFen, 'en')}`,
      },
    };
  }
  const scopeIndex = matrix.scopes.findIndex(
    (scope) =>
      appliesToStage(scope, request.stage) &&
      request.daysPastDue >= scope.minDaysPastDue &&
      (scope.maxDaysPastDue === null || request.daysPastDue <= scope.maxDaysPastDue),
  );
  const scope = matrix.scopes[scopeIndex];
  if (!scope) {
    // Unreachable for a valid matrix, which covers every stage and day.
    return {
      outcome: 'not_allowed',
      reason: 'no_scope',
      text: { zh: '没有适用的审批规则', en: 'No approval rule covers this case' },
    };
  }
  if (scope.levels.length === 0) {
    return {
      outcome: 'not_allowed',
      reason: 'scope_closed',
      text: {
        zh: `该阶段（${request.stage}，逾期 ${request.daysPastDue} 天）不允许减免`,
        en: `No waivers are allowed at this stage (${request.stage}, ${request.daysPastDue} days past due)`,
      },
    };
  }
  const basisPoints = shareBasisPoints(amountFen, balanceFen);
  const levelIndex = scope.levels.findIndex((level) => withinLevel(level, amountFen, balanceFen));
  const required = scope.levels[levelIndex];
  if (!required) {
    const top = scope.levels[scope.levels.length - 1] as WaiverLevel;
    const topAmount =
      top.maxAmountFen === null
        ? null
        : { zh: formatFen(top.maxAmountFen), en: formatFen(top.maxAmountFen, 'en') };
    return {
      outcome: 'not_allowed',
      reason: 'above_highest_level',
      text: {
        zh: `减免 ${formatFen(amountFen)}（余额的 ${percentText(basisPoints)}）超过最高审批权限（${approverNames[top.role].zh}：${topAmount ? `${topAmount.zh}、` : ''}${percentText(top.maxBasisPoints)}）`,
        en: `A waiver of ${formatFen(amountFen, 'en')} (${percentText(basisPoints)} of the balance) is above the highest authority (${approverNames[top.role].en}: ${topAmount ? `${topAmount.en}, ` : ''}${percentText(top.maxBasisPoints)})`,
      },
    };
  }
  const levels =
    (matrix.chain ?? 'every_level') === 'every_level' ? scope.levels.slice(0, levelIndex + 1) : [required];
  const chain = levels.map((level) => level.role);
  return {
    outcome: 'approval_required',
    chain,
    requiredRole: required.role,
    level: levelIndex + 1,
    scopeIndex,
    basisPoints,
    text: {
      zh: `减免 ${formatFen(amountFen)}（余额的 ${percentText(basisPoints)}）需依次审批：${chain.map((r) => approverNames[r].zh).join(' → ')}`,
      en: `A waiver of ${formatFen(amountFen, 'en')} (${percentText(basisPoints)} of the balance) needs approval in turn by: ${chain.map((r) => approverNames[r].en).join(' → ')}`,
    },
  };
}

/** An approval already given for a step of a chain. */
export interface WaiverApprovalRecord {
  approverId: string;
  role: WaiverApproverRole;
}

export interface WaiverApprover {
  id: string;
  /** The approver roles the person holds (a user's role, and committee membership). */
  roles: readonly WaiverApproverRole[];
}

export const APPROVAL_REFUSALS = [
  'self_approval',
  'already_approved',
  'missing_role',
  'chain_complete',
] as const;
export type ApprovalRefusal = (typeof APPROVAL_REFUSALS)[number];

export type ApprovalCheck =
  | {
      ok: true;
      /** 0-based index of the step this approval fills. */
      step: number;
      role: WaiverApproverRole;
      /** True when this approval completes the chain: the waiver may be applied. */
      completesChain: boolean;
    }
  | { ok: false; reason: ApprovalRefusal; text: BilingualText };

/**
 * May this person approve the next step of a waiver's chain? Steps are approved in order; the next
 * step is the first without an approval. Refused: the requester approving their own request (never,
 * at any step), a person who already approved a step of this chain, a person without the step's role,
 * and a chain that is already complete.
 */
export function checkWaiverApproval(input: {
  requesterId: string;
  chain: readonly WaiverApproverRole[];
  approvals: readonly WaiverApprovalRecord[];
  approver: WaiverApprover;
}): ApprovalCheck {
  const { requesterId, chain, approvals, approver } = input;
  if (approver.id === requesterId) {
    return {
      ok: false,
      reason: 'self_approval',
      text: {
        zh: '申请人不能审批自己的减免申请',
        en: 'A requester can never approve their own waiver request',
      },
    };
  }
  const step = approvals.length;
  const role = chain[step];
  if (role === undefined) {
    return {
      ok: false,
      reason: 'chain_complete',
      text: { zh: '该申请的审批已全部完成', en: 'Every approval of this request has already been given' },
    };
  }
  if (approvals.some((approval) => approval.approverId === approver.id)) {
    return {
      ok: false,
      reason: 'already_approved',
      text: {
        zh: '同一人只能审批其中一级，请由其他人审批',
        en: 'One person approves at most one step; another person must approve this one',
      },
    };
  }
  if (!approver.roles.includes(role)) {
    return {
      ok: false,
      reason: 'missing_role',
      text: {
        zh: `此级须由${approverNames[role].zh}审批`,
        en: `This step must be approved by the ${approverNames[role].en.toLowerCase()}`,
      },
    };
  }
  return { ok: true, step, role, completesChain: step === chain.length - 1 };
}
