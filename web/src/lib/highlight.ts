/**
 * Splitting a text at the ranges of findings, for highlighting. Ranges may overlap: the text is cut at
 * every start and end, and each piece lists the ranges covering it (the worst severity colours it).
 */
export interface HighlightRange {
  id: string;
  start: number;
  end: number;
  severity: 'error' | 'warning';
}

export interface TextPiece {
  start: number;
  end: number;
  text: string;
  ranges: HighlightRange[];
}

export function splitForHighlight(text: string, ranges: readonly HighlightRange[]): TextPiece[] {
  const valid = ranges
    .map((r) => ({ ...r, start: Math.max(0, r.start), end: Math.min(text.length, r.end) }))
    .filter((r) => r.end > r.start);
  const cuts = new Set<number>([0, text.length]);
  for (const r of valid) {
    cuts.add(r.start);
    cuts.add(r.end);
  }
  const points = [...cuts].sort((a, b) => a - b);
  const pieces: TextPiece[] = [];
  for (let i = 0; i + 1 < points.length; i++) {
    const start = points[i] as number;
    const end = points[i + 1] as number;
    if (end <= start) continue;
    const covering = valid
      .filter((r) => r.start <= start && r.end >= end)
      // The narrowest range first: clicking a piece selects the most specific finding.
      .sort((a, b) => a.end - a.start - (b.end - b.start));
    pieces.push({ start, end, text: text.slice(start, end), ranges: covering });
  }
  return pieces;
}

export function worstSeverity(ranges: readonly HighlightRange[]): 'error' | 'warning' | null {
  if (ranges.length === 0) return null;
  return ranges.some((r) => r.severity === 'error') ? 'error' : 'warning';
}
