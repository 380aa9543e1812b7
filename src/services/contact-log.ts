/**
 * Logging a contact (通话小结): after a reserved attempt, the collector logs the action code, a note and,
 * for a promise to pay, the promise (amount, date, official channel). All or nothing, in one
 * transaction: the log is checked first (checkContactLog and the promise's own rules), then the gate
 * outcome mapped from the action code is recorded once (recordContactOutcome: a second log of the same
 * attempt is refused), the code and note are stored on the ledger row, the promise is taken
 * (createPromise), and the log is audited. Any failure leaves nothing behind.
 */
import {
  type ActionCode,
  checkContactLog,
  type FollowUpData,
  type PaymentChannel as LogPaymentChannel,
} from '../domain/action-codes';
import { can } from '../domain/roles';
import { AppError, invalid } from '../errors';
import type { Store, TxContext } from '../store/db';
import type { Actor } from './actor';
import { writeAudit } from './audit';
import { caseScopeSql } from './case-scope';
import { recordContactOutcome } from './contact-gate';
import { isUuid } from './ids';
import { createPromise, MAX_PROMISE_DAYS, type PromiseChannel, type PromiseView } from './promises';

export interface ContactLogRequest {
  attemptId: string;
  actionCode: string;
  note?: string | null;
  promise?: { amountFen: number; dueDate: string; channel: PromiseChannel } | null;
}

export interface ContactLogResult {
  attemptId: string;
  actionCode: ActionCode;
  outcome: string;
  promise: PromiseView | null;
}

/** The promise service's channels in the action-code catalogue's words (a counter is a bank counter). */
const LOG_CHANNEL: Record<PromiseChannel, LogPaymentChannel> = {
  app: 'app',
  bank_transfer: 'bank_transfer',
  counter: 'bank_counter',
  auto_debit: 'auto_debit',
};

/** A store whose every query runs in the given transaction, so services compose into one commit. */
function inTransaction(store: Store, tx: TxContext): Store {
  return {
    ...store,
    db: tx.db,
    sql: tx.sql,
    transaction: (fn) => fn(tx),
    onConnection: (fn) => fn(tx),
  };
}

export async function logContact(
  store: Store,
  actor: Actor,
  caseId: string,
  request: ContactLogRequest,
  now: Date,
): Promise<ContactLogResult> {
  if (actor.kind !== 'user' || !actor.role || !can(actor.role, 'contacts.create')) {
    throw new AppError('FORBIDDEN');
  }
  if (!isUuid(caseId)) throw new AppError('CASE_NOT_FOUND');
  if (!isUuid(request.attemptId)) throw new AppError('NOT_FOUND');
  const scope = caseScopeSql(actor, 'c', 3);
  return store.transaction(async (tx) => {
    const found = await tx.sql.query<{
      id: string;
      party: 'debtor' | 'third_party';
      status: string;
      actor_id: string | null;
      time_zone: string;
    }>(
      `SELECT a.id, a.party, a.status, a.actor_id, p.time_zone
       FROM contact_attempts a JOIN cases c ON c.id = a.case_id JOIN portfolios p ON p.id = c.portfolio_id
       WHERE a.id = $1::uuid AND a.case_id = $2::uuid AND ${scope.sql}
       FOR UPDATE OF a`,
      [request.attemptId, caseId, ...scope.params],
    );
    const attempt = found.rows[0];
    if (!attempt || attempt.actor_id !== actor.userId) throw new AppError('NOT_FOUND');
    if (attempt.status !== 'reserved') {
      throw invalid(
        'attemptId',
        '该次联系已记录结果，不能重复记录',
        'this contact attempt already has its outcome; it is logged once',
      );
    }
    const followUp: FollowUpData | null = request.promise
      ? {
          form: 'promise',
          amountFen: request.promise.amountFen,
          dueDate: request.promise.dueDate,
          channel: LOG_CHANNEL[request.promise.channel],
        }
      : null;
    const checked = checkContactLog(
      {
        code: request.actionCode,
        party: attempt.party,
        contactedAt: now,
        timeZone: attempt.time_zone,
        followUp,
      },
      { maxPromiseDays: MAX_PROMISE_DAYS },
    );
    if (!checked.ok) {
      const first = checked.problems[0];
      throw new AppError(
        'VALIDATION_FAILED',
        {
          field: first?.field ?? 'actionCode',
          reason: checked.problems.map((p) => p.text.zh).join('；'),
          reasonEn: checked.problems.map((p) => p.text.en).join('; '),
        },
        { field: first?.field ?? 'actionCode', problems: checked.problems },
      );
    }
    const code = checked.definition.code;
    const outcome = checked.definition.gateOutcome;
    const txStore = inTransaction(store, tx);
    // The promise first: if the case refuses it (closed, more than the balance), nothing is recorded.
    const promise = request.promise
      ? await createPromise(
          txStore,
          actor,
          caseId,
          { ...request.promise, contactAttemptId: request.attemptId },
          now,
        )
      : null;
    await recordContactOutcome(txStore, actor, request.attemptId, outcome, now);
    const note = request.note?.trim() || null;
    await tx.sql.query('UPDATE contact_attempts SET action_code = $2, note = $3 WHERE id = $1::uuid', [
      request.attemptId,
      code,
      note,
    ]);
    await writeAudit(tx.db, actor, {
      action: 'contact.log',
      entityType: 'case',
      entityId: caseId,
      after: {
        attemptId: request.attemptId,
        actionCode: code,
        outcome,
        note,
        promiseId: promise?.id ?? null,
      },
    });
    return { attemptId: request.attemptId, actionCode: code, outcome, promise };
  });
}
