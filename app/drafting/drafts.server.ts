/**
 * Stored drafts: generated once, edited section by section (with revisions and audit, like
 * answers), regenerated without losing what the secretariat wrote, released to the Commission.
 * Every change writes its audit row in the same transaction.
 */
import { and, asc, desc, eq, isNotNull } from "drizzle-orm";
import { getDb } from "#db/client.ts";
import { cycles, draftQuotes, draftSectionRevisions, draftSections, drafts, users, type DraftKind, type DraftScope, type DraftSentence } from "#db/schema/index.ts";
import { recordAudit } from "#app/audit/audit.server.ts";
import { generateDraft, type GeneratedDraft, type GeneratedSection } from "#app/drafting/generate.server.ts";

export interface NewDraft {
  cycleId: number;
  kind: DraftKind;
  lang: string;
  scope: DraftScope;
  title?: string;
  meetingDate?: string | null;
}

/** The figures of a section as comparable strings, by figure key. */
export function figureValues(sentences: DraftSentence[]): Map<string, { label: string; value: string }> {
  const out = new Map<string, { label: string; value: string }>();
  for (const s of sentences) for (const f of s.figures) out.set(f.key, { label: f.label, value: `${f.numerator} / ${f.denominator}` });
  return out;
}

/** What changed between two generations of a section: old and new numbers per figure. */
export function figureChanges(before: DraftSentence[], after: DraftSentence[]) {
  const a = figureValues(before);
  const b = figureValues(after);
  const keys = [...new Set([...a.keys(), ...b.keys()])];
  return keys
    .filter((k) => a.get(k)?.value !== b.get(k)?.value)
    .map((k) => ({ key: k, label: (b.get(k) ?? a.get(k))!.label, old: a.get(k)?.value ?? "—", new: b.get(k)?.value ?? "—" }));
}

async function picksOf(draftId: number): Promise<Map<string, Set<string>>> {
  const rows = getDb().select().from(draftQuotes).where(eq(draftQuotes.draftId, draftId)).all();
  const out = new Map<string, Set<string>>();
  for (const r of rows) {
    const set = out.get(r.paragraphRef) ?? new Set<string>();
    set.add(`${r.reportId}|${r.questionId}`);
    out.set(r.paragraphRef, set);
  }
  return out;
}

/** Generates and stores a new draft; null when the cycle does not exist. */
export async function createDraft(input: NewDraft, actorUserId: number, ip: string | null): Promise<number | null> {
  const gen = await generateDraft({ cycleId: input.cycleId, lang: input.lang, scope: input.scope, version: "internal", title: input.title });
  if (!gen) return null;
  const now = new Date();
  return getDb().transaction((tx) => {
    const draft = tx
      .insert(drafts)
      .values({ cycleId: input.cycleId, kind: input.kind, title: input.title?.trim() || gen.title, lang: gen.lang, scope: input.scope, meetingDate: input.meetingDate ?? null, createdBy: actorUserId, generatedAt: now })
      .returning({ id: drafts.id })
      .get();
    gen.sections.forEach((s, i) => {
      tx.insert(draftSections).values({ draftId: draft.id, key: s.key, position: i, level: s.level, heading: s.heading, generated: s.sentences, text: null, updatedAt: now, updatedBy: actorUserId }).run();
    });
    recordAudit(tx, { actorUserId, action: "draft.created", entityType: "draft", entityId: draft.id, newValue: { cycleId: input.cycleId, kind: input.kind, lang: gen.lang, scope: input.scope }, ip });
    return draft.id;
  });
}

export async function listDrafts(opts: { releasedOnly?: boolean } = {}) {
  return getDb()
    .select({ id: drafts.id, title: drafts.title, kind: drafts.kind, lang: drafts.lang, scope: drafts.scope, cycleId: drafts.cycleId, cycleTitle: cycles.title, generatedAt: drafts.generatedAt, releasedAt: drafts.releasedAt, meetingDate: drafts.meetingDate })
    .from(drafts)
    .innerJoin(cycles, eq(cycles.id, drafts.cycleId))
    .where(opts.releasedOnly ? isNotNull(drafts.releasedAt) : undefined)
    .orderBy(desc(drafts.id))
    .all();
}

export async function getDraft(id: number) {
  const draft = getDb()
    .select({ id: drafts.id, title: drafts.title, kind: drafts.kind, lang: drafts.lang, scope: drafts.scope, cycleId: drafts.cycleId, cycleTitle: cycles.title, meetingDate: drafts.meetingDate, generatedAt: drafts.generatedAt, releasedAt: drafts.releasedAt })
    .from(drafts)
    .innerJoin(cycles, eq(cycles.id, drafts.cycleId))
    .where(eq(drafts.id, id))
    .get();
  if (!draft) return null;
  const sections = getDb()
    .select({
      id: draftSections.id,
      key: draftSections.key,
      position: draftSections.position,
      level: draftSections.level,
      heading: draftSections.heading,
      generated: draftSections.generated,
      text: draftSections.text,
      revision: draftSections.revision,
      changes: draftSections.changes,
      updatedAt: draftSections.updatedAt,
      updatedByName: users.name,
    })
    .from(draftSections)
    .leftJoin(users, eq(users.id, draftSections.updatedBy))
    .where(eq(draftSections.draftId, id))
    .orderBy(asc(draftSections.position))
    .all();
  return { ...draft, sections };
}
export type StoredDraft = NonNullable<Awaited<ReturnType<typeof getDraft>>>;

export type SaveResult = { ok: true; revision: number } | { ok: false; conflict: { revision: number; text: string | null } } | { ok: false; notFound: true };

/**
 * Saves a section's text. `baseRevision` is the revision the editor started from: another
 * revision with another text is a conflict, returned with the stored text (never overwritten).
 * Saving the same text is a no-op. An empty text returns the section to its generated sentences.
 */
export async function saveSection(draftId: number, sectionId: number, text: string, baseRevision: number, actorUserId: number, ip: string | null): Promise<SaveResult> {
  const value = text.replace(/\r\n/g, "\n").trim() === "" ? null : text.replace(/\r\n/g, "\n");
  return getDb().transaction((tx) => {
    const current = tx.select().from(draftSections).where(and(eq(draftSections.id, sectionId), eq(draftSections.draftId, draftId))).get();
    if (!current) return { ok: false as const, notFound: true as const };
    if (current.text === value) return { ok: true as const, revision: current.revision };
    if (current.revision !== baseRevision) return { ok: false as const, conflict: { revision: current.revision, text: current.text } };
    const now = new Date();
    const revision = current.revision + 1;
    tx.update(draftSections).set({ text: value, revision, updatedAt: now, updatedBy: actorUserId }).where(eq(draftSections.id, sectionId)).run();
    tx.insert(draftSectionRevisions).values({ sectionId, revision, text: value, at: now, by: actorUserId }).run();
    recordAudit(tx, { actorUserId, action: "draft.section.saved", entityType: "draft_section", entityId: sectionId, oldValue: current.text, newValue: value, ip });
    return { ok: true as const, revision };
  }, { behavior: "immediate" });
}

export async function sectionRevisions(sectionId: number) {
  return getDb()
    .select({ revision: draftSectionRevisions.revision, text: draftSectionRevisions.text, at: draftSectionRevisions.at, byName: users.name })
    .from(draftSectionRevisions)
    .leftJoin(users, eq(users.id, draftSectionRevisions.by))
    .where(eq(draftSectionRevisions.sectionId, sectionId))
    .orderBy(desc(draftSectionRevisions.revision))
    .limit(50)
    .all();
}

/**
 * Regenerates from today's aggregates. Each section gets the new sentences; the secretariat's
 * text stays; a section whose figures differ from the previous generation is flagged with the
 * old and new numbers (until the secretariat marks it reviewed by saving). Returns the keys of
 * the flagged sections.
 */
export async function regenerateDraft(draftId: number, actorUserId: number, ip: string | null): Promise<string[] | null> {
  const draft = await getDraft(draftId);
  if (!draft) return null;
  const gen = await generateDraft({ cycleId: draft.cycleId, lang: draft.lang, scope: draft.scope, version: "internal", picks: await picksOf(draftId), title: draft.title });
  if (!gen) return null;
  const now = new Date();
  const flagged: string[] = [];
  const byKey = new Map(draft.sections.map((s) => [s.key, s]));
  getDb().transaction((tx) => {
    gen.sections.forEach((s, i) => {
      const old = byKey.get(s.key);
      if (!old) {
        tx.insert(draftSections).values({ draftId, key: s.key, position: i, level: s.level, heading: s.heading, generated: s.sentences, text: null, updatedAt: now, updatedBy: actorUserId }).run();
        return;
      }
      const changes = figureChanges(old.generated, s.sentences);
      if (changes.length) flagged.push(s.key);
      tx.update(draftSections)
        .set({ position: i, level: s.level, heading: s.heading, generated: s.sentences, changes: changes.length ? changes : old.changes })
        .where(eq(draftSections.id, old.id))
        .run();
    });
    tx.update(drafts).set({ generatedAt: now }).where(eq(drafts.id, draftId)).run();
    recordAudit(tx, { actorUserId, action: "draft.regenerated", entityType: "draft", entityId: draftId, newValue: { flagged }, ip });
  });
  return flagged;
}

/** The secretariat has looked at a flagged section: the flag goes, the audit keeps it. */
export async function acknowledgeChanges(draftId: number, sectionId: number, actorUserId: number, ip: string | null): Promise<boolean> {
  return getDb().transaction((tx) => {
    const current = tx.select({ changes: draftSections.changes }).from(draftSections).where(and(eq(draftSections.id, sectionId), eq(draftSections.draftId, draftId))).get();
    if (!current) return false;
    tx.update(draftSections).set({ changes: null }).where(eq(draftSections.id, sectionId)).run();
    recordAudit(tx, { actorUserId, action: "draft.section.changes_acknowledged", entityType: "draft_section", entityId: sectionId, oldValue: current.changes, ip });
    return true;
  });
}

export async function setReleased(draftId: number, released: boolean, actorUserId: number, ip: string | null): Promise<boolean> {
  return getDb().transaction((tx) => {
    const current = tx.select({ releasedAt: drafts.releasedAt }).from(drafts).where(eq(drafts.id, draftId)).get();
    if (!current) return false;
    tx.update(drafts).set(released ? { releasedAt: new Date(), releasedBy: actorUserId } : { releasedAt: null, releasedBy: null }).where(eq(drafts.id, draftId)).run();
    recordAudit(tx, { actorUserId, action: released ? "draft.released" : "draft.withdrawn", entityType: "draft", entityId: draftId, ip });
    return true;
  });
}

/** Replaces a paragraph's picked quotes. */
export async function setPicks(draftId: number, ref: string, picks: { reportId: number; questionId: string }[], actorUserId: number, ip: string | null): Promise<void> {
  const now = new Date();
  getDb().transaction((tx) => {
    tx.delete(draftQuotes).where(and(eq(draftQuotes.draftId, draftId), eq(draftQuotes.paragraphRef, ref))).run();
    for (const p of picks) tx.insert(draftQuotes).values({ draftId, paragraphRef: ref, reportId: p.reportId, questionId: p.questionId, pickedAt: now, pickedBy: actorUserId }).onConflictDoNothing().run();
    recordAudit(tx, { actorUserId, action: "draft.quotes.picked", entityType: "draft", entityId: draftId, paragraphRef: ref, newValue: picks, ip });
  });
}

export async function pickedQuotes(draftId: number, ref: string): Promise<Set<string>> {
  return (await picksOf(draftId)).get(ref) ?? new Set();
}

/** The draft as a generated document in one version, with the stored edits and picks. */
export async function draftForExport(draft: StoredDraft, version: "internal" | "public"): Promise<{ gen: GeneratedDraft; edits: Map<string, string | null> } | null> {
  const gen = await generateDraft({ cycleId: draft.cycleId, lang: draft.lang, scope: draft.scope, version, picks: await picksOf(draft.id), title: draft.title });
  if (!gen) return null;
  // The stored sections decide the headings and order; the internal version keeps the stored
  // generation (what the secretariat reviewed), the public one its own, suppressed, sentences.
  const stored = new Map(draft.sections.map((s) => [s.key, s]));
  const sections: GeneratedSection[] = gen.sections.map((s) => {
    const st = stored.get(s.key);
    return version === "internal" && st ? { ...s, sentences: st.generated } : s;
  });
  return { gen: { ...gen, sections }, edits: new Map(draft.sections.map((s) => [s.key, s.text])) };
}
