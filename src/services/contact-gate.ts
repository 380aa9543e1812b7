/**
 * The contact gate as a service: before any contact (call, SMS, visit, letter, email; to the debtor or a
 * third party; by a collector, an agency or a dialer) the attempt is checked against the case's
 * compliance profile and house rules and, when allowed, reserved in the one contact ledger.
 *
 * Check-and-reserve is atomic without holding locks across the decision: one statement reads the case,
 * the ledger history and the version counters of the person and the phone number; the pure rulebook
 * decides; a second statement inserts the attempt only if both versions are still the ones read
 * (compare-and-set, bumping them). A concurrent reservation or outcome on the same person or number
 * makes the set fail, and the request is decided again on fresh history. So any number of app
 * processes never exceed a cap, in two round trips per decision.
 */
import {
  type ContactHistoryEntry,
  type ContactOutcome,
  decideContact,
  type GateReason,
} from '../compliance/gate';
import type { ContactChannel } from '../compliance/profiles/types';
import { normalizePhone } from '../domain/phone';
import { AppError, invalid } from '../errors';
import type { Store } from '../store/db';
import type { Actor } from './actor';
import { caseScopeSql } from './case-scope';
import { effectiveProfile } from './house-rules';
import { isUuid } from './ids';

export interface ContactReservationRequest {
  caseId: string;
  channel: ContactChannel;
  party: 'debtor' | 'third_party';
  /** The contact (third party) to reach; required when party is third_party. */
  contactId?: string;
  /** The number, for dialers that hold it; people pick one of the debtor's phones by its id instead. */
  phone?: string;
  /** A debtor_phones row of the case's debtor (for a third party, the contact's own phone is used). */
  phoneId?: string;
  actorKind?: 'collector' | 'agency' | 'dialer';
}

export interface ContactReservation {
  allowed: boolean;
  reasons: GateReason[];
  nextAllowedAt: Date | null;
  /** The reserved ledger entry when allowed; complete it with recordContactOutcome. */
  attemptId: string | null;
}

const HISTORY_DAYS = 8;
const MAX_ROUNDS = 50;

interface Snapshot {
  id: string;
  account_id: string;
  debtor_id: string;
  cease: boolean;
  legal_hold: boolean;
  complaint_freeze: boolean;
  deceased: boolean;
  compliance_profile: string;
  house_overrides: unknown;
  time_zone: string;
  valid_phones: number;
  phones: number;
  person_id: string | null;
  phone: string | null;
  phone_id_found: boolean;
  person_version: number | null;
  phone_version: number | null;
  history: {
    at: string;
    channel: ContactChannel;
    party: 'debtor' | 'third_party';
    person_id: string;
    account_id: string;
    phone: string | null;
    outcome: ContactOutcome | null;
  }[];
}

/*
 * $1 case, $2 party, $3 contact id, $4 phone given, $5 phone id, $6 now, $7 history start, then the
 * scope parameters. The person is the debtor or the contact (checked to be the debtor's); the number is
 * the one given, the contact's, or the debtor phone picked by id.
 */
function snapshotSql(scope: string): string {
  return `
WITH f AS (
  SELECT c.id, c.account_id, c.debtor_id, c.cease, c.legal_hold, c.complaint_freeze, c.deceased,
    p.compliance_profile, p.house_overrides, p.time_zone,
    (SELECT count(*) FROM debtor_phones ph WHERE ph.debtor_id = c.debtor_id AND ph.validity <> 'invalid')::int AS valid_phones,
    (SELECT count(*) FROM debtor_phones ph WHERE ph.debtor_id = c.debtor_id)::int AS phones,
    CASE WHEN $2 = 'debtor' THEN c.debtor_id
      ELSE (SELECT ct.id FROM contacts ct WHERE ct.id = $3::uuid AND ct.debtor_id = c.debtor_id) END AS person_id,
    coalesce($4::text,
      CASE WHEN $2 = 'third_party' THEN (SELECT ct.phone FROM contacts ct WHERE ct.id = $3::uuid AND ct.debtor_id = c.debtor_id)
        ELSE (SELECT ph.number FROM debtor_phones ph WHERE ph.id = $5::uuid AND ph.debtor_id = c.debtor_id) END) AS phone,
    ($5::uuid IS NULL OR EXISTS (SELECT 1 FROM debtor_phones ph WHERE ph.id = $5::uuid AND ph.debtor_id = c.debtor_id)) AS phone_id_found
  FROM cases c JOIN portfolios p ON p.id = c.portfolio_id
  WHERE c.id = $1::uuid AND ${scope}
)
SELECT f.*,
  (SELECT version FROM contact_counters WHERE key = 'person:' || f.person_id) AS person_version,
  (SELECT version FROM contact_counters WHERE key = 'phone:' || f.phone) AS phone_version,
  (SELECT coalesce(json_agg(json_build_object('at', a.at, 'channel', a.channel, 'party', a.party,
      'person_id', a.person_id, 'account_id', a.account_id, 'phone', a.phone, 'outcome', a.outcome)), '[]'::json)
   FROM contact_attempts a
   WHERE a.status <> 'cancelled' AND a.at <= $6 AND (
     (a.person_id = f.person_id AND (a.party = 'third_party' OR a.at > $7))
     OR (a.phone = f.phone AND a.at > $7)
     OR (a.account_id = f.account_id AND a.party = 'debtor' AND a.at > $7))) AS history
FROM f`;
}

/*
 * Compare-and-set: bump the person's (and the number's) version if still as read, and insert the attempt
 * only when every bump happened. $1-$11 the attempt, $12 person key, $13 expected person version,
 * $14 phone key (null: no number), $15 expected phone version.
 */
const RESERVE_SQL = `
WITH person AS (
  INSERT INTO contact_counters (key, version) VALUES ($12, 1)
  ON CONFLICT (key) DO UPDATE SET version = contact_counters.version + 1
    WHERE contact_counters.version IS NOT DISTINCT FROM $13::bigint
  RETURNING 1
),
phone AS (
  INSERT INTO contact_counters (key, version) SELECT $14, 1 WHERE $14::text IS NOT NULL
  ON CONFLICT (key) DO UPDATE SET version = contact_counters.version + 1
    WHERE contact_counters.version IS NOT DISTINCT FROM $15::bigint
  RETURNING 1
)
INSERT INTO contact_attempts (case_id, account_id, debtor_id, party, person_id, channel, phone, actor_id,
  actor_kind, actor_name, at, status)
SELECT $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, 'reserved'
WHERE EXISTS (SELECT 1 FROM person) AND ($14::text IS NULL OR EXISTS (SELECT 1 FROM phone))
RETURNING id`;

/** A deadlock between two compare-and-sets on the same keys: decide again. */
function isRetryable(e: unknown): boolean {
  const code = (e as { code?: string }).code;
  return code === '40P01' || code === '40001';
}

export async function reserveContact(
  store: Store,
  actor: Actor,
  request: ContactReservationRequest,
  now: Date,
): Promise<ContactReservation> {
  if (!isUuid(request.caseId)) throw new AppError('CASE_NOT_FOUND');
  if (request.party === 'third_party' && (!request.contactId || !isUuid(request.contactId))) {
    throw invalid('contactId', '联系第三方时必须指定联系人', 'is required to contact a third party');
  }
  let givenPhone: string | null = null;
  if (request.phone) {
    const p = normalizePhone(request.phone);
    if (!p.ok) throw invalid('phone', '号码格式不正确', 'is not a valid phone number');
    givenPhone = p.number;
  }
  if (request.phoneId && !isUuid(request.phoneId)) throw invalid('phoneId', '号码不存在', 'does not exist');
  const scope = caseScopeSql(actor, 'c', 8);
  const since = new Date(now.getTime() - HISTORY_DAYS * 86_400_000);
  const actorKind =
    request.actorKind ??
    (actor.role === 'agency' ? 'agency' : actor.kind === 'system' ? 'dialer' : 'collector');

  for (let round = 0; round < MAX_ROUNDS; round++) {
    const read = await store.sql.query<Snapshot>(snapshotSql(scope.sql), [
      request.caseId,
      request.party,
      request.contactId ?? null,
      givenPhone,
      request.phoneId ?? null,
      now,
      since,
      ...scope.params,
    ]);
    const facts = read.rows[0];
    if (!facts) throw new AppError('CASE_NOT_FOUND');
    if (!facts.person_id)
      throw invalid('contactId', '该联系人不属于本案债务人', "is not a contact of this case's debtor");
    if (!facts.phone_id_found)
      throw invalid('phoneId', '该号码不属于本案债务人', "is not a phone of this case's debtor");
    const profile = effectiveProfile(facts.compliance_profile, facts.house_overrides);
    const phone = facts.phone;
    const history: ContactHistoryEntry[] = facts.history.map((r) => ({
      at: new Date(r.at),
      channel: r.channel,
      party: r.party,
      personId: r.person_id,
      debtId: r.account_id,
      ...(r.phone ? { phone: r.phone } : {}),
      ...(r.outcome ? { outcome: r.outcome } : {}),
    }));
    const decision = decideContact({
      profile,
      now,
      timeZone: facts.time_zone,
      channel: request.channel,
      party: request.party,
      personId: facts.person_id,
      debtId: facts.account_id,
      ...(phone ? { phone } : {}),
      history,
      flags: {
        // A deceased debtor is not contacted: the estate is handled by the legal route.
        cease: facts.cease || facts.deceased,
        complaintFreeze: facts.complaint_freeze,
        legalHold: facts.legal_hold,
        debtorUnreachable: facts.phones > 0 && facts.valid_phones === 0,
      },
    });
    if (!decision.allowed) return { ...decision, attemptId: null };
    try {
      const inserted = await store.sql.query<{ id: string }>(RESERVE_SQL, [
        facts.id,
        facts.account_id,
        facts.debtor_id,
        request.party,
        facts.person_id,
        request.channel,
        phone,
        actor.userId,
        actorKind,
        actor.username,
        now,
        `person:${facts.person_id}`,
        facts.person_version,
        phone ? `phone:${phone}` : null,
        facts.phone_version,
      ]);
      const id = inserted.rows[0]?.id;
      if (id) return { ...decision, attemptId: id };
    } catch (e) {
      if (!isRetryable(e)) throw e;
    }
    // Someone else reserved or completed a contact with this person or number meanwhile: decide again.
    await new Promise((resolve) => setTimeout(resolve, Math.random() * 2 * (round + 1)));
  }
  throw new AppError('INTERNAL');
}

/** Completes a reserved attempt with what happened. An attempt is completed once. */
export async function recordContactOutcome(
  store: Store,
  actor: Actor,
  attemptId: string,
  outcome: ContactOutcome,
  now: Date,
): Promise<void> {
  if (!isUuid(attemptId)) throw new AppError('NOT_FOUND');
  // The outcome changes what later decisions count, so it bumps the person's version too: a reservation
  // decided on the earlier state fails its compare-and-set and is decided again.
  const r = await store.sql.query(
    `WITH done AS (
       UPDATE contact_attempts SET status = 'completed', outcome = $2, completed_at = $3
       WHERE id = $1::uuid AND status = 'reserved' AND (actor_id IS NOT DISTINCT FROM $4::uuid OR $5)
       RETURNING person_id
     ), bump AS (
       UPDATE contact_counters SET version = version + 1 WHERE key IN (SELECT 'person:' || person_id FROM done)
     )
     SELECT 1 FROM done`,
    [attemptId, outcome, now, actor.userId, actor.kind === 'system'],
  );
  if (r.rows.length === 0) throw new AppError('NOT_FOUND');
}
