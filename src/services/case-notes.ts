/** Case notes (案件备注): free text a collector leaves on a case in their scope, audited. */
import { can } from '../domain/roles';
import { AppError, invalid } from '../errors';
import type { Store } from '../store/db';
import type { Actor } from './actor';
import { writeAudit } from './audit';
import { visibleCaseId } from './timeline';

export const MAX_NOTE_LENGTH = 2000;

export interface CaseNoteView {
  id: string;
  caseId: string;
  body: string;
  authorName: string;
  createdAt: string;
}

export async function addCaseNote(
  store: Store,
  actor: Actor,
  caseId: string,
  body: string,
  now: Date,
): Promise<CaseNoteView> {
  if (actor.kind !== 'user' || !actor.role || !can(actor.role, 'contacts.create')) {
    throw new AppError('FORBIDDEN');
  }
  const text = body.trim();
  if (text === '') throw invalid('body', '备注不能为空', 'the note is empty');
  if (text.length > MAX_NOTE_LENGTH) {
    throw invalid('body', `备注不能超过 ${MAX_NOTE_LENGTH} 字`, `at most ${MAX_NOTE_LENGTH} characters`);
  }
  await visibleCaseId(store, actor, caseId);
  return store.transaction(async ({ db, sql }) => {
    const inserted = await sql.query<{ id: string; created_at: Date }>(
      `INSERT INTO case_notes (case_id, body, author_id, author_name, created_at)
       VALUES ($1, $2, $3, $4, $5) RETURNING id, created_at`,
      [caseId, text, actor.userId, actor.displayName, now],
    );
    const row = inserted.rows[0] as { id: string; created_at: Date };
    await writeAudit(db, actor, {
      action: 'case.note',
      entityType: 'case',
      entityId: caseId,
      after: { noteId: row.id, length: text.length },
    });
    return {
      id: row.id,
      caseId,
      body: text,
      authorName: actor.displayName,
      createdAt: new Date(row.created_at).toISOString(),
    };
  });
}
