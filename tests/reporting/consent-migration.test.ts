/**
 * One consent control per narrative answer (issue 11, item 1). Migration 0015 folds the three
 * old controls — the report-wide "Readable by" level, the per-answer override and the answer to
 * "May this good practice be shared?" — into one level per narrative answer, the strict way.
 * Its SQL is run here on every combination and compared with `migratedDisclosure`.
 */
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { describe, expect, test } from "vitest";
import { DISCLOSURE_LEVELS, migratedDisclosure, narrowest, readableLevels, type Disclosure } from "#app/reporting/disclosure.ts";
import { ROOT } from "#tests/setup/base-db.ts";

describe("the stricter reading", () => {
  test("wider than the secretariat only if the report level, the override and (for a good practice) a Yes all allowed it", () => {
    // The old rule let an override widen a report's level: no longer.
    expect(migratedDisclosure({ report: "secretariat", override: "public", goodPractice: false, consent: null })).toBe("secretariat");
    expect(migratedDisclosure({ report: "commission", override: "public", goodPractice: false, consent: null })).toBe("commission");
    expect(migratedDisclosure({ report: "public", override: "commission", goodPractice: false, consent: null })).toBe("commission");
    expect(migratedDisclosure({ report: "public", override: null, goodPractice: false, consent: null })).toBe("public");
    // A good practice needs the State's explicit Yes, whatever the levels said.
    expect(migratedDisclosure({ report: "public", override: "public", goodPractice: true, consent: "no" })).toBe("secretariat");
    expect(migratedDisclosure({ report: "public", override: null, goodPractice: true, consent: null })).toBe("secretariat");
    expect(migratedDisclosure({ report: "public", override: null, goodPractice: true, consent: "yes" })).toBe("public");
    expect(migratedDisclosure({ report: "secretariat", override: "public", goodPractice: true, consent: "yes" })).toBe("secretariat");
  });

  test("narrowest and who reads what", () => {
    expect(narrowest("public", "commission")).toBe("commission");
    expect(narrowest("secretariat", "public")).toBe("secretariat");
    expect(readableLevels("public")).toEqual(["public"]);
    expect(readableLevels("commission")).toEqual(["public", "commission"]);
    expect(readableLevels("secretariat")).toEqual(["public", "commission", "secretariat"]);
  });
});

describe("migration 0015 (SQL) on every combination", () => {
  test("gives what migratedDisclosure gives; choice answers carry no level", () => {
    const db = new Database(":memory:");
    db.exec(`
      create table cycles (id integer primary key, version_id integer not null);
      create table questions (version_id integer not null, id text not null, key text not null, type text not null);
      create table reports (id integer primary key, cycle_id integer not null, disclosure text not null);
      create table answers (id integer primary key, report_id integer not null, question_id text not null, value text, disclosure text);
      insert into cycles values (1, 7);
      insert into questions values (7, 'i.p1.description', 'description', 'text'), (7, 'i.p1.good_practice', 'good_practice', 'text'),
        (7, 'i.p1.good_practice_shareable', 'good_practice_shareable', 'yes_no'), (7, 'i.p1.status', 'status', 'single_choice');
    `);
    const overrides: (Disclosure | null)[] = [null, ...DISCLOSURE_LEVELS];
    const consents: (string | null)[] = [null, "yes", "no"];
    const expected = new Map<number, Disclosure | null>();
    let reportId = 0;
    let answerId = 0;
    const insertReport = db.prepare("insert into reports values (?, 1, ?)");
    const insertAnswer = db.prepare("insert into answers values (?, ?, ?, ?, ?)");
    for (const report of DISCLOSURE_LEVELS) {
      for (const override of overrides) {
        for (const consent of consents) {
          insertReport.run(++reportId, report);
          const description = ++answerId;
          insertAnswer.run(description, reportId, "i.p1.description", JSON.stringify("Words"), override);
          expected.set(description, migratedDisclosure({ report, override, goodPractice: false, consent }));
          const practice = ++answerId;
          insertAnswer.run(practice, reportId, "i.p1.good_practice", JSON.stringify("A practice"), override);
          expected.set(practice, migratedDisclosure({ report, override, goodPractice: true, consent }));
          const status = ++answerId;
          insertAnswer.run(status, reportId, "i.p1.status", JSON.stringify("planned"), override);
          expected.set(status, null);
          if (consent) {
            const shareable = ++answerId;
            insertAnswer.run(shareable, reportId, "i.p1.good_practice_shareable", JSON.stringify(consent), null);
            expected.set(shareable, null);
          }
        }
      }
    }
    const sql = fs.readFileSync(path.join(ROOT, "db/migrations/0015_consent_per_answer.sql"), "utf8");
    for (const statement of sql.split("--> statement-breakpoint")) if (statement.replace(/^--.*$/gm, "").trim()) db.exec(statement);
    const after = new Map((db.prepare("select id, disclosure from answers").all() as { id: number; disclosure: Disclosure | null }[]).map((r) => [r.id, r.disclosure]));
    expect(after).toEqual(expected);
    // Of the 36 good practices, only those with a Yes under a report and override that both allowed it leave the secretariat.
    const widened = [...after.entries()].filter(([id, d]) => d !== null && d !== "secretariat" && expected.get(id) === d).length;
    expect(widened).toBeGreaterThan(0);
    db.close();
  });
});
