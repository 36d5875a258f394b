/** F11: control characters in search and filter parameters get a 200 and a message, never a 500. */
import { beforeAll, describe, expect, test } from "vitest";
import { findUserByEmail } from "#app/accounts/users.server.ts";
import { loader as goodPractices } from "#app/routes/insights.good-practices.tsx";
import { loader as reviewInbox } from "#app/routes/review._index.tsx";
import { cleanSearchParams } from "#app/utils/search-params.ts";
import { buildInsightsCycle } from "#tests/setup/insights-data.ts";
import { callRoute, getRequest, sessionCookie } from "#tests/setup/route-helpers.ts";
import { useTestDatabase } from "#tests/setup/test-db.ts";

let secretariat = "";

beforeAll(async () => {
  useTestDatabase();
  // One report here: let a one-report cycle show its (consented, public) good practice.
  process.env.INSIGHTS_MIN_REPORTS = "1";
  const adminId = (await findUserByEmail("admin@example.org"))!.id;
  const secId = (await findUserByEmail("secretariat@example.org"))!.id;
  secretariat = await sessionCookie(secId);
  await buildInsightsCycle({
    title: "F11 search",
    refs: ["21"],
    status: "closed",
    actorUserId: adminId,
    reviewerUserId: secId,
    plans: [{ iso3: "MEX", fate: "accepted", level: "public", answers: { "21.status": "in_progress", "21.good_practice": "Community policing with schools", "21.good_practice_shareable": "yes" } }],
  });
});

const NASTY = ["%00", "police%00", "%00%22", "po%0Alice", "%E2%80%A8police", "%1B[31mpolice", "%7F%7F%7F"];

describe("F11: control characters in search parameters", () => {
  test.each(NASTY)("good practices ?q=%s: 200 with a message", async (q) => {
    const outcome = await callRoute(goodPractices, { request: getRequest(`/insights/good-practices?q=${q}`) });
    expect(outcome.status).toBe(200);
    expect((outcome.body as { cleaned: boolean }).cleaned).toBe(true);
  });

  test("the cleaned words are still searched", async () => {
    const outcome = await callRoute(goodPractices, { request: getRequest("/insights/good-practices?q=policing%00") });
    const results = (outcome.body as { results: { state: string; segments: { text: string }[] }[] }).results;
    expect(results.map((r) => r.state)).toEqual(["Mexico"]);
    expect(results[0]!.segments.map((s) => s.text).join("")).toMatch(/policing/);
  });

  test.each(NASTY)("the secretariat's inbox ?q=%s: 200 with a message", async (q) => {
    const outcome = await callRoute(reviewInbox, { request: getRequest(`/review?q=${q}&status=%00`, secretariat) });
    expect(outcome.status).toBe(200);
    expect((outcome.body as { cleaned: boolean }).cleaned).toBe(true);
  });

  test("clean parameters are left alone and say nothing", () => {
    expect(cleanSearchParams(new URL("http://x/?q=Viet%20Nam&cycle=2"))).toEqual({ params: { q: "Viet Nam", cycle: "2" }, cleaned: false });
  });
});
