/**
 * The compliance score of inspected calls (质检评分), documented in docs/compliance-profiles.md.
 *
 * Each inspected call starts at 100. A confirmed error-level finding (a red line) makes the call 0; each
 * confirmed warning takes 5 points off, down to 60 at worst. Open (unreviewed) and dismissed findings do
 * not count. A collector's or an agency's score is the mean over its inspected calls in the period.
 * The same constants feed the SQL that aggregates scores (services/qa.ts), so the two cannot drift.
 */
export const CALL_SCORE = {
  full: 100,
  redLine: 0,
  warningPenalty: 5,
  warningFloor: 60,
} as const;

/** The score of one call from its confirmed findings. */
export function callScore(confirmedErrors: number, confirmedWarnings: number): number {
  if (confirmedErrors > 0) return CALL_SCORE.redLine;
  return Math.max(CALL_SCORE.warningFloor, CALL_SCORE.full - CALL_SCORE.warningPenalty * confirmedWarnings);
}

/** The SQL expression of `callScore` over two integer expressions (parameters are the constants). */
export function callScoreSql(errors: string, warnings: string): string {
  return `(CASE WHEN ${errors} > 0 THEN ${CALL_SCORE.redLine} ELSE greatest(${CALL_SCORE.warningFloor}, ${CALL_SCORE.full} - ${CALL_SCORE.warningPenalty} * ${warnings}) END)`;
}

/** Mean of call scores rounded to one decimal, or null when there is no call. */
export function meanScore(scores: readonly number[]): number | null {
  if (scores.length === 0) return null;
  return Math.round((scores.reduce((a, b) => a + b, 0) / scores.length) * 10) / 10;
}
