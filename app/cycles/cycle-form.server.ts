import { parseWithZod } from "@conform-to/zod/v4";
import { listVersions, periodStartFor, type NewCycle } from "#app/cycles/cycles.server.ts";
import { getQuestionnaireVersion } from "#app/questionnaires/questionnaires.server.ts";
import { CycleSchema, parseRefList, scopeFromForm } from "#app/cycles/schemas.ts";
import type { CycleFormOptions } from "#app/cycles/components/cycle-form.tsx";
import { localText, roman } from "#app/questionnaires/labels.ts";
import { formatPeriodDate } from "#app/cycles/period.ts";

/** What the cycle form offers: versions of each instrument, and the pillars and themes of the newest. */
export async function cycleFormOptions(lang: string): Promise<CycleFormOptions> {
  const versions = await listVersions();
  const newest = versions[0] ? await getQuestionnaireVersion(versions[0].id) : undefined;
  return {
    versions: versions.map((v) => ({
      id: v.id,
      label: `${localText(v.shortTitle, lang).text} — ${v.version}${v.current ? " ✓" : ""}`,
    })),
    pillars: (newest?.pillars ?? []).map((p) => ({ number: p.number, title: `${roman(p.number)}. ${localText(p.title, lang).text}` })),
    themes: (newest?.themes ?? []).map((th) => ({ number: th.number, title: localText(th.title, lang).text })),
    // What each scope asks, in the newest version (the one a new cycle takes by default).
    paragraphs: (newest?.paragraphs ?? [])
      .filter((p) => p.questions.length > 0)
      .map((p) => ({ ref: p.ref, pillar: p.pillarNumber, theme: p.themeNumber, questions: p.questions.length })),
  };
}

/** Parse and check a cycle form against the questionnaire it names. */
function parseCycle(formData: FormData) {
  return parseWithZod(formData, { schema: CycleSchema });
}

export async function parseCycleForm(
  formData: FormData,
  /** The cycle being edited (left out of "the previous cycle"). */
  editing?: number,
): Promise<{ submission: ReturnType<typeof parseCycle>; cycle: Omit<NewCycle, "createdBy"> | null; fieldErrors?: Record<string, string[]> }> {
  const submission = parseCycle(formData);
  if (submission.status !== "success") return { submission, cycle: null };
  const v = submission.value;
  const q = await getQuestionnaireVersion(v.versionId);
  if (!q) return { submission, cycle: null, fieldErrors: { versionId: ["validation.notAnOption"] } };
  const actionRefs = new Set(q.paragraphs.filter((p) => p.kind === "action").map((p) => p.ref));
  const refs = v.scopeKind === "paragraphs" ? (parseRefList(v.paragraphs) ?? []) : [];
  const unknown = refs.filter((r) => !actionRefs.has(r));
  if (unknown.length) return { submission, cycle: null, fieldErrors: { paragraphs: [`validation.notActionParagraphs|${unknown.join(", ")}`] } };
  const versions = await listVersions();
  const instrumentId = versions.find((x) => x.id === v.versionId)!.instrumentId;
  const periodStart = v.periodStart ?? (await periodStartFor(instrumentId, v.opensOn, editing));
  // The default is checked too: a previous cycle may end after this one's deadline.
  if (periodStart >= v.deadline) return { submission, cycle: null, fieldErrors: { periodStart: ["period.validation.startNotBeforeDeadline"] } };
  const cycle: Omit<NewCycle, "createdBy"> = {
    title: v.title,
    instrumentId,
    versionId: v.versionId,
    scope: scopeFromForm(v),
    opensOn: v.opensOn,
    deadline: v.deadline,
    periodStart,
    status: v.status,
  };
  return { submission, cycle };
}

/**
 * What an empty period-start field becomes for a cycle opening after every existing one (the
 * latest deadline, or the Declaration's adoption for the first cycle), formatted for `lang`.
 */
export async function periodDefaultHint(lang: string, editing?: number): Promise<string | null> {
  const instrumentId = (await listVersions())[0]?.instrumentId;
  if (!instrumentId) return null;
  return formatPeriodDate(await periodStartFor(instrumentId, "9999-12-31", editing), lang);
}
