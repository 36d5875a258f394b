/**
 * Synthetic reports for demos and benchmarks, deterministic for a seed. They go through the
 * real workflow (open, save answers with who may read each narrative, submit, accept), through the
 * same model functions as the app, so every number downstream is computed the real way.
 */
import { changeReportStatus } from "#app/review/review.server.ts";
import { getAnswers, getReportContext, openReport, saveAnswers, submitReport, type AnswerChange, type CycleRow } from "#app/reporting/reports.server.ts";
import { upsertUser } from "#app/accounts/users.server.ts";
import { sealAllOpenAuditEvents } from "#app/audit/audit.server.ts";
import type { Disclosure } from "#app/reporting/disclosure.ts";
import type { Question } from "#surveys/schema.ts";
import { reportParts } from "#app/reporting/report-section.ts";

/** mulberry32: a small, fast, seedable PRNG. */
export function randomSource(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (n: number) => Math.floor(next() * n),
    chance: (p: number) => next() < p,
    pick: <T>(items: readonly T[]) => items[Math.floor(next() * items.length)]!,
    subset: <T>(items: readonly T[], max: number) => {
      const shuffled = [...items].sort(() => next() - 0.5);
      return shuffled.slice(0, 1 + Math.floor(next() * Math.min(max, items.length)));
    },
  };
}
type Random = ReturnType<typeof randomSource>;

export const SYNTHETIC_USER_EMAIL = "synthetic-data@example.org";

export async function syntheticUserId(): Promise<number> {
  // No password: this account cannot sign in; it only signs the synthetic answers.
  return upsertUser({ email: SYNTHETIC_USER_EMAIL, name: "Synthetic demo data", role: "admin", stateIso3: null, passwordHash: null });
}

const STATUS_ORDER = ["not_started", "planned", "in_progress", "largely_implemented", "fully_implemented"] as const;
const STAGE_ORDER = ["no_action", "planned", "adopted", "in_operation", "evaluated"] as const;

/** A question's base key: `data.stage` (asked per element) → `stage`. */
const baseKey = (q: Question) => q.key.slice(q.key.lastIndexOf(".") + 1);

function syntheticValue(q: Question, r: Random, capacity: number, year: number): unknown {
  // The structured facts and the report's own questions are optional: many States skip them.
  if (q.section === "facts" && r.chance(0.55)) return null;
  switch (q.key) {
    case "contact":
      return r.chance(0.7) ? [{ name: "Synthetic focal point", title: "Ministry of Justice, international cooperation unit", email: "focal.point@example.org", phone: `+1 555 01${r.int(90) + 10}` }] : null;
    case "declaration_use":
      return r.chance(0.5) ? `Synthetic answer: the Declaration is cited in the national crime prevention strategy adopted in ${year - 1 - r.int(3)}.` : null;
    case "follow_up_proposals":
      return r.chance(0.3) ? "Synthetic proposal: a thematic discussion each year on one pillar, with a short questionnaire." : null;
    case "fact_legal_refs": {
      // Some measures adopted before the reporting period (the baseline), some within it.
      const n = r.int(3);
      return n === 0 ? null : Array.from({ length: n }, (_, i) => ({ title: r.pick(["Penal Code", "Code of Criminal Procedure", "Act on Victims of Crime", "National Crime Prevention Strategy"]), article: r.chance(0.6) ? `art. ${r.int(300) + 1}` : null, year: String(year - 1 - r.int(12) - i), link: null }));
    }
    case "fact_indicator":
      return r.chance(0.5) ? [{ name: r.pick(["Unsentenced detainees as a share of prisoners (SDG 16.3.2)", "Victims of intentional homicide per 100,000 (SDG 16.1.1)", "Cases referred to victim support"]), value: String(r.int(60) + 5), year: String(year - 1), source: "National statistics office" }] : null;
    case "fact_ta_helped":
      return r.chance(0.5) ? null : r.pick(q.type === "single_choice" ? q.options : []).value;
  }
  switch (baseKey(q)) {
    case "status": {
      if (r.chance(0.03)) return "not_applicable";
      const level = Math.min(4, Math.max(0, Math.round(capacity * 4 + (r.next() - 0.5) * 2.2)));
      return STATUS_ORDER[level];
    }
    case "stage": {
      if (r.chance(0.03)) return "not_applicable";
      if (r.chance(0.02)) return "not_known";
      const level = Math.min(4, Math.max(0, Math.round(capacity * 4 + (r.next() - 0.5) * 2.2)));
      return STAGE_ORDER[level];
    }
    case "na_reason":
    case "adoption":
      // Filled in the loop below, from the element's stage.
      return null;
    case "description":
      return r.chance(0.8) ? `Synthetic answer: measures under way since ${year - r.int(6)}, coordinated by the ministry of justice and the ministry of the interior.` : null;
    case "good_practice":
      return r.chance(0.35) ? `Synthetic good practice: a ${r.pick(["multi-agency", "community-based", "data-driven", "victim-centred"])} programme, evaluated in ${year - r.int(3)}.` : null;
    case "challenges_text":
      return r.chance(0.4) ? `Synthetic challenge: ${r.pick(["limited funding", "staff turnover", "coordination across agencies", "gaps in data"])}.` : null;
    case "tools_needed_text":
      return r.chance(0.15) ? "Synthetic request: a practical handbook in the national language." : null;
  }
  switch (q.type) {
    case "single_choice":
      return r.pick(q.options).value;
    case "multiple_choice": {
      if (r.chance(q.key.startsWith("ta_") || q.key.startsWith("tools") ? 0.45 : 0.2)) return null;
      const options = q.options.filter((o) => o.value !== "none" && o.value !== "other");
      return r.subset(options.length ? options : q.options, 3).map((o) => o.value);
    }
    case "yes_no":
      return r.chance(0.25) ? null : r.chance(0.3 + capacity * 0.5) ? "yes" : "no";
    case "text":
      return r.chance(0.3) ? `Synthetic detail for ${q.key.replace(/_/g, " ")}.` : null;
    case "links":
      return r.chance(0.2) ? [{ url: `https://example.org/synthetic/${q.id}`, title: "Synthetic document" }] : null;
    case "ranking":
      // Technical-assistance priorities: up to three distinct paragraphs, in order.
      return r.chance(0.35) ? null : r.subset(q.options, q.maxItems).map((o) => o.value);
    case "records":
      return null;
  }
}

const DAY = 86_400_000;

/**
 * Dates of adoption for an element at a stage past "planned": most States list one or two
 * measures, some adopted before the period start (the baseline), some since, never after today.
 */
function syntheticAdoption(stage: unknown, r: Random, periodStart: string): Array<{ title: string; adopted_on: string }> | null {
  if (stage !== "adopted" && stage !== "in_operation" && stage !== "evaluated") return null;
  if (r.chance(0.35)) return null;
  const start = Date.parse(`${periodStart}T00:00:00Z`);
  const today = Date.parse(`${new Date().toISOString().slice(0, 10)}T00:00:00Z`);
  const earliest = Date.parse("1995-01-01T00:00:00Z");
  const n = 1 + r.int(2);
  return Array.from({ length: n }, () => {
    const fresh = start < today && r.chance(stage === "adopted" ? 0.6 : 0.35);
    const [from, to] = fresh ? [start, today] : [earliest, Math.min(start, today) - DAY];
    const day = new Date(from + Math.floor(r.next() * ((to - from) / DAY + 1)) * DAY).toISOString().slice(0, 10);
    return { title: r.pick(["National action plan", "Act on the prevention of crime", "Amendment to the Penal Code", "Ministerial regulation", "Inter-agency strategy"]), adopted_on: day };
  });
}

export interface SyntheticOptions {
  cycle: CycleRow;
  states: string[];
  seed: number;
  actorUserId: number;
  /** Shares of States that start, submit and are accepted. */
  startShare?: number;
  submitShare?: number;
  acceptShare?: number;
}

/** Fill a cycle with synthetic reports. Returns how many reports reached each state. */
export async function fillSyntheticCycle(o: SyntheticOptions) {
  const r = randomSource(o.seed);
  const year = Number(o.cycle.deadline.slice(0, 4));
  const counts = { started: 0, submitted: 0, accepted: 0, answers: 0 };
  for (const iso3 of o.states) {
    const capacity = randomSource(o.seed ^ hash(iso3)).next() * 0.7 + r.next() * 0.3;
    if (!r.chance(o.startShare ?? 0.85)) continue;
    const reportId = await openReport(o.cycle, iso3, o.actorUserId, null);
    counts.started++;
    const ctx = (await getReportContext(reportId))!;
    const stored = await getAnswers(reportId);
    const complete = r.chance((o.submitShare ?? 0.75) / (o.startShare ?? 0.85));
    // Who may read each narrative answer, chosen next to it: one usual level per State; a good
    // practice is shared beyond the secretariat only by some (its own explicit choice). From a
    // source of its own, so the answers themselves stay as the seed makes them.
    const d = randomSource(o.seed ^ hash(`disclosure:${iso3}`));
    const level: Disclosure = d.pick(["public", "public", "commission", "secretariat"] as const);
    const disclosureFor = (q: Question): Disclosure | undefined => (q.type !== "text" ? undefined : q.key === "good_practice" && d.chance(0.4) ? "secretariat" : level);
    const changes: AnswerChange[] = [];
    // The report's own questions (contact person, use of the Declaration, priorities) first, then the paragraphs.
    for (const p of reportParts(ctx)) {
      if (!complete && r.chance(0.5)) continue;
      let notApplicable = false;
      let stage: unknown = null;
      for (const q of p.questions) {
        let value = syntheticValue(q, r, capacity, year);
        if (baseKey(q) === "status" || baseKey(q) === "stage") notApplicable = value === "not_applicable";
        if (baseKey(q) === "stage") stage = value;
        if (baseKey(q) === "na_reason" && notApplicable) value = "Synthetic reason: the situation this paragraph addresses does not arise here.";
        if (baseKey(q) === "adoption") value = syntheticAdoption(stage, r, o.cycle.periodStart ?? "2021-03-07");
        if (value === null && !stored.has(q.id)) continue;
        changes.push({ question: q, paragraphRef: p.ref, value: value as AnswerChange["value"], baseRevision: stored.get(q.id)?.revision ?? 0, disclosure: disclosureFor(q) });
      }
    }
    const saved = await saveAnswers(reportId, o.actorUserId, changes, null);
    counts.answers += saved.changed.length;
    // The generator's "burst" on this report is over: its answer events join the chain now,
    // as they would five minutes later in the app. Left open, every later audit event would
    // look through all of them (100,000 and more for 193 States).
    sealAllOpenAuditEvents();
    if (!complete) continue;
    await submitReport(reportId, o.actorUserId, `synthetic-${o.cycle.id}-${iso3}-${o.seed}`, null);
    counts.submitted++;
    if (r.chance((o.acceptShare ?? 0.65) / (o.submitShare ?? 0.75))) {
      await changeReportStatus(reportId, "accept", o.actorUserId, null);
      counts.accepted++;
    }
  }
  return counts;
}

function hash(s: string): number {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619);
  return h >>> 0;
}
