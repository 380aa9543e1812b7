/**
 * The recent contact history the gate judges with, for callers that decide without reserving (the
 * queue, the case page's gate preview): every non-cancelled attempt of the last eight days on the given
 * people, debts or numbers, as `ContactHistoryEntry` values. Three index lookups (person, debt, number)
 * rather than one OR, which the planner would answer with a scan.
 */
import type { ContactHistoryEntry, ContactOutcome } from '../compliance/gate';
import type { SqlSession } from '../store/db';

/** Eight local days cover every rule's window (a day, seven days, the post-conversation wait). */
export const HISTORY_MS = 8 * 86_400_000;

interface HistoryRow {
  at: Date;
  channel: ContactHistoryEntry['channel'];
  party: ContactHistoryEntry['party'];
  person_id: string;
  account_id: string;
  phone: string | null;
  outcome: ContactOutcome | null;
}

export async function loadContactHistory(
  sql: SqlSession,
  about: { personIds: readonly string[]; accountIds: readonly string[]; phones: readonly string[] },
  now: Date,
): Promise<ContactHistoryEntry[]> {
  const history = await sql.query<HistoryRow>(
    `SELECT DISTINCT ON (a.id) a.at, a.channel, a.party, a.person_id, a.account_id, a.phone, a.outcome
     FROM (
       SELECT * FROM contact_attempts WHERE person_id = ANY($1::uuid[]) AND at > $2 AND at <= $3
       UNION ALL SELECT * FROM contact_attempts WHERE account_id = ANY($4::uuid[]) AND at > $2 AND at <= $3
       UNION ALL SELECT * FROM contact_attempts WHERE phone = ANY($5::text[]) AND at > $2 AND at <= $3
     ) a
     WHERE a.status <> 'cancelled'`,
    [about.personIds, new Date(now.getTime() - HISTORY_MS), now, about.accountIds, about.phones],
    { name: 'qs_contact_history' },
  );
  return history.rows.map((h) => ({
    at: new Date(h.at),
    channel: h.channel,
    party: h.party,
    personId: h.person_id,
    debtId: h.account_id,
    ...(h.phone ? { phone: h.phone } : {}),
    ...(h.outcome ? { outcome: h.outcome } : {}),
  }));
}
