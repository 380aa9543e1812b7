import { type HighlightRange, splitForHighlight, worstSeverity } from '../lib/highlight';

/**
 * A text with findings marked: red for errors (red lines), amber for warnings. A mark carries the id of
 * its finding (data-finding-id); clicking it calls `onSelect`.
 */
export function HighlightedText({
  text,
  ranges,
  selectedId,
  onSelect,
  titleOf,
}: {
  text: string;
  ranges: readonly HighlightRange[];
  selectedId?: string | null;
  onSelect?: (id: string) => void;
  titleOf?: (range: HighlightRange) => string;
}) {
  const pieces = splitForHighlight(text, ranges);
  return (
    <span className="highlighted-text">
      {pieces.map((piece) => {
        const severity = worstSeverity(piece.ranges);
        if (!severity) return <span key={piece.start}>{piece.text}</span>;
        const first = piece.ranges[0] as HighlightRange;
        const selected = piece.ranges.some((r) => r.id === selectedId);
        return (
          <mark
            key={piece.start}
            className={`qa-mark qa-mark-${severity}${selected ? ' qa-mark-selected' : ''}`}
            data-finding-id={first.id}
            data-severity={severity}
            title={titleOf ? piece.ranges.map(titleOf).join('\n') : undefined}
            onClick={onSelect ? () => onSelect(first.id) : undefined}
            onKeyDown={
              onSelect
                ? (event) => {
                    if (event.key === 'Enter' || event.key === ' ') onSelect(first.id);
                  }
                : undefined
            }
            tabIndex={onSelect ? 0 : undefined}
            role={onSelect ? 'button' : undefined}
          >
            {piece.text}
          </mark>
        );
      })}
    </span>
  );
}
