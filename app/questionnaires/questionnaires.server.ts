import { and, asc, eq } from "drizzle-orm";
import { getDb } from "#db/client.ts";
import { instruments, paragraphs, questionnaireVersions, questions } from "#db/schema/index.ts";
import { REPORT_REF, type Label, type Paragraph, type Question, type Questionnaire } from "#surveys/schema.ts";

/**
 * Store a compiled questionnaire. Idempotent: a version already stored (same content hash)
 * is left as it is; a new version is added and becomes the instrument's current one.
 */
export async function saveQuestionnaire(q: Questionnaire): Promise<{ versionId: number; created: boolean }> {
  const db = getDb();
  return db.transaction((tx) => {
    tx.insert(instruments)
      .values({
        id: q.id,
        title: q.title,
        shortTitle: q.shortTitle,
        adoptedBy: q.adoptedBy,
        adoptedOn: q.adoptedOn,
        currentVersion: q.version,
      })
      .onConflictDoUpdate({
        target: instruments.id,
        set: { title: q.title, shortTitle: q.shortTitle, adoptedBy: q.adoptedBy, adoptedOn: q.adoptedOn, currentVersion: q.version },
      })
      .run();
    const existing = tx
      .select({ id: questionnaireVersions.id })
      .from(questionnaireVersions)
      .where(and(eq(questionnaireVersions.instrumentId, q.id), eq(questionnaireVersions.version, q.version)))
      .get();
    if (existing) return { versionId: existing.id, created: false };

    const version = tx
      .insert(questionnaireVersions)
      .values({ instrumentId: q.id, version: q.version, pillars: q.pillars, themes: q.themes })
      .returning({ id: questionnaireVersions.id })
      .get();
    for (const p of q.paragraphs) {
      tx.insert(paragraphs)
        .values({
          versionId: version.id,
          ref: p.ref,
          position: p.position,
          kind: p.kind,
          pillarNumber: p.pillarNumber,
          themeNumber: p.themeNumber,
          text: p.text,
          shortTitle: p.shortTitle ?? null,
          elements: p.elements ?? null,
          sdgTargets: p.sdgTargets ?? null,
          footnotes: p.footnotes ?? null,
        })
        .run();
      p.questions.forEach((question, i) => {
        tx.insert(questions)
          .values({
            versionId: version.id,
            id: question.id,
            paragraphRef: p.ref,
            position: i,
            key: question.key,
            type: question.type,
            required: question.required,
            definition: question,
          })
          .run();
      });
    }
    // Questions about the report as a whole: stored like a paragraph's, under REPORT_REF (no paragraph row).
    (q.reportQuestions ?? []).forEach((question, i) => {
      tx.insert(questions)
        .values({ versionId: version.id, id: question.id, paragraphRef: REPORT_REF, position: i, key: question.key, type: question.type, required: question.required, definition: question })
        .run();
    });
    return { versionId: version.id, created: true };
  });
}

export interface InstrumentSummary {
  id: string;
  title: Label;
  shortTitle: Label;
  adoptedBy: string;
  adoptedOn: string;
  version: string;
  paragraphCount: number;
  actionCount: number;
}

export async function listInstruments(): Promise<InstrumentSummary[]> {
  const db = getDb();
  const rows = db
    .select({
      id: instruments.id,
      title: instruments.title,
      shortTitle: instruments.shortTitle,
      adoptedBy: instruments.adoptedBy,
      adoptedOn: instruments.adoptedOn,
      version: instruments.currentVersion,
      versionId: questionnaireVersions.id,
    })
    .from(instruments)
    .innerJoin(
      questionnaireVersions,
      and(eq(questionnaireVersions.instrumentId, instruments.id), eq(questionnaireVersions.version, instruments.currentVersion)),
    )
    .orderBy(asc(instruments.adoptedOn))
    .all();
  return rows.map(({ versionId, ...r }) => {
    const kinds = db
      .select({ kind: paragraphs.kind })
      .from(paragraphs)
      .where(eq(paragraphs.versionId, versionId))
      .all();
    return { ...r, paragraphCount: kinds.length, actionCount: kinds.filter((k) => k.kind === "action").length };
  });
}

/** The current questionnaire of an instrument, rebuilt from the normalised tables. */
export async function getCurrentQuestionnaire(instrumentId: string): Promise<(Questionnaire & { versionId: number }) | undefined> {
  const db = getDb();
  const instrument = db.select().from(instruments).where(eq(instruments.id, instrumentId)).get();
  if (!instrument) return undefined;
  const version = db
    .select()
    .from(questionnaireVersions)
    .where(and(eq(questionnaireVersions.instrumentId, instrumentId), eq(questionnaireVersions.version, instrument.currentVersion)))
    .get();
  if (!version) return undefined;
  return { ...instrumentHeader(instrument), ...(await getQuestionnaireVersion(version.id))!, versionId: version.id };
}

function instrumentHeader(i: typeof instruments.$inferSelect) {
  return { id: i.id, title: i.title, shortTitle: i.shortTitle, adoptedBy: i.adoptedBy, adoptedOn: i.adoptedOn };
}

/** Stored versions never change, so each is read once per connection. */
const versionCache = new WeakMap<object, Map<number, Questionnaire>>();

/** A stored questionnaire version (the exact questions a cycle asks). */
export async function getQuestionnaireVersion(versionId: number): Promise<Questionnaire | undefined> {
  const db = getDb();
  let cache = versionCache.get(db);
  if (!cache) versionCache.set(db, (cache = new Map()));
  const cached = cache.get(versionId);
  if (cached) return cached;
  const loaded = readQuestionnaireVersion(versionId);
  if (loaded) cache.set(versionId, loaded);
  return loaded;
}

function readQuestionnaireVersion(versionId: number): Questionnaire | undefined {
  const db = getDb();
  const version = db.select().from(questionnaireVersions).where(eq(questionnaireVersions.id, versionId)).get();
  if (!version) return undefined;
  const instrument = db.select().from(instruments).where(eq(instruments.id, version.instrumentId)).get();
  if (!instrument) return undefined;
  const paragraphRows = db
    .select()
    .from(paragraphs)
    .where(eq(paragraphs.versionId, versionId))
    .orderBy(asc(paragraphs.position))
    .all();
  const questionRows = db
    .select({ paragraphRef: questions.paragraphRef, definition: questions.definition })
    .from(questions)
    .where(eq(questions.versionId, versionId))
    .orderBy(asc(questions.position))
    .all();
  const byParagraph = new Map<string, Question[]>();
  for (const q of questionRows) {
    const list = byParagraph.get(q.paragraphRef) ?? [];
    list.push(q.definition);
    byParagraph.set(q.paragraphRef, list);
  }
  const pillars = version.pillars;
  const themes = version.themes;
  const reportQuestions = byParagraph.get(REPORT_REF);
  return {
    ...instrumentHeader(instrument),
    version: version.version,
    pillars,
    themes,
    ...(reportQuestions ? { reportQuestions } : {}),
    paragraphs: paragraphRows.map(
      (p): Paragraph => ({
        ref: p.ref,
        position: p.position,
        kind: p.kind,
        pillarNumber: p.pillarNumber,
        pillar: pillars.find((x) => x.number === p.pillarNumber)?.title.en ?? null,
        themeNumber: p.themeNumber,
        theme: themes.find((x) => x.number === p.themeNumber)?.title.en ?? null,
        text: p.text,
        ...(p.shortTitle ? { shortTitle: p.shortTitle } : {}),
        ...(p.elements ? { elements: p.elements } : {}),
        ...(p.sdgTargets ? { sdgTargets: p.sdgTargets } : {}),
        ...(p.footnotes ? { footnotes: p.footnotes } : {}),
        questions: byParagraph.get(p.ref) ?? [],
      }),
    ),
  };
}
