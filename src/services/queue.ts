/**
 * The collector's queue ("next case"): due promise follow-ups and callbacks first, then priority, among
 * the collector's open cases that the contact gate allows calling now.
 *
 * Candidates come from the collector's open cases (read through the collector index, then sorted) without
 * holds and whose cached next-contact time has come. For them, one query loads the last eight days of
 * the contact ledger; `decideContact` judges each in order, and the first allowed is the answer. A case
 * the gate blocks gets its next allowed time cached on the case, so the next request skips it until then.
 * The answer is a recommendation: dialling still reserves through the gate.
 */
import { decideContact, type GateReason } from '../compliance/gate';
import { can } from '../domain/roles';
import { AppError } from '../errors';
import type { Store } from '../store/db';
import type { Actor } from './actor';
import { formatCaseNo } from './cases';
import { loadContactHistory } from './contact-history';
import { effectiveProfile } from './house-rules';
import { certificationSubject, certifiedSql } from './training/certified';

/**
 * A collector or team lead without the training certification gets no case of a portfolio that requires
 * it (the contact gate would refuse the call with `not_certified`).
 */
const CERTIFIED_FOR_PORTFOLIO = `($3::uuid IS NULL OR ${certifiedSql('$3::uuid')}
         OR NOT EXISTS (SELECT 1 FROM portfolios rp WHERE rp.id = c.portfolio_id AND rp.require_certification))`;

/** Cases judged per request: enough to get past a few blocked ones without loading a whole queue. */
const CANDIDATES = 12;

export interface NextCase {
  caseId: string;
  caseNo: string;
  debtorName: string;
  bucket: string;
  daysPastDue: number;
  balanceFen: number;
  priority: number;
  /** Why this case now: a due follow-up (promise or callback), or its priority. */
  because: 'follow_up' | 'priority';
  followUpAt: string | null;
}

export interface QueueAnswer {
  next: NextCase | null;
  /** Cases skipped because the gate blocks them now, with the reasons (most urgent first). */
  skipped: { caseId: string; caseNo: string; reasons: GateReason[]; nextAllowedAt: string | null }[];
  /** When nothing is callable now: the earliest moment one of the candidates becomes callable. */
  nextCallableAt: string | null;
}

interface CandidateRow {
  id: string;
  case_no: number;
  account_id: string;
  debtor_id: string;
  debtor_name: string;
  bucket: string;
  days_past_due: number;
  balance_fen: number;
  priority: number;
  follow_up_at: Date | null;
  compliance_profile: string;
  house_overrides: unknown;
  time_zone: string;
  phone: string | null;
  cease: boolean;
  legal_hold: boolean;
  complaint_freeze: boolean;
}

/** The next case the collector should call, judged by the gate at `now`. */
export async function nextCase(store: Store, actor: Actor, now: Date): Promise<QueueAnswer> {
  if (actor.kind !== 'user' || !actor.userId || !actor.role || !can(actor.role, 'contacts.create')) {
    throw new AppError('FORBIDDEN');
  }
  // The collector's candidates first (collector index, sort, limit), then their details for those few.
  const candidates = await store.sql.query<CandidateRow>(
    `WITH picked AS (
       (SELECT c.id, c.case_no, c.account_id, c.debtor_id, c.portfolio_id, c.bucket, c.days_past_due, c.priority,
         c.follow_up_at, c.cease, c.legal_hold, c.complaint_freeze, c.follow_up_at AS due_follow_up
       FROM cases c
       WHERE c.assigned_collector_id = $1 AND c.status = 'open'
         AND NOT (c.cease OR c.legal_hold OR c.complaint_freeze OR c.deceased OR c.bankruptcy)
         AND (c.next_contact_at IS NULL OR c.next_contact_at <= $2) AND c.follow_up_at <= $2
         AND ${CERTIFIED_FOR_PORTFOLIO}
       ORDER BY c.follow_up_at LIMIT ${CANDIDATES})
       UNION ALL
       (SELECT c.id, c.case_no, c.account_id, c.debtor_id, c.portfolio_id, c.bucket, c.days_past_due, c.priority,
         c.follow_up_at, c.cease, c.legal_hold, c.complaint_freeze, NULL::timestamptz
       FROM cases c
       WHERE c.assigned_collector_id = $1 AND c.status = 'open'
         AND NOT (c.cease OR c.legal_hold OR c.complaint_freeze OR c.deceased OR c.bankruptcy)
         AND (c.next_contact_at IS NULL OR c.next_contact_at <= $2) AND (c.follow_up_at IS NULL OR c.follow_up_at > $2)
         AND ${CERTIFIED_FOR_PORTFOLIO}
       ORDER BY c.priority DESC NULLS LAST, c.days_past_due DESC, c.case_no LIMIT ${CANDIDATES})
     )
     SELECT k.id, k.case_no, k.account_id, k.debtor_id, d.name AS debtor_name, k.bucket, k.days_past_due,
       a.balance_fen, k.priority, k.follow_up_at, p.compliance_profile, p.house_overrides, p.time_zone,
       (SELECT ph.number FROM debtor_phones ph WHERE ph.debtor_id = k.debtor_id AND ph.validity <> 'invalid'
         ORDER BY ph.created_at LIMIT 1) AS phone,
       k.cease, k.legal_hold, k.complaint_freeze
     FROM picked k JOIN accounts a ON a.id = k.account_id JOIN debtors d ON d.id = k.debtor_id
       JOIN portfolios p ON p.id = k.portfolio_id
     ORDER BY k.due_follow_up ASC NULLS LAST, k.priority DESC NULLS LAST, k.days_past_due DESC, k.case_no
     LIMIT ${CANDIDATES}`,
    [actor.userId, now, certificationSubject(actor)],
    { name: 'qs_queue_candidates' },
  );
  const rows = candidates.rows;
  if (rows.length === 0) return { next: null, skipped: [], nextCallableAt: null };

  const entries = await loadContactHistory(
    store.sql,
    {
      personIds: rows.map((r) => r.debtor_id),
      accountIds: rows.map((r) => r.account_id),
      phones: rows.map((r) => r.phone).filter((phone): phone is string => phone !== null),
    },
    now,
  );

  const skipped: QueueAnswer['skipped'] = [];
  const blockedUntil: { id: string; at: Date }[] = [];
  let next: NextCase | null = null;
  for (const row of rows) {
    const relevant = entries.filter(
      (e) =>
        e.personId === row.debtor_id || e.debtId === row.account_id || (row.phone && e.phone === row.phone),
    );
    const decision = decideContact({
      profile: effectiveProfile(row.compliance_profile, row.house_overrides),
      now,
      timeZone: row.time_zone,
      channel: 'call',
      party: 'debtor',
      personId: row.debtor_id,
      debtId: row.account_id,
      phone: row.phone ?? undefined,
      history: relevant,
      flags: { cease: row.cease, legalHold: row.legal_hold, complaintFreeze: row.complaint_freeze },
    });
    if (decision.allowed) {
      const followUp = row.follow_up_at !== null && new Date(row.follow_up_at).getTime() <= now.getTime();
      next = {
        caseId: row.id,
        caseNo: formatCaseNo(Number(row.case_no)),
        debtorName: row.debtor_name,
        bucket: row.bucket,
        daysPastDue: row.days_past_due,
        balanceFen: Number(row.balance_fen),
        priority: row.priority,
        because: followUp ? 'follow_up' : 'priority',
        followUpAt: row.follow_up_at ? new Date(row.follow_up_at).toISOString() : null,
      };
      break;
    }
    skipped.push({
      caseId: row.id,
      caseNo: formatCaseNo(Number(row.case_no)),
      reasons: decision.reasons,
      nextAllowedAt: decision.nextAllowedAt?.toISOString() ?? null,
    });
    if (decision.nextAllowedAt) blockedUntil.push({ id: row.id, at: decision.nextAllowedAt });
  }

  if (blockedUntil.length > 0) {
    // A cache, not a decision: the gate decides again when the case is dialled. Rows another request is
    // updating are skipped rather than waited for.
    await store.sql.query(
      `UPDATE cases c SET next_contact_at = b.at
       FROM (SELECT unnest($1::uuid[]) AS id, unnest($2::timestamptz[]) AS at) b
       WHERE c.id = b.id AND c.id IN (SELECT id FROM cases WHERE id = ANY($1::uuid[]) FOR UPDATE SKIP LOCKED)`,
      [blockedUntil.map((b) => b.id), blockedUntil.map((b) => b.at)],
    );
  }
  const times = skipped
    .map((s) => s.nextAllowedAt)
    .filter((t): t is string => t !== null)
    .sort();
  return { next, skipped, nextCallableAt: next ? null : (times[0] ?? null) };
}
