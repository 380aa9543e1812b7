/**
 * The talk tracks for a case (话术): recommendScripts for the case's stage (from its bucket), class of
 * delinquency and personality, with the handlers of one objection when asked.
 */
import {
  type ObjectionKey,
  recommendScripts,
  type ScriptEntry,
  scriptStageOf,
} from '../domain/script-library';
import { AppError } from '../errors';
import type { Store } from '../store/db';
import type { Actor } from './actor';
import { caseScopeSql } from './case-scope';
import { assertCaseReader } from './cases';
import { isUuid } from './ids';

export interface CaseScripts {
  stage: string | null;
  delinquencyClass: number | null;
  personality: string | null;
  objection: ObjectionKey | null;
  scripts: ScriptEntry[];
}

export async function caseScripts(
  store: Store,
  actor: Actor,
  caseId: string,
  objection: ObjectionKey | null,
): Promise<CaseScripts> {
  assertCaseReader(actor);
  if (!isUuid(caseId)) throw new AppError('CASE_NOT_FOUND');
  const scope = caseScopeSql(actor, 'c', 2);
  const found = await store.sql.query<{
    bucket: string;
    delinquency_class: number | null;
    personality: string | null;
  }>(
    `SELECT c.bucket, c.delinquency_class, c.personality FROM cases c WHERE c.id = $1::uuid AND ${scope.sql}`,
    [caseId, ...scope.params],
  );
  const kase = found.rows[0];
  if (!kase) throw new AppError('CASE_NOT_FOUND');
  const stage = scriptStageOf(kase.bucket);
  const cls = kase.delinquency_class;
  const delinquencyClass = cls === 1 || cls === 2 || cls === 3 || cls === 4 ? cls : null;
  return {
    stage,
    delinquencyClass,
    personality: kase.personality,
    objection,
    scripts: recommendScripts({
      stage: stage ?? kase.bucket,
      delinquencyClass,
      personality: kase.personality,
      objection,
      party: 'debtor',
    }),
  };
}
