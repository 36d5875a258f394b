/**
 * From a generated draft (and, for a stored draft, the secretariat's edits) to the document
 * model the DOCX writer and the print view share: pillar charts drawn from the insights
 * chart specs for the same audience (so the public version's charts hide what public insights
 * hide), and the public version's leak guard on edited text.
 */
import { i18next } from "#app/utils/i18n.server.ts";
import { insightContext, pillarSpecs } from "#app/insights/charts.server.tsx";
import { chartPng } from "#app/drafting/chart-png.server.tsx";
import { buildDocx, textParagraphs, type DocModel, type DocSection } from "#app/drafting/docx.server.ts";
import { generateDraft, type GeneratedDraft, type GenerateOptions } from "#app/drafting/generate.server.ts";
import { narratives } from "#app/drafting/figures.server.ts";

export interface BuildOptions {
  charts?: boolean;
  /** Stored edits by section key (null = as generated). */
  edits?: Map<string, string | null>;
  subtitle?: string;
  meeting?: { title: string; date: string };
}

/** Narratives the public may not read, to keep them out of edited text in the public version. */
async function hiddenNarratives(cycleId: number): Promise<string[]> {
  const keys = ["description", "good_practice", "challenges_text", "na_reason", "tools_needed_text", "eval_results", "eval_method"];
  const all = await narratives(cycleId, "secretariat", keys);
  const open = new Set((await narratives(cycleId, "public", keys)).map((r) => `${r.reportId}|${r.questionId}`));
  return all.filter((r) => !open.has(`${r.reportId}|${r.questionId}`)).map((r) => String(r.value).trim()).filter((v) => v.length >= 12);
}

/** Drops every paragraph of an edited text that quotes a narrative the public may not read. */
export function guardPublicText(text: string, hidden: string[]): string {
  const probes = hidden.map((h) => h.replace(/\s+/g, " ").slice(0, 40).toLowerCase());
  return textParagraphs(text)
    .filter((p) => {
      const lower = p.toLowerCase();
      return !probes.some((probe) => lower.includes(probe));
    })
    .join("\n\n");
}

export async function documentModel(gen: GeneratedDraft, opts: BuildOptions = {}): Promise<DocModel> {
  const t = await i18next.getFixedT(gen.lang);
  const ctx = opts.charts === false ? null : await insightContext(String(gen.cycle.id), gen.lang, gen.version === "public" ? "public" : "secretariat");
  const hidden = gen.version === "public" && opts.edits && [...opts.edits.values()].some((v) => v !== null) ? await hiddenNarratives(gen.cycle.id) : [];
  const sections: DocSection[] = [];
  for (const s of gen.sections) {
    let chart: DocSection["chart"] = null;
    if (ctx && s.chartPillar) {
      const spec = (await pillarSpecs(ctx, s.chartPillar))[0];
      if (spec) chart = { ...chartPng(spec, gen.lang === "ar"), title: spec.title, alt: t("drafting.t.chartAlt", { title: spec.title, summary: spec.summary }) };
    }
    const edited = opts.edits?.get(s.key) ?? null;
    sections.push({
      key: s.key,
      level: s.level,
      heading: s.heading,
      sentences: s.sentences,
      text: edited === null ? null : gen.version === "public" ? guardPublicText(edited, hidden) : edited,
      chart,
      table: s.table,
      blank: s.blank,
    });
  }
  return {
    lang: gen.lang,
    version: gen.version,
    title: opts.meeting?.title ?? gen.title,
    subtitle: opts.subtitle ?? (opts.meeting ? t("drafting.t.meetingOf", { date: opts.meeting.date }) : t("drafting.t.reportOf")),
    cycleTitle: gen.cycle.title,
    cycleId: gen.cycle.id,
    sections,
    t,
  };
}

/** The command line and the bench: generate and write in one go. Null for an unknown cycle. */
export async function draftDocx(opts: GenerateOptions & { charts?: boolean }) {
  const gen = await generateDraft(opts);
  if (!gen) return null;
  const model = await documentModel(gen, { charts: opts.charts });
  const { buffer, stats } = await buildDocx(model);
  return { gen, buffer, stats };
}
