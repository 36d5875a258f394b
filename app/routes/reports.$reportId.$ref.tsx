import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigate, useNavigation, useSubmit } from "@remix-run/react";
import { useCallback, useEffect, useRef, useState } from "react";
import { useTranslation } from "#app/utils/translation.tsx";
import { QuestionField, fieldId } from "#app/reporting/components/question-field.tsx";
import { Threads, threadsView } from "#app/review/components/threads.tsx";
import { ReportHeader } from "#app/reporting/components/report-header.tsx";
import { ErrorSummary } from "#app/components/ui/form.tsx";
import { LocalTextSpan } from "#app/components/ui/local-text.tsx";
import { useAutosave, useSaveBeforeLeaving, type AutosaveResult, type AutosaveState } from "#app/reporting/components/use-autosave.ts";
import { getAnswers, getCycle } from "#app/reporting/reports.server.ts";
import { listThreads } from "#app/review/review.server.ts";
import { formatLinks, formatRecords, type AnswerValue, type FieldError, type LinkValue, type RecordValue } from "#app/reporting/answer-values.ts";
import { outcomeStatus, saveParagraph } from "#app/reporting/answer-save.server.ts";
import { getLanguage } from "#app/utils/i18n.server.ts";
import { hasBeenSubmitted } from "#app/reporting/lifecycle.ts";
import { localText, roman } from "#app/questionnaires/labels.ts";
import { presentQuestion, type PresentedQuestion } from "#app/questionnaires/present-question.ts";
import { isEditable, requireReport } from "#app/reporting/report-access.server.ts";
import { reportHeader } from "#app/reporting/report-view.server.ts";
import { yesNoKey } from "#app/reporting/yes-no.ts";
import { presentParagraph } from "#app/questionnaires/present-paragraph.ts";
import { ParagraphText } from "#app/questionnaires/components/paragraph-text.tsx";
import { REPORT_REF, reportParts } from "#app/reporting/report-section.ts";
import { FactsSection, isFact, ReportSectionIntro } from "#app/reporting/components/facts-section.tsx";
import { confirmedNotice } from "#app/reporting/confirm.server.ts";
import { ConfirmedNotice } from "#app/reporting/components/confirm-unchanged.tsx";
import { DisclosureChoice, DisclosureSummary } from "#app/reporting/components/disclosure-choice.tsx";
import { disclosureOf } from "#app/reporting/disclosure.ts";
import { ClearedNotice, NotApplicableGroup, NotApplicableWarning, useNotApplicableChoice } from "#app/reporting/components/not-applicable.tsx";
import { clearedWhenNotApplicable, isNotApplicable } from "#app/reporting/not-applicable.ts";
import { isAnswered } from "#app/reporting/answer-schemas.ts";
import { paragraphHandover } from "#app/reporting/handover.server.ts";
import { ReadyForm, HandoverNotice, WorkNote } from "#app/reporting/components/handover.tsx";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.header.stateName}, paragraph ${data.ref} — Kyoto Reporting` : "Kyoto Reporting" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, ctx } = await requireReport(request, params.reportId, "read");
  const lang = await getLanguage(request);
  // The report's own questions ("report", before the paragraphs) are a part like a paragraph.
  const parts = reportParts(ctx);
  const index = parts.findIndex((p) => p.ref === params.ref);
  const p = parts[index];
  if (!p) throw data({ message: "No such paragraph in this report." }, { status: 404 });
  const stored = await getAnswers(ctx.report.id, p.ref);
  // Only the cycles this paragraph's answers were copied from, if any.
  const fromIds = [...new Set([...stored.values()].map((a) => a.prefilledFromCycleId).filter((id): id is number => id !== null))];
  const cycleTitles = new Map((await Promise.all(fromIds.map((id) => getCycle(id)))).flatMap((c) => (c ? [[c.id, c.title] as const] : [])));
  // "?saved=" comes back after a plain form post (PRG); anything else in it is ignored.
  const savedParam = new URL(request.url).searchParams.get("saved");
  const savedAt = savedParam && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?Z$/.test(savedParam) && !Number.isNaN(Date.parse(savedParam)) ? savedParam : null;
  const threads = threadsView(await listThreads(ctx.report.id, { paragraphRef: p.ref }), user.role);
  const pillar = ctx.questionnaire.pillars.find((x) => x.number === p.pillarNumber);
  const theme = ctx.questionnaire.themes.find((x) => x.number === p.themeNumber);
  return {
    header: await reportHeader(ctx, lang),
    ref: p.ref,
    savedAt,
    confirmed: confirmedNotice(request.url),
    notApplicable: isNotApplicable(Object.fromEntries(p.questions.map((q) => [q.key, stored.get(q.id)?.value ?? null]))),
    answeredOthers: p.questions.filter((q) => clearedWhenNotApplicable(q.key) && isAnswered(stored.get(q.id)?.value ?? null)).length,
    cleared: clearedParam(request.url),
    text: localText(p.text, lang),
    paragraph: presentParagraph(p, lang),
    pillar: pillar ? `${roman(pillar.number)}. ${localText(pillar.title, lang).text}` : null,
    theme: theme ? localText(theme.title, lang).text : null,
    editable: isEditable(ctx),
    handover: paragraphHandover(ctx, p.ref, user),
    canComment: hasBeenSubmitted(ctx.report.status),
    questions: p.questions.map((q) => {
      const a = stored.get(q.id);
      return {
        question: presentQuestion(q, p.questions, lang, ctx.cycle.periodStart),
        value: (a?.value ?? null) as AnswerValue,
        revision: a?.revision ?? 0,
        prefilledFrom: a?.prefilledFromCycleId ? (cycleTitles.get(a.prefilledFromCycleId) ?? null) : null,
        prefillReview: a?.prefilledFromCycleId ? a.prefillReview : false,
        disclosure: q.type === "text" ? disclosureOf(a?.disclosure) : null,
      };
    }),
    threads: threads.map((th) => ({ ...th, questionLabel: localText(p.questions.find((q) => q.id === th.questionId)?.label ?? { en: th.questionId }, lang).text })),
    previous: parts[index - 1]?.ref ?? null,
    next: parts[index + 1]?.ref ?? null,
  };
}

/** "?cleared=N" after a plain post that cleared a not-applicable paragraph's answers. */
function clearedParam(url: string): number {
  const v = new URL(url).searchParams.get("cleared");
  return v && /^\d{1,4}$/.test(v) ? Number(v) : 0;
}

/** The plain form post: saves the page (works without JavaScript), then redirects (PRG). */
export async function action({ request, params, context }: ActionFunctionArgs) {
  const { outcome, reportId } = await saveParagraph(request, params, context);
  const status = outcomeStatus(outcome);
  if (status !== 200) return data(outcome, { status });
  if (outcome.intent === "save-next") return redirect(outcome.next ? `/reports/${reportId}/${outcome.next}` : `/reports/${reportId}/check`);
  if (outcome.intent.startsWith("go:")) return redirect(goTarget(reportId, outcome.intent));
  const confirmed = outcome.intent === "confirm" ? `&confirmed=${outcome.confirmed}&in=${outcome.confirmed > 0 ? 1 : 0}` : "";
  const cleared = outcome.cleared.length > 0 ? `&cleared=${outcome.cleared.length}` : "";
  return redirect(`/reports/${reportId}/${params.ref}?saved=${encodeURIComponent(outcome.savedAt)}${confirmed}${cleared}`);
}

type Conflicts = AutosaveResult["conflicts"];

/** Where a "Save and go to …" button leads: `go:tasks`, `go:check` or `go:<paragraph ref>`. */
function goTarget(reportId: number | string, intent: string): string {
  const to = intent.slice("go:".length);
  if (to === "tasks") return `/reports/${reportId}`;
  if (to === "check") return `/reports/${reportId}/check`;
  return `/reports/${reportId}/${to}`;
}

/** The one line that says where saving stands. */
function SaveState({ state, onRetry }: { state: AutosaveState; onRetry: () => void }) {
  const { t, i18n } = useTranslation();
  const time = (iso: string) => new Intl.DateTimeFormat(i18n.language, { timeStyle: "short" }).format(new Date(iso));
  let text = "";
  if (state.kind === "saved") text = state.at ? t("journey.saveState.savedAt", { time: time(state.at) }) : t("journey.saveState.saved");
  else if (state.kind === "saving") text = t("journey.saveState.saving");
  else if (state.kind === "refused") text = state.reason === "conflict" ? t("journey.saveState.conflict") : t("journey.saveState.invalid");
  else if (state.kind === "failed") text = state.reason === "offline" ? t("journey.saveState.offline") : t("journey.saveState.server", { message: state.message ?? t("journey.saveState.serverUnknown") });
  return (
    <div className={`save-state save-state--${state.kind}`}>
      <p className="autosave-status" role="status" aria-live="polite">
        {text}
      </p>
      {state.kind === "failed" ? (
        <button type="button" className="button button--secondary" onClick={onRetry}>
          {t("journey.saveState.retry")}
        </button>
      ) : null}
    </div>
  );
}

function displayValue(q: PresentedQuestion, value: unknown, t: (k: string) => string): string {
  if (value === null || value === undefined || (Array.isArray(value) && value.length === 0)) return t("conflict.empty");
  if (q.type === "yes_no") return t(yesNoKey(String(value)));
  if (q.type === "records") return formatRecords(value as RecordValue[], (q.fields ?? []).map((f) => ({ key: f.key, label: f.label.text })));
  if (q.options) {
    const values = Array.isArray(value) ? (value as string[]) : [String(value)];
    return values.map((v) => q.options!.find((o) => o.value === v)?.label.text ?? v).join("; ");
  }
  if (q.type === "links") return formatLinks(value as LinkValue[]);
  return String(value);
}

/** Put a value into the form's inputs for one question ("use their version"). */
function applyValue(form: HTMLFormElement, key: string, type: string, value: unknown) {
  const elements = [...form.querySelectorAll<HTMLInputElement | HTMLTextAreaElement>(`[name="${key}"]`)];
  if (type === "records") {
    const rows = Array.isArray(value) ? (value as RecordValue[]) : [];
    for (const el of form.querySelectorAll<HTMLInputElement>(`input[name^="${key}."]`)) {
      const [, row, field] = el.name.split(".");
      el.value = rows[Number(row)]?.[field ?? ""] ?? "";
    }
  } else if (type === "ranking") {
    const chosen = Array.isArray(value) ? (value as string[]) : [];
    form.querySelectorAll<HTMLSelectElement>(`select[name="${key}"]`).forEach((el, i) => (el.value = chosen[i] ?? ""));
  } else if (type === "text") {
    for (const el of elements) el.value = typeof value === "string" ? value : "";
  } else if (type === "links") {
    for (const el of elements) el.value = formatLinks(value as LinkValue[] | null);
  } else {
    const chosen = new Set(Array.isArray(value) ? (value as string[]) : value ? [String(value)] : []);
    for (const el of elements) if (el instanceof HTMLInputElement) el.checked = chosen.has(el.value);
  }
}

/** One page per paragraph: keyed, so moving to the next paragraph starts a fresh form and save state. */
export default function ParagraphPage() {
  const data = useLoaderData<typeof loader>();
  return <ParagraphForm key={`${data.header.reportId}/${data.ref}`} />;
}

function ParagraphForm() {
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t, i18n } = useTranslation();
  const navigation = useNavigation();
  const navigate = useNavigate();
  const submit = useSubmit();
  const formRef = useRef<HTMLFormElement>(null);
  const [live, setLive] = useState<{ errors: Record<string, FieldError>; conflicts: Conflicts } | null>(null);
  // The revisions the last save returned (or a conflict resolution chose): what the next save starts from.
  const [revisions, setRevisions] = useState<Record<string, number>>({});
  // Answers the server cleared (the paragraph is not applicable): emptied here too, and said.
  const [clearedLive, setClearedLive] = useState(0);
  const onResult = useCallback(
    (r: AutosaveResult) => {
      setLive({ errors: r.errors, conflicts: r.conflicts });
      setRevisions((prev) => ({ ...prev, ...r.revisions }));
      if (r.cleared?.length && formRef.current) {
        for (const key of r.cleared) {
          const q = data.questions.find((x) => x.question.key === key)?.question;
          if (q) applyValue(formRef.current, key, q.type, null);
        }
        setClearedLive(r.cleared.length);
      }
    },
    [data.questions],
  );
  const reportUrl = `/reports/${data.header.reportId}`;
  const autosave = useAutosave(formRef, `${reportUrl}/${data.ref}/autosave`, data.editable, onResult, data.savedAt);
  const { setFromServer } = autosave;
  // The newest of a plain post's answer and an autosave's answer wins.
  useEffect(() => {
    if (!actionData) return;
    setLive({ errors: actionData.errors, conflicts: actionData.conflicts });
    setRevisions((prev) => ({ ...prev, ...actionData.revisions }));
    setFromServer(actionData);
  }, [actionData, setFromServer]);
  const showProblems = useCallback(() => {
    document.querySelector<HTMLElement>(".error-summary, .conflict-summary")?.focus();
  }, []);
  const naChosen = useNotApplicableChoice(formRef, data.notApplicable);
  const leave = useSaveBeforeLeaving(formRef, data.editable, autosave, navigate, showProblems, () => window.confirm(t("journey.saveState.leaveUnsaved")));

  // After a plain post that was refused in part, the page shows what was sent, errors and conflicts.
  const errors = live?.errors ?? actionData?.errors ?? {};
  const conflicts: Conflicts = live?.conflicts ?? actionData?.conflicts ?? [];
  const conflictByKey = new Map(conflicts.map((c) => [c.key, c]));
  const time = (iso: string) => new Intl.DateTimeFormat(i18n.language, { timeStyle: "short" }).format(new Date(iso));
  const summary = data.questions
    .filter(({ question }) => errors[question.key])
    .map(({ question }) => ({ fieldId: fieldId(question.key), label: question.label.text, message: errors[question.key]! }));
  const hasPrefilled = data.questions.some((q) => q.prefilledFrom);

  /**
   * With JavaScript the page's own buttons save through the autosave queue (so a plain post can
   * never race an autosave on the same revision), then go where they lead.
   */
  const onSubmit = (e: React.FormEvent<HTMLFormElement>) => {
    const submitter = (e.nativeEvent as SubmitEvent).submitter;
    const intent = submitter instanceof HTMLButtonElement ? submitter.value : "save";
    if (intent === "save") {
      e.preventDefault();
      void autosave.flush().then((o) => (o === "refused" ? showProblems() : undefined));
    } else if (intent === "save-next" || intent.startsWith("go:")) {
      e.preventDefault();
      const to = intent === "save-next" ? (data.next ? `${reportUrl}/${data.next}` : `${reportUrl}/check`) : goTarget(data.header.reportId, intent);
      void leave(() => navigate(to));
    } else if (autosave.unsaved() && submitter instanceof HTMLButtonElement) {
      // "Confirm the answers from the earlier cycle": after the pending save, with fresh revisions.
      e.preventDefault();
      void autosave.flush().then((o) => (o === "saved" ? submit(submitter) : showProblems()));
    }
  };

  const resolve = (key: string, how: "mine" | "theirs") => (e: React.MouseEvent) => {
    const form = formRef.current;
    const conflict = conflictByKey.get(key);
    const q = data.questions.find((x) => x.question.key === key)?.question;
    if (!form || !conflict || !q) return;
    e.preventDefault();
    const rev = form.elements.namedItem(`rev.${key}`);
    if (rev instanceof HTMLInputElement) rev.value = String(conflict.theirRevision);
    setRevisions((prev) => ({ ...prev, [key]: conflict.theirRevision }));
    if (how === "theirs") applyValue(form, key, q.type, conflict.theirs);
    setLive({ errors, conflicts: conflicts.filter((c) => c.key !== key) });
    void autosave.saveNow();
  };

  const renderQuestion = ({ question, value, revision, prefilledFrom, prefillReview, disclosure }: (typeof data.questions)[number]) => {
      const conflict = conflictByKey.get(question.key);
      const sent = actionData && question.key in actionData.values ? (actionData.values[question.key] ?? null) : value;
      return (
        <div key={question.key}>
          {conflict ? (
            <div className="conflict" data-conflict={question.key}>
              <p>
                <strong>{t("conflict.changedBy", { name: conflict.updatedByName ?? t("conflict.someone"), time: time(conflict.updatedAt) })}</strong>
              </p>
              <div className="conflict__versions">
                <div>
                  <h3>{t("conflict.theirs")}</h3>
                  <p className="conflict__value">{displayValue(question, conflict.theirs, t)}</p>
                </div>
                <div>
                  <h3>{t("conflict.mine")}</h3>
                  <p className="conflict__value">{displayValue(question, conflict.mine, t)}</p>
                </div>
              </div>
              <p className="hint">{t("conflict.mergeHint")}</p>
              <div className="button-row">
                <button type="submit" name="intent" value="save" className="button" onClick={resolve(question.key, "mine")}>
                  {t("conflict.keepMine")}
                </button>
                <button type="submit" name="intent" value={`discard:${question.key}`} className="button button--secondary" onClick={resolve(question.key, "theirs")}>
                  {t("conflict.useTheirs")}
                </button>
              </div>
            </div>
          ) : null}
          <QuestionField
            question={question}
            value={conflict ? (conflict.mine as AnswerValue) : sent}
            revision={conflict ? conflict.theirRevision : (revisions[question.key] ?? revision)}
            error={errors[question.key] ?? null}
            prefilledFrom={prefilledFrom}
            prefillReview={prefillReview}
            disabled={!data.editable}
          />
          {disclosure && data.editable ? (
            <DisclosureChoice questionKey={question.key} value={actionData?.disclosures[question.key] ?? disclosure} goodPractice={question.key === "good_practice"} />
          ) : disclosure ? (
            <p className="hint">
              <DisclosureSummary level={disclosure} change={null} label={question.label.text} />
            </p>
          ) : null}
        </div>
      );
  };
  return (
    <>
      <ReportHeader data={data.header} />
      <nav aria-label={t("paragraph.breadcrumb")} className="breadcrumb">
        <ol>
          <li>
            <WayOut editable={data.editable} intent="go:tasks" to={reportUrl}>
              {t("report.tasks")}
            </WayOut>
          </li>
          {data.pillar ? <li>{data.pillar}</li> : null}
          {data.theme ? <li>{data.theme}</li> : null}
        </ol>
      </nav>
      {data.ref === REPORT_REF ? (
        <ReportSectionIntro />
      ) : (
        <>
          <h1>{t("paragraph.title", { ref: data.ref })}</h1>
          {data.paragraph.shortTitle ? <LocalTextSpan value={data.paragraph.shortTitle} as="p" className="paragraph-short-title" /> : null}
          {data.text.fallback ? (
            <p className="notice" role="note">
              {t("declaration.englishOnly")}
            </p>
          ) : null}
          <ParagraphText paragraph={data.paragraph} />
        </>
      )}
      {data.threads.length > 0 ? (
        <section className="panel" aria-labelledby="threads-h">
          <h2 id="threads-h">{t("threads.fromSecretariat")}</h2>
          {data.threads.map((th) => (
            <div key={th.id}>
              <h3>{th.questionLabel}</h3>
              <Threads reportId={data.header.reportId} questionId={th.questionId} paragraphRef={data.ref} threads={[th]} canComment={data.canComment} />
            </div>
          ))}
        </section>
      ) : null}
      <ConfirmedNotice notice={data.confirmed} />
      <ClearedNotice count={clearedLive || data.cleared} />
      <ErrorSummary items={summary} />
      {conflicts.length > 0 ? (
        <div className="conflict-summary" role="alert" tabIndex={-1}>
          <h2>{t("conflict.title")}</h2>
          <p>{t("conflict.intro")}</p>
        </div>
      ) : null}
      {!data.editable ? (
        <p className="notice" role="note">
          {t("report.readOnly")}
        </p>
      ) : null}
      <Form method="post" ref={formRef} id="paragraph-form" className="paragraph-form" noValidate onSubmit={onSubmit}>
        {/* The status and its reason, then the other questions (folded away while not applicable). */}
        <div>
          {data.questions.filter((x) => !isFact(x.question) && !clearedWhenNotApplicable(x.question.key)).map(renderQuestion)}
          {data.editable ? <NotApplicableWarning answered={data.answeredOthers} chosen={naChosen} saved={data.notApplicable} /> : null}
        </div>
        <NotApplicableGroup collapsed={naChosen}>
          {data.questions.filter((x) => !isFact(x.question) && clearedWhenNotApplicable(x.question.key)).map(renderQuestion)}
          <FactsSection questions={data.questions.map((x) => x.question)} values={data.questions.map((x) => x.value)} open={data.questions.some((x) => isFact(x.question) && (errors[x.question.key] || conflictByKey.has(x.question.key)))}>
            {data.questions.filter((x) => isFact(x.question)).map(renderQuestion)}
          </FactsSection>
        </NotApplicableGroup>
        {data.editable ? (
          <div className="form-actions">
            <div className="button-row">
              <button type="submit" name="intent" value="save-next" className="button" disabled={navigation.state === "submitting"}>
                {data.next ? t("paragraph.saveAndNext") : t("paragraph.saveAndCheck")}
              </button>
              <button type="submit" name="intent" value="save" className="button button--secondary">
                {t("paragraph.save")}
              </button>
              {hasPrefilled ? (
                <button type="submit" name="intent" value="confirm" className="button button--secondary">
                  {t("carryOver.confirmParagraph")}
                </button>
              ) : null}
            </div>
            <SaveState state={autosave.state} onRetry={() => void autosave.flush()} />
          </div>
        ) : null}
      </Form>
      <HandoverNotice />
      <WorkNote work={data.handover.work} />
      {data.handover.canMark ? <ReadyForm reportId={data.header.reportId} paragraphRef={data.ref} from={data.ref} ready={data.handover.work.ready !== null} /> : null}
      <nav aria-label={t("paragraph.pagination")} className="pager">
        {data.previous ? (
          <WayOut editable={data.editable} intent={`go:${data.previous}`} to={`${reportUrl}/${data.previous}`} rel="prev">
            {data.previous === REPORT_REF ? t("reportSection.back") : data.editable ? t("journey.wayOut.previous", { ref: data.previous }) : t("paragraph.previous", { ref: data.previous })}
          </WayOut>
        ) : (
          <span />
        )}
        {data.next ? (
          <WayOut editable={data.editable} intent={`go:${data.next}`} to={`${reportUrl}/${data.next}`} rel="next">
            {data.editable ? t("journey.wayOut.next", { ref: data.next }) : t("paragraph.next", { ref: data.next })}
          </WayOut>
        ) : (
          <WayOut editable={data.editable} intent="go:check" to={`${reportUrl}/check`}>
            {data.editable ? t("journey.wayOut.check") : t("report.check")}
          </WayOut>
        )}
      </nav>
    </>
  );
}

/**
 * A way out of the paragraph page. While the report can be edited it is a submit button of the
 * paragraph form ("save, then go"), so even without JavaScript nothing typed is lost; otherwise
 * a plain link.
 */
function WayOut({ editable, intent, to, rel, children }: { editable: boolean; intent: string; to: string; rel?: string; children: React.ReactNode }) {
  if (!editable)
    return (
      <Link to={to} rel={rel}>
        {children}
      </Link>
    );
  return (
    <button type="submit" form="paragraph-form" name="intent" value={intent} className="link-button way-out" data-rel={rel}>
      {children}
    </button>
  );
}
