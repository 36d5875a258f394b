/**
 * What the /drafting pages load and do, so the routes stay thin: guards that know released
 * drafts, the view models (the secretariat's working view with provenance; the Commission's
 * public version), downloads, and the forms' actions.
 */
import { parseWithZod } from "@conform-to/zod/v4";
import { data, redirect } from "@remix-run/node";
import { requirePermission, type SessionUser } from "#app/accounts/auth.server.ts";
import { can } from "#app/accounts/permissions.ts";
import { listCycles } from "#app/cycles/cycles.server.ts";
import { getCycle } from "#app/reporting/reports.server.ts";
import { getQuestionnaireVersion } from "#app/questionnaires/questionnaires.server.ts";
import { i18next } from "#app/utils/i18n.server.ts";
import { localText, roman } from "#app/questionnaires/labels.ts";
import { readForm, refusedButtonForm } from "#app/utils/forms.server.ts";
import { buildDocx, type DocModel } from "#app/drafting/docx.server.ts";
import { documentModel } from "#app/drafting/document.server.ts";
import {
  acknowledgeChanges,
  createDraft,
  draftForExport,
  getDraft,
  listDrafts,
  pickedQuotes,
  regenerateDraft,
  saveSection,
  sectionRevisions,
  setPicks,
  setReleased,
  type StoredDraft,
} from "#app/drafting/drafts.server.ts";
import { answersBehind, narratives, respondents } from "#app/drafting/figures.server.ts";
import { clusterTexts } from "#app/drafting/similarity.server.ts";
import { DraftIntentSchema, draftFormId, GenerateSchema, PicksSchema, SectionSchema } from "#app/drafting/schemas.ts";
import { detectLanguage } from "#app/drafting/generate.server.ts";
import type { SectionView, SentenceView } from "#app/drafting/types.ts";

export const canManage = (user: SessionUser) => can(user.role, "manage", "draft", "any");

function notFound(): never {
  throw data({ message: "No such draft." }, { status: 404 });
}

/**
 * A draft the user may read: the secretariat every draft, Commission members (signed-in users
 * of Member States) only released ones, and only their public version.
 */
export async function requireDraft(request: Request, idParam: string | undefined, opts: { manage?: boolean } = {}) {
  const user = opts.manage ? await requirePermission(request, "manage", "draft", "any") : await requirePermission(request, "read", "draft", "any");
  const id = Number(idParam);
  if (!Number.isSafeInteger(id) || id <= 0) notFound();
  const draft = await getDraft(id);
  if (!draft) notFound();
  const manage = canManage(user);
  if (!manage && !draft.releasedAt) notFound();
  return { user, draft, manage };
}

/* ------------------------------------------------------------------ list and generate */

export async function draftsIndex(user: SessionUser, lang: string) {
  const manage = canManage(user);
  const drafts = (await listDrafts({ releasedOnly: !manage })).map((d) => ({ ...d, generatedAt: d.generatedAt.toISOString(), releasedAt: d.releasedAt?.toISOString() ?? null }));
  if (!manage) return { manage, drafts, cycles: [], pillars: [], themes: [] };
  const cycles = (await listCycles()).map((c) => ({ id: c.id, title: c.title, submitted: c.submitted }));
  // Pillars and themes of the newest cycle's questionnaire (every cycle uses the Kyoto instrument).
  const newest = cycles[0] ? await getCycle(cycles[0].id) : undefined;
  const q = newest ? await getQuestionnaireVersion(newest.versionId) : undefined;
  return {
    manage,
    drafts,
    cycles,
    pillars: (q?.pillars ?? []).map((p) => ({ number: p.number, label: `${roman(p.number)}. ${localText(p.title, lang).text}` })),
    themes: (q?.themes ?? []).map((th) => ({ number: th.number, pillar: th.pillarNumber, label: localText(th.title, lang).text })),
  };
}

export async function generateAction(request: Request, user: SessionUser, ip: string) {
  const submission = parseWithZod(await readForm(request), { schema: GenerateSchema });
  if (submission.status !== "success") return data({ result: submission.reply() }, { status: 400 });
  const v = submission.value;
  const id = await createDraft(
    { cycleId: v.cycleId, kind: v.kind, lang: v.lang, scope: { ...(v.pillar ? { pillar: v.pillar } : {}), ...(v.themes.length ? { themes: v.themes } : {}) }, title: v.title, meetingDate: v.meetingDate ?? null },
    user.id,
    ip,
  );
  if (id === null) return data({ result: submission.reply({ fieldErrors: { cycleId: ["validation.notAnOption"] } }) }, { status: 400 });
  return redirect(`/drafting/${id}`);
}

/* ------------------------------------------------------------------ one draft */

const sentenceView = (s: StoredDraft["sections"][number]["generated"][number]): SentenceView => ({
  id: s.id,
  text: s.text,
  figures: s.figures.length,
  quote: s.quote ? { lang: s.quote.lang, state: s.quote.state, disclosure: s.quote.disclosure } : null,
});

/** The secretariat's view (internal) or the Commission's (public version, no provenance). */
export async function draftPage(draft: StoredDraft, manage: boolean) {
  const head = {
    id: draft.id,
    title: draft.title,
    kind: draft.kind,
    lang: draft.lang,
    scope: draft.scope,
    cycleId: draft.cycleId,
    cycleTitle: draft.cycleTitle,
    meetingDate: draft.meetingDate,
    generatedAt: draft.generatedAt.toISOString(),
    releasedAt: draft.releasedAt?.toISOString() ?? null,
  };
  if (manage) {
    const sections: SectionView[] = draft.sections.map((s) => ({
      id: s.id,
      key: s.key,
      level: s.level,
      heading: s.heading,
      text: s.text,
      revision: s.revision,
      sentences: s.generated.map(sentenceView),
      changes: s.changes,
      chartPillar: s.key.startsWith("pillar-") ? Number(s.key.slice(7)) : null,
      updatedAt: s.updatedAt.toISOString(),
      updatedByName: s.updatedByName,
    }));
    return { version: "internal" as const, draft: head, sections, presentPillars: presentPillars(draft) };
  }
  const exported = await draftForExport(draft, "public");
  if (!exported) notFound();
  const model = await documentModel(exported.gen, { edits: exported.edits, charts: false });
  const ids = new Map(draft.sections.map((s) => [s.key, s.id]));
  const sections: SectionView[] = model.sections.map((s) => ({
    id: ids.get(s.key) ?? 0,
    key: s.key,
    level: s.level,
    heading: s.heading,
    text: s.text,
    revision: 0,
    sentences: s.sentences.map((x) => ({ id: x.id, text: x.text, figures: 0, quote: x.quote ? { lang: x.quote.lang, state: x.quote.state, disclosure: "public" } : null })),
    changes: null,
    chartPillar: s.key.startsWith("pillar-") ? Number(s.key.slice(7)) : null,
    updatedAt: "",
    updatedByName: null,
  }));
  return { version: "public" as const, draft: head, sections, presentPillars: presentPillars(draft) };
}

/** The pillars a meeting pack's presentation shows (the present mode takes one pillar). */
function presentPillars(draft: StoredDraft): number[] {
  if (draft.scope.pillar) return [draft.scope.pillar];
  return draft.sections.filter((s) => s.key.startsWith("pillar-")).map((s) => Number(s.key.slice(7)));
}

export async function draftAction(request: Request, user: SessionUser, draft: StoredDraft, ip: string) {
  const submission = parseWithZod(await readForm(request), { schema: DraftIntentSchema });
  if (submission.status !== "success") return refusedButtonForm(request, submission, "drafting.errors.unknownAction", draftFormId(submission.payload));
  const v = submission.value;
  if (v.intent === "regenerate") {
    const flagged = await regenerateDraft(draft.id, user.id, ip);
    return redirect(`/drafting/${draft.id}?regenerated=${flagged?.length ?? 0}`);
  }
  if (v.intent === "release" || v.intent === "withdraw") {
    await setReleased(draft.id, v.intent === "release", user.id, ip);
    return redirect(`/drafting/${draft.id}?${v.intent === "release" ? "released" : "withdrawn"}=1`);
  }
  if (!(await acknowledgeChanges(draft.id, v.sectionId, user.id, ip))) return data({ message: "No such section in this draft." }, { status: 404 });
  return redirect(`/drafting/${draft.id}#section-${v.sectionId}`);
}

/* ------------------------------------------------------------------ sections */

export async function sectionPage(draft: StoredDraft, sectionIdParam: string | undefined) {
  const section = draft.sections.find((s) => String(s.id) === sectionIdParam);
  if (!section) throw data({ message: "No such section in this draft." }, { status: 404 });
  return {
    draft: { id: draft.id, title: draft.title, lang: draft.lang },
    section: {
      id: section.id,
      key: section.key,
      heading: section.heading,
      revision: section.revision,
      // The editor starts from the secretariat's text, else from the generated prose (quotes are picked, not typed).
      text: section.text ?? section.generated.filter((s) => !s.quote).map((s) => s.text).join(" "),
      edited: section.text !== null,
      changes: section.changes,
    },
    revisions: (await sectionRevisions(section.id)).map((r) => ({ revision: r.revision, text: r.text, at: r.at.toISOString(), byName: r.byName })),
  };
}

/**
 * Saves a section. Without JavaScript the form posts and is sent back to the draft; the
 * autosave (`autosave=1`) gets JSON. A stale revision is a 409 with the stored text.
 */
export async function sectionAction(request: Request, user: SessionUser, draft: StoredDraft, sectionIdParam: string | undefined, ip: string) {
  const section = draft.sections.find((s) => String(s.id) === sectionIdParam);
  if (!section) throw data({ message: "No such section in this draft." }, { status: 404 });
  const submission = parseWithZod(await readForm(request), { schema: SectionSchema });
  if (submission.status !== "success") return data({ result: submission.reply() }, { status: 400 });
  const v = submission.value;
  const result = await saveSection(draft.id, section.id, v.text, v.revision, user.id, ip);
  // What was typed comes back in the reply (its initialValue), so the page shows it next to the stored text.
  if (!result.ok && "conflict" in result) return data({ result: submission.reply({ fieldErrors: { text: ["drafting.errors.conflict"] } }), conflict: result.conflict }, { status: 409 });
  if (!result.ok) throw data({ message: "No such section in this draft." }, { status: 404 });
  if (v.autosave === "1") return { saved: true, revision: result.revision };
  return redirect(`/drafting/${draft.id}?saved=${section.id}#section-${section.id}`);
}

/* ------------------------------------------------------------------ provenance */

export async function provenancePage(draft: StoredDraft, sentenceId: string | undefined, lang: string) {
  for (const section of draft.sections) {
    const s = section.generated.find((x) => x.id === sentenceId);
    if (!s) continue;
    const answers = (await answersBehind(draft.cycleId, s.questions, lang)).map((a) => ({ ...a, value: a.value === null ? null : typeof a.value === "string" ? a.value : JSON.stringify(a.value) }));
    const states = s.filter.groups ? (await respondents(draft.cycleId, lang)).map((r) => ({ name: r.name, group: r.group })) : [];
    return { draft: { id: draft.id, title: draft.title, cycleTitle: draft.cycleTitle }, section: { id: section.id, heading: section.heading }, sentence: s, answers, states };
  }
  throw data({ message: "No such sentence in this draft." }, { status: 404 });
}

/* ------------------------------------------------------------------ examples */

const NARRATIVE_KEYS = ["good_practice", "description", "challenges_text"] as const;

/** A paragraph's narratives grouped by similarity, per kind, with the picked good practices. */
export async function examplesPage(draft: StoredDraft, ref: string | undefined, lang: string) {
  if (!ref || !draft.sections.some((s) => s.key === `para-${ref}`)) throw data({ message: "No such paragraph in this draft." }, { status: 404 });
  const names = new Map((await respondents(draft.cycleId, lang)).map((r) => [r.stateIso3, r.name]));
  const picked = await pickedQuotes(draft.id, ref);
  const kinds = [];
  for (const key of NARRATIVE_KEYS) {
    const rows = await narratives(draft.cycleId, "secretariat", [key], [ref]);
    const groups = clusterTexts(rows.map((r) => String(r.value)));
    kinds.push({
      key,
      total: new Set(rows.map((r) => r.stateIso3)).size,
      groups: groups.map((g) => {
        const members = g.members.map((i) => rows[i]!);
        const rep = rows[g.representative]!;
        return {
          states: new Set(members.map((m) => m.stateIso3)).size,
          representative: { id: `${rep.reportId}|${rep.questionId}`, text: String(rep.value), state: names.get(rep.stateIso3) ?? rep.stateIso3, disclosure: rep.disclosure, lang: detectLanguage(String(rep.value)) },
          members: members.map((m) => ({ id: `${m.reportId}|${m.questionId}`, text: String(m.value), state: names.get(m.stateIso3) ?? m.stateIso3, disclosure: m.disclosure, lang: detectLanguage(String(m.value)), picked: picked.has(`${m.reportId}|${m.questionId}`) })),
        };
      }),
    });
  }
  return { draft: { id: draft.id, title: draft.title }, ref, kinds, pickedCount: picked.size };
}

export async function examplesAction(request: Request, user: SessionUser, draft: StoredDraft, ref: string | undefined, ip: string) {
  if (!ref || !draft.sections.some((s) => s.key === `para-${ref}`)) throw data({ message: "No such paragraph in this draft." }, { status: 404 });
  const submission = parseWithZod(await readForm(request), { schema: PicksSchema });
  if (submission.status !== "success") return data({ result: submission.reply() }, { status: 400 });
  // Only good practices of this paragraph can be quoted.
  const allowed = new Set((await narratives(draft.cycleId, "secretariat", ["good_practice"], [ref])).map((r) => `${r.reportId}|${r.questionId}`));
  const picks = submission.value.pick.filter((p) => allowed.has(p));
  if (picks.length !== submission.value.pick.length) return data({ result: submission.reply({ fieldErrors: { pick: ["validation.notAnOption"] } }) }, { status: 400 });
  await setPicks(draft.id, ref, picks.map((p) => ({ reportId: Number(p.split("|")[0]), questionId: p.split("|")[1]! })), user.id, ip);
  await regenerateDraft(draft.id, user.id, ip);
  return redirect(`/drafting/${draft.id}?picked=${ref}#section-${draft.sections.find((s) => s.key === `para-${ref}`)!.id}`);
}

/* ------------------------------------------------------------------ documents */

/** The version a request may have: Commission members only the public one. */
export function versionOf(request: Request, manage: boolean): "internal" | "public" {
  const asked = new URL(request.url).searchParams.get("version");
  if (!manage) return "public";
  return asked === "public" ? "public" : "internal";
}

/** The model of a draft's document (report or meeting-pack handout) in one version. */
export async function exportModel(draft: StoredDraft, version: "internal" | "public", opts: { charts?: boolean } = {}): Promise<DocModel> {
  const exported = await draftForExport(draft, version);
  if (!exported) notFound();
  const t = await i18next.getFixedT(draft.lang);
  if (draft.kind === "meeting_pack") {
    // The handout: the pillar parts with their charts, the key figures, the methodology note.
    const pillarSections = exported.gen.sections.filter((s) => s.key.startsWith("pillar-"));
    const model = await documentModel({ ...exported.gen, sections: pillarSections }, { charts: opts.charts, meeting: { title: draft.title, date: formatDate(draft.meetingDate, draft.lang) } });
    const num = new Intl.NumberFormat(draft.lang);
    const keyFigures = exported.gen.sections
      .filter((s) => s.key.startsWith("para-"))
      .flatMap((s) => {
        const base = s.sentences[0]?.figures.find((f) => f.key.endsWith(".base"));
        const implemented = s.sentences[0]?.figures.find((f) => f.key.endsWith(".implemented"));
        if (!base || !implemented || base.denominator === 0) return [];
        const hidden = version === "public" && exported.gen.threshold && implemented.numerator > 0 && implemented.numerator < exported.gen.threshold;
        const value = hidden
          ? t("drafting.t.fewerThan", { threshold: num.format(exported.gen.threshold) })
          : t("drafting.t.share", { n: num.format(implemented.numerator), pct: num.format(Math.round((implemented.numerator / implemented.denominator) * 100)) });
        return [{ label: `${s.heading} — ${t("drafting.t.figImplemented")}`, value: `${value} / ${num.format(base.denominator)}` }];
      });
    const respondentSentence = exported.gen.sections.find((s) => s.key === "intro")?.sentences.find((s) => s.figures.some((f) => f.key === "respondents"));
    return {
      ...model,
      sections: respondentSentence ? [{ key: "intro", level: 1, heading: `${roman(1)}. ${t("drafting.t.introduction")}`, sentences: [respondentSentence], text: null }, ...model.sections] : model.sections,
      keyFigures,
      methodology: t("drafting.t.methodologyText", { threshold: exported.gen.threshold || 3 }),
    };
  }
  return documentModel(exported.gen, { edits: exported.edits, charts: opts.charts });
}

function formatDate(iso: string | null, lang: string): string {
  if (!iso) return "";
  return new Intl.DateTimeFormat(lang === "en" ? "en-GB" : lang, { dateStyle: "long", timeZone: "UTC" }).format(new Date(`${iso}T00:00:00Z`));
}

export async function docxResponse(draft: StoredDraft, version: "internal" | "public"): Promise<Response> {
  const { buffer } = await buildDocx(await exportModel(draft, version));
  const name = `${draft.kind === "meeting_pack" ? "meeting-pack" : "draft"}-${draft.id}-${version}-${draft.lang}.docx`;
  return new Response(new Uint8Array(buffer), {
    headers: {
      "Content-Type": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
      "Content-Disposition": `attachment; filename="${name}"`,
      "Cache-Control": "private, no-store",
    },
  });
}

/** The print view: the same model as the DOCX, charts as inline PNG data. */
export async function printPage(draft: StoredDraft, version: "internal" | "public") {
  const model = await exportModel(draft, version);
  return {
    version,
    lang: model.lang,
    title: model.title,
    subtitle: model.subtitle,
    symbol: model.t("drafting.t.symbol"),
    internalMark: version === "internal" ? model.t("drafting.t.internalMark") : null,
    sections: model.sections.map((s) => ({
      key: s.key,
      level: s.level,
      heading: s.heading,
      text: s.text,
      blank: Boolean(s.blank),
      sentences: s.sentences.map((x) => ({ id: x.id, text: x.text, quote: x.quote ? { state: x.quote.state, lang: x.quote.lang, disclosure: version === "internal" ? x.quote.disclosure : "public" } : null })),
      chart: s.chart ? { src: `data:image/png;base64,${s.chart.png.toString("base64")}`, alt: s.chart.alt, title: s.chart.title, width: s.chart.width, height: s.chart.height } : null,
      table: s.table ?? null,
    })),
    keyFigures: model.keyFigures ?? null,
    methodology: model.methodology ?? null,
  };
}
