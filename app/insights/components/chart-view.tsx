import { Bar, BarChart, CartesianGrid, Legend, XAxis, YAxis } from "recharts";
import type { ChartSpec } from "#app/insights/chart-spec.ts";
import { heatColor, textOn } from "#app/insights/palette.ts";

export const CHART_WIDTH = 880;

/**
 * The chart itself, as SVG with a fixed size, so it renders on the server and shows without
 * JavaScript. Always laid out left to right (recharts misplaces things under rtl); in Arabic
 * the bars read from the value axis on the right.
 */
export function ChartView({ spec, rtl = false, width = CHART_WIDTH }: { spec: ChartSpec; rtl?: boolean; width?: number }) {
  if (spec.kind === "heatmap") return <HeatMap spec={spec} width={width} />;
  const data = spec.rows.map((r) => ({ label: r.label, ...Object.fromEntries(spec.categories.map((c) => [c.key, r.values[c.key] ?? 0])) }));
  const barSize = 18;
  const height = Math.max(180, spec.rows.length * (barSize + 10) + 90);
  const labelWidth = Math.min(360, Math.max(80, ...spec.rows.map((r) => r.label.length * 6.5)));
  return (
    <BarChart id={`chart-${spec.id}`} width={width} height={height} data={data} layout="vertical" margin={{ top: spec.categories.length > 1 ? 36 : 8, right: 24, bottom: 8, left: 8 }} role="img" aria-label={spec.title}>
      <CartesianGrid horizontal={false} stroke="#d6dbe0" />
      <XAxis type="number" allowDecimals={false} reversed={rtl} tick={{ fontSize: 12 }} />
      <YAxis type="category" dataKey="label" width={labelWidth} orientation={rtl ? "right" : "left"} tick={<PlainTick anchor={rtl ? "start" : "end"} maxChars={Math.floor(labelWidth / 6.4)} />} interval={0} />
      {spec.categories.length > 1 ? <Legend verticalAlign="top" height={30} wrapperStyle={{ fontSize: 12 }} /> : null}
      {spec.categories.map((c) => (
        <Bar key={c.key} id={`${spec.id}-${c.key}`} dataKey={c.key} name={c.label} stackId={spec.kind === "stacked-bar" ? "s" : undefined} fill={c.color} isAnimationActive={false} barSize={barSize} />
      ))}
    </BarChart>
  );
}

/**
 * Axis labels as one plain <text>: recharts' own tick measures text in the browser to wrap it,
 * which the server cannot do, and the page would not hydrate to the same markup.
 */
function PlainTick(props: { x?: number; y?: number; payload?: { value: string }; anchor: "start" | "end"; maxChars: number }) {
  const value = props.payload?.value ?? "";
  const shown = value.length > props.maxChars ? `${value.slice(0, props.maxChars - 1)}…` : value;
  return (
    <text x={props.x} y={props.y} dy={4} textAnchor={props.anchor} fontSize={12} fill="#1b1f24">
      {shown !== value ? <title>{value}</title> : null}
      {shown}
    </text>
  );
}

function HeatMap({ spec, width }: { spec: ChartSpec; width: number }) {
  const scale = spec.scale ?? { min: 0, max: 1, decimals: 1 };
  const labelWidth = 230;
  const cols = spec.categories.length;
  const cellW = Math.max(40, Math.floor((width - labelWidth - 10) / Math.max(1, cols)));
  const cellH = 34;
  const headerH = 110;
  const height = headerH + spec.rows.length * cellH + 10;
  return (
    <svg width={width} height={height} viewBox={`0 0 ${width} ${height}`} role="img" aria-label={spec.title} xmlns="http://www.w3.org/2000/svg" fontFamily="sans-serif">
      {spec.categories.map((c, j) => (
        <text key={c.key} x={labelWidth + j * cellW + cellW / 2} y={headerH - 8} fontSize={11} transform={`rotate(-35 ${labelWidth + j * cellW + cellW / 2} ${headerH - 8})`}>
          {c.label.length > 28 ? `${c.label.slice(0, 27)}…` : c.label}
        </text>
      ))}
      {spec.rows.map((r, i) => (
        <g key={r.key}>
          <text x={labelWidth - 8} y={headerH + i * cellH + cellH / 2 + 4} fontSize={12} textAnchor="end">
            {r.label}
          </text>
          {spec.categories.map((c, j) => {
            const v = r.values[c.key];
            const t = v === null || v === undefined ? 0 : (v - scale.min) / (scale.max - scale.min);
            return (
              <g key={c.key}>
                <rect x={labelWidth + j * cellW} y={headerH + i * cellH} width={cellW - 2} height={cellH - 2} fill={v === null || v === undefined ? "#f0f0f0" : heatColor(t)} />
                <text x={labelWidth + j * cellW + cellW / 2 - 1} y={headerH + i * cellH + cellH / 2 + 4} fontSize={11} textAnchor="middle" fill={v === null || v === undefined ? "#505a64" : textOn(t)}>
                  {v === null ? "<" + (spec.threshold ?? 3) : v === undefined ? "–" : v.toFixed(scale.decimals)}
                </text>
              </g>
            );
          })}
        </g>
      ))}
    </svg>
  );
}
