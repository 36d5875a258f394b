import { execFileSync } from "node:child_process";
import path from "node:path";
import Database from "better-sqlite3";
import { beforeAll, describe, expect, test } from "vitest";
import { buildBaseDatabase, ROOT, TMP } from "../setup/base-db.ts";

const file = path.join(TMP, `seed-twice-${process.pid}.db`);

function counts() {
  const db = new Database(file, { readonly: true });
  try {
    const one = (sql: string) => (db.prepare(sql).get() as { n: number }).n;
    return {
      states: one("select count(*) n from member_states"),
      groups: one("select count(distinct regional_group) n from member_states"),
      instruments: one("select count(*) n from instruments"),
      versions: one("select count(*) n from questionnaire_versions"),
      paragraphs: one("select count(*) n from paragraphs"),
      questions: one("select count(*) n from questions"),
      users: one("select count(*) n from users"),
      cycles: one("select count(*) n from cycles"),
      byGroup: db.prepare("select regional_group g, count(*) n from member_states group by 1 order by 1").all(),
    };
  } finally {
    db.close();
  }
}

describe("database: migrate a fresh file, seed twice", () => {
  beforeAll(() => {
    buildBaseDatabase(file, { statusEdition: false }); // migrate + seed once, as a fresh deployment does
  }, 120_000); // two child processes (tsx): slow on a busy machine

  test("a fresh database holds the 193 Member States in the five regional groups", () => {
    const c = counts();
    expect(c.states).toBe(193);
    expect(c.groups).toBe(5);
    expect(c.byGroup).toEqual([
      { g: "african", n: 54 },
      { g: "asia_pacific", n: 54 },
      { g: "eastern_european", n: 23 },
      { g: "latin_american_caribbean", n: 33 },
      { g: "weog", n: 29 },
    ]);
    expect(c.instruments).toBe(1);
    expect(c.paragraphs).toBe(97);
    expect(c.users).toBe(6);
    expect(c.cycles).toBe(1);
  });

  test("seeding again changes no count", () => {
    const before = counts();
    execFileSync(path.join(ROOT, "node_modules/.bin/tsx"), ["scripts/seed.ts"], {
      cwd: ROOT,
      env: { ...process.env, DATABASE_PATH: file },
      stdio: "pipe",
    });
    expect(counts()).toEqual(before);
  }, 60_000); // a child process (tsx): slow on a busy machine

  test("the database runs in WAL mode with foreign keys enforced", () => {
    const db = new Database(file);
    try {
      expect(db.pragma("journal_mode", { simple: true })).toBe("wal");
      expect(db.pragma("foreign_key_check")).toEqual([]);
    } finally {
      db.close();
    }
  });

  test("Member States carry codes and names in the six UN languages", () => {
    const db = new Database(file, { readonly: true });
    try {
      const japan = db.prepare("select * from member_states where iso3 = 'JPN'").get();
      expect(japan).toMatchObject({
        iso2: "JP",
        m49: "392",
        name_en: "Japan",
        name_fr: "Japon",
        name_ar: "اليابان",
        name_zh: "日本",
        regional_group: "asia_pacific",
      });
      // Observer States are not Member States.
      expect(db.prepare("select count(*) n from member_states where iso3 in ('VAT','PSE')").get()).toEqual({ n: 0 });
    } finally {
      db.close();
    }
  });
});
