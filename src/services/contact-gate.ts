/**
 * The contact gate as a service: before any contact (call, SMS, visit, letter, email; to the debtor or a
 * third party; by a collector, an agency or a dialer) the attempt is checked against the case's
 * compliance profile and, when allowed, reserved in the one contact ledger. Check and reserve happen in
 * one transaction holding advisory locks on the person and the phone number, so concurrent requests
 * from any number of app processes are decided one after another and no cap is ever exceeded.
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
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

interface CaseFacts {
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
}

export async function reserveContact(
  store: Store,
  actor: Actor,
  request: ContactReservationRequest,
  now: Date,
): Promise<ContactReservation> {
  if (!UUID.test(request.caseId)) throw new AppError('CASE_NOT_FOUND');
  if (request.party === 'third_party' && (!request.contactId || !UUID.test(request.contactId))) {
    throw invalid('contactId', '联系第三方时必须指定联系人', 'is required to contact a third party');
  }
  let phone: string | null = null;
  if (request.phone) {
    const p = normalizePhone(request.phone);
    if (!p.ok) throw invalid('phone', '号码格式不正确', 'is not a valid phone number');
    phone = p.number;
  }
  const scope = caseScopeSql(actor, 'c', 2);
  const found = await store.sql.query<CaseFacts>(
    `SELECT c.id, c.account_id, c.debtor_id, c.cease, c.legal_hold, c.complaint_freeze, c.deceased,
       p.compliance_profile, p.house_overrides, p.time_zone,
       (SELECT count(*) FROM debtor_phones ph WHERE ph.debtor_id = c.debtor_id AND ph.validity <> 'invalid')::int AS valid_phones,
       (SELECT count(*) FROM debtor_phones ph WHERE ph.debtor_id = c.debtor_id)::int AS phones
     FROM cases c JOIN portfolios p ON p.id = c.portfolio_id WHERE c.id = $1::uuid AND ${scope.sql}`,
    [request.caseId, ...scope.params],
  );
  const facts = found.rows[0];
  if (!facts) throw new AppError('CASE_NOT_FOUND');
  const profile = effectiveProfile(facts.compliance_profile, facts.house_overrides);

  let personId = facts.debtor_id;
  if (request.party === 'third_party') {
    const contact = await store.sql.query<{ id: string }>(
      'SELECT id FROM contacts WHERE id = $1::uuid AND debtor_id = $2',
      [request.contactId, facts.debtor_id],
    );
    if (!contact.rows[0])
      throw invalid('contactId', '该联系人不属于本案债务人', "is not a contact of this case's debtor");
    personId = contact.rows[0].id;
  }

  return store.transaction(async ({ sql }) => {
    // Lock the person and the number, in a fixed order so two requests never wait on each other crosswise.
    const keys = [`contact:person:${personId}`, ...(phone ? [`contact:phone:${phone}`] : [])].sort();
    for (const key of keys) await sql.query('SELECT pg_advisory_xact_lock(hashtext($1))', [key]);

    const since = new Date(now.getTime() - HISTORY_DAYS * 86_400_000);
    const rows = await sql.query<{
      at: Date;
      channel: ContactChannel;
      party: 'debtor' | 'third_party';
      person_id: string;
      account_id: string;
      phone: string | null;
      outcome: ContactOutcome | null;
    }>(
      `SELECT at, channel, party, person_id, account_id, phone, outcome FROM contact_attempts
       WHERE status <> 'cancelled' AND at <= $1 AND (
         (person_id = $2::uuid AND (party = 'third_party' OR at > $3))
         OR (phone = $4 AND at > $3)
         OR (account_id = $5::uuid AND party = 'debtor' AND at > $3))`,
      [now, personId, since, phone, facts.account_id],
    );
    const history: ContactHistoryEntry[] = rows.rows.map((r) => ({
      at: r.at,
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
      personId,
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
    const inserted = await sql.query<{ id: string }>(
      `INSERT INTO contact_attempts (case_id, account_id, debtor_id, party, person_id, channel, phone, actor_id,
         actor_kind, actor_name, at, status)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, 'reserved') RETURNING id`,
      [
        facts.id,
        facts.account_id,
        facts.debtor_id,
        request.party,
        personId,
        request.channel,
        phone,
        actor.userId,
        request.actorKind ??
          (actor.role === 'agency' ? 'agency' : actor.kind === 'system' ? 'dialer' : 'collector'),
        actor.username,
        now,
      ],
    );
    return { ...decision, attemptId: inserted.rows[0]?.id ?? null };
  });
}

/** Completes a reserved attempt with what happened. An attempt is completed once. */
export async function recordContactOutcome(
  store: Store,
  actor: Actor,
  attemptId: string,
  outcome: ContactOutcome,
  now: Date,
): Promise<void> {
  if (!UUID.test(attemptId)) throw new AppError('NOT_FOUND');
  const r = await store.sql.query(
    `UPDATE contact_attempts SET status = 'completed', outcome = $2, completed_at = $3
     WHERE id = $1::uuid AND status = 'reserved' AND (actor_id IS NOT DISTINCT FROM $4::uuid OR $5)`,
    [attemptId, outcome, now, actor.userId, actor.kind === 'system'],
  );
  if (r.rowCount === 0) throw new AppError('NOT_FOUND');
}
