/**
 * One consent control per narrative answer, saved with the answer (paragraph page post and
 * autosave), audited, and the only thing the insights read: a good practice reaches the public
 * or the Commission only with the State's explicit choice.
 */
import crypto from "node:crypto";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { countAuditEvents } from "#app/audit/audit.server.ts";
import { createCycle } from "#app/cycles/cycles.server.ts";
import { disclosedNarratives } from "#app/insights/aggregates.server.ts";
import { searchPractices } from "#app/insights/search.server.ts";
import { getAnswers, getCycle, openReport, submitReport } from "#app/reporting/reports.server.ts";
import { findUserByEmail } from "#app/accounts/users.server.ts";
import * as paragraphRoute from "#app/routes/reports.$reportId.$ref.tsx";
import * as autosaveRoute from "#app/routes/reports.$reportId.$ref.autosave.tsx";
import { callRoute, postRequest, sessionCookie } from "#tests/setup/route-helpers.ts";
import { useTestDatabase } from "#tests/setup/test-db.ts";

const SHARED = "CONSENT-shared: lighthouse mediation for neighbours";
const KEPT = "CONSENT-kept: a practice left at the default";
let fpId: number;
let previousMin: string | undefined;

beforeAll(async () => {
  useTestDatabase();
  previousMin = process.env.INSIGHTS_MIN_REPORTS;
  // One report is enough here: this file tests consent, not the small-cycle rule.
  process.env.INSIGHTS_MIN_REPORTS = "1";
  fpId = (await findUserByEmail("focalpoint.jpn@example.org"))!.id;
});
afterAll(() => {
  if (previousMin === undefined) delete process.env.INSIGHTS_MIN_REPORTS;
  else process.env.INSIGHTS_MIN_REPORTS = previousMin;
});

describe("who may read a narrative answer", () => {
  test("chosen next to the answer, saved with it, audited; the insights and search show it only to whom it allows", async () => {
    const demo = (await getCycle(1))!;
    const cycleId = await createCycle({ title: "Consent cycle", instrumentId: demo.instrumentId, versionId: demo.versionId, scope: { kind: "paragraphs", refs: ["21", "35"] }, opensOn: "2026-01-01", deadline: "2027-01-01", status: "open" }, fpId, null);
    const reportId = await openReport((await getCycle(cycleId))!, "JPN", fpId, null);
    const cookie = await sessionCookie(fpId);
    const audits = await countAuditEvents("answer.disclosure_changed");

    // Paragraph 35: a good practice the State shares with the public (plain form post).
    const saved = await callRoute(paragraphRoute.action, {
      request: postRequest(`/reports/${reportId}/35`, { cookie, body: { intent: "save", status: "in_progress", "rev.status": "0", good_practice: SHARED, "rev.good_practice": "0", "disclose.good_practice": "public" } }),
      params: { reportId: String(reportId), ref: "35" },
    });
    expect(saved.status).toBe(302);
    // Paragraph 21: one left at the default (the form sends the default radio as it is).
    const kept = await callRoute(autosaveRoute.action, {
      request: postRequest(`/reports/${reportId}/21/autosave`, { cookie, body: { intent: "autosave", status: "planned", "rev.status": "0", good_practice: KEPT, "rev.good_practice": "0", "disclose.good_practice": "secretariat" } }),
      params: { reportId: String(reportId), ref: "21" },
    });
    expect(kept.status).toBe(200);
    const stored = await getAnswers(reportId);
    expect(stored.get("kyoto-2021.p35.good_practice")?.disclosure).toBe("public");
    expect(stored.get("kyoto-2021.p21.good_practice")?.disclosure ?? null).toBeNull();
    expect(stored.get("kyoto-2021.p35.status")?.disclosure ?? null).toBeNull();
    expect(await countAuditEvents("answer.disclosure_changed")).toBe(audits + 1);

    await submitReport(reportId, fpId, crypto.randomUUID(), null);
    const read = async (viewer: "public" | "commission" | "secretariat") => (await disclosedNarratives([cycleId], viewer, { questionKeys: ["good_practice"] })).map((n) => n.value);
    expect(await read("public")).toEqual([SHARED]);
    expect(await read("commission")).toEqual([SHARED]);
    expect((await read("secretariat")).sort()).toEqual([KEPT, SHARED].sort());
    const search = (viewer: "public" | "secretariat") => searchPractices({ cycleIds: [cycleId], viewer, page: 1, pageSize: 20 }).results.length;
    expect(search("public")).toBe(1);
    expect(search("secretariat")).toBe(2);
  });

  test("narrowing takes effect at once; a choice with the same text is still saved and audited", async () => {
    const demo = (await getCycle(1))!;
    const cycleId = await createCycle({ title: "Consent cycle 2", instrumentId: demo.instrumentId, versionId: demo.versionId, scope: { kind: "paragraphs", refs: ["35"] }, opensOn: "2026-01-01", deadline: "2027-01-01", status: "open" }, fpId, null);
    const reportId = await openReport((await getCycle(cycleId))!, "JPN", fpId, null);
    const cookie = await sessionCookie(fpId);
    const post = (body: Record<string, string>) =>
      callRoute(autosaveRoute.action, { request: postRequest(`/reports/${reportId}/35/autosave`, { cookie, body: { intent: "autosave", ...body } }), params: { reportId: String(reportId), ref: "35" } });
    expect((await post({ status: "planned", "rev.status": "0", description: "Our words", "rev.description": "0", "disclose.description": "commission" })).status).toBe(200);
    expect((await getAnswers(reportId)).get("kyoto-2021.p35.description")?.disclosure).toBe("commission");
    // Same text, narrower choice: saved without a new revision of the text.
    const narrowed = await post({ description: "Our words", "rev.description": "1", "disclose.description": "secretariat" });
    expect(narrowed.body).toMatchObject({ changed: [], revisions: { description: 1 } });
    expect((await getAnswers(reportId)).get("kyoto-2021.p35.description")?.disclosure).toBe("secretariat");
  });
});
