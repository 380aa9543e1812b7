/**
 * The contact gate's state now for the debtor of a case, per phone (call and SMS), without reserving
 * anything: what the collector sees before dialling. It reads what the gate reads (the case, its holds,
 * the effective profile, the last eight days of the contact ledger for the debtor, the account and the
 * numbers) and asks the same pure `decideContact`. It is a preview: dialling still reserves through the
 * gate (contact-gate.ts), which decides again on the ledger at that moment.
 */
import { decideContact, type GateReason } from '../compliance/gate';
import { gateReasonText } from '../compliance/gate-reasons';
import type { ContactChannel } from '../compliance/profiles/types';
import { maskPhone } from '../domain/masking';
import { AppError } from '../errors';
import type { Store } from '../store/db';
import type { Actor } from './actor';
import { caseScopeSql } from './case-scope';
import { assertCaseReader } from './cases';
import { loadContactHistory } from './contact-history';
import { effectiveProfile } from './house-rules';
import { isUuid } from './ids';
import { certificationSubject, certifiedSql } from './training/certified';

export interface GateState {
  allowed: boolean;
  reasons: GateReason[];
  messages: { code: GateReason; zh: string; en: string }[];
  nextAllowedAt: string | null;
}

export interface PhoneGatePreview {
  phoneId: string;
  masked: string;
  type: string;
  validity: string;
  call: GateState;
  sms: GateState;
}

export interface GatePreview {
  caseId: string;
  at: string;
  timeZone: string;
  phones: PhoneGatePreview[];
}

interface CaseFacts {
  id: string;
  account_id: string;
  debtor_id: string;
  cease: boolean;
  legal_hold: boolean;
  complaint_freeze: boolean;
  deceased: boolean;
  not_certified: boolean;
  compliance_profile: string;
  house_overrides: unknown;
  time_zone: string;
}

export async function previewGate(
  store: Store,
  actor: Actor,
  caseId: string,
  now: Date,
): Promise<GatePreview> {
  assertCaseReader(actor);
  if (!isUuid(caseId)) throw new AppError('CASE_NOT_FOUND');
  const scope = caseScopeSql(actor, 'c', 3);
  const found = await store.sql.query<CaseFacts>(
    `SELECT c.id, c.account_id, c.debtor_id, c.cease, c.legal_hold, c.complaint_freeze, c.deceased,
       ($2::uuid IS NOT NULL AND p.require_certification AND NOT ${certifiedSql('$2::uuid')}) AS not_certified,
       p.compliance_profile, p.house_overrides, p.time_zone
     FROM cases c JOIN portfolios p ON p.id = c.portfolio_id
     WHERE c.id = $1::uuid AND ${scope.sql}`,
    [caseId, certificationSubject(actor), ...scope.params],
  );
  const kase = found.rows[0];
  if (!kase) throw new AppError('CASE_NOT_FOUND');
  const phones = await store.sql.query<{ id: string; number: string; type: string; validity: string }>(
    `SELECT id, number, type, validity FROM debtor_phones WHERE debtor_id = $1
     ORDER BY (validity = 'invalid'), created_at, number`,
    [kase.debtor_id],
  );
  const numbers = phones.rows.map((p) => p.number);
  const entries = await loadContactHistory(
    store.sql,
    { personIds: [kase.debtor_id], accountIds: [kase.account_id], phones: numbers },
    now,
  );
  const profile = effectiveProfile(kase.compliance_profile, kase.house_overrides);
  const flags = {
    // As the gate does: a deceased debtor is not contacted.
    cease: kase.cease || kase.deceased,
    legalHold: kase.legal_hold,
    complaintFreeze: kase.complaint_freeze,
    // As the gate does: a collector without the certification the portfolio requires.
    notCertified: kase.not_certified,
  };
  const decide = (channel: ContactChannel, phone: string): GateState => {
    const decision = decideContact({
      profile,
      now,
      timeZone: kase.time_zone,
      channel,
      party: 'debtor',
      personId: kase.debtor_id,
      debtId: kase.account_id,
      phone,
      history: entries,
      flags,
    });
    return {
      allowed: decision.allowed,
      reasons: decision.reasons,
      messages: decision.reasons.map((code) => ({ code, ...gateReasonText[code] })),
      nextAllowedAt: decision.nextAllowedAt?.toISOString() ?? null,
    };
  };
  return {
    caseId: kase.id,
    at: now.toISOString(),
    timeZone: kase.time_zone,
    phones: phones.rows.map((p) => ({
      phoneId: p.id,
      masked: maskPhone(p.number),
      type: p.type,
      validity: p.validity,
      call: decide('call', p.number),
      sms: decide('sms', p.number),
    })),
  };
}
