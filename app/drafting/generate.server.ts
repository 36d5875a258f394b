/**
 * Generates a draft from a cycle's aggregates: introduction (mandate, period, method,
 * respondents by regional group), one part per pillar → theme → paragraph with sentences
 * that always carry their denominator and their provenance, empty conclusions and
 * recommendations, and the annex of respondents by group. Every number comes from
 * figures.server.ts. The internal version reads everything; the public version reads what
 * the public insights read and hides small counts the same way.
 */
import { i18next } from "#app/utils/i18n.server.ts";
import { localText, roman } from "#app/questionnaires/labels.ts";
import { getCycle, scopedParagraphs, type CycleRow } from "#app/reporting/reports.server.ts";
import { getQuestionnaireVersion } from "#app/questionnaires/questionnaires.server.ts";
import { REGIONAL_GROUPS } from "#app/states/regional-groups.ts";
import type { DraftFigure, DraftScope, DraftSentence } from "#db/schema/drafts.ts";
import type { Label, Paragraph, Questionnaire } from "#surveys/schema.ts";
import { DEFAULT_DISCLOSURE } from "#app/reporting/disclosure.ts";
import {
  COUNTED_REPORTS,
  memberStatesByGroup,
  narratives,
  paragraphStatuses,
  pillarOptions,
  unitAdoption,
  publicThreshold,
  respondents,
  shown,
  type Viewer,
} from "#app/drafting/figures.server.ts";
import { clusterTexts } from "#app/drafting/similarity.server.ts";
import { PRIORITIES_KEY, tallyPriorities } from "#app/insights/priorities.ts";
import { countedRows } from "#app/insights/aggregates.server.ts";
import { adoptionKeyOf, headlineOf, headlineUnits, type AdoptionClass } from "#app/insights/headline.ts";
import { sincePhrase } from "#app/cycles/period.ts";

export const DRAFT_LANGUAGES = ["en", "fr", "es", "ru", "zh", "ar"] as const;

export interface GeneratedSection {
  key: string;
  level: number;
  heading: string;
  sentences: DraftSentence[];
  /** Pillar parts carry a chart (rendered from the insights chart spec of that pillar). */
  chartPillar?: number;
  /** The annex: States by regional group. */
  table?: { group: string; count: number; states: string[] }[];
  /** Sections the secretariat writes (conclusions, recommendations). */
  blank?: boolean;
}

export interface GeneratedDraft {
  cycle: CycleRow;
  lang: string;
  version: "internal" | "public";
  title: string;
  dataDate: string;
  threshold: number;
  sections: GeneratedSection[];
}

export interface GenerateOptions {
  cycleId: number;
  lang: string;
  scope?: DraftScope;
  version: "internal" | "public";
  /** Picked narratives (reportId|questionId) per paragraph; without picks, the largest similar group's representative. */
  picks?: Map<string, Set<string>>;
  title?: string;
}

const OPTION_KEYS = [
  { key: "measures", template: "measures" },
  { key: "challenges", template: "challenges" },
  { key: "ta_needed", template: "assistance" },
  { key: "tools_needed", template: "tools" },
] as const;

const IMPLEMENTED = ["fully_implemented", "largely_implemented"];
const UNDER_WAY = ["in_progress", "planned"];
const NOT_STARTED = ["not_started"];
/** The stages edition: the same three groups of anchored stages ("not applicable" and "not known" are in the base only). */
const OPERATING = ["in_operation", "evaluated"];
const ADOPTED_OR_PLANNED = ["adopted", "planned"];
const NO_ACTION = ["no_action"];

/** Paragraph heading: its short title when the questionnaire has one, else "Paragraph N". */
function paragraphHeading(p: Paragraph, lang: string, t: (k: string, o?: Record<string, unknown>) => string): string {
  const short = (p as Paragraph & { shortTitle?: Label }).shortTitle;
  const base = t("drafting.t.paragraph", { ref: p.ref });
  return short ? `${base}: ${localText(short, lang).text}` : base;
}

export function inDraftScope(q: Questionnaire, cycle: CycleRow, scope: DraftScope = {}): Paragraph[] {
  return scopedParagraphs(q, cycle.scope).filter(
    (p) => (scope.pillar === undefined || p.pillarNumber === scope.pillar) && (!scope.themes?.length || (p.themeNumber !== null && scope.themes.includes(p.themeNumber))),
  );
}

/** Null when there is no such cycle. */
export async function generateDraft(opts: GenerateOptions): Promise<GeneratedDraft | null> {
  const cycle = await getCycle(opts.cycleId);
  if (!cycle) return null;
  const q = await getQuestionnaireVersion(cycle.versionId);
  if (!q) return null;
  const lang = (DRAFT_LANGUAGES as readonly string[]).includes(opts.lang) ? opts.lang : "en";
  const t = await i18next.getFixedT(lang);
  const viewer: Viewer = opts.version === "public" ? "public" : "secretariat";
  const threshold = opts.version === "public" ? publicThreshold() : 0;
  const num = new Intl.NumberFormat(lang);
  // UN English writes "1 September 2026".
  const date = new Intl.DateTimeFormat(lang === "en" ? "en-GB" : lang, { dateStyle: "long", timeZone: "UTC" });
  const fmtDate = (iso: string) => date.format(new Date(`${iso}T00:00:00Z`));
  // Measures adopted on or after this day are new in the period; earlier ones are the baseline.
  const periodStart = cycle.periodStart ?? q.adoptedOn;

  /** "52 (60 per cent)" or "fewer than 3", with the figure recorded for provenance. */
  const share = (figures: DraftFigure[], key: string, label: string, n: number, den: number): string => {
    figures.push({ key, label, numerator: n, denominator: den });
    const visible = shown(n, threshold);
    if (visible === null) return t("drafting.t.fewerThan", { count: threshold, threshold: num.format(threshold) });
    return t("drafting.t.share", { n: num.format(n), pct: num.format(den ? Math.round((n / den) * 100) : 0) });
  };

  const respondentRows = await respondents(cycle.id, lang);
  const totals = await memberStatesByGroup();
  const totalStates = Object.values(totals).reduce((a, b) => a + b, 0);
  const sections: GeneratedSection[] = [];
  let sentenceNo = 0;
  const sid = () => `s${++sentenceNo}`;

  // ---- Introduction ---------------------------------------------------------------------
  const intro: DraftSentence[] = [];
  intro.push({ id: sid(), text: t("drafting.t.mandate"), questions: [], filter: { description: t("drafting.t.noFigures"), cycleId: cycle.id }, figures: [] });
  intro.push({
    id: sid(),
    text: t("drafting.t.period", { cycle: cycle.title, opens: fmtDate(cycle.opensOn), deadline: fmtDate(cycle.deadline) }),
    questions: [],
    filter: { description: t("drafting.t.noFigures"), cycleId: cycle.id },
    figures: [],
  });
  intro.push({ id: sid(), text: t("drafting.t.method"), questions: [], filter: { description: t("drafting.t.noFigures"), cycleId: cycle.id }, figures: [] });
  {
    const figures: DraftFigure[] = [];
    const n = respondentRows.length;
    const s = share(figures, "respondents", t("drafting.t.figRespondents"), n, totalStates);
    intro.push({
      id: sid(),
      text: t("drafting.t.respondents", { share: s, total: num.format(totalStates) }),
      questions: [],
      filter: { description: t("drafting.t.filterRespondents", { status: COUNTED_REPORTS }), cycleId: cycle.id, groups: true },
      figures,
    });
  }
  for (const g of REGIONAL_GROUPS) {
    const figures: DraftFigure[] = [];
    const n = respondentRows.filter((r) => r.group === g).length;
    const s = share(figures, `respondents.${g}`, t(`groups.${g}`), n, totals[g] ?? 0);
    intro.push({
      id: sid(),
      text: t("drafting.t.respondentsGroup", { share: s, total: num.format(totals[g] ?? 0), group: t(`groups.${g}`) }),
      questions: [],
      filter: { description: t("drafting.t.filterRespondentsGroup", { group: t(`groups.${g}`) }), cycleId: cycle.id, groups: true },
      figures,
    });
  }
  // The States' own technical-assistance priorities (issue 12): the paragraphs most often named among their top three.
  if (q.reportQuestions?.some((x) => x.key === PRIORITIES_KEY)) {
    const refs = q.paragraphs.filter((p) => p.kind === "action" && p.questions.length > 0).map((p) => p.ref);
    const tally = tallyPriorities(await countedRows(cycle.id, cycle.versionId, [PRIORITIES_KEY]), refs);
    const n = tally[0]?.n ?? 0;
    const top = tally.filter((r) => (r.counts.any ?? 0) > 0).sort((a, b) => (b.counts.any ?? 0) - (a.counts.any ?? 0) || Number.parseInt(a.key) - Number.parseInt(b.key)).slice(0, 3);
    if (n > 0 && top.length > 0) {
      const figures: DraftFigure[] = [];
      const list = top.map((r) => {
        const p = q.paragraphs.find((x) => x.ref === r.key)!;
        return `${paragraphHeading(p, lang, t)} (${share(figures, `priorities.${r.key}`, paragraphHeading(p, lang, t), r.counts.any ?? 0, n)})`;
      });
      intro.push({
        id: sid(),
        text: t("drafting.t.priorities", { n: num.format(n), count: n, list: list.join("; ") }),
        questions: [`${q.id}.report.${PRIORITIES_KEY}`],
        filter: { description: t("drafting.t.filterPriorities"), cycleId: cycle.id, questionKey: PRIORITIES_KEY },
        figures,
      });
    }
  }
  sections.push({ key: "intro", level: 1, heading: `${roman(1)}. ${t("drafting.t.introduction")}`, sentences: intro });

  // ---- Pillars → themes → paragraphs ----------------------------------------------------
  const paras = inDraftScope(q, cycle, opts.scope);
  const gp = await narratives(cycle.id, viewer, ["good_practice"], paras.map((p) => p.ref));
  const gpByRef = new Map<string, typeof gp>();
  for (const r of gp) {
    const list = gpByRef.get(r.paragraphRef) ?? [];
    list.push(r);
    gpByRef.set(r.paragraphRef, list);
  }
  const stateNames = new Map(respondentRows.map((r) => [r.stateIso3, r.name]));
  let part = 1;
  for (const pillar of q.pillars) {
    const inPillar = paras.filter((p) => p.pillarNumber === pillar.number);
    if (inPillar.length === 0) continue;
    part++;
    const statuses = await paragraphStatuses(cycle.id, cycle.versionId, pillar.number);
    const stages = headlineOf(inPillar) === "stage";
    const adoption = stages ? await unitAdoption(cycle.id, cycle.versionId, headlineUnits(inPillar), periodStart) : new Map<string, Map<AdoptionClass, number>>();
    // The units of the pillar's paragraphs: the paragraph (status, or a stage asked once) or each element's stage.
    const unitsOf = (ref: string) => headlineUnits(inPillar.filter((p) => p.ref === ref));
    const options = new Map<string, Map<string, { option: string; n: number }[]>>();
    for (const o of OPTION_KEYS) options.set(o.key, await pillarOptions(cycle.id, cycle.versionId, o.key, pillar.number));
    const pillarTitle = localText(pillar.title, lang).text;
    // Pillar summary: States that reported on at least one of its paragraphs, from the per-paragraph bases.
    const pillarSentences: DraftSentence[] = [];
    {
      const refs = inPillar.map((p) => p.ref);
      const unitKeys = refs.flatMap((r) => unitsOf(r).map((u) => u.key));
      const bases = unitKeys.map((k) => [...(statuses.get(k)?.values() ?? [])].reduce((a, b) => a + b, 0));
      const figures: DraftFigure[] = [];
      const top = stages ? OPERATING : IMPLEMENTED;
      const implemented = unitKeys.reduce((a, k) => a + top.reduce((x, s) => x + (statuses.get(k)?.get(s) ?? 0), 0), 0);
      const answersN = bases.reduce((a, b) => a + b, 0);
      const s = share(figures, `pillar${pillar.number}.implemented`, t("drafting.t.figImplementedAnswers"), implemented, answersN);
      pillarSentences.push({
        id: sid(),
        text: t(stages ? "drafting.t.pillarSummaryStages" : "drafting.t.pillarSummary", { count: refs.length, paragraphs: num.format(refs.length), answers: num.format(answersN), share: s }),
        questions: refs.flatMap((r) => unitsOf(r).map((u) => `${q.id}.p${r}.${u.questionKey}`)),
        filter: { description: t("drafting.t.filterPillar", { pillar: roman(pillar.number), statuses: top.join(", ") }), cycleId: cycle.id, pillar: pillar.number, questionKey: stages ? "stage" : "status", statuses: top },
        figures,
      });
    }
    sections.push({ key: `pillar-${pillar.number}`, level: 1, heading: `${roman(part)}. ${pillarTitle}`, sentences: pillarSentences, chartPillar: pillar.number });
    const themeNumbers = [...new Set(inPillar.map((p) => p.themeNumber))];
    let letter = 0;
    for (const themeNumber of themeNumbers) {
      const theme = q.themes.find((th) => th.number === themeNumber);
      const inTheme = inPillar.filter((p) => p.themeNumber === themeNumber);
      if (theme) {
        sections.push({ key: `theme-${theme.number}`, level: 2, heading: `${String.fromCharCode(65 + letter++)}. ${localText(theme.title, lang).text}`, sentences: [] });
      }
      for (const p of inTheme) {
        const units = unitsOf(p.ref);
        const baseOf = (key: string) => [...(statuses.get(key)?.values() ?? [])].reduce((a, b) => a + b, 0);
        const st = statuses.get(p.ref) ?? new Map<string, number>();
        // The paragraph's base: the States that answered its status, or the most that answered one of its stages.
        const den = stages ? Math.max(0, ...units.map((u) => baseOf(u.key))) : baseOf(p.ref);
        const sentences: DraftSentence[] = [];
        const statusId = `${q.id}.p${p.ref}.${units[0]?.questionKey ?? "status"}`;
        if (den === 0) {
          sentences.push({ id: sid(), text: t("drafting.t.noReports", { ref: p.ref }), questions: [statusId], filter: { description: t("drafting.t.filterParagraph", { ref: p.ref }), cycleId: cycle.id, ref: p.ref, questionKey: units[0]?.questionKey ?? "status" }, figures: [{ key: `p${p.ref}.base`, label: t("drafting.t.figBase"), numerator: 0, denominator: 0 }] });
        } else {
          const figures: DraftFigure[] = [];
          const sum = (list: string[]) => list.reduce((a, s) => a + (st.get(s) ?? 0), 0);
          figures.push({ key: `p${p.ref}.base`, label: t("drafting.t.figBase"), numerator: den, denominator: den });
          if (stages) {
            // One sentence per element (or for the paragraph asked as a whole), each on its own base.
            for (const u of units) {
              const us = statuses.get(u.key) ?? new Map<string, number>();
              const uden = baseOf(u.key);
              if (uden === 0) continue;
              const part = (list: string[]) => list.reduce((a, s) => a + (us.get(s) ?? 0), 0);
              const slug = u.element ? `p${p.ref}.${u.element}` : `p${p.ref}`;
              const uf: DraftFigure[] = [{ key: `${slug}.stage.base`, label: t("drafting.t.figBase"), numerator: uden, denominator: uden }];
              const a = share(uf, `${slug}.operating`, t("drafting.t.figOperating"), part(OPERATING), uden);
              const b = share(uf, `${slug}.adopted`, t("drafting.t.figAdoptedPlanned"), part(ADOPTED_OR_PLANNED), uden);
              const c = share(uf, `${slug}.noaction`, t("drafting.t.figNoAction"), part(NO_ACTION), uden);
              const action = u.elementText ? localText(u.elementText, lang).text.toLowerCase() : t("drafting.t.thisParagraph");
              sentences.push({
                id: sid(),
                text: t("drafting.t.stage", { den: num.format(uden), ref: p.ref, action, operating: a, adopted: b, none: c }),
                questions: [`${q.id}.p${p.ref}.${u.questionKey}`],
                filter: { description: t("drafting.t.filterParagraph", { ref: p.ref }), cycleId: cycle.id, ref: p.ref, questionKey: u.questionKey },
                figures: uf,
              });
              // Dates of adoption: the States with a measure adopted in the period, and those whose measures all predate it.
              const ad = adoption.get(u.key);
              const aden = (ad?.get("new") ?? 0) + (ad?.get("baseline") ?? 0);
              const adoptionKey = adoptionKeyOf(u);
              if (ad && aden > 0 && adoptionKey) {
                const af: DraftFigure[] = [{ key: `${slug}.adoption.base`, label: t("drafting.t.figBase"), numerator: aden, denominator: aden }];
                const fresh = share(af, `${slug}.adoption.new`, t("drafting.t.figNew"), ad.get("new") ?? 0, aden);
                const baseline = share(af, `${slug}.adoption.baseline`, t("drafting.t.figBaseline"), ad.get("baseline") ?? 0, aden);
                sentences.push({
                  id: sid(),
                  text: t("drafting.t.adoption", { den: num.format(aden), ref: p.ref, action, new: fresh, baseline, since: sincePhrase(periodStart, lang) }),
                  questions: [`${q.id}.p${p.ref}.${adoptionKey}`],
                  filter: { description: t("drafting.t.filterParagraph", { ref: p.ref }), cycleId: cycle.id, ref: p.ref, questionKey: adoptionKey },
                  figures: af,
                });
              }
            }
          } else {
            const a = share(figures, `p${p.ref}.implemented`, t("drafting.t.figImplemented"), sum(IMPLEMENTED), den);
            const b = share(figures, `p${p.ref}.underway`, t("drafting.t.figUnderway"), sum(UNDER_WAY), den);
            const c = share(figures, `p${p.ref}.notstarted`, t("drafting.t.figNotStarted"), sum(NOT_STARTED), den);
            sentences.push({
              id: sid(),
              text: t("drafting.t.status", { den: num.format(den), ref: p.ref, implemented: a, underway: b, notStarted: c }),
              questions: [statusId],
              filter: { description: t("drafting.t.filterParagraph", { ref: p.ref }), cycleId: cycle.id, ref: p.ref, questionKey: "status" },
              figures,
            });
          }
          for (const o of OPTION_KEYS) {
            const question = p.questions.find((x) => x.key === o.key);
            if (!question || !("options" in question)) continue;
            const counts = (options.get(o.key)?.get(p.ref) ?? []).filter((x) => x.n > 0).slice(0, 3);
            if (counts.length === 0) continue;
            const figures2: DraftFigure[] = [];
            const items = counts.map((x) => {
              const label = localText(question.options.find((op) => op.value === x.option)?.label ?? { en: x.option }, lang).text;
              return t("drafting.t.item", { option: label, share: share(figures2, `p${p.ref}.${o.key}.${x.option}`, label, x.n, den) });
            });
            sentences.push({
              id: sid(),
              text: t(`drafting.t.${o.template}`, { den: num.format(den), ref: p.ref, list: listFormat(lang, items) }),
              questions: [question.id],
              filter: { description: t("drafting.t.filterOption", { ref: p.ref, question: localText(question.label, lang).text }), cycleId: cycle.id, ref: p.ref, questionKey: o.key },
              figures: figures2,
            });
          }
          // Good practices the States agreed to share (chose a level beyond the secretariat), as the
          // audience may read them; a secretariat-only one only when the secretariat picks it
          // (the internal version marks it, the public version never reads it).
          const readable = gpByRef.get(p.ref) ?? [];
          const practices = readable.filter((r) => r.disclosure !== DEFAULT_DISCLOSURE);
          const picks = opts.picks?.get(p.ref);
          if (practices.length > 0 || (picks && picks.size > 0)) {
            const chosen = choosePractices(picks && picks.size > 0 ? readable : practices, picks);
            if (chosen.length > 0) {
              if (practices.length > 0)
                sentences.push({
                  id: sid(),
                  text: t("drafting.t.goodPractices", { count: practices.length, n: num.format(practices.length), ref: p.ref }),
                  questions: [`${q.id}.p${p.ref}.good_practice`],
                  filter: { description: t("drafting.t.filterGoodPractice", { ref: p.ref }), cycleId: cycle.id, ref: p.ref, questionKey: "good_practice" },
                  figures: [{ key: `p${p.ref}.good_practices`, label: t("drafting.t.figGoodPractices"), numerator: practices.length, denominator: den }],
                });
              for (const r of chosen) {
                const textValue = String(r.value);
                sentences.push({
                  id: sid(),
                  text: textValue,
                  questions: [r.questionId],
                  filter: { description: t("drafting.t.filterQuote"), cycleId: cycle.id, ref: p.ref, questionKey: "good_practice" },
                  figures: [],
                  quote: { lang: detectLanguage(textValue), state: stateNames.get(r.stateIso3) ?? r.stateIso3, disclosure: r.disclosure, reportId: r.reportId, questionId: r.questionId },
                });
              }
            }
          }
        }
        sections.push({ key: `para-${p.ref}`, level: 3, heading: paragraphHeading(p, lang, t), sentences });
      }
    }
  }

  // ---- Conclusions, recommendations, annex ----------------------------------------------
  part++;
  sections.push({ key: "conclusions", level: 1, heading: `${roman(part)}. ${t("drafting.t.conclusions")}`, sentences: [], blank: true });
  part++;
  sections.push({ key: "recommendations", level: 1, heading: `${roman(part)}. ${t("drafting.t.recommendations")}`, sentences: [], blank: true });
  const collator = new Intl.Collator(lang);
  const table = REGIONAL_GROUPS.map((g) => {
    const states = respondentRows.filter((r) => r.group === g).map((r) => r.name).sort(collator.compare);
    return { group: t(`groups.${g}`), count: states.length, states };
  });
  sections.push({
    key: "annex",
    level: 1,
    heading: t("drafting.t.annex"),
    sentences: [
      {
        id: sid(),
        text: t("drafting.t.annexLead", { count: respondentRows.length, n: num.format(respondentRows.length) }),
        questions: [],
        filter: { description: t("drafting.t.filterRespondents", { status: COUNTED_REPORTS }), cycleId: cycle.id, groups: true },
        figures: [{ key: "annex.respondents", label: t("drafting.t.figRespondents"), numerator: respondentRows.length, denominator: totalStates }],
      },
    ],
    table,
  });

  const dataDate = new Date().toISOString().slice(0, 10);
  const scopeLabel = opts.scope?.pillar ? `${roman(opts.scope.pillar)}. ${localText(q.pillars.find((x) => x.number === opts.scope!.pillar)?.title ?? { en: "" }, lang).text}` : null;
  return {
    cycle,
    lang,
    version: opts.version,
    title: opts.title || (scopeLabel ? t("drafting.t.titleScoped", { scope: scopeLabel }) : t("drafting.t.title")),
    dataDate,
    threshold,
    sections,
  };
}

/** "a, b and c" in the draft's language. */
export function listFormat(lang: string, items: string[]): string {
  return new Intl.ListFormat(lang, { style: "long", type: "conjunction" }).format(items);
}

type Narrative = Awaited<ReturnType<typeof narratives>>[number];

/** The picked narratives, else the representative text of the largest group of similar ones. */
function choosePractices(list: Narrative[], picks: Set<string> | undefined): Narrative[] {
  if (picks && picks.size > 0) return list.filter((r) => picks.has(`${r.reportId}|${r.questionId}`));
  const groups = clusterTexts(list.map((r) => String(r.value)));
  const first = groups[0];
  return first ? [list[first.representative]!] : [];
}

/** The script a narrative is written in, to mark a quote's language. */
export function detectLanguage(text: string): string {
  if (/[\u0600-\u06FF]/.test(text)) return "ar";
  if (/[\u4E00-\u9FFF]/.test(text)) return "zh";
  if (/[\u0400-\u04FF]/.test(text)) return "ru";
  if (/[àâçéèêëîïôûùüÿœæ]/i.test(text) && /\b(le|la|les|des|et|du)\b/i.test(text)) return "fr";
  if (/[áéíóúñ¿¡]/i.test(text) && /\b(el|los|las|del|y)\b/i.test(text)) return "es";
  return "en";
}
