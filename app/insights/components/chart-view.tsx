import type { RenderedChart } from "#app/insights/chart-spec.ts";

/**
 * The chart as the server drew it (chart-svg.ts): inline SVG markup, so it shows without
 * JavaScript and the browser loads no chart code. Pages carry a wide and a narrow drawing and
 * CSS shows the one that fits; a slide carries the room-scale drawing.
 */
export function ChartView({ svg }: { svg: RenderedChart["svg"] }) {
  return (
    <>
      {svg.slide ? <div className="chart chart--slide" dangerouslySetInnerHTML={{ __html: svg.slide }} /> : null}
      {svg.wide ? <div className="chart chart--wide" dangerouslySetInnerHTML={{ __html: svg.wide }} /> : null}
      {svg.narrow ? <div className="chart chart--narrow" dangerouslySetInnerHTML={{ __html: svg.narrow }} /> : null}
    </>
  );
}
