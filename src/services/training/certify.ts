/**
 * Certification as the database holds it: the trainee's counting calls and best quiz result read in one
 * statement, judged by the pure rule (training/certification.ts), and recorded the first time it is met
 * (`training_certifications`, one row per person: a second writer's insert does nothing), with the calls
 * and the quiz attempt that earned it and an audit row.
 */

import type { Db, SqlSession } from '../../store/db';
import {
  type CertificationCall,
  type CertificationStatus,
  certificationStatus,
} from '../../training/certification';
import { findScenario } from '../../training/scenarios';
import type { Actor } from '../actor';
import { writeAudit } from '../audit';

export interface CertificationView extends CertificationStatus {
  certifiedAt: Date | null;
}

interface CallRow {
  id: string;
  scenario_id: string;
  score: number;
  passed: boolean;
  violations: number;
}

interface Facts {
  calls: (CertificationCall & { id: string })[];
  quizBest: number | null;
  quizBestId: string | null;
  certifiedAt: Date | null;
}

async function readFacts(sql: SqlSession, userId: string): Promise<Facts> {
  const calls = await sql.query<CallRow>(
    `SELECT id, scenario_id, score, passed, violations FROM training_sessions
     WHERE user_id = $1::uuid AND status = 'ended' AND passed AND violations = 0
     ORDER BY ended_at`,
    [userId],
  );
  const quiz = await sql.query<{ id: string; percent: number }>(
    `SELECT id, percent FROM training_quiz_attempts WHERE user_id = $1::uuid
     ORDER BY percent DESC, created_at LIMIT 1`,
    [userId],
  );
  const cert = await sql.query<{ certified_at: Date }>(
    'SELECT certified_at FROM training_certifications WHERE user_id = $1::uuid',
    [userId],
  );
  return {
    calls: calls.rows.flatMap((row) => {
      const scenario = findScenario(row.scenario_id);
      if (!scenario) return [];
      return [
        {
          id: row.id,
          scenarioId: row.scenario_id,
          difficulty: scenario.difficulty,
          score: row.score,
          passed: row.passed,
          violations: row.violations,
        },
      ];
    }),
    quizBest: quiz.rows[0]?.percent ?? null,
    quizBestId: quiz.rows[0]?.id ?? null,
    certifiedAt: cert.rows[0]?.certified_at ?? null,
  };
}

/** Where a person stands: the requirements with their progress, and the date they were certified. */
export async function certificationOf(sql: SqlSession, userId: string): Promise<CertificationView> {
  const facts = await readFacts(sql, userId);
  const status = certificationStatus({ sessions: facts.calls, quizBestPercent: facts.quizBest });
  // Once recorded, a certification stands (it is never revoked here).
  return {
    ...status,
    certified: status.certified || facts.certifiedAt !== null,
    certifiedAt: facts.certifiedAt,
  };
}

/**
 * Records the certification when the person now meets every requirement and has none yet. Run inside
 * the transaction that stored the call or quiz attempt that may complete it.
 */
export async function certifyIfEarned(
  tx: { db: Db; sql: SqlSession },
  actor: Actor,
  userId: string,
  now: Date,
): Promise<CertificationView> {
  const facts = await readFacts(tx.sql, userId);
  const status = certificationStatus({ sessions: facts.calls, quizBestPercent: facts.quizBest });
  if (facts.certifiedAt !== null || !status.certified) {
    return {
      ...status,
      certified: status.certified || facts.certifiedAt !== null,
      certifiedAt: facts.certifiedAt,
    };
  }
  const basis = {
    sessions: facts.calls.map((call) => ({
      id: call.id,
      scenarioId: call.scenarioId,
      difficulty: call.difficulty,
      score: call.score,
    })),
    quizAttemptId: facts.quizBestId,
    quizPercent: facts.quizBest,
  };
  const inserted = await tx.sql.query<{ certified_at: Date }>(
    `INSERT INTO training_certifications (user_id, certified_at, basis) VALUES ($1::uuid, $2, $3::jsonb)
     ON CONFLICT (user_id) DO NOTHING RETURNING certified_at`,
    [userId, now, JSON.stringify(basis)],
  );
  const row = inserted.rows[0];
  if (row) {
    await writeAudit(tx.db, actor, {
      action: 'training.certified',
      entityType: 'user',
      entityId: userId,
      after: basis,
    });
    return { ...status, certifiedAt: row.certified_at };
  }
  const existing = await tx.sql.query<{ certified_at: Date }>(
    'SELECT certified_at FROM training_certifications WHERE user_id = $1::uuid',
    [userId],
  );
  return { ...status, certifiedAt: existing.rows[0]?.certified_at ?? null };
}

/** The JSON shape of the HTTP contract. */
export function certificationBody(view: CertificationView) {
  return {
    certified: view.certified,
    certifiedAt: view.certifiedAt ? view.certifiedAt.toISOString() : null,
    requirements: view.requirements.map((r) => ({ key: r.key, met: r.met, text: { ...r.text } })),
  };
}
