import { and, asc, eq, inArray } from "drizzle-orm";
import { disclosureOf } from "#app/reporting/disclosure.ts";
import { withoutRetiredQuestions } from "#app/reporting/retired-questions.ts";
import { getDb } from "#db/client.ts";
import { answers, memberStates, reports } from "#db/schema/index.ts";
import type { Paragraph, Question } from "#surveys/schema.ts";
import type { CycleRow } from "#app/reporting/reports.server.ts";
import { EXPORTABLE_STATUSES } from "#app/reporting/lifecycle.ts";

export interface ExportRow {
  stateIso3: string;
  stateName: string;
  regionalGroup: string;
  reportStatus: string;
  paragraph: Paragraph;
  question: Question;
  value: unknown;
  disclosure: string | null;
}

export async function exportableReports(cycleId: number) {
  return getDb()
    .select({ id: reports.id, stateIso3: reports.stateIso3, status: reports.status, name: memberStates.nameEn, regionalGroup: memberStates.regionalGroup })
    .from(reports)
    .innerJoin(memberStates, eq(memberStates.iso3, reports.stateIso3))
    .where(and(eq(reports.cycleId, cycleId), inArray(reports.status, EXPORTABLE_STATUSES)))
    .orderBy(asc(memberStates.nameEn))
    .all();
}

/**
 * One row per State × question of the given paragraphs, streamed report by report so a whole
 * cycle never sits in memory (193 States × 75 paragraphs × ~14 questions).
 */
export async function* exportRows(cycle: CycleRow, paragraphs: Paragraph[]): AsyncGenerator<ExportRow> {
  const db = getDb();
  const refs = paragraphs.map((p) => p.ref);
  for (const r of await exportableReports(cycle.id)) {
    const stored = db
      .select({ questionId: answers.questionId, value: answers.value, disclosure: answers.disclosure })
      .from(answers)
      .where(and(eq(answers.reportId, r.id), inArray(answers.paragraphRef, refs)))
      .all();
    const byId = new Map(stored.map((a) => [a.questionId, a]));
    for (const p of paragraphs.map(withoutRetiredQuestions)) {
      for (const question of p.questions) {
        const a = byId.get(question.id);
        yield {
          stateIso3: r.stateIso3,
          stateName: r.name,
          regionalGroup: r.regionalGroup,
          reportStatus: r.status,
          paragraph: p,
          question,
          value: a?.value ?? null,
          // The level the State chose next to the narrative answer (the secretariat only by default).
          disclosure: question.type === "text" ? disclosureOf(a?.disclosure) : null,
        };
      }
    }
  }
}
