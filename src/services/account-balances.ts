/**
 * An account's balance components under a row lock: what payments and approved waivers read before they
 * change them. Callers write the new amounts in the same transaction.
 */
import type { ComponentAmounts } from '../domain/payment-allocation';
import type { SqlSession } from '../store/db';

export interface AccountRow {
  id: string;
  portfolio_id: string;
  time_zone: string;
  allocation_order: string[] | null;
  case_id: string | null;
  case_status: string | null;
  principal_fen: number;
  interest_fen: number;
  penalty_fen: number;
  fees_fen: number;
  paid_fen: number;
  balance_fen: number;
  status: string;
}

/** The account (with its portfolio's zone and allocation order, and its case) locked FOR UPDATE. */
export async function lockAccount(
  sql: SqlSession,
  where: string,
  params: unknown[],
): Promise<AccountRow | undefined> {
  const r = await sql.query<AccountRow>(
    `SELECT a.id, a.portfolio_id, p.time_zone, p.allocation_order, c.id AS case_id, c.status AS case_status, a.principal_fen,
       a.interest_fen, a.penalty_fen, a.fees_fen, a.paid_fen, a.balance_fen, a.status
     FROM accounts a JOIN portfolios p ON p.id = a.portfolio_id LEFT JOIN cases c ON c.account_id = a.id
     WHERE ${where} FOR UPDATE OF a`,
    params,
  );
  return r.rows[0];
}

/** The four components as amounts for `domain/payment-allocation`. */
export const balancesOf = (a: AccountRow): ComponentAmounts => ({
  fees: Number(a.fees_fen),
  penalty: Number(a.penalty_fen),
  interest: Number(a.interest_fen),
  principal: Number(a.principal_fen),
});
