import { describe, expect, test } from "vitest";
import { defaultPeriodStart, fillPeriod, formatPeriodDate, PERIOD_PLACEHOLDER, sincePhrase } from "#app/cycles/period.ts";
import { PERIOD_PLACEHOLDER as COMPILER_PLACEHOLDER } from "#surveys/compiler/templates.ts";
import { localText } from "#app/questionnaires/labels.ts";
import { CycleSchema } from "#app/cycles/schemas.ts";

describe("the reporting period's default start", () => {
  test("the first cycle starts at the Declaration's adoption", () => {
    expect(defaultPeriodStart("2021-03-07", [], "2026-01-15")).toBe("2021-03-07");
  });
  test("a later cycle starts at the previous cycle's deadline", () => {
    const earlier = [
      { opensOn: "2024-01-10", deadline: "2024-06-30" },
      { opensOn: "2025-01-10", deadline: "2025-06-30" },
    ];
    expect(defaultPeriodStart("2021-03-07", earlier, "2026-01-15")).toBe("2025-06-30");
    // A cycle between the two takes the first one's deadline: the one after it is not "previous".
    expect(defaultPeriodStart("2021-03-07", earlier, "2024-09-01")).toBe("2024-06-30");
  });
  test("a cycle still running when the new one opens is not its previous one (cycles may overlap)", () => {
    const earlier = [
      { opensOn: "2024-01-10", deadline: "2024-06-30" },
      { opensOn: "2025-11-01", deadline: "2027-12-31" },
    ];
    expect(defaultPeriodStart("2021-03-07", earlier, "2026-01-01")).toBe("2024-06-30");
    expect(defaultPeriodStart("2021-03-07", earlier.slice(1), "2026-01-01")).toBe("2021-03-07");
  });
});

describe("'since <date>' in question texts", () => {
  test("the app fills the compiler's placeholder (one token on both sides)", () => {
    expect(COMPILER_PLACEHOLDER).toBe(PERIOD_PLACEHOLDER);
  });
  test("filled with the cycle's date in the reader's language", () => {
    const text = `What types of measures have been taken ${PERIOD_PLACEHOLDER}?`;
    expect(fillPeriod(text, "2021-03-07", "en")).toBe("What types of measures have been taken since 7 March 2021?");
    expect(fillPeriod(`Quels types de mesures ont été prises ${PERIOD_PLACEHOLDER} ?`, "2021-03-07", "fr")).toBe("Quels types de mesures ont été prises depuis le 7 mars 2021 ?");
    expect(sincePhrase("2021-03-07", "zh")).toBe("自2021年3月7日以来");
    expect(sincePhrase("2021-03-07", "ru")).toMatch(/^с 7 марта 2021/);
  });
  test("without a cycle (the declaration browser): since the start of the reporting period", () => {
    expect(fillPeriod(`Describe the measures taken ${PERIOD_PLACEHOLDER}.`, null, "en")).toBe("Describe the measures taken since the start of the reporting period.");
    expect(sincePhrase(undefined, "es")).toBe("desde el inicio del período que abarca el informe");
  });
  test("localText fills it in the language it falls back to, and leaves other texts alone", () => {
    const label = { en: `Measures taken ${PERIOD_PLACEHOLDER}?` };
    expect(localText(label, "fr", "2024-06-30")).toEqual({ text: "Measures taken since 30 June 2024?", lang: "en", fallback: true });
    expect(localText({ en: "No date here" }, "en", "2024-06-30").text).toBe("No date here");
  });
  test("a date is a calendar day: no time-zone shift", () => {
    expect(formatPeriodDate("2021-03-07", "en")).toBe("7 March 2021");
  });
});

describe("the cycle form's period start", () => {
  const form = { title: "Cycle 2027", versionId: "1", scopeKind: "all", opensOn: "2027-01-01", deadline: "2027-06-30", status: "draft" };
  test("optional: empty takes the default", () => {
    expect(CycleSchema.safeParse(form).success).toBe(true);
  });
  test("must come before the deadline", () => {
    const r = CycleSchema.safeParse({ ...form, periodStart: "2027-06-30" });
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]).toMatchObject({ path: ["periodStart"], message: "period.validation.startNotBeforeDeadline" });
    expect(CycleSchema.safeParse({ ...form, periodStart: "2025-06-30" }).success).toBe(true);
  });
});
