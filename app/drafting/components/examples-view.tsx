import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { Form, Link } from "@remix-run/react";
import { useTranslation } from "#app/utils/translation.tsx";
import { ErrorSummary, FieldError, summaryItems } from "#app/components/ui/form.tsx";
import { PicksSchema } from "#app/drafting/schemas.ts";

interface Member {
  id: string;
  text: string;
  state: string;
  disclosure: string;
  lang: string;
  picked?: boolean;
}
export interface ExamplesData {
  draft: { id: number; title: string };
  ref: string;
  kinds: { key: string; total: number; groups: { states: number; representative: Member; members: Member[] }[] }[];
  pickedCount: number;
}

/**
 * A paragraph's narratives grouped by similarity, with how many States each group holds and a
 * representative text; the secretariat ticks the good practices to quote in the draft.
 */
export function ExamplesView({ d, lastResult }: { d: ExamplesData; lastResult?: SubmissionResult<string[]> }) {
  const { t } = useTranslation();
  const [form, fields] = useForm({
    id: "examples",
    lastResult,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: PicksSchema }),
    shouldValidate: "onSubmit",
  });
  // A pick refused on its own is an error of "pick[n]": all of them belong to the one list.
  const pickErrors = Object.values(fields.pick.allErrors).flat();
  const items = summaryItems([[{ id: "examples-pick", errors: pickErrors }, t("drafting.examplesPick")]]);
  // After a refusal the boxes show what was sent, so nothing ticked is lost.
  const sent = lastResult?.initialValue ? new Set([lastResult.initialValue.pick ?? []].flat().map(String)) : null;
  return (
    <>
      <p className="muted">
        <Link to={`/drafting/${d.draft.id}`}>{d.draft.title}</Link>
      </p>
      <h1>{t("drafting.examplesTitle", { ref: d.ref })}</h1>
      <p className="lead">{t("drafting.examplesLead")}</p>
      <ErrorSummary items={items} />
      <Form method="post" {...getFormProps(form)} className="stack">
        <div id="examples-pick" tabIndex={-1}>
          <FieldError id={fields.pick.errorId} errors={pickErrors} />
        </div>
        {d.kinds.map((k) => (
          <section key={k.key} aria-labelledby={`kind-${k.key}`}>
            <h2 id={`kind-${k.key}`}>
              {t(`drafting.narrativeKinds.${k.key}`)} — {t("drafting.groupsSummary", { groups: k.groups.length, states: k.total })}
            </h2>
            {k.groups.length === 0 ? <p>{t("drafting.noNarratives")}</p> : null}
            <ol className="example-groups">
              {k.groups.map((g) => (
                <li key={g.representative.id} className="example-group">
                  <p className="muted">{t("drafting.groupStates", { count: g.states })}</p>
                  <blockquote>
                    <p lang={g.representative.lang} dir="auto">
                      {g.representative.text}
                    </p>
                    <footer>
                      {g.representative.state} · {t(`drafting.disclosure.${g.representative.disclosure}`)}
                    </footer>
                  </blockquote>
                  {k.key === "good_practice" ? (
                    <fieldset>
                      <legend>{t("drafting.examplesPick")}</legend>
                      {g.members.map((m) => (
                        <label key={m.id} className="checkbox">
                          <input type="checkbox" name="pick" value={m.id} defaultChecked={sent ? sent.has(m.id) : m.picked} /> {m.state} ({t(`drafting.disclosure.${m.disclosure}`)}):{" "}
                          <span lang={m.lang} dir="auto">
                            {m.text.length > 160 ? `${m.text.slice(0, 159)}…` : m.text}
                          </span>
                        </label>
                      ))}
                    </fieldset>
                  ) : g.members.length > 1 ? (
                    <details>
                      <summary>{t("drafting.groupMembers", { count: g.members.length })}</summary>
                      <ul>
                        {g.members.map((m) => (
                          <li key={m.id}>
                            {m.state}: <span lang={m.lang} dir="auto">{m.text}</span>
                          </li>
                        ))}
                      </ul>
                    </details>
                  ) : null}
                </li>
              ))}
            </ol>
          </section>
        ))}
        <button type="submit" className="button">
          {t("drafting.savePicks")}
        </button>
      </Form>
    </>
  );
}
