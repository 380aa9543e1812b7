/**
 * Reading cases: the list with filters and search, the detail page, and revealing a masked personal-data
 * item (permission-checked and written to the audit log in the same transaction as nothing else: the
 * reveal itself is the event).
 */
import { localDateOf } from '../domain/dates';
import { ageOn } from '../domain/id-number';
import { maskAddress, maskIdNumber, maskPhone } from '../domain/masking';
import { normalizePhone } from '../domain/phone';
import { can, type PersonalField, ROLES, revealPermission } from '../domain/roles';
import { AppError } from '../errors';
import type { Store } from '../store/db';
import type { Actor } from './actor';
import { writeAudit } from './audit';
import { caseScopeSql } from './case-scope';
import { isUuid } from './ids';

export interface CaseListFilter {
  portfolio?: string;
  bucket?: string;
  status?: 'open' | 'closed';
  collector?: string;
  q?: string;
  page: number;
  pageSize: number;
  sort: 'priority' | 'dpd_desc' | 'dpd_asc' | 'balance_desc' | 'balance_asc' | 'case_no';
}

const ORDER: Record<CaseListFilter['sort'], string> = {
  priority: 'c.priority DESC, c.days_past_due DESC, c.case_no',
  dpd_desc: 'c.days_past_due DESC, c.case_no',
  dpd_asc: 'c.days_past_due ASC, c.case_no',
  balance_desc: 'a.balance_fen DESC, c.case_no',
  balance_asc: 'a.balance_fen ASC, c.case_no',
  case_no: 'c.case_no',
};

export function formatCaseNo(n: number): string {
  return `QS${String(n).padStart(8, '0')}`;
}

function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}

export function assertCaseReader(actor: Actor): void {
  if (actor.kind === 'system') return;
  if (!actor.role || !can(actor.role, 'cases.read') || ROLES[actor.role].caseScope === 'none') {
    throw new AppError('FORBIDDEN');
  }
}

interface CaseRow {
  id: string;
  case_no: number;
  portfolio_code: string;
  contract_no: string;
  product: string;
  debtor_name: string;
  phone: string | null;
  bucket: string;
  days_past_due: number;
  balance_fen: number;
  stage: string;
  status: string;
  risk_level: string;
  priority: number;
  collector_id: string | null;
  collector_name: string | null;
  team_name: string | null;
  agency_name: string | null;
  complaint_freeze: boolean;
  legal_hold: boolean;
  cease: boolean;
  deceased: boolean;
  bankruptcy: boolean;
}

const CASE_COLUMNS = `
  c.id, c.case_no, p.code AS portfolio_code, a.contract_no, a.product, d.name AS debtor_name,
  (SELECT ph.number FROM debtor_phones ph WHERE ph.debtor_id = c.debtor_id
     ORDER BY (ph.validity = 'invalid'), ph.created_at, ph.number LIMIT 1) AS phone,
  c.bucket, c.days_past_due, a.balance_fen, c.stage, c.status, c.risk_level, c.priority,
  c.assigned_collector_id AS collector_id, u.display_name AS collector_name, t.name AS team_name,
  ag.name AS agency_name, c.complaint_freeze, c.legal_hold, c.cease, c.deceased, c.bankruptcy`;

const CASE_FROM = `
  FROM cases c
  JOIN accounts a ON a.id = c.account_id
  JOIN debtors d ON d.id = c.debtor_id
  JOIN portfolios p ON p.id = c.portfolio_id
  LEFT JOIN users u ON u.id = c.assigned_collector_id
  LEFT JOIN teams t ON t.id = c.team_id
  LEFT JOIN agencies ag ON ag.id = c.agency_id`;

function toSummary(r: CaseRow) {
  return {
    id: r.id,
    caseNo: formatCaseNo(r.case_no),
    portfolioCode: r.portfolio_code,
    contractNo: r.contract_no,
    product: r.product,
    debtorName: r.debtor_name,
    phone: r.phone ? maskPhone(r.phone) : null,
    bucket: r.bucket,
    daysPastDue: r.days_past_due,
    balanceFen: r.balance_fen,
    stage: r.stage,
    status: r.status,
    riskLevel: r.risk_level,
    priority: r.priority,
    collectorId: r.collector_id,
    collectorName: r.collector_name,
    teamName: r.team_name,
    agencyName: r.agency_name,
    flags: {
      complaintFreeze: r.complaint_freeze,
      legalHold: r.legal_hold,
      cease: r.cease,
      deceased: r.deceased,
      bankruptcy: r.bankruptcy,
    },
  };
}

export type CaseSummaryView = ReturnType<typeof toSummary>;

export async function listCases(store: Store, actor: Actor, filter: CaseListFilter) {
  assertCaseReader(actor);
  const where: string[] = [];
  const params: unknown[] = [];
  const param = (v: unknown) => {
    params.push(v);
    return `$${params.length}`;
  };
  if (filter.portfolio) where.push(`p.code = ${param(filter.portfolio)}`);
  if (filter.bucket) where.push(`c.bucket = ${param(filter.bucket)}`);
  if (filter.status) where.push(`c.status = ${param(filter.status)}`);
  if (filter.collector === 'none') where.push('c.assigned_collector_id IS NULL');
  else if (filter.collector) {
    if (!isUuid(filter.collector))
      return { items: [], total: 0, page: filter.page, pageSize: filter.pageSize };
    where.push(`c.assigned_collector_id = ${param(filter.collector)}::uuid`);
  }
  const q = filter.q?.trim();
  if (q) {
    const prefix = `${escapeLike(q)}%`;
    const alternatives = [`d.name LIKE ${param(prefix)}`, `a.contract_no LIKE ${param(prefix)}`];
    const phone = normalizePhone(q);
    if (phone.ok) {
      alternatives.push(
        `EXISTS (SELECT 1 FROM debtor_phones ph WHERE ph.debtor_id = c.debtor_id AND ph.number = ${param(phone.number)})`,
      );
    }
    where.push(`(${alternatives.join(' OR ')})`);
  }
  const scope = caseScopeSql(actor, 'c', params.length + 1);
  params.push(...scope.params);
  where.push(scope.sql);
  const whereSql = `WHERE ${where.join(' AND ')}`;
  const offset = (filter.page - 1) * filter.pageSize;
  const [items, total] = await Promise.all([
    store.sql.query<CaseRow>(
      `SELECT ${CASE_COLUMNS} ${CASE_FROM} ${whereSql} ORDER BY ${ORDER[filter.sort]} LIMIT ${filter.pageSize} OFFSET ${offset}`,
      params,
    ),
    store.sql.query<{ n: number }>(`SELECT count(*)::int AS n ${CASE_FROM} ${whereSql}`, params),
  ]);
  return {
    items: items.rows.map(toSummary),
    total: total.rows[0]?.n ?? 0,
    page: filter.page,
    pageSize: filter.pageSize,
  };
}

async function visibleCase(store: Store, actor: Actor, caseId: string) {
  assertCaseReader(actor);
  if (!isUuid(caseId)) throw new AppError('CASE_NOT_FOUND');
  const scope = caseScopeSql(actor, 'c', 2);
  const r = await store.sql.query<
    CaseRow & {
      debtor_id: string;
      account_id: string;
      opened_at: Date;
      aged_on: string;
      delinquency_class: number | null;
      portfolio_tz: string;
    }
  >(
    `SELECT ${CASE_COLUMNS}, c.debtor_id, c.account_id, c.opened_at, c.aged_on, c.delinquency_class,
       p.time_zone AS portfolio_tz
     ${CASE_FROM} WHERE c.id = $1::uuid AND ${scope.sql}`,
    [caseId, ...scope.params],
  );
  const row = r.rows[0];
  if (!row) throw new AppError('CASE_NOT_FOUND');
  return row;
}

function revealRights(actor: Actor) {
  const allowed = (f: PersonalField) => !!actor.role && can(actor.role, revealPermission(f));
  return { idNumber: allowed('idNumber'), phone: allowed('phone'), address: allowed('address') };
}

export async function getCaseDetail(store: Store, actor: Actor, caseId: string, now: Date) {
  const row = await visibleCase(store, actor, caseId);
  const scope = caseScopeSql(actor, 'c', 2);
  const [debtor, phones, addresses, contacts, accounts, history] = await Promise.all([
    store.sql.query<{
      id: string;
      name: string;
      id_number: string;
      gender: 'M' | 'F' | null;
      birth_date: string | null;
      employer: string | null;
    }>('SELECT id, name, id_number, gender, birth_date, employer FROM debtors WHERE id = $1', [
      row.debtor_id,
    ]),
    store.sql.query<{ id: string; number: string; type: string; validity: string; source: string }>(
      `SELECT id, number, type, validity, source FROM debtor_phones WHERE debtor_id = $1
       ORDER BY (validity = 'invalid'), created_at, number`,
      [row.debtor_id],
    ),
    store.sql.query<{ id: string; address: string; kind: string; validity: string }>(
      'SELECT id, address, kind, validity FROM debtor_addresses WHERE debtor_id = $1 ORDER BY created_at, address',
      [row.debtor_id],
    ),
    store.sql.query<{
      id: string;
      name: string;
      relation: string;
      debt_related: boolean;
      consent: boolean;
      phone: string | null;
    }>(
      `SELECT id, name, relation, debt_related, consent, phone FROM contacts WHERE debtor_id = $1
       ORDER BY debt_related DESC, created_at, name`,
      [row.debtor_id],
    ),
    store.sql.query<{
      id: string;
      contract_no: string;
      product: string;
      portfolio_code: string;
      principal_fen: number;
      interest_fen: number;
      penalty_fen: number;
      fees_fen: number;
      paid_fen: number;
      balance_fen: number;
      first_missed_due_date: string;
      status: string;
    }>(
      `SELECT a.id, a.contract_no, a.product, p.code AS portfolio_code, a.principal_fen, a.interest_fen,
         a.penalty_fen, a.fees_fen, a.paid_fen, a.balance_fen, a.first_missed_due_date, a.status
       FROM accounts a JOIN portfolios p ON p.id = a.portfolio_id JOIN cases c ON c.account_id = a.id
       WHERE a.debtor_id = $1 AND ${scope.sql}
       ORDER BY (a.id = $${2 + scope.params.length}) DESC, a.first_missed_due_date, a.contract_no`,
      [row.debtor_id, ...scope.params, row.account_id],
    ),
    store.sql.query<{
      from_bucket: string | null;
      to_bucket: string | null;
      moved_on: string;
      days_past_due: number;
      reason: string;
    }>(
      `SELECT from_bucket, to_bucket, moved_on, days_past_due, reason FROM bucket_history
       WHERE case_id = $1 ORDER BY moved_on DESC, id DESC`,
      [row.id],
    ),
  ]);
  const d = debtor.rows[0];
  if (!d) throw new AppError('CASE_NOT_FOUND');
  const today = localDateOf(now, row.portfolio_tz);
  return {
    case: {
      ...toSummary(row),
      openedAt: row.opened_at.toISOString(),
      agedOn: row.aged_on,
      delinquencyClass: row.delinquency_class,
    },
    debtor: {
      id: d.id,
      name: d.name,
      idNumber: { id: d.id, masked: maskIdNumber(d.id_number) },
      gender: d.gender,
      age: d.birth_date ? ageOn(d.birth_date, today) : null,
      employer: d.employer,
      phones: phones.rows.map((p) => ({
        id: p.id,
        masked: maskPhone(p.number),
        type: p.type,
        validity: p.validity,
        source: p.source,
      })),
      addresses: addresses.rows.map((a) => ({
        id: a.id,
        masked: maskAddress(a.address),
        kind: a.kind,
        validity: a.validity,
      })),
    },
    accounts: accounts.rows.map((a) => ({
      id: a.id,
      contractNo: a.contract_no,
      product: a.product,
      portfolioCode: a.portfolio_code,
      principalFen: a.principal_fen,
      interestFen: a.interest_fen,
      penaltyFen: a.penalty_fen,
      feesFen: a.fees_fen,
      paidFen: a.paid_fen,
      balanceFen: a.balance_fen,
      firstMissedDueDate: a.first_missed_due_date,
      status: a.status,
      current: a.id === row.account_id,
    })),
    contacts: contacts.rows.map((c) => ({
      id: c.id,
      name: c.name,
      relation: c.relation,
      debtRelated: c.debt_related,
      consent: c.consent,
      phone: c.phone ? maskPhone(c.phone) : null,
    })),
    bucketHistory: history.rows.map((h) => ({
      fromBucket: h.from_bucket,
      toBucket: h.to_bucket,
      movedOn: h.moved_on,
      daysPastDue: h.days_past_due,
      reason: h.reason,
    })),
    canReveal: revealRights(actor),
  };
}

export type CaseDetailView = Awaited<ReturnType<typeof getCaseDetail>>;

/**
 * Shows one personal-data item of a case's debtor in full. Allowed only to roles holding the field's
 * reveal permission, only for cases the actor can see; every reveal is audited (never the value itself).
 */
export async function revealPersonalData(
  store: Store,
  actor: Actor,
  caseId: string,
  request: { field: PersonalField; itemId?: string; purpose?: string },
): Promise<{ field: PersonalField; itemId: string; value: string }> {
  const row = await visibleCase(store, actor, caseId);
  if (!actor.role || !can(actor.role, revealPermission(request.field))) throw new AppError('FORBIDDEN');
  const itemId = request.field === 'idNumber' ? row.debtor_id : request.itemId;
  if (!itemId || !isUuid(itemId)) throw new AppError('PII_TARGET_NOT_FOUND');
  const lookup: Record<PersonalField, string> = {
    idNumber: 'SELECT id_number AS value FROM debtors WHERE id = $1 AND id = $2',
    phone: 'SELECT number AS value FROM debtor_phones WHERE id = $1 AND debtor_id = $2',
    address: 'SELECT address AS value FROM debtor_addresses WHERE id = $1 AND debtor_id = $2',
    contactPhone:
      'SELECT phone AS value FROM contacts WHERE id = $1 AND debtor_id = $2 AND phone IS NOT NULL',
  };
  return store.transaction(async ({ db, sql }) => {
    const found = await sql.query<{ value: string }>(lookup[request.field], [itemId, row.debtor_id]);
    const value = found.rows[0]?.value;
    if (value === undefined) throw new AppError('PII_TARGET_NOT_FOUND');
    await writeAudit(db, actor, {
      action: 'pii.reveal',
      entityType: 'debtor',
      entityId: row.debtor_id,
      after: { field: request.field, itemId, caseId: row.id, purpose: request.purpose ?? null },
    });
    return { field: request.field, itemId, value };
  });
}
