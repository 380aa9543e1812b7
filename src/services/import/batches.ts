import { can } from '../../domain/roles';
import { AppError } from '../../errors';
import type { Store } from '../../store/db';
import type { Actor } from '../actor';

/** Recent import batches (committed and rejected attempts), newest first. */
export async function listImportBatches(
  store: Store,
  actor: Actor,
  filter: { portfolio?: string; limit?: number },
) {
  if (
    actor.kind === 'user' &&
    (!actor.role || !(can(actor.role, 'imports.read') || can(actor.role, 'imports.create')))
  ) {
    throw new AppError('FORBIDDEN');
  }
  const params: unknown[] = [Math.min(filter.limit ?? 50, 200)];
  let where = '';
  if (filter.portfolio) {
    params.push(filter.portfolio);
    where = 'WHERE p.code = $2';
  }
  const r = await store.sql.query<{
    id: string;
    portfolio_code: string;
    file_name: string;
    file_format: string;
    status: string;
    rows_total: number;
    imported: number;
    updated: number;
    rejected_count: number;
    actor_name: string;
    started_at: Date;
    finished_at: Date;
  }>(
    `SELECT b.id, p.code AS portfolio_code, b.file_name, b.file_format, b.status, b.rows_total, b.imported,
       b.updated, b.rejected_count, b.actor_name, b.started_at, b.finished_at
     FROM import_batches b JOIN portfolios p ON p.id = b.portfolio_id ${where}
     ORDER BY b.id DESC LIMIT $1`,
    params,
  );
  return r.rows.map((b) => ({
    id: b.id,
    portfolioCode: b.portfolio_code,
    fileName: b.file_name,
    fileFormat: b.file_format,
    status: b.status,
    rowsTotal: b.rows_total,
    imported: b.imported,
    updated: b.updated,
    rejectedCount: b.rejected_count,
    actorName: b.actor_name,
    startedAt: b.started_at.toISOString(),
    finishedAt: b.finished_at.toISOString(),
  }));
}
