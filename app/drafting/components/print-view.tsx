import { useTranslation } from "#app/utils/translation.tsx";

export interface PrintData {
  version: "internal" | "public";
  lang: string;
  title: string;
  subtitle: string;
  symbol: string;
  internalMark: string | null;
  sections: {
    key: string;
    level: number;
    heading: string;
    text: string | null;
    blank: boolean;
    sentences: { id: string; text: string; quote: { state: string | null; lang: string; disclosure: string } | null }[];
    chart: { src: string; alt: string; title: string; width: number; height: number } | null;
    table: { group: string; count: number; states: string[] }[] | null;
  }[];
  keyFigures: { label: string; value: string }[] | null;
  methodology: string | null;
}

/** The document for printing to PDF: the same model as the DOCX, numbered paragraphs in CSS. */
export function PrintView({ d }: { d: PrintData }) {
  const { t } = useTranslation();
  const tt = (key: string, o?: Record<string, unknown>) => t(key, { ...o, lng: d.lang });
  return (
    <article className="un-document" lang={d.lang} dir={d.lang === "ar" ? "rtl" : "ltr"}>
      {d.internalMark ? <p className="un-document__internal">{d.internalMark}</p> : null}
      <header className="un-document__masthead">
        <p>{d.symbol}</p>
        <p>{tt("drafting.t.distribution")}</p>
        <p>{tt("drafting.t.datePlaceholder")}</p>
      </header>
      <p className="un-document__body">{tt("drafting.t.commission")}</p>
      <h1>{d.title}</h1>
      <p className="un-document__subtitle">{d.subtitle}</p>
      <div className="un-document__paragraphs">
        {d.sections.map((s) => {
          const H = s.level === 1 ? "h2" : s.level === 2 ? "h3" : "h4";
          return (
            <section key={s.key}>
              <H>{s.heading}</H>
              {s.text !== null ? (
                s.text
                  .split(/\r?\n\s*\r?\n/)
                  .filter((p) => p.trim())
                  .map((p, i) => (
                    <p key={i} className="un-numbered">
                      {p}
                    </p>
                  ))
              ) : s.blank ? (
                <p className="un-numbered">{tt("drafting.t.blank")}</p>
              ) : s.sentences.some((x) => !x.quote) ? (
                <p className="un-numbered">{s.sentences.filter((x) => !x.quote).map((x) => x.text).join(" ")}</p>
              ) : null}
              {s.sentences
                .filter((x) => x.quote)
                .map((x) => (
                  <blockquote key={x.id}>
                    <p lang={x.quote!.lang} dir="auto">
                      “{x.text}”
                    </p>
                    <footer>
                      {x.quote!.state ?? tt("drafting.t.quoteAnonymous")}
                      {d.version === "internal" && x.quote!.disclosure !== "public" ? ` · ${tt(`drafting.disclosure.${x.quote!.disclosure}`)}` : ""}
                    </footer>
                  </blockquote>
                ))}
              {s.chart ? (
                <figure>
                  <figcaption>{tt("drafting.t.figureCaption", { title: s.chart.title })}</figcaption>
                  <img src={s.chart.src} alt={s.chart.alt} width={s.chart.width} height={s.chart.height} />
                </figure>
              ) : null}
              {s.table ? (
                <table className="data-table">
                  <tbody>
                    {s.table.map((r) => (
                      <tr key={r.group}>
                        <th scope="row">
                          {r.group} ({r.count})
                        </th>
                        <td>{r.states.join(", ") || "—"}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              ) : null}
            </section>
          );
        })}
        {d.keyFigures ? (
          <section>
            <h2>{tt("drafting.t.keyFigures")}</h2>
            <table className="data-table">
              <tbody>
                {d.keyFigures.map((f) => (
                  <tr key={f.label}>
                    <th scope="row">{f.label}</th>
                    <td>{f.value}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
        ) : null}
        {d.methodology ? (
          <section>
            <h2>{tt("drafting.t.methodology")}</h2>
            <p className="un-numbered">{d.methodology}</p>
          </section>
        ) : null}
      </div>
    </article>
  );
}
