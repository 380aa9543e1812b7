/**
 * A bank's payment file (还款流水): CSV with a header row, one payment per line. Each line is posted on
 * its own through `postPayment`, so a line is either posted whole or not at all, and the file can be
 * loaded again after a correction: lines already posted come back as duplicates, never twice.
 *
 * Columns (zh or en headers): 合同编号/contract_no, 交易流水号/external_ref, 金额/amount (yuan),
 * 交易时间/paid_at (ISO with offset, or 'YYYY-MM-DD HH:MM[:SS]' in the portfolio's zone), and optionally
 * 渠道/channel (bank_transfer by default).
 */
import { parse } from 'csv-parse/sync';
import { parseYuan } from '../domain/money';
import { reasonText } from '../domain/reasons';
import { can } from '../domain/roles';
import { AppError, invalid, isAppError } from '../errors';
import type { Store } from '../store/db';
import type { Actor } from './actor';
import { PAYMENT_CHANNELS, type PaymentChannel, postPayment } from './payments';

const HEADERS: Record<string, 'contractNo' | 'externalRef' | 'amount' | 'paidAt' | 'channel'> = {
  合同编号: 'contractNo',
  合同号: 'contractNo',
  contract_no: 'contractNo',
  contract: 'contractNo',
  交易流水号: 'externalRef',
  流水号: 'externalRef',
  external_ref: 'externalRef',
  reference: 'externalRef',
  金额: 'amount',
  还款金额: 'amount',
  amount: 'amount',
  交易时间: 'paidAt',
  还款时间: 'paidAt',
  paid_at: 'paidAt',
  渠道: 'channel',
  channel: 'channel',
};
const REQUIRED = ['contractNo', 'externalRef', 'amount', 'paidAt'] as const;

export interface PaymentFileProblem {
  line: number;
  column: string;
  reason: string;
  reasonEn: string;
}

export interface PaymentFileResult {
  posted: number;
  duplicates: number;
  rejected: PaymentFileProblem[];
  /** Sum of the payments posted by this load (fen). */
  postedFen: number;
}

/** Local 'YYYY-MM-DD HH:MM[:SS]' in the zone, or an ISO instant with an offset. */
function parseInstant(text: string, timeZone: string): Date | null {
  const trimmed = text.trim();
  if (/[zZ]|[+-]\d{2}:?\d{2}$/.test(trimmed)) {
    const at = new Date(trimmed);
    return Number.isNaN(at.getTime()) ? null : at;
  }
  const match = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2})(?::(\d{2}))?$/.exec(trimmed);
  if (!match) return null;
  const [, y, mo, d, h, mi, s] = match;
  // The zone's offset at that wall-clock time: guess in UTC, then correct by the zone's offset there.
  const guess = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s ?? 0));
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(new Date(guess));
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  const asLocal = Date.UTC(
    get('year'),
    get('month') - 1,
    get('day'),
    get('hour'),
    get('minute'),
    get('second'),
  );
  const at = new Date(guess - (asLocal - guess));
  return Number.isNaN(at.getTime()) ? null : at;
}

/** Loads a payment file's text for a portfolio; refuses a file whose header lacks a required column. */
export async function importPaymentFile(
  store: Store,
  actor: Actor,
  input: { text: string; portfolioCode: string },
  now: Date,
): Promise<PaymentFileResult> {
  if (actor.kind !== 'system' && (!actor.role || !can(actor.role, 'payments.post'))) {
    throw new AppError('FORBIDDEN');
  }
  const portfolio = await store.sql.query<{ time_zone: string }>(
    'SELECT time_zone FROM portfolios WHERE code = $1',
    [input.portfolioCode],
  );
  const timeZone = portfolio.rows[0]?.time_zone;
  if (!timeZone) throw new AppError('PORTFOLIO_NOT_FOUND', { code: input.portfolioCode });

  let records: string[][];
  try {
    records = parse(input.text.replace(/^\uFEFF/, ''), { skip_empty_lines: true, relax_column_count: true });
  } catch (e) {
    throw invalid(
      'file',
      `不是有效的 CSV：${(e as Error).message}`,
      `not a valid CSV file: ${(e as Error).message}`,
    );
  }
  const header = (records[0] ?? []).map((name) => HEADERS[name.trim()] ?? HEADERS[name.trim().toLowerCase()]);
  for (const column of REQUIRED) {
    if (!header.includes(column)) {
      throw invalid('file', `缺少列 ${column}`, `the header lacks the column ${column}`);
    }
  }
  const result: PaymentFileResult = { posted: 0, duplicates: 0, rejected: [], postedFen: 0 };
  for (const [index, record] of records.slice(1).entries()) {
    const line = index + 2;
    const cell = (name: string) => {
      const at = header.indexOf(name as never);
      return at === -1 ? '' : (record[at] ?? '').trim();
    };
    const problem = (column: string, reason: string, reasonEn: string) => {
      result.rejected.push({ line, column, reason, reasonEn });
    };
    const amount = parseYuan(cell('amount'));
    if (!amount.ok) {
      const text = reasonText(amount.reason);
      problem('amount', text.zh, text.en);
      continue;
    }
    const paidAt = parseInstant(cell('paidAt'), timeZone);
    if (!paidAt) {
      problem(
        'paidAt',
        '须为日期时间，如 2026-11-24 10:30',
        'must be a date and time such as 2026-11-24 10:30',
      );
      continue;
    }
    const channel = (cell('channel') || 'bank_transfer') as PaymentChannel;
    if (!(PAYMENT_CHANNELS as readonly string[]).includes(channel)) {
      problem(
        'channel',
        `须为 ${PAYMENT_CHANNELS.join('/')}`,
        `must be one of ${PAYMENT_CHANNELS.join(', ')}`,
      );
      continue;
    }
    try {
      const posted = await postPayment(
        store,
        actor,
        {
          portfolioCode: input.portfolioCode,
          contractNo: cell('contractNo'),
          externalRef: cell('externalRef'),
          amountFen: amount.fen,
          paidAt,
          channel,
          source: 'bank_file',
        },
        now,
      );
      if (posted.duplicate) result.duplicates += 1;
      else {
        result.posted += 1;
        result.postedFen += posted.payment.amountFen;
      }
    } catch (error) {
      if (!isAppError(error)) throw error;
      const field = (error.details as { field?: string } | undefined)?.field ?? 'line';
      problem(field, error.messageIn('zh-CN'), error.messageIn('en'));
    }
  }
  return result;
}
