import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, test } from "vitest";
import {
  AGGREGATED_STATUSES,
  allows,
  eventsFrom,
  EXPORTABLE_STATUSES,
  hasBeenSubmitted,
  isReviewDecision,
  mayEdit,
  next,
  PREFILL_SOURCE_STATUSES,
  REPORT_STATUSES,
  REPORT_TRANSITIONS,
  REVIEW_DECISIONS,
  SUBMITTED_STATUSES,
  type ReportEvent,
} from "#app/reporting/lifecycle.ts";
import { inboxStatus, inboxSubmitted } from "#app/review/inbox-status.ts";

describe("report lifecycle", () => {
  test("the moves, status by status", () => {
    expect(Object.fromEntries(REPORT_STATUSES.map((s) => [s, eventsFrom(s)]))).toEqual({
      draft: ["submit"],
      submitted: ["request_clarification", "accept"],
      clarification_requested: ["submit"],
      accepted: ["reopen"],
    });
    expect(next("submit", "draft")).toBe("submitted");
    expect(next("submit", "clarification_requested")).toBe("submitted");
    expect(next("accept", "submitted")).toBe("accepted");
    expect(next("reopen", "accepted")).toBe("clarification_requested");
    // The secretariat never rejects nor takes a report back to a draft; it cannot accept what the State is still changing.
    expect(next("accept", "clarification_requested")).toBeNull();
    expect(next("accept", "draft")).toBeNull();
    expect(REPORT_STATUSES.some((s) => (Object.keys(REPORT_TRANSITIONS) as ReportEvent[]).some((e) => next(e, s) === "draft"))).toBe(false);
  });

  test("the secretariat's decisions are exactly the moves it makes", () => {
    expect([...REVIEW_DECISIONS].sort()).toEqual((Object.keys(REPORT_TRANSITIONS) as ReportEvent[]).filter(isReviewDecision).sort());
    expect(REVIEW_DECISIONS.every((d) => REPORT_TRANSITIONS[d].by === "secretariat")).toBe(true);
  });

  test("who may do what", () => {
    expect(REPORT_STATUSES.filter(mayEdit)).toEqual(["draft", "clarification_requested"]);
    expect(SUBMITTED_STATUSES).toEqual(["submitted", "clarification_requested", "accepted"]);
    expect(EXPORTABLE_STATUSES).not.toContain("draft");
    // Every submitted report counts in the insights; the review gates nothing (ADR 011).
    expect(AGGREGATED_STATUSES).toEqual(["submitted", "clarification_requested", "accepted"]);
    expect(PREFILL_SOURCE_STATUSES).toEqual(["submitted", "accepted"]);
    expect(hasBeenSubmitted("draft")).toBe(false);
    expect(allows("submit", "accepted")).toBe(false);
  });

  test("the inbox maps a missing report and a draft, and counts submitted ones", () => {
    expect([null, ...REPORT_STATUSES].map((s) => inboxStatus(s))).toEqual(["not_started", "in_progress", "submitted", "clarification_requested", "accepted"]);
    expect((["not_started", "in_progress", "submitted", "clarification_requested", "accepted"] as const).filter(inboxSubmitted)).toEqual(["submitted", "clarification_requested", "accepted"]);
  });
});

describe("the lifecycle rules are written in one module only", () => {
  const ROOT = fileURLToPath(new URL("../..", import.meta.url));
  const files = (dir: string): string[] =>
    readdirSync(dir).flatMap((name) => {
      const full = path.join(dir, name);
      return statSync(full).isDirectory() ? files(full) : /\.tsx?$/.test(name) ? [full] : [];
    });
  const S = `(?:draft|submitted|clarification_requested|accepted)`;
  const rules = [
    { what: "a list of report statuses", re: new RegExp(`\\[\\s*"${S}"\\s*,\\s*"${S}"`) },
    { what: "a status literal in SQL", re: new RegExp(`status\\s*(?:=|in\\s*\\()\\s*'${S}'`) },
    { what: "a comparison with a report status", re: /status\s*[!=]==\s*"(?:submitted|accepted|clarification_requested)"|report\.status\s*[!=]==\s*"draft"/ },
  ];

  test.each(["app", "db"])("no file of %s/ but app/reporting/lifecycle.ts spells them out", (dir) => {
    const offenders = files(path.join(ROOT, dir))
      .filter((f) => !f.endsWith(path.join("app", "reporting", "lifecycle.ts")) && !f.includes(`${path.sep}migrations${path.sep}`))
      .flatMap((f) =>
        readFileSync(f, "utf8")
          .split("\n")
          .flatMap((line, i) => rules.filter((r) => r.re.test(line)).map((r) => `${path.relative(ROOT, f)}:${i + 1} ${r.what}`)),
      );
    expect(offenders).toEqual([]);
  });

  // The cycle statuses likewise live in app/cycles/cycle-status.ts only.
  const C = `(?:draft|open|closed)`;
  const cycleRules = [
    { what: "a list of cycle statuses", re: new RegExp(`\\[\\s*"${C}"\\s*,\\s*"${C}"\\s*,\\s*"${C}"`) },
    { what: "a cycle status literal in SQL", re: /cycles?\.status\s*(?:=|in\s*\()\s*'(?:open|closed)'|eq\(cycles\.status,\s*"/ },
    { what: "a comparison with a cycle status", re: /status\s*[!=]==\s*"(?:open|closed)"|cycle\.status\s*[!=]==\s*"draft"/ },
  ];

  test.each(["app", "db"])("no file of %s/ but app/cycles/cycle-status.ts spells out cycle statuses", (dir) => {
    const offenders = files(path.join(ROOT, dir))
      .filter((f) => !f.endsWith(path.join("app", "cycles", "cycle-status.ts")) && !f.includes(`${path.sep}migrations${path.sep}`))
      .flatMap((f) =>
        readFileSync(f, "utf8")
          .split("\n")
          .flatMap((line, i) => cycleRules.filter((r) => r.re.test(line)).map((r) => `${path.relative(ROOT, f)}:${i + 1} ${r.what}`)),
      );
    expect(offenders).toEqual([]);
  });

  test("the patterns catch what they are meant to catch", () => {
    const caught = (line: string) => [...rules, ...cycleRules].filter((r) => r.re.test(line)).map((r) => r.what);
    expect(caught('if (cycle.status !== "open") notFound();')).toEqual(["a comparison with a cycle status"]);
    expect(caught('where(eq(cycles.status, "open"))')).toEqual(["a cycle status literal in SQL"]);
    expect(caught('enum: ["draft", "open", "closed"]')).toEqual(["a list of cycle statuses"]);
    expect(caught('report.status === "draft"')).toEqual(["a comparison with a report status"]);
    expect(caught('{status === "clarification_requested" ? (')).toEqual(["a comparison with a report status"]);
    expect(caught("isOpenForReporting(cycle.status)")).toEqual([]);
  });
});
