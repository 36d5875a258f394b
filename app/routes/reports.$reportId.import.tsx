import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { retryAfterHeaders } from "#app/utils/http.ts";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "#app/utils/translation.tsx";
import { z } from "zod";
import { DiffTable } from "#app/reporting/components/diff-table.tsx";
import { ReportHeader } from "#app/reporting/components/report-header.tsx";
import { getAnswers, saveAnswers } from "#app/reporting/reports.server.ts";
import { answerText } from "#app/reporting/answer-text.ts";
import { clientIp } from "#app/utils/context.ts";
import { readForm } from "#app/utils/forms.server.ts";
import { getLanguage, i18next } from "#app/utils/i18n.server.ts";
import { localText } from "#app/questionnaires/labels.ts";
import { readQuestionnaireWorkbook } from "#app/reporting/workbook.server.ts";
import { requireReport } from "#app/reporting/report-access.server.ts";
import { reportHeader } from "#app/reporting/report-view.server.ts";
import { TableScroll } from "#app/components/ui/table-scroll.tsx";

export const meta: MetaFunction = () => [{ title: "Upload a workbook — Kyoto Reporting" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { ctx } = await requireReport(request, params.reportId, "edit");
  return { header: await reportHeader(ctx, await getLanguage(request)) };
}

// The apply step carries the workbook in base64 within the 1 MB form limit.
const MAX_WORKBOOK = 700 * 1024;

/** Two steps: check an uploaded workbook (preview), then save the same bytes (apply). */
const ImportSchema = z.discriminatedUnion(
  "intent",
  [
    z.object({ intent: z.literal("preview"), workbook: z.instanceof(File, { error: "workbook.chooseFile" }).refine((f) => f.size > 0, { error: "workbook.chooseFile" }) }),
    z.object({ intent: z.literal("apply"), payload: z.string({ error: "workbook.notAWorkbook" }).max(Math.ceil(MAX_WORKBOOK * 1.4), { error: "workbook.notAWorkbook" }) }),
  ],
  { error: "formErrors.chooseImportStep" },
);

/**
 * Two steps: "preview" reads the uploaded workbook, checks every cell and shows what would
 * change; "apply" reads the same bytes again (carried in the form) and saves, revisions
 * checked, in one audited import. Any error in the workbook: nothing is applied. An answer
 * changed online between the check and the save (a race) is not overwritten: the others are
 * saved, and the page says exactly which were and which were not.
 */
export async function action({ request, params, context }: ActionFunctionArgs) {
  const { user, ctx } = await requireReport(request, params.reportId, "edit");
  const lang = await getLanguage(request);
  const t = await i18next.getFixedT(lang);
  const submission = parseWithZod(await readForm(request), { schema: ImportSchema });
  if (submission.status !== "success") {
    const fatal = Object.values(submission.reply().error ?? {}).flatMap((e) => e ?? [])[0] ?? "formErrors.chooseImportStep";
    return data({ fatal, message: t(fatal), errors: [], preview: [], payload: null, partial: null }, { status: 400 });
  }
  const step = submission.value;
  const intent = step.intent;
  let bytes: Uint8Array;
  if (step.intent === "preview") {
    if (step.workbook.size > MAX_WORKBOOK) return data({ fatal: "workbook.tooLarge", message: t("workbook.tooLarge"), errors: [], preview: [], payload: null, partial: null }, { status: 413 });
    bytes = new Uint8Array(await step.workbook.arrayBuffer());
  } else {
    bytes = new Uint8Array(Buffer.from(step.payload, "base64"));
  }
  const stored = await getAnswers(ctx.report.id);
  const result = await readQuestionnaireWorkbook(bytes, ctx, stored, lang, t);
  if (!result.ok) {
    // Busy (F6): nothing is lost — the apply step keeps its workbook for another try.
    const busy = result.retryAfter !== undefined;
    return data(
      { fatal: result.fatal, fatalParams: result.params ?? null, message: t(result.fatal, result.params), errors: [], preview: [], payload: busy && intent === "apply" ? Buffer.from(bytes).toString("base64") : null, partial: null, busy },
      { status: result.status ?? 400, headers: busy ? { "Retry-After": String(result.retryAfter) } : undefined },
    );
  }
  const errors = result.errors.map((e) => ({ sheet: e.sheet, row: e.row, column: e.column, message: t(e.key, e.params) }));
  if (errors.length > 0) return data({ fatal: null, errors, preview: [], payload: null, partial: null }, { status: 400 });
  if (intent === "preview") {
    return {
      fatal: null,
      errors: [],
      partial: null,
      payload: Buffer.from(bytes).toString("base64"),
      preview: result.changes.map((c) => ({
        id: c.question.id,
        ref: c.paragraphRef,
        label: localText(c.question.label, lang).text,
        before: answerText(c.question, c.before, lang, t) || "—",
        after: answerText(c.question, c.value, lang, t) || "—",
      })),
    };
  }
  const saved = await saveAnswers(ctx.report.id, user.id, result.changes, clientIp(context), { summaryAudit: { action: "report.imported" } });
  if (saved.conflicts.length > 0) {
    const byId = new Map(result.changes.map((c) => [c.question.id, c]));
    const partial = {
      saved: saved.changed.length,
      notSaved: saved.conflicts.map((c) => ({
        id: c.questionId,
        ref: byId.get(c.questionId)?.paragraphRef ?? "",
        label: byId.has(c.questionId) ? localText(byId.get(c.questionId)!.question.label, lang).text : c.questionId,
        by: c.updatedByName ?? "—",
      })),
    };
    return data({ fatal: null, errors: [], preview: [], payload: null, partial }, { status: 409 });
  }
  return redirect(`/reports/${ctx.report.id}?imported=${saved.changed.length}`);
}

// The busy answer's Retry-After reaches the document response too.
export const headers: HeadersFunction = ({ actionHeaders, loaderHeaders }) => retryAfterHeaders(actionHeaders, loaderHeaders);

export default function ImportWorkbook() {
  const { header } = useLoaderData<typeof loader>();
  const a = useActionData<typeof action>();
  const { t } = useTranslation();
  return (
    <>
      <ReportHeader data={header} />
      <h1>{t("workbook.importTitle")}</h1>
      <p>
        {t("workbook.importIntro")} <a href={`/reports/${header.reportId}/workbook`}>{t("workbook.download")}</a>
      </p>
      {a?.fatal ? (
        <div className="error-summary" role="alert">
          <p>{t(a.fatal, "fatalParams" in a && a.fatalParams ? a.fatalParams : undefined)}</p>
        </div>
      ) : null}
      {a && "busy" in a && a.busy && a.payload ? (
        <Form method="post" className="button-row">
          <input type="hidden" name="payload" value={a.payload} />
          <button type="submit" name="intent" value="apply" className="button">
            {t("workbookLimits.tryAgain")}
          </button>
          <Link to={`/reports/${header.reportId}`}>{t("workbook.cancel")}</Link>
        </Form>
      ) : null}
      {a?.partial ? (
        <div className="error-summary" role="alert" aria-labelledby="import-partial-h">
          <h2 id="import-partial-h">{t("workbookImport.partialTitle")}</h2>
          <p>{t("workbookImport.savedCount", { count: a.partial.saved })}</p>
          <p>{t("workbookImport.notSavedCount", { count: a.partial.notSaved.length })}</p>
          <TableScroll label={t("workbookImport.partialTitle")}>
          <table className="table">
            <thead>
              <tr>
                <th scope="col">{t("workbookImport.question")}</th>
                <th scope="col">{t("workbookImport.changedBy")}</th>
              </tr>
            </thead>
            <tbody>
              {a.partial.notSaved.map((n) => (
                <tr key={n.id}>
                  <td>
                    <Link to={`/reports/${header.reportId}/${n.ref}`}>{t("paragraph.title", { ref: n.ref })}</Link> — {n.label}
                  </td>
                  <td>{n.by}</td>
                </tr>
              ))}
            </tbody>
          </table>
          </TableScroll>
        </div>
      ) : null}
      {a && a.errors.length > 0 ? (
        <div className="error-summary" role="alert" aria-labelledby="import-errors-h">
          <h2 id="import-errors-h">{t("workbook.errorsTitle", { count: a.errors.length })}</h2>
          <p>{t("workbook.nothingApplied")}</p>
          <TableScroll label={t("workbook.errorsTitle", { count: a.errors.length })}>
          <table className="table">
            <thead>
              <tr>
                <th scope="col">{t("workbook.sheet")}</th>
                <th scope="col">{t("workbook.row")}</th>
                <th scope="col">{t("workbook.column")}</th>
                <th scope="col">{t("workbook.problem")}</th>
              </tr>
            </thead>
            <tbody>
              {a.errors.map((e, i) => (
                <tr key={i}>
                  <td>{e.sheet}</td>
                  <td>{e.row}</td>
                  <td>{e.column}</td>
                  <td>{e.message}</td>
                </tr>
              ))}
            </tbody>
          </table>
          </TableScroll>
        </div>
      ) : null}
      {a?.payload && !("busy" in a && a.busy) ? (
        <section aria-labelledby="preview-h" className="panel">
          <h2 id="preview-h">{t("workbook.previewTitle", { count: a.preview.length })}</h2>
          {a.preview.length > 0 ? (
            <DiffTable label={t("workbook.previewTitle", { count: a.preview.length })} rows={a.preview.map((p) => ({ key: p.id, label: `${t("paragraph.title", { ref: p.ref })} — ${p.label}`, before: p.before, after: p.after }))} />
          ) : null}
          <Form method="post" className="button-row">
            <input type="hidden" name="payload" value={a.payload} />
            <button type="submit" name="intent" value="apply" className="button" disabled={a.preview.length === 0}>
              {t("workbook.apply", { count: a.preview.length })}
            </button>
            <Link to={`/reports/${header.reportId}`}>{t("workbook.cancel")}</Link>
          </Form>
        </section>
      ) : (
        <Form method="post" encType="multipart/form-data" className="panel">
          <div className="field">
            <label htmlFor="workbook" className="field__label">
              {t("workbook.fileLabel")}
            </label>
            <input id="workbook" name="workbook" type="file" accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" required />
          </div>
          <button type="submit" name="intent" value="preview" className="button">
            {t("workbook.check")}
          </button>
        </Form>
      )}
    </>
  );
}
