import crypto from "node:crypto";
import { and, desc, eq, inArray, lt, ne, sql } from "drizzle-orm";
import { getDb, type DB } from "#db/client.ts";
import { immediateTransaction, prepared, statement } from "#db/prepared.ts";
import { answers, cycles, questions, reports, reportSubmissions, users, type CycleScope } from "#db/schema/index.ts";
import { canonicalJson } from "#surveys/compiler/version.ts";
import { disclosureOf, type Disclosure } from "#app/reporting/disclosure.ts";
import { withoutRetiredQuestions } from "#app/reporting/retired-questions.ts";
import { clearedWhenNotApplicable, isNotApplicable, questionKeyOf } from "#app/reporting/not-applicable.ts";
import { REPORTING_CYCLE_STATUSES, type CycleStatus } from "#app/cycles/cycle-status.ts";
import { INITIAL_REPORT_STATUS, mayEdit, next, PREFILL_SOURCE_STATUSES, type ReportStatus } from "#app/reporting/lifecycle.ts";
import { answerValueSchema, isAnswered, paragraphState, sameValue, type AnswerValue } from "#app/reporting/answer-schemas.ts";
import type { SaveConflict } from "#app/reporting/answer-values.ts";
import type { Paragraph, Question, Questionnaire } from "#surveys/schema.ts";
import { recordAudit } from "#app/audit/audit.server.ts";
import { getQuestionnaireVersion } from "#app/questionnaires/questionnaires.server.ts";
import { recordCountedVersion } from "#app/insights/counted.server.ts";
import { clearReadyAfterChange } from "#app/reporting/handover.server.ts";

export interface ReportRow {
  id: number;
  cycleId: number;
  stateIso3: string;
  status: ReportStatus;
  submittedAt: Date | null;
  acceptedAt: Date | null;
  createdAt: Date;
}

export interface CycleRow {
  id: number;
  title: string;
  instrumentId: string;
  versionId: number;
  scope: CycleScope;
  opensOn: string;
  deadline: string;
  /** The reporting period's start (ISO date); null only where no migration filled it. */
  periodStart: string | null;
  status: CycleStatus;
}

const reportColumns = {
  id: reports.id,
  cycleId: reports.cycleId,
  stateIso3: reports.stateIso3,
  status: reports.status,
  submittedAt: reports.submittedAt,
  acceptedAt: reports.acceptedAt,
  createdAt: reports.createdAt,
};
const cycleColumns = {
  id: cycles.id,
  title: cycles.title,
  instrumentId: cycles.instrumentId,
  versionId: cycles.versionId,
  scope: cycles.scope,
  opensOn: cycles.opensOn,
  deadline: cycles.deadline,
  periodStart: cycles.periodStart,
  status: cycles.status,
};

const scopedCache = new WeakMap<Questionnaire, Map<string, Paragraph[]>>();

/**
 * The action paragraphs a cycle asks about, in document order. Worked out once per stored
 * questionnaire (cached per version, never changed) and scope, and frozen: every autosave
 * reads it.
 */
export function scopedParagraphs(q: Questionnaire, scope: CycleScope, scopeJson?: string): Paragraph[] {
  let byScope = scopedCache.get(q);
  if (!byScope) scopedCache.set(q, (byScope = new Map()));
  // The stored JSON text is the key when the caller has it (the same scope written another way
  // only makes a second entry with the same paragraphs).
  const key = scopeJson ?? JSON.stringify(scope);
  let paragraphs = byScope.get(key);
  if (!paragraphs) byScope.set(key, (paragraphs = Object.freeze(computeScopedParagraphs(q, scope)) as Paragraph[]));
  return paragraphs;
}

function computeScopedParagraphs(q: Questionnaire, scope: CycleScope): Paragraph[] {
  const actions = q.paragraphs.filter((p) => p.kind === "action" && p.questions.length > 0).map(withoutRetiredQuestions);
  switch (scope.kind) {
    case "all":
      return actions;
    case "pillars":
      return actions.filter((p) => p.pillarNumber !== null && scope.pillars.includes(p.pillarNumber));
    case "themes":
      return actions.filter((p) => p.themeNumber !== null && scope.themes.includes(p.themeNumber));
    case "paragraphs":
      return actions.filter((p) => scope.refs.includes(p.ref));
  }
}

export interface ReportContext {
  report: ReportRow;
  cycle: CycleRow;
  questionnaire: Questionnaire;
  paragraphs: Paragraph[];
}

/** A report with its cycle and the questionnaire it answers. No access check: callers guard. */
export async function getReportContext(reportId: number): Promise<ReportContext | null> {
  // Every autosave asks: one raw statement, prepared once (db/prepared.ts `statement`).
  const raw = statement<RawReportContextRow, [number]>(
    getDb(),
    `select r.id, r.cycle_id as cycleId, r.state_iso3 as stateIso3, r.status, r.submitted_at as submittedAt, r.accepted_at as acceptedAt,
       r.created_at as createdAt, c.id as c_id, c.title as c_title, c.instrument_id as c_instrumentId, c.version_id as c_versionId,
       c.scope as c_scope, c.opens_on as c_opensOn, c.deadline as c_deadline, c.period_start as c_periodStart, c.status as c_status
     from reports r inner join cycles c on c.id = r.cycle_id where r.id = ?`,
  ).get(reportId);
  if (!raw) return null;
  const report: ReportRow = {
    id: raw.id,
    cycleId: raw.cycleId,
    stateIso3: raw.stateIso3,
    status: raw.status,
    submittedAt: raw.submittedAt === null ? null : new Date(raw.submittedAt),
    acceptedAt: raw.acceptedAt === null ? null : new Date(raw.acceptedAt),
    createdAt: new Date(raw.createdAt),
  };
  const cycle: CycleRow = {
    id: raw.c_id,
    title: raw.c_title,
    instrumentId: raw.c_instrumentId,
    versionId: raw.c_versionId,
    scope: JSON.parse(raw.c_scope) as CycleScope,
    opensOn: raw.c_opensOn,
    deadline: raw.c_deadline,
    periodStart: raw.c_periodStart,
    status: raw.c_status,
  };
  const questionnaire = await getQuestionnaireVersion(cycle.versionId);
  if (!questionnaire) return null;
  return { report, cycle, questionnaire, paragraphs: scopedParagraphs(questionnaire, cycle.scope, raw.c_scope) };
}

/** A report and its cycle as stored (instants in milliseconds, the scope as JSON text). */
interface RawReportContextRow {
  id: number;
  cycleId: number;
  stateIso3: string;
  status: ReportStatus;
  submittedAt: number | null;
  acceptedAt: number | null;
  createdAt: number;
  c_id: number;
  c_title: string;
  c_instrumentId: string;
  c_versionId: number;
  c_scope: string;
  c_opensOn: string;
  c_deadline: string;
  c_periodStart: string | null;
  c_status: CycleStatus;
}

export interface StoredAnswer {
  questionId: string;
  paragraphRef: string;
  value: AnswerValue;
  revision: number;
  updatedAt: Date;
  updatedByName: string | null;
  prefilledFromCycleId: number | null;
  /** Prefilled from a cycle whose questionnaire version asked the question differently. */
  prefillReview: boolean;
  disclosure: Disclosure | null;
}

export async function getAnswers(reportId: number, paragraphRef?: string): Promise<Map<string, StoredAnswer>> {
  const where = paragraphRef
    ? and(eq(answers.reportId, reportId), eq(answers.paragraphRef, paragraphRef))
    : eq(answers.reportId, reportId);
  const rows = getDb()
    .select({
      questionId: answers.questionId,
      paragraphRef: answers.paragraphRef,
      value: answers.value,
      revision: answers.revision,
      updatedAt: answers.updatedAt,
      updatedByName: users.name,
      prefilledFromCycleId: answers.prefilledFromCycleId,
      prefillReview: answers.prefillReview,
      disclosure: answers.disclosure,
    })
    .from(answers)
    .leftJoin(users, eq(users.id, answers.updatedBy))
    .where(where)
    .all();
  return new Map(rows.map((r) => [r.questionId, { ...r, value: r.value as AnswerValue }]));
}

/** Answers of one paragraph keyed by question key (what the completeness rules read). */
export function answersByKey(paragraph: Paragraph, stored: Map<string, StoredAnswer>): Record<string, unknown> {
  return Object.fromEntries(paragraph.questions.map((q) => [q.key, stored.get(q.id)?.value ?? null]));
}

export interface Progress {
  paragraphs: number;
  complete: number;
  inProgress: number;
  requiredMissing: number;
}

export function progressOf(paragraphs: Paragraph[], stored: Map<string, StoredAnswer>): Progress {
  let complete = 0;
  let inProgress = 0;
  let requiredMissing = 0;
  for (const p of paragraphs) {
    const { state, missing } = paragraphState(p.questions, answersByKey(p, stored));
    if (state === "complete") complete++;
    else if (state === "in_progress") inProgress++;
    requiredMissing += missing.length;
  }
  return { paragraphs: paragraphs.length, complete, inProgress, requiredMissing };
}

/** Open cycles, with this State's report for each (if one was started) and its progress. */
export async function listCyclesForState(stateIso3: string) {
  const db = getDb();
  const open = db.select(cycleColumns).from(cycles).where(inArray(cycles.status, REPORTING_CYCLE_STATUSES)).orderBy(cycles.deadline).all();
  const result = [];
  for (const cycle of open) {
    const report = db
      .select(reportColumns)
      .from(reports)
      .where(and(eq(reports.cycleId, cycle.id), eq(reports.stateIso3, stateIso3)))
      .get();
    let progress: Progress | null = null;
    if (report) {
      const q = await getQuestionnaireVersion(cycle.versionId);
      if (q) progress = progressOf(scopedParagraphs(q, cycle.scope), await getAnswers(report.id));
    }
    result.push({ cycle, report: report ?? null, progress });
  }
  return result;
}

export async function getCycle(cycleId: number): Promise<CycleRow | undefined> {
  return getDb().select(cycleColumns).from(cycles).where(eq(cycles.id, cycleId)).get();
}

/**
 * The State's report for a cycle, created the first time one of its users opens the cycle.
 * A new report starts from the answers of the State's latest submitted or accepted report
 * for an earlier cycle of the same instrument, each marked with the cycle it came from.
 */
/**
 * A status of the status edition → the stage of the same meaning, where there is one: nothing
 * done ("not started" → "no action planned"), decided but not adopted ("planned"), and "not
 * applicable". "In progress", "largely" and "fully implemented" say nothing of adoption or
 * operation: no stage is carried for them, and the question is marked to be checked.
 */
export const STATUS_TO_STAGE: Readonly<Record<string, string>> = { not_started: "no_action", planned: "planned", not_applicable: "not_applicable" };

export async function openReport(cycle: CycleRow, stateIso3: string, userId: number, ip: string | null): Promise<number> {
  const db = getDb();
  return db.transaction((tx) => {
    const existing = tx
      .select({ id: reports.id })
      .from(reports)
      .where(and(eq(reports.cycleId, cycle.id), eq(reports.stateIso3, stateIso3)))
      .get();
    if (existing) return existing.id;
    const now = new Date();
    const report = tx
      .insert(reports)
      .values({ cycleId: cycle.id, stateIso3, status: INITIAL_REPORT_STATUS, createdAt: now })
      .returning({ id: reports.id })
      .get();
    recordAudit(tx, {
      actorUserId: userId,
      action: "report.created",
      entityType: "report",
      entityId: report.id,
      reportId: report.id,
      newValue: { status: INITIAL_REPORT_STATUS, cycleId: cycle.id, stateIso3 },
      ip,
      at: now,
    });
    const previous = tx
      .select({ id: reports.id, cycleId: reports.cycleId, versionId: cycles.versionId })
      .from(reports)
      .innerJoin(cycles, eq(cycles.id, reports.cycleId))
      .where(
        and(
          eq(reports.stateIso3, stateIso3),
          eq(cycles.instrumentId, cycle.instrumentId),
          ne(reports.cycleId, cycle.id),
          // Only an earlier cycle: one that opened before this one.
          lt(cycles.opensOn, cycle.opensOn),
          inArray(reports.status, PREFILL_SOURCE_STATUSES),
        ),
      )
      .orderBy(desc(reports.submittedAt))
      .get();
    if (previous) {
      const old = tx
        .select({ questionId: answers.questionId, paragraphRef: answers.paragraphRef, value: answers.value })
        .from(answers)
        .where(eq(answers.reportId, previous.id))
        .all();
      // Across questionnaire versions, answers map by question id (instrument, paragraph, key):
      // an unchanged question takes its answer as it was; a changed one takes it when the answer
      // is still valid, marked for review; a question the new version no longer asks takes nothing.
      const definitions = (versionId: number) =>
        new Map(
          tx
            .select({ id: questions.id, definition: questions.definition })
            .from(questions)
            .where(eq(questions.versionId, versionId))
            .all()
            .map((r) => [r.id, r.definition]),
        );
      const asked = definitions(cycle.versionId);
      const askedBefore = previous.versionId === cycle.versionId ? asked : definitions(previous.versionId);
      let copied = 0;
      let review = 0;
      let notCarried = 0;
      // The status edition's six-level status → the anchored stages (STATUS_TO_STAGE).
      const stagesOf = (ref: string) => [...asked.values()].filter((q) => q.id.startsWith(`${cycle.instrumentId}.p${ref}.`) && (q.key === "stage" || q.key.endsWith(".stage")));
      for (const a of old) {
        if (!isAnswered(a.value)) continue;
        const question = asked.get(a.questionId);
        if (!question && a.questionId.endsWith(".status") && typeof a.value === "string") {
          const targets = stagesOf(a.paragraphRef);
          if (targets.length === 0) {
            notCarried++;
            continue;
          }
          const mapped = STATUS_TO_STAGE[a.value];
          for (const target of targets) {
            if (asked.has(target.id) && old.some((o) => o.questionId === target.id)) continue;
            // Carried as it was only where the meaning is unchanged and the paragraph is asked as a
            // whole; a paragraph's status copied to each of its elements is a guess, to be checked;
            // a status with no stage of the same meaning leaves the stage empty, to be checked.
            const check = mapped === undefined || target.element !== undefined;
            tx.insert(answers)
              .values({ reportId: report.id, questionId: target.id, paragraphRef: a.paragraphRef, value: mapped ?? null, revision: 1, updatedAt: now, updatedBy: null, prefilledFromCycleId: previous.cycleId, prefillReview: check })
              .run();
            if (check) review++;
            copied++;
          }
          continue;
        }
        if (!question) {
          notCarried++;
          continue;
        }
        const earlier = askedBefore.get(a.questionId);
        const unchanged = earlier !== undefined && canonicalJson(earlier) === canonicalJson(question);
        if (!unchanged && !answerValueSchema(question).safeParse(a.value).success) {
          notCarried++;
          continue;
        }
        if (!unchanged) review++;
        tx.insert(answers)
          .values({
            reportId: report.id,
            questionId: a.questionId,
            paragraphRef: a.paragraphRef,
            value: a.value,
            revision: 1,
            updatedAt: now,
            updatedBy: null,
            prefilledFromCycleId: previous.cycleId,
            prefillReview: !unchanged,
          })
          .run();
        copied++;
      }
      recordAudit(tx, {
        actorUserId: userId,
        action: "report.prefilled",
        entityType: "report",
        entityId: report.id,
        reportId: report.id,
        newValue: { fromReportId: previous.id, fromCycleId: previous.cycleId, answers: copied, toReview: review, notCarried },
        ip,
        at: now,
      });
    }
    return report.id;
  });
}

export interface AnswerChange {
  question: Question;
  paragraphRef: string;
  value: AnswerValue;
  /** The revision the editor started from; 0 when there was no answer yet. */
  baseRevision: number;
  /** A narrative answer's disclosure as chosen next to it (undefined: leave it as it is). */
  disclosure?: Disclosure;
}

export type Conflict = SaveConflict<Date>;

export interface SaveResult {
  /** key → revision now stored, for every question of the save that is not in conflict. */
  revisions: Record<string, number>;
  changed: string[];
  conflicts: Conflict[];
  savedAt: Date;
  /** Carried-over answers confirmed as they were (`confirmPrefilled`). */
  confirmed: number;
  /** Keys of the answers cleared because their paragraph is not applicable. */
  cleared: string[];
}

/** A submit token already used for another report: the form was not this report's. */
export class SubmitTokenError extends Error {
  constructor() {
    super("This submission form belongs to another report: reload this report's check page and submit again.");
  }
}

/**
 * A placeholder in an update's `set`: drizzle's runtime wraps it in a parameter encoded by the
 * column (as for inserts), but its types accept only values there.
 */
const setParam = <T>(name: string) => sql.placeholder(name) as unknown as T;

/** A save's writes: inside drizzle's transaction, or on the connection inside `immediateTransaction`. */
type WriteTx = Parameters<Parameters<DB["transaction"]>[0]>[0] | DB;

export class ReportLockedError extends Error {
  constructor(public readonly status: ReportStatus) {
    super(`The report is ${status}: answers can no longer be changed.`);
  }
}

/**
 * Save answers in one transaction. An answer saved on an older revision than the stored one
 * is refused as a conflict (never a silent overwrite); unchanged answers are left alone;
 * every change is audited with its old and new value. Prefill marks are cleared on save
 * (the editor has seen the answer and kept or changed it). `summaryAudit` adds one more audit
 * row for the whole save (e.g. a workbook import: how many answers were saved, which were
 * not), in the same transaction.
 */
export async function saveAnswers(
  reportId: number,
  userId: number,
  changes: AnswerChange[],
  ip: string | null,
  options: {
    confirmPrefilled?: boolean;
    summaryAudit?: { action: string };
    /** The time of the save (benchmarks and tests); now by default. */
    now?: Date;
  } = {},
): Promise<SaveResult> {
  const db = getDb();
  const now = options.now ?? new Date();
  // better-sqlite3's own transaction, taken once per connection (drizzle's builds a transaction
  // object over the whole schema on every call, a measurable share of an autosave; issue 16).
  // Queries on `db` inside it join it: they run on the same connection.
  const tx = db;
  return immediateTransaction(db, () => {
    // The hot statements are raw and prepared once (db/prepared.ts `statement`): an autosave
    // runs them hundreds of times a second.
    const report = statement<{ status: ReportStatus }, [number]>(db, "select status from reports where id = ?").get(reportId);
    if (!report) throw new Error(`No report ${reportId}`);
    if (!mayEdit(report.status)) throw new ReportLockedError(report.status);
    const result: SaveResult = { revisions: {}, changed: [], conflicts: [], savedAt: now, confirmed: 0, cleared: [] };
    // One read for every answer of the save, not one per question.
    const rows =
      changes.length === 1
        ? statement<RawAnswerRow, [number, string]>(db, `select ${RAW_ANSWER_COLUMNS} from answers where report_id = ? and question_id = ?`)
            .all(reportId, changes[0]!.question.id)
            .map(answerOfRaw)
        : changes.length
          ? tx
              .select({
                id: answers.id,
                questionId: answers.questionId,
                value: answers.value,
                revision: answers.revision,
                updatedAt: answers.updatedAt,
                updatedBy: answers.updatedBy,
                prefilled: answers.prefilledFromCycleId,
                disclosure: answers.disclosure,
              })
              .from(answers)
              .where(and(eq(answers.reportId, reportId), inArray(answers.questionId, changes.map((c) => c.question.id))))
              .all()
          : [];
    const byQuestion = new Map(rows.map((r) => [r.questionId, r]));
    const changedRefs = new Set<string>();
    /** One change; `forced`: cleared because its paragraph is not applicable (no revision check). */
    const apply = (c: AnswerChange, forced: boolean): void => {
      const stored = byQuestion.get(c.question.id);
      const storedRevision = stored?.revision ?? 0;
      const storedValue = (stored?.value ?? null) as AnswerValue;
      if (sameValue(storedValue, c.value)) {
        if (stored && stored.prefilled !== null && options.confirmPrefilled) {
          tx.update(answers).set({ prefilledFromCycleId: null, prefillReview: false }).where(eq(answers.id, stored.id)).run();
          recordAudit(tx, {
            actorUserId: userId,
            action: "answer.confirmed",
            entityType: "answer",
            entityId: c.question.id,
            reportId,
            paragraphRef: c.paragraphRef,
            questionId: c.question.id,
            newValue: storedValue,
            ip,
            at: now,
          });
          result.confirmed++;
        }
        if (stored && c.disclosure !== undefined && disclosureOf(stored.disclosure) !== c.disclosure) {
          tx.update(answers).set({ disclosure: c.disclosure }).where(eq(answers.id, stored.id)).run();
          auditDisclosure(tx, { userId, reportId, change: c, old: disclosureOf(stored.disclosure), ip, now });
          changedRefs.add(c.paragraphRef);
        }
        result.revisions[c.question.key] = storedRevision;
        return;
      }
      if (!forced && storedRevision !== c.baseRevision) {
        result.conflicts.push({
          key: c.question.key,
          questionId: c.question.id,
          theirs: storedValue,
          theirRevision: storedRevision,
          updatedAt: stored!.updatedAt,
          // Only a conflict needs the other editor's name.
          updatedByName: stored!.updatedBy ? (tx.select({ name: users.name }).from(users).where(eq(users.id, stored!.updatedBy)).get()?.name ?? null) : null,
          mine: c.value,
        });
        return;
      }
      const revision = storedRevision + 1;
      const disclosureChanged = c.disclosure !== undefined && disclosureOf(stored?.disclosure) !== c.disclosure;
      if (stored && disclosureChanged) {
        tx.update(answers)
          .set({ value: c.value, revision, updatedAt: now, updatedBy: userId, prefilledFromCycleId: null, prefillReview: false, disclosure: c.disclosure })
          .where(eq(answers.id, stored.id))
          .run();
      } else if (stored) {
        // The usual autosave: one raw statement, prepared once.
        statement(db, "update answers set value = ?, revision = ?, updated_at = ?, updated_by = ?, prefilled_from_cycle_id = null, prefill_review = 0 where id = ?").run(
          jsonText(c.value),
          revision,
          now.getTime(),
          userId,
          stored.id,
        );
      } else {
        prepared(db, "answer-insert", (d) =>
          d
            .insert(answers)
            .values({
              reportId: sql.placeholder("reportId"),
              questionId: sql.placeholder("questionId"),
              paragraphRef: sql.placeholder("paragraphRef"),
              value: sql.placeholder("value"),
              revision: setParam<number>("revision"),
              updatedAt: setParam<Date>("updatedAt"),
              updatedBy: setParam<number>("updatedBy"),
              disclosure: sql.placeholder("disclosure"),
            })
            .prepare(),
        ).run({ reportId, questionId: c.question.id, paragraphRef: c.paragraphRef, value: c.value, revision, updatedAt: now, updatedBy: userId, disclosure: disclosureChanged ? c.disclosure! : null });
      }
      if (disclosureChanged) auditDisclosure(tx, { userId, reportId, change: c, old: disclosureOf(stored?.disclosure), ip, now });
      recordAudit(tx, {
        actorUserId: userId,
        action: "answer.changed",
        entityType: "answer",
        entityId: c.question.id,
        reportId,
        paragraphRef: c.paragraphRef,
        questionId: c.question.id,
        oldValue: storedValue,
        newValue: c.value,
        oldRevision: storedRevision,
        newRevision: revision,
        ip,
        at: now,
      });
      result.revisions[c.question.key] = revision;
      result.changed.push(c.question.key);
      if (forced) result.cleared.push(c.question.key);
      changedRefs.add(c.paragraphRef);
        };
    // The status and its reason first: what they leave stored decides whether a paragraph is
    // not applicable; then the other answers, cleared (never stored) in a not-applicable one.
    for (const c of changes) if (!clearedWhenNotApplicable(c.question.key)) apply(c, false);
    const notApplicable = notApplicableParagraphs(tx, reportId, [...new Set(changes.map((c) => c.paragraphRef))]);
    for (const c of changes) {
      if (!clearedWhenNotApplicable(c.question.key)) continue;
      if (notApplicable.has(c.paragraphRef)) apply({ ...c, value: null }, true);
      else apply(c, false);
    }
    // Answers of a not-applicable paragraph that were not in this save are cleared too.
    for (const ref of notApplicable) {
      const sent = new Set(changes.filter((c) => c.paragraphRef === ref).map((c) => c.question.id));
      const rest = tx
        .select({ id: answers.id, questionId: answers.questionId, value: answers.value, revision: answers.revision })
        .from(answers)
        .where(and(eq(answers.reportId, reportId), eq(answers.paragraphRef, ref)))
        .all()
        .filter((r) => !sent.has(r.questionId) && clearedWhenNotApplicable(questionKeyOf(r.questionId)) && isAnswered(r.value as AnswerValue));
      for (const r of rest) {
        const revision = r.revision + 1;
        tx.update(answers).set({ value: null, revision, updatedAt: now, updatedBy: userId, prefilledFromCycleId: null, prefillReview: false }).where(eq(answers.id, r.id)).run();
        recordAudit(tx, {
          actorUserId: userId,
          action: "answer.changed",
          entityType: "answer",
          entityId: r.questionId,
          reportId,
          paragraphRef: ref,
          questionId: r.questionId,
          oldValue: r.value,
          newValue: null,
          oldRevision: r.revision,
          newRevision: revision,
          ip,
          at: now,
        });
        const key = questionKeyOf(r.questionId);
        result.revisions[key] = revision;
        result.changed.push(key);
        result.cleared.push(key);
        changedRefs.add(ref);
      }
    }
    if (result.cleared.length > 0) {
      recordAudit(tx, {
        actorUserId: userId,
        action: "paragraph.not_applicable_cleared",
        entityType: "report",
        entityId: reportId,
        reportId,
        newValue: { paragraphs: [...notApplicable], cleared: result.cleared },
        ip,
        at: now,
      });
    }
    // A paragraph marked ready for the focal point and changed since is no longer ready.
    clearReadyAfterChange(tx, reportId, [...changedRefs], userId, ip, now);
    if (options.summaryAudit) {
      recordAudit(tx, {
        actorUserId: userId,
        action: options.summaryAudit.action,
        entityType: "report",
        entityId: reportId,
        reportId,
        newValue: { answers: result.changed.length, notSaved: result.conflicts.map((c) => c.questionId) },
        ip,
        at: now,
      });
    }
    return result;
  });
}

/** An answer row as the save reads it, raw (JSON as text, instants as milliseconds). */
interface RawAnswerRow {
  id: number;
  questionId: string;
  value: string | null;
  revision: number;
  updatedAt: number;
  updatedBy: number | null;
  prefilled: number | null;
  disclosure: Disclosure | null;
}
const RAW_ANSWER_COLUMNS =
  "id, question_id as questionId, value, revision, updated_at as updatedAt, updated_by as updatedBy, prefilled_from_cycle_id as prefilled, disclosure";

/** As drizzle would map it (answers.value is JSON text, updated_at an instant). */
function answerOfRaw(r: RawAnswerRow) {
  return { ...r, value: r.value === null ? null : (JSON.parse(r.value) as unknown), updatedAt: new Date(r.updatedAt) };
}

/** A value for a JSON text column, as drizzle writes it (null stays SQL NULL). */
const jsonText = (value: unknown): string | null => (value === null || value === undefined ? null : JSON.stringify(value));

/** The paragraphs (of `refs`) whose stored answers say not applicable (app/reporting/not-applicable.ts). */
function notApplicableParagraphs(tx: WriteTx, reportId: number, refs: string[]): Set<string> {
  if (refs.length === 0) return new Set();
  const byRef = new Map<string, Record<string, unknown>>();
  const columns = { ref: answers.paragraphRef, questionId: answers.questionId, value: answers.value };
  // One paragraph (every autosave): a statement prepared once.
  const rows =
    refs.length === 1
      ? statement<{ ref: string; questionId: string; value: string | null }, [number, string]>(
          getDb(),
          "select paragraph_ref as ref, question_id as questionId, value from answers where report_id = ? and paragraph_ref = ?",
        )
          .all(reportId, refs[0]!)
          .map((r) => ({ ...r, value: r.value === null ? null : (JSON.parse(r.value) as unknown) }))
      : tx.select(columns).from(answers).where(and(eq(answers.reportId, reportId), inArray(answers.paragraphRef, refs))).all();
  for (const r of rows) byRef.set(r.ref, { ...byRef.get(r.ref), [questionKeyOf(r.questionId)]: r.value });
  return new Set([...byRef].filter(([, byKey]) => isNotApplicable(byKey)).map(([ref]) => ref));
}

/** Who may read a narrative answer changed: audited with the old and the new level. */
function auditDisclosure(
  tx: WriteTx,
  o: { userId: number; reportId: number; change: AnswerChange; old: Disclosure; ip: string | null; now: Date },
) {
  recordAudit(tx, {
    actorUserId: o.userId,
    action: "answer.disclosure_changed",
    entityType: "answer",
    entityId: o.change.question.id,
    reportId: o.reportId,
    paragraphRef: o.change.paragraphRef,
    questionId: o.change.question.id,
    oldValue: o.old,
    newValue: o.change.disclosure,
    ip: o.ip,
    at: o.now,
  });
}

/** Canonical content of a report: every answer, sorted by question id. */
function canonicalContent(stored: Map<string, StoredAnswer>) {
  const entries = [...stored.values()]
    .filter((a) => isAnswered(a.value))
    .sort((a, b) => (a.questionId < b.questionId ? -1 : a.questionId > b.questionId ? 1 : 0))
    .map((a) => [a.questionId, a.value] as const);
  return Object.fromEntries(entries);
}

export interface Submission {
  id: number;
  reportId: number;
  submittedAt: Date;
  submittedByName: string;
  contentHash: string;
  answerCount: number;
  /** False when the same form token came again (a double click): the receipt already went out. */
  fresh?: boolean;
}

/**
 * Submit: freeze the report and keep a snapshot with its time and SHA-256 content hash.
 * The token makes it idempotent: the same token submits once and returns the same receipt.
 * Allowed where the lifecycle allows "submit" (a draft, or a report under clarification).
 */
export async function submitReport(
  reportId: number,
  userId: number,
  token: string,
  ip: string | null,
): Promise<Submission> {
  const db = getDb();
  const stored = await getAnswers(reportId);
  const content = canonicalContent(stored);
  const contentHash = crypto.createHash("sha256").update(JSON.stringify(content)).digest("hex");
  const { id, fresh } = db.transaction((tx) => {
    // The token is bound to its report: the same token again on the same report is a double
    // click (the same receipt); on another report it submits nothing and says so.
    const again = tx.select({ id: reportSubmissions.id, reportId: reportSubmissions.reportId }).from(reportSubmissions).where(eq(reportSubmissions.token, token)).get();
    if (again && again.reportId !== reportId) throw new SubmitTokenError();
    if (again) return { id: again.id, fresh: false };
    const report = tx.select({ status: reports.status }).from(reports).where(eq(reports.id, reportId)).get();
    if (!report) throw new Error(`No report ${reportId}`);
    const submitted = next("submit", report.status);
    if (!submitted) throw new ReportLockedError(report.status);
    const now = new Date();
    const row = tx
      .insert(reportSubmissions)
      .values({ reportId, token, submittedAt: now, submittedBy: userId, contentHash, content })
      .returning({ id: reportSubmissions.id })
      .get();
    tx.update(reports).set({ status: submitted, submittedAt: now }).where(eq(reports.id, reportId)).run();
    // The submitted version is the one that counts in the insights (until submitted again).
    recordCountedVersion(tx, reportId);
    recordAudit(tx, {
      actorUserId: userId,
      action: "report.submitted",
      entityType: "report",
      entityId: reportId,
      reportId,
      oldValue: { status: report.status },
      newValue: { status: submitted, contentHash, submissionId: row.id },
      ip,
      at: now,
    });
    return { id: row.id, fresh: true };
  });
  return { ...(await getSubmission(reportId, id))!, fresh };
}

export async function getSubmission(reportId: number, submissionId?: number): Promise<Submission | null> {
  const db = getDb();
  const where = submissionId
    ? and(eq(reportSubmissions.reportId, reportId), eq(reportSubmissions.id, submissionId))
    : eq(reportSubmissions.reportId, reportId);
  const row = db
    .select({
      id: reportSubmissions.id,
      reportId: reportSubmissions.reportId,
      submittedAt: reportSubmissions.submittedAt,
      submittedByName: users.name,
      contentHash: reportSubmissions.contentHash,
      content: reportSubmissions.content,
    })
    .from(reportSubmissions)
    .innerJoin(users, eq(users.id, reportSubmissions.submittedBy))
    .where(where)
    .orderBy(desc(reportSubmissions.id))
    .get();
  if (!row) return null;
  const { content, ...rest } = row;
  return { ...rest, answerCount: Object.keys(content).length };
}

