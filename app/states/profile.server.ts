/**
 * A State's profile (issue 14): the Permanent Mission's optional e-mail address, which also
 * gets the submission receipt, in the language chosen for it. Set by the State's focal point
 * or an admin; every change audited in the same transaction.
 */
import { eq } from "drizzle-orm";
import { getDb } from "#db/client.ts";
import { memberStates } from "#db/schema/index.ts";
import { recordAudit } from "#app/audit/audit.server.ts";
import { nameColumn } from "#app/states/member-states.server.ts";

export interface MissionContact {
  email: string | null;
  language: string;
}

export function getStateProfile(iso3: string, lang: string): { iso3: string; name: string; mission: MissionContact } | null {
  const row = getDb()
    .select({ iso3: memberStates.iso3, name: nameColumn(lang), email: memberStates.missionEmail, language: memberStates.missionLanguage })
    .from(memberStates)
    .where(eq(memberStates.iso3, iso3))
    .get();
  if (!row) return null;
  return { iso3: row.iso3, name: row.name, mission: { email: row.email, language: row.language ?? "en" } };
}

/** Set (or clear, with null) the Permanent Mission's address. Returns whether anything changed. */
export function setMissionContact(iso3: string, next: MissionContact, userId: number, ip: string | null): boolean {
  const db = getDb();
  return db.transaction((tx) => {
    const before = tx.select({ email: memberStates.missionEmail, language: memberStates.missionLanguage }).from(memberStates).where(eq(memberStates.iso3, iso3)).get();
    if (!before) return false;
    const email = next.email?.trim() || null;
    const language = email ? next.language : null;
    if (before.email === email && (before.language ?? null) === language) return false;
    tx.update(memberStates).set({ missionEmail: email, missionLanguage: language }).where(eq(memberStates.iso3, iso3)).run();
    recordAudit(tx, {
      actorUserId: userId,
      action: "state.mission_contact_changed",
      entityType: "member_state",
      entityId: iso3,
      oldValue: { email: before.email, language: before.language },
      newValue: { email, language },
      ip,
    });
    return true;
  }, { behavior: "immediate" });
}
