/**
 * The State profile's Permanent Mission address (issue 14): set by the focal point, validated,
 * audited; the submission receipt also goes to it, in the language chosen for it.
 */
import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, test } from "vitest";
import { getCycle, getReportContext, openReport } from "#app/reporting/reports.server.ts";
import { noticeSubmitted } from "#app/review/notices.server.ts";
import { getStateProfile, setMissionContact } from "#app/states/profile.server.ts";
import { StateProfileSchema } from "#app/states/profile.ts";
import { findUserByEmail } from "#app/accounts/users.server.ts";
import { getDb } from "#db/client.ts";
import { auditEvents, outboxMessages } from "#db/schema/index.ts";
import { useTestDatabase } from "#tests/setup/test-db.ts";

const f = { fp: 0, report: 0 };
const MISSION = "mission.japan@example.org";
const toMission = () => getDb().select().from(outboxMessages).where(and(eq(outboxMessages.to, MISSION), eq(outboxMessages.kind, "submission_receipt"))).all();
const receipt = (reportId: number) => ({ id: 7, reportId, submittedAt: new Date("2026-12-01T10:00:00Z"), submittedByName: "Focal point", contentHash: "ab".repeat(32), answerCount: 3, fresh: true });

beforeAll(async () => {
  useTestDatabase();
  f.fp = (await findUserByEmail("focalpoint.jpn@example.org"))!.id;
  f.report = await openReport((await getCycle(1))!, "JPN", f.fp, null);
});

describe("the Permanent Mission's address", () => {
  test("the form accepts an address or nothing, and refuses anything else with its own message", () => {
    expect(StateProfileSchema.safeParse({ missionEmail: " mission@example.org ", missionLanguage: "es" }).data).toEqual({ missionEmail: "mission@example.org", missionLanguage: "es" });
    expect(StateProfileSchema.safeParse({ missionLanguage: "en" }).success).toBe(true);
    const bad = StateProfileSchema.safeParse({ missionEmail: "not an address", missionLanguage: "en" });
    expect(bad.error?.issues[0]?.message).toBe("stateProfile.badEmail");
    expect(StateProfileSchema.safeParse({ missionEmail: "a@example.org", missionLanguage: "de" }).error?.issues[0]?.message).toBe("stateProfile.badLanguage");
  });

  test("without an address, the receipt goes to the focal points only", async () => {
    await noticeSubmitted((await getReportContext(f.report))!, receipt(f.report));
    expect(toMission()).toHaveLength(0);
  });

  test("set by the focal point: audited, and the receipt also goes to the Mission, in Spanish", async () => {
    expect(setMissionContact("JPN", { email: MISSION, language: "es" }, f.fp, null)).toBe(true);
    expect(setMissionContact("JPN", { email: MISSION, language: "es" }, f.fp, null)).toBe(false);
    expect(getStateProfile("JPN", "en")!.mission).toEqual({ email: MISSION, language: "es" });
    const audit = getDb().select().from(auditEvents).where(and(eq(auditEvents.action, "state.mission_contact_changed"), eq(auditEvents.entityId, "JPN"))).all();
    expect(audit).toHaveLength(1);
    expect(audit[0]!.newValue).toEqual({ email: MISSION, language: "es" });
    await noticeSubmitted((await getReportContext(f.report))!, receipt(f.report));
    const mail = toMission();
    expect(mail).toHaveLength(1);
    expect(mail[0]!.language).toBe("es");
    expect(mail[0]!.body).toContain("Misión Permanente");
    expect(mail[0]!.body).toContain("ab".repeat(32));
    expect(mail[0]!.body).toContain(`/reports/${f.report}/print`);
  });

  test("cleared, the Mission gets nothing more", async () => {
    expect(setMissionContact("JPN", { email: null, language: "en" }, f.fp, null)).toBe(true);
    await noticeSubmitted((await getReportContext(f.report))!, receipt(f.report));
    expect(toMission()).toHaveLength(1);
  });
});
