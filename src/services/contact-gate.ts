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
 * processes never exceed a cap.
 *
 * Requests that arrive while earlier ones are with the database are decided together: one read
 * statement for all of them, one compare-and-set statement for all that are allowed (each row still
 * sets on its own). A request alone still costs two round trips; under load the round trips, the
 * statements and the commits are shared, which is what lets one database keep up with many dialers.
 * Within a batch no two reservations touch the same person or number: the later one waits for the
 * next batch and is decided on the history that includes the earlier one.
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
import { certificationSubject, certifiedSql } from './training/certified';

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

const HISTORY_MS = 8 * 86_400_000;
/** Failed compare-and-sets (someone else changed the person's or the number's history) before giving up. */
const MAX_ROUNDS = 50;
/** Requests decided together at most. */
const MAX_BATCH = 64;
/**
 * Batches with the database at once. On PostgreSQL two, so that the server works on one while this
 * process decides the other (more only makes the batches smaller: measured in docs/benchmarks.md);
 * PGlite runs in this thread, one at a time.
 */
const BATCHES_IN_FLIGHT = { postgres: 2, pglite: 1 } as const;

/** One request waiting for its decision. */
interface Pending {
  caseId: string;
  party: 'debtor' | 'third_party';
  contactId: string | null;
  givenPhone: string | null;
  phoneId: string | null;
  channel: ContactChannel;
  actorId: string | null;
  actorKind: string;
  actorName: string;
  /** The user whose training certification the contact needs (collectors, team leads), else null. */
  certUser: string | null;
  now: Date;
  scope: { key: string; sql: string; params: unknown[] };
  /** Failed compare-and-sets so far. */
  round: number;
  resolve(reservation: ContactReservation): void;
  reject(error: unknown): void;
}

/** What the read statement answers per request. */
interface Snapshot {
  i: number;
  id: string;
  account_id: string;
  debtor_id: string;
  cease: boolean;
  legal_hold: boolean;
  complaint_freeze: boolean;
  deceased: boolean;
  /** The portfolio requires certification and the person contacting does not hold it. */
  not_certified: boolean;
  compliance_profile: string;
  house_overrides: unknown;
  time_zone: string;
  valid_phones: number;
  phones: number;
  person_id: string | null;
  phone: string | null;
  phone_id_found: boolean;
  person_version: number;
  phone_version: number;
  /** [at, channel, party, person id, account id, phone, outcome]; ids null when the request's own */
  history: [
    string,
    ContactChannel,
    'debtor' | 'third_party',
    string | null,
    string | null,
    string | null,
    ContactOutcome | null,
  ][];
}

/*
 * The facts of a batch of requests, one row per request that names a case in the actor's scope. $1 is
 * the batch as a JSON array, then the scope parameters. The planner cannot see a batch's size inside a
 * JSON value, so its plan for one batch is its plan for any: the prepared statement keeps one generic
 * plan instead of being planned again for every batch (planning cost more than running). The person is the debtor or
 * the contact (checked to be the debtor's); the number is the one given, the contact's, or the debtor
 * phone picked by id. A counter that does not exist yet reads as version 0.
 */
function snapshotSql(scope: string): string {
  // OFFSET 0 keeps the per-request subquery a nested loop of index probes whatever the planner thinks
  // of the batch's size. Ids equal to the request's person and debt come back as null (most are).
  return `
SELECT r.i, f.*,
  coalesce((SELECT version FROM contact_counters WHERE key = 'person:' || f.person_id), 0) AS person_version,
  coalesce((SELECT version FROM contact_counters WHERE key = 'phone:' || f.phone), 0) AS phone_version,
  (SELECT coalesce(json_agg(json_build_array(a.at, a.channel, a.party,
      nullif(a.person_id, f.person_id), nullif(a.account_id, f.account_id), a.phone, a.outcome)), '[]'::json)
   FROM contact_attempts a
   WHERE a.status <> 'cancelled' AND a.at <= r.now AND (
     (a.person_id = f.person_id AND (a.party = 'third_party' OR a.at > r.since))
     OR (a.phone = f.phone AND a.at > r.since)
     OR (a.account_id = f.account_id AND a.party = 'debtor' AND a.at > r.since))) AS history
FROM json_to_recordset($1::json) AS r(i int, case_id uuid, contact_id uuid, phone text, phone_id uuid,
  now timestamptz, since timestamptz, cert_user uuid)
CROSS JOIN LATERAL (
  SELECT c.id, c.account_id, c.debtor_id, c.cease, c.legal_hold, c.complaint_freeze, c.deceased,
    (r.cert_user IS NOT NULL AND p.require_certification AND NOT ${certifiedSql('r.cert_user')}) AS not_certified,
    p.compliance_profile, p.house_overrides, p.time_zone, ph.valid_phones, ph.phones,
    CASE WHEN r.contact_id IS NULL THEN c.debtor_id
      ELSE (SELECT ct.id FROM contacts ct WHERE ct.id = r.contact_id AND ct.debtor_id = c.debtor_id) END AS person_id,
    coalesce(r.phone,
      CASE WHEN r.contact_id IS NOT NULL
        THEN (SELECT ct.phone FROM contacts ct WHERE ct.id = r.contact_id AND ct.debtor_id = c.debtor_id)
      WHEN r.phone_id IS NOT NULL
        THEN (SELECT x.number FROM debtor_phones x WHERE x.id = r.phone_id AND x.debtor_id = c.debtor_id) END) AS phone,
    (r.phone_id IS NULL OR EXISTS (
      SELECT 1 FROM debtor_phones x WHERE x.id = r.phone_id AND x.debtor_id = c.debtor_id)) AS phone_id_found
  FROM cases c
  JOIN portfolios p ON p.id = c.portfolio_id
  CROSS JOIN LATERAL (
    SELECT (count(*) FILTER (WHERE x.validity <> 'invalid'))::int AS valid_phones, count(*)::int AS phones
    FROM debtor_phones x WHERE x.debtor_id = c.debtor_id) ph
  WHERE c.id = r.case_id AND ${scope}
  OFFSET 0
) f`;
}

/*
 * Compare-and-set for a batch ($1, JSON): bump each counter (person, and number when there is one) if it
 * is still at the version read, creating it at 1 when it did not exist, in key order (so that concurrent
 * batches lock counters in the same order); insert each attempt only when all its bumps happened. No
 * two rows of a batch share a counter.
 */
const RESERVE_SQL = `
WITH w AS (
  SELECT * FROM json_to_recordset($1::json) AS w(case_id uuid, account_id uuid, debtor_id uuid, party text,
    person_id uuid, channel text, phone text, actor_id uuid, actor_kind text, actor_name text,
    at timestamptz, person_key text, person_version bigint, phone_key text, phone_version bigint)
),
bumped AS (
  INSERT INTO contact_counters AS cc (key, version)
  SELECT k.key, k.version + 1 FROM (
    SELECT person_key AS key, person_version AS version FROM w
    UNION ALL
    SELECT phone_key, phone_version FROM w WHERE phone_key IS NOT NULL
  ) k
  ORDER BY k.key
  ON CONFLICT (key) DO UPDATE SET version = cc.version + 1 WHERE cc.version = excluded.version - 1
  RETURNING cc.key
)
INSERT INTO contact_attempts (case_id, account_id, debtor_id, party, person_id, channel, phone, actor_id,
  actor_kind, actor_name, at, status)
SELECT case_id, account_id, debtor_id, party, person_id, channel, phone, actor_id, actor_kind, actor_name,
  at, 'reserved'
FROM w
WHERE person_key IN (SELECT key FROM bumped) AND (phone_key IS NULL OR phone_key IN (SELECT key FROM bumped))
RETURNING id, person_id`;

/** A deadlock or serialization failure: decide again. */
function isRetryable(e: unknown): boolean {
  const code = (e as { code?: string }).code;
  return code === '40P01' || code === '40001';
}

const statementNames = new Map<string, string>();

/** A stable prepared-statement name for a statement text (one per scope shape). */
function statementName(text: string): string {
  let name = statementNames.get(text);
  if (!name) {
    name = `qs_gate_snapshot_${statementNames.size}`;
    statementNames.set(text, name);
  }
  return name;
}

/** An allowed request waiting for its compare-and-set. */
interface Reservable {
  pending: Pending;
  decision: { allowed: boolean; reasons: GateReason[]; nextAllowedAt: Date | null };
  row: Record<string, unknown>;
}

/** The requests of one store waiting to be decided, and the batches with the database. */
class GateQueue {
  private readonly waiting: Pending[] = [];
  private inFlight = 0;
  private readonly maxInFlight: number;

  constructor(private readonly store: Store) {
    this.maxInFlight = BATCHES_IN_FLIGHT[store.engine];
  }

  add(pending: Pending, first = false): void {
    if (first) this.waiting.unshift(pending);
    else this.waiting.push(pending);
    this.pump();
  }

  private pump(): void {
    while (this.inFlight < this.maxInFlight && this.waiting.length > 0) {
      const batch = this.take();
      this.inFlight++;
      this.run(batch)
        .catch((e) => {
          for (const p of batch) p.reject(e);
        })
        .finally(() => {
          this.inFlight--;
          this.pump();
        });
    }
  }

  /** The oldest request and those after it with the same scope, up to a batch. */
  private take(): Pending[] {
    const key = (this.waiting[0] as Pending).scope.key;
    const batch: Pending[] = [];
    const rest: Pending[] = [];
    for (const p of this.waiting) {
      if (batch.length < MAX_BATCH && p.scope.key === key) batch.push(p);
      else rest.push(p);
    }
    this.waiting.length = 0;
    this.waiting.push(...rest);
    return batch;
  }

  private async run(batch: Pending[]): Promise<void> {
    const scope = (batch[0] as Pending).scope;
    const text = snapshotSql(scope.sql);
    const read = await this.store.sql.query<Snapshot>(
      text,
      [
        JSON.stringify(
          batch.map((p, i) => ({
            i,
            case_id: p.caseId,
            contact_id: p.contactId,
            phone: p.givenPhone,
            phone_id: p.phoneId,
            now: p.now.toISOString(),
            since: new Date(p.now.getTime() - HISTORY_MS).toISOString(),
            cert_user: p.certUser,
          })),
        ),
        ...scope.params,
      ],
      { name: statementName(text) },
    );
    const facts = new Array<Snapshot | undefined>(batch.length);
    for (const row of read.rows) facts[row.i] = row;

    const reservable: Reservable[] = [];
    const claimed = new Set<string>();
    const later: Pending[] = [];
    batch.forEach((pending, i) => {
      try {
        const decided = decide(pending, facts[i]);
        if (!decided.decision.allowed) {
          pending.resolve({ ...decided.decision, attemptId: null });
          return;
        }
        const keys = [decided.row.person_key, decided.row.phone_key].filter((k) => k !== null) as string[];
        if (keys.some((k) => claimed.has(k))) {
          // An earlier request of this batch reserves with the same person or number: decide this one
          // again once that reservation is in the ledger.
          later.push(pending);
          return;
        }
        for (const k of keys) claimed.add(k);
        reservable.push({ pending, ...decided });
      } catch (e) {
        pending.reject(e);
      }
    });

    const failed: Pending[] = [];
    if (reservable.length > 0) {
      try {
        const inserted = await this.store.sql.query<{ id: string; person_id: string }>(
          RESERVE_SQL,
          [JSON.stringify(reservable.map((r) => r.row))],
          { name: 'qs_gate_reserve' },
        );
        const idOf = new Map(inserted.rows.map((r) => [r.person_id, r.id]));
        for (const r of reservable) {
          const id = idOf.get(r.row.person_id as string);
          if (id) r.pending.resolve({ ...r.decision, attemptId: id });
          else failed.push(r.pending);
        }
      } catch (e) {
        if (!isRetryable(e)) throw e;
        failed.push(...reservable.map((r) => r.pending));
      }
    }
    // Decided again first: they have waited longest.
    for (const p of later.reverse()) this.add(p, true);
    for (const p of failed) {
      // Someone else reserved or completed a contact with this person or number meanwhile.
      p.round++;
      if (p.round >= MAX_ROUNDS) {
        p.reject(new AppError('INTERNAL'));
        continue;
      }
      setTimeout(() => this.add(p, true), Math.random() * 2 * p.round);
    }
  }
}

const queues = new WeakMap<Store, GateQueue>();

function queueOf(store: Store): GateQueue {
  let queue = queues.get(store);
  if (!queue) {
    queue = new GateQueue(store);
    queues.set(store, queue);
  }
  return queue;
}

/** The rulebook's decision on one request's facts, and the ledger row to reserve when allowed. */
function decide(
  pending: Pending,
  facts: Snapshot | undefined,
): { decision: Reservable['decision']; row: Record<string, unknown> } {
  if (!facts) throw new AppError('CASE_NOT_FOUND');
  if (!facts.person_id)
    throw invalid('contactId', '该联系人不属于本案债务人', "is not a contact of this case's debtor");
  if (!facts.phone_id_found)
    throw invalid('phoneId', '该号码不属于本案债务人', "is not a phone of this case's debtor");
  const profile = effectiveProfile(facts.compliance_profile, facts.house_overrides);
  const phone = facts.phone;
  const history: ContactHistoryEntry[] = facts.history.map(
    ([at, channel, party, personId, debtId, entryPhone, outcome]) => ({
      at: new Date(at),
      channel,
      party,
      personId: personId ?? (facts.person_id as string),
      debtId: debtId ?? facts.account_id,
      ...(entryPhone ? { phone: entryPhone } : {}),
      ...(outcome ? { outcome } : {}),
    }),
  );
  const decision = decideContact({
    profile,
    now: pending.now,
    timeZone: facts.time_zone,
    channel: pending.channel,
    party: pending.party,
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
      notCertified: facts.not_certified,
    },
  });
  return {
    decision,
    row: {
      case_id: facts.id,
      account_id: facts.account_id,
      debtor_id: facts.debtor_id,
      party: pending.party,
      person_id: facts.person_id,
      channel: pending.channel,
      phone,
      actor_id: pending.actorId,
      actor_kind: pending.actorKind,
      actor_name: pending.actorName,
      at: pending.now.toISOString(),
      person_key: `person:${facts.person_id}`,
      person_version: facts.person_version,
      phone_key: phone ? `phone:${phone}` : null,
      phone_version: phone ? facts.phone_version : null,
    },
  };
}

export async function reserveContact(
  store: Store,
  actor: Actor,
  request: ContactReservationRequest,
  now: Date,
): Promise<ContactReservation> {
  if (Number.isNaN(now.getTime())) throw new RangeError('Invalid Date');
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
  const scope = caseScopeSql(actor, 'c', 2);
  const actorKind =
    request.actorKind ??
    (actor.role === 'agency' ? 'agency' : actor.kind === 'system' ? 'dialer' : 'collector');
  return new Promise<ContactReservation>((resolve, reject) => {
    queueOf(store).add({
      caseId: request.caseId,
      party: request.party,
      contactId: request.party === 'third_party' ? (request.contactId as string) : null,
      givenPhone,
      phoneId: request.phoneId || null,
      channel: request.channel,
      actorId: actor.userId,
      actorKind,
      actorName: actor.username,
      certUser: certificationSubject(actor),
      now,
      scope: { key: `${scope.sql}\u0000${JSON.stringify(scope.params)}`, ...scope },
      round: 0,
      resolve,
      reject,
    });
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
    { name: 'qs_gate_outcome' },
  );
  if (r.rows.length === 0) throw new AppError('NOT_FOUND');
}
