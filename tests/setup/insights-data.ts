/**
 * A small, known insights dataset built through the real workflow (open, save each answer with
 * who may read it, submit, accept), so every expected figure in the insights tests can be
 * worked out by hand from the table below.
 */
import crypto from "node:crypto";
import { createCycle } from "#app/cycles/cycles.server.ts";
import { changeReportStatus } from "#app/review/review.server.ts";
import { getAnswers, getCycle, getReportContext, openReport, saveAnswers, submitReport, type AnswerChange, type CycleRow } from "#app/reporting/reports.server.ts";
import type { AnswerValue } from "#app/reporting/answer-schemas.ts";
import type { Disclosure } from "#app/reporting/disclosure.ts";
import { RETIRED_QUESTION_KEYS } from "#app/reporting/retired-questions.ts";

export type Fate = "accepted" | "submitted" | "clarification" | "draft";

export interface ReportPlan {
  iso3: string;
  fate: Fate;
  /** Who may read the State's narrative answers: the level it chose next to each one… */
  level?: Disclosure;
  /** …but for these (`ref.key` → level). A good practice is shared beyond the secretariat only
   * where the plan also says `"<ref>.good_practice_shareable": "yes"` (the State chose to share
   * it); that key is not saved (the question is retired: app/reporting/retired-questions.ts). */
  overrides?: Record<string, Disclosure>;
  /** `ref.key` → value. */
  answers: Record<string, AnswerValue>;
  /** Clarification: edits saved after the secretariat asked, never submitted again. */
  laterEdits?: Record<string, AnswerValue>;
}

/* Narratives: each carries a word found nowhere else, to search for it or look for a leak. */
export const GP = {
  jpnPublic: "GP-JPN-public: neighbourhood koban liaison officers",
  chnCommission: "GP-CHN-commission: provincial mediation hubs",
  indSecretariat: "GP-IND-secretariat: quillwort victim helpline",
  kenPublic21: "GP-KEN-public: county peace committees",
  kenSecretariatOverride: "GP-KEN-override-secretariat: marigold witness shelters",
  ngaPublicOverride: "GP-NGA-override-public: youth football leagues",
  ngaSecretariat: "GP-NGA-secretariat: tamarind prison audit",
  braCommission: "GP-BRA-commission: favela justice houses",
  deuSubmitted: "GP-DEU-submitted: zebrafinch probation scheme",
  fraDraftOnly: "GP-FRA-draft-only: kingfisher diversion pilot",
  mexRefused: "GP-MEX-public-but-refused: ocelot mediation benches",
  argUnanswered: "GP-ARG-public-consent-unanswered: rhea community courts",
  itaSubmitted: "GP-ITA-submitted: heron reentry hostels",
  itaUnsubmittedEdit: "GP-ITA-edit-not-submitted: cormorant bail hostels",
} as const;

export const NARRATIVE = {
  jpnDescription: "Nationwide rollout of restorative justice circles",
  chnDescription: "Joint UN police training academy and 社区警务室 community policing",
  indChallenges: "Shortage of forensic laboratories in rural districts",
  deuDescription: "Submitted wording: albatross reintegration",
  fraDescription: "Draft-only wording: pelican courts",
} as const;

export const REFS = ["21", "22", "35", "36"];

/**
 * Ten reports count (every submitted report, whatever the review says): seven accepted (JPN,
 * CHN, IND: Asia-Pacific; KEN, NGA: African; BRA, MEX: Latin American and Caribbean), two only
 * submitted (DEU: WEOG; ARG: Latin American and Caribbean), and one under clarification (ITA,
 * WEOG) whose later, unsubmitted edits must count nowhere. FRA's draft counts nowhere. Good
 * practices are shared only where the State chose so (`good_practice_shareable: "yes"` here;
 * MEX chose not to, ARG left the default: both stay with the secretariat).
 *
 * Paragraph 35 by status: fully JPN BRA DEU (3), in progress CHN IND KEN (3), largely MEX ARG
 * (2), planned NGA ITA (2): n = 10.
 */
export const PLANS: ReportPlan[] = [
  {
    iso3: "JPN",
    fate: "accepted",
    level: "public",
    answers: {
      "21.status": "fully_implemented",
      "22.status": "largely_implemented",
      "35.status": "fully_implemented",
      "36.status": "largely_implemented",
      "21.measures": ["legislative", "training"],
      "35.measures": ["legislative"],
      "35.challenges": ["financial_resources", "coordination"],
      "21.ta_needed": ["none"],
      "21.tools_needed": ["handbook"],
      "21.description": NARRATIVE.jpnDescription,
      "35.good_practice": GP.jpnPublic,
      "35.good_practice_shareable": "yes",
    },
  },
  {
    iso3: "CHN",
    fate: "accepted",
    level: "commission",
    answers: {
      "21.status": "largely_implemented",
      "22.status": "largely_implemented",
      "35.status": "in_progress",
      "21.measures": ["legislative"],
      "35.challenges": ["financial_resources"],
      "35.ta_needed": ["capacity_building"],
      "35.description": NARRATIVE.chnDescription,
      "35.good_practice": GP.chnCommission,
      "35.good_practice_shareable": "yes",
    },
  },
  {
    iso3: "IND",
    fate: "accepted",
    level: "secretariat",
    answers: {
      "21.status": "in_progress",
      "22.status": "largely_implemented",
      "35.status": "in_progress",
      "36.status": "in_progress",
      "21.measures": ["policy_strategy"],
      "22.measures": ["legislative"],
      "35.challenges": ["financial_resources", "human_resources"],
      "21.ta_needed": ["funding"],
      "35.ta_needed": ["capacity_building", "training"],
      "35.challenges_text": NARRATIVE.indChallenges,
      "35.good_practice": GP.indSecretariat,
      "35.good_practice_shareable": "yes",
    },
  },
  {
    iso3: "KEN",
    fate: "accepted",
    level: "public",
    overrides: { "35.good_practice": "secretariat" },
    answers: {
      "21.status": "planned",
      "22.status": "not_started",
      "35.status": "in_progress",
      "36.status": "planned",
      "21.measures": ["training"],
      "35.measures": ["training", "legislative"],
      "35.challenges": ["human_resources"],
      "21.ta_needed": ["capacity_building"],
      "35.ta_needed": ["capacity_building"],
      "36.ta_needed": ["research"],
      "21.tools_needed": ["handbook", "model_law"],
      "21.good_practice": GP.kenPublic21,
      "21.good_practice_shareable": "yes",
      "35.good_practice": GP.kenSecretariatOverride,
      "35.good_practice_shareable": "yes",
    },
  },
  {
    iso3: "NGA",
    fate: "accepted",
    level: "secretariat",
    overrides: { "21.good_practice": "public" },
    answers: {
      "21.status": "in_progress",
      "35.status": "planned",
      "36.status": "not_applicable",
      "36.na_reason": "Not relevant here.",
      "35.measures": ["programme"],
      "21.challenges": ["financial_resources"],
      "22.ta_needed": ["funding"],
      "35.ta_needed": ["training"],
      "21.good_practice": GP.ngaPublicOverride,
      "21.good_practice_shareable": "yes",
      "35.good_practice": GP.ngaSecretariat,
    },
  },
  {
    iso3: "BRA",
    fate: "accepted",
    level: "commission",
    answers: {
      "21.status": "not_applicable",
      "21.na_reason": "Not relevant here.",
      "22.status": "in_progress",
      "35.status": "fully_implemented",
      "36.status": "fully_implemented",
      "22.measures": ["training"],
      "21.ta_needed": ["none"],
      "35.good_practice": GP.braCommission,
      "35.good_practice_shareable": "yes",
    },
  },
  {
    iso3: "DEU",
    fate: "submitted",
    level: "public",
    answers: {
      "21.status": "fully_implemented",
      "35.status": "fully_implemented",
      "21.measures": ["legislative", "data_collection"],
      "35.challenges": ["coordination"],
      "21.ta_needed": ["funding"],
      "21.tools_needed": ["e_learning"],
      "21.description": NARRATIVE.deuDescription,
      "35.good_practice": GP.deuSubmitted,
      "35.good_practice_shareable": "yes",
    },
  },
  {
    iso3: "MEX",
    fate: "accepted",
    level: "public",
    answers: {
      "21.status": "in_progress",
      "35.status": "largely_implemented",
      "35.measures": ["legislative", "training"],
      "35.good_practice": GP.mexRefused,
      "35.good_practice_shareable": "no",
    },
  },
  {
    iso3: "ARG",
    fate: "submitted",
    level: "public",
    answers: {
      "21.status": "largely_implemented",
      "35.status": "largely_implemented",
      "35.measures": ["legislative"],
      "35.good_practice": GP.argUnanswered,
    },
  },
  {
    iso3: "ITA",
    fate: "clarification",
    level: "public",
    answers: {
      "21.status": "in_progress",
      "35.status": "planned",
      "35.measures": ["legislative", "training"],
      "35.good_practice": GP.itaSubmitted,
      "35.good_practice_shareable": "yes",
    },
    laterEdits: { "35.status": "fully_implemented", "35.good_practice": GP.itaUnsubmittedEdit },
  },
  {
    iso3: "FRA",
    fate: "draft",
    answers: {
      "21.status": "not_started",
      "35.status": "not_started",
      "21.measures": ["data_collection"],
      "21.ta_needed": ["equipment_technology"],
      "21.description": NARRATIVE.fraDescription,
      "35.good_practice": GP.fraDraftOnly,
    },
  },
];

/** `ref.key` → the question id, e.g. "35.good_practice" → "kyoto-2021.p35.good_practice", "35.staff.stage" → "kyoto-2021.p35.staff.stage". */
export function questionIdOf(refKey: string): string {
  const [ref, key] = splitRefKey(refKey);
  return `kyoto-2021.p${ref}.${key}`;
}

/** "35.staff.stage" → ["35", "staff.stage"]: a paragraph ref holds no dot, a question key may. */
function splitRefKey(refKey: string): [string, string] {
  const dot = refKey.indexOf(".");
  return [refKey.slice(0, dot), refKey.slice(dot + 1)];
}

export async function fillReport(cycle: CycleRow, plan: ReportPlan, actorUserId: number, reviewerUserId: number): Promise<number> {
  const reportId = await openReport(cycle, plan.iso3, actorUserId, null);
  await saveAll(reportId, plan, plan.answers, actorUserId);
  if (plan.fate === "draft") return reportId;
  await submitReport(reportId, actorUserId, crypto.randomUUID(), null);
  if (plan.fate === "accepted") await changeReportStatus(reportId, "accept", reviewerUserId, null);
  if (plan.fate === "clarification") {
    await changeReportStatus(reportId, "request_clarification", reviewerUserId, null);
    if (plan.laterEdits) await saveAll(reportId, plan, plan.laterEdits, actorUserId);
  }
  return reportId;
}

/** Who may read a narrative answer of the plan (see `ReportPlan`). */
export function plannedDisclosure(plan: ReportPlan, refKey: string): Disclosure {
  const [ref, key] = splitRefKey(refKey);
  if (key === "good_practice" && plan.answers[`${ref}.good_practice_shareable`] !== "yes") return "secretariat";
  return plan.overrides?.[refKey] ?? plan.level ?? "secretariat";
}

async function saveAll(reportId: number, plan: ReportPlan, values: Record<string, AnswerValue>, actorUserId: number) {
  const iso3 = plan.iso3;
  const ctx = (await getReportContext(reportId))!;
  const stored = await getAnswers(reportId);
  const changes: AnswerChange[] = Object.entries(values).filter(([refKey]) => !RETIRED_QUESTION_KEYS.has(splitRefKey(refKey)[1])).map(([refKey, value]) => {
    const [ref, key] = splitRefKey(refKey);
    const paragraph = ctx.paragraphs.find((p) => p.ref === ref);
    if (!paragraph) throw new Error(`Paragraph ${ref} is not in the cycle's scope`);
    const question = paragraph.questions.find((q) => q.key === key);
    if (!question) throw new Error(`No question ${refKey}`);
    return { question, paragraphRef: ref!, value, baseRevision: stored.get(question.id)?.revision ?? 0, disclosure: question.type === "text" ? plannedDisclosure(plan, refKey) : undefined };
  });
  const saved = await saveAnswers(reportId, actorUserId, changes, null);
  if (saved.conflicts.length) throw new Error(`Conflicts saving ${iso3}: ${JSON.stringify(saved.conflicts)}`);
}

/**
 * A cycle over `refs` of the demo cycle's questionnaire (the status edition in test databases), or
 * of another stored version (`versionId`: the current stages edition), filled with `plans`.
 */
export async function buildInsightsCycle(opts: { title: string; refs?: string[]; plans?: ReportPlan[]; actorUserId: number; reviewerUserId: number; status?: "open" | "closed"; versionId?: number; periodStart?: string }) {
  const demo = (await getCycle(1))!;
  const id = await createCycle(
    {
      title: opts.title,
      instrumentId: demo.instrumentId,
      versionId: opts.versionId ?? demo.versionId,
      scope: { kind: "paragraphs", refs: opts.refs ?? REFS },
      ...(opts.periodStart ? { periodStart: opts.periodStart } : {}),
      opensOn: "2026-01-01",
      deadline: "2027-01-01",
      status: opts.status ?? "open",
    },
    opts.actorUserId,
    null,
  );
  const cycle = (await getCycle(id))!;
  const reportIds: Record<string, number> = {};
  for (const plan of opts.plans ?? PLANS) reportIds[plan.iso3] = await fillReport(cycle, plan, opts.actorUserId, opts.reviewerUserId);
  return { cycle, reportIds };
}
