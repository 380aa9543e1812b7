/** A compliance score, coloured: 90 and above green, 60 and above amber, below 60 red; '—' for none. */
export function scoreClass(score: number | null): string {
  if (score === null) return 'score-none';
  if (score >= 90) return 'score-good';
  if (score >= 60) return 'score-fair';
  return 'score-bad';
}

export function ScoreTag({ score, provisional }: { score: number | null; provisional?: boolean }) {
  return (
    <span className={`score-value ${scoreClass(score)}${provisional ? ' score-provisional' : ''}`}>
      {score === null ? '—' : Number.isInteger(score) ? String(score) : score.toFixed(1)}
      {provisional ? '*' : ''}
    </span>
  );
}
