/**
 * The skill radar: one axis per graded dimension, the value (0-100) as a polygon over rings at 25, 50,
 * 75 and 100. Plain inline SVG (no chart library for one small figure).
 */
export interface RadarPoint {
  key: string;
  label: string;
  /** 0-100. */
  value: number;
  /** Shown under the label (e.g. how many calls the value counts). */
  caption?: string;
}

const WIDTH = 460;
const HEIGHT = 360;
const CX = WIDTH / 2;
const CY = HEIGHT / 2 + 4;
const RADIUS = 120;
const RINGS = [25, 50, 75, 100];

function pointAt(index: number, count: number, fraction: number): [number, number] {
  // The first axis points up; the others follow clockwise.
  const angle = -Math.PI / 2 + (2 * Math.PI * index) / count;
  return [CX + Math.cos(angle) * RADIUS * fraction, CY + Math.sin(angle) * RADIUS * fraction];
}

const round = (n: number) => Math.round(n * 10) / 10;
const pathOf = (points: [number, number][]) => points.map(([x, y]) => `${round(x)},${round(y)}`).join(' ');

export function SkillRadar({ points, title }: { points: readonly RadarPoint[]; title: string }) {
  const count = points.length;
  if (count === 0) return null;
  const values = points.map((p, i) => pointAt(i, count, Math.max(0, Math.min(100, p.value)) / 100));
  return (
    <svg
      className="skill-radar"
      viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
      role="img"
      aria-label={title}
      preserveAspectRatio="xMidYMid meet"
    >
      <title>{title}</title>
      {RINGS.map((ring) => (
        <polygon
          key={ring}
          className="radar-ring"
          points={pathOf(points.map((_, i) => pointAt(i, count, ring / 100)))}
        />
      ))}
      {points.map((p, i) => {
        const [x, y] = pointAt(i, count, 1);
        return <line key={p.key} className="radar-axis" x1={CX} y1={CY} x2={round(x)} y2={round(y)} />;
      })}
      {RINGS.map((ring) => (
        <text key={ring} className="radar-ring-label" x={CX + 3} y={round(CY - (RADIUS * ring) / 100) - 2}>
          {ring}
        </text>
      ))}
      <polygon className="radar-value" points={pathOf(values)} />
      {values.map(([x, y], i) => (
        <circle
          key={points[i]?.key ?? i}
          className="radar-dot"
          cx={round(x)}
          cy={round(y)}
          r={3.5}
          data-dimension={points[i]?.key}
          data-value={points[i]?.value}
        />
      ))}
      {points.map((p, i) => {
        const [x, y] = pointAt(i, count, 1.13);
        const dx = x - CX;
        const anchor = Math.abs(dx) < 8 ? 'middle' : dx > 0 ? 'start' : 'end';
        const above = y < CY - RADIUS * 0.9;
        const baseY = above ? y - (p.caption ? 12 : 0) : y + 4;
        return (
          <g key={p.key} className="radar-label" data-dimension={p.key}>
            <text x={round(x)} y={round(baseY)} textAnchor={anchor} className="radar-label-name">
              {p.label} <tspan className="radar-label-value">{p.value}</tspan>
            </text>
            {p.caption && (
              <text x={round(x)} y={round(baseY + 14)} textAnchor={anchor} className="radar-label-caption">
                {p.caption}
              </text>
            )}
          </g>
        );
      })}
    </svg>
  );
}
