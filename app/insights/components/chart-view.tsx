import type { ChartLayout, RenderedChart } from "#app/insights/chart-spec.ts";
import { useMarkupOnce } from "#app/utils/markup-once.tsx";

/**
 * The chart as the server drew it (chart-svg.ts): inline SVG markup, so it shows without
 * JavaScript and the browser loads no chart code. Pages carry a wide and a narrow drawing and
 * CSS shows the one that fits; a slide carries the room-scale drawing. In a document the
 * markup travels once, in the HTML (`svgRef`); after a client navigation it is in the data.
 */
export function ChartView({ svg, svgRef }: { svg: RenderedChart["svg"]; svgRef?: RenderedChart["svgRef"] }) {
  return (
    <>
      <Drawing layout="slide" svg={svg} svgRef={svgRef} />
      <Drawing layout="wide" svg={svg} svgRef={svgRef} />
      <Drawing layout="narrow" svg={svg} svgRef={svgRef} />
    </>
  );
}

function Drawing({ layout, svg, svgRef }: { layout: ChartLayout; svg: RenderedChart["svg"]; svgRef?: RenderedChart["svgRef"] }) {
  const ref = svgRef?.[layout];
  const html = useMarkupOnce(svg[layout], ref);
  if (svg[layout] === undefined && !ref) return null;
  return <div className={`chart chart--${layout}`} data-markup-ref={ref} dangerouslySetInnerHTML={{ __html: html }} suppressHydrationWarning />;
}
