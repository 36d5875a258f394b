import { Link } from "@remix-run/react";
import { useTranslation } from "#app/utils/translation.tsx";
import type { DraftSentence } from "#db/schema/drafts.ts";

export interface ProvenanceData {
  draft: { id: number; title: string; cycleTitle: string };
  section: { id: number; heading: string };
  sentence: DraftSentence;
  answers: { reportId: number; stateIso3: string; state: string; group: string; questionId: string; value: string | null }[];
  states: { name: string; group: string }[];
}

/** Where a sentence's numbers come from: the cycle, questions, filter, each figure, and the answers behind them. */
export function ProvenanceView({ d }: { d: ProvenanceData }) {
  const { t, i18n } = useTranslation();
  const num = new Intl.NumberFormat(i18n.language);
  const s = d.sentence;
  return (
    <>
      <p className="muted">
        <Link to={`/drafting/${d.draft.id}#section-${d.section.id}`}>{d.draft.title}</Link> · {d.section.heading}
      </p>
      <h1>{t("drafting.provenanceTitle")}</h1>
      <blockquote className="draft-quote">
        <p dir="auto">{s.text}</p>
      </blockquote>
      <dl className="summary-list">
        <dt>{t("drafting.cycle")}</dt>
        <dd dir="auto">{d.draft.cycleTitle}</dd>
        <dt>{t("drafting.questions")}</dt>
        <dd>{s.questions.length ? s.questions.join(", ") : "—"}</dd>
        <dt>{t("drafting.filter")}</dt>
        <dd dir="auto">{s.filter.description}</dd>
      </dl>
      <table className="data-table">
        <caption>{t("drafting.figuresCaption")}</caption>
        <thead>
          <tr>
            <th scope="col">{t("drafting.figure")}</th>
            <th scope="col">{t("drafting.numerator")}</th>
            <th scope="col">{t("drafting.denominator")}</th>
            <th scope="col">{t("drafting.share")}</th>
          </tr>
        </thead>
        <tbody>
          {s.figures.map((f) => (
            <tr key={f.key}>
              <th scope="row">{f.label}</th>
              <td>{num.format(f.numerator)}</td>
              <td>{num.format(f.denominator)}</td>
              <td>{f.denominator ? `${num.format(Math.round((f.numerator / f.denominator) * 100))} %` : "—"}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {d.answers.length > 0 ? (
        <table className="data-table">
          <caption>{t("drafting.answersCaption", { count: d.answers.length })}</caption>
          <thead>
            <tr>
              <th scope="col">{t("drafting.state")}</th>
              <th scope="col">{t("drafting.group")}</th>
              <th scope="col">{t("drafting.question")}</th>
              <th scope="col">{t("drafting.answer")}</th>
            </tr>
          </thead>
          <tbody>
            {d.answers.map((a) => (
              <tr key={`${a.reportId}-${a.questionId}`}>
                <th scope="row">
                  <Link to={`/review/${a.reportId}`}>{a.state}</Link>
                </th>
                <td>{t(`groups.${a.group}`)}</td>
                <td>{a.questionId}</td>
                <td dir="auto">{a.value ?? "—"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {d.states.length > 0 ? (
        <table className="data-table">
          <caption>{t("drafting.statesCaption", { count: d.states.length })}</caption>
          <thead>
            <tr>
              <th scope="col">{t("drafting.state")}</th>
              <th scope="col">{t("drafting.group")}</th>
            </tr>
          </thead>
          <tbody>
            {d.states.map((x) => (
              <tr key={x.name}>
                <th scope="row">{x.name}</th>
                <td>{t(`groups.${x.group}`)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </>
  );
}
