/**
 * The `qingshou qa` JSON Lines contract (DESIGN.md): one transcript (or single utterance, a one-turn
 * transcript) per line in, one line of findings out, same order. A line that cannot be read answers with
 * no findings and an `error` naming the field and the reason.
 */
import { z } from 'zod';
import { findProfile, type ProfileId } from '../compliance/profiles';
import { createSpeechInspector, SPEAKERS, SPEECH_PARTIES, type SpeechFinding } from '../compliance/speech';

export const QaLine = z.object({
  id: z.string(),
  profile: z
    .string()
    .refine((p) => findProfile(p) !== undefined, 'unknown profile (cn-cba or us-regf)')
    .optional(),
  party: z.enum(SPEECH_PARTIES),
  turns: z
    .array(z.object({ speaker: z.enum(SPEAKERS), text: z.string() }))
    .min(1, 'a transcript needs at least one turn'),
});

export interface QaAnswer {
  id: string | null;
  findings: SpeechFinding[];
  error?: { code: 'VALIDATION_FAILED'; field: string; reason: string };
}

/** Inspects one input line. Never throws: a bad line is answered with an error object. */
export function answerQaLine(line: string): QaAnswer {
  let raw: unknown;
  try {
    raw = JSON.parse(line);
  } catch (e) {
    return {
      id: null,
      findings: [],
      error: { code: 'VALIDATION_FAILED', field: 'line', reason: `not JSON: ${(e as Error).message}` },
    };
  }
  const id =
    raw && typeof raw === 'object' && typeof (raw as { id?: unknown }).id === 'string'
      ? (raw as { id: string }).id
      : null;
  const parsed = QaLine.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return {
      id,
      findings: [],
      error: {
        code: 'VALIDATION_FAILED',
        field: issue?.path.join('.') || 'line',
        reason: issue?.message ?? 'invalid',
      },
    };
  }
  const input = parsed.data;
  const inspector = createSpeechInspector((input.profile ?? 'cn-cba') as ProfileId);
  const findings = inspector.inspect({ party: input.party, turns: input.turns }).map((finding) => ({
    category: finding.category,
    rule: finding.rule,
    severity: finding.severity,
    turn: finding.turn,
    start: finding.start,
    end: finding.end,
    quote: finding.quote,
  }));
  return { id: input.id, findings };
}
