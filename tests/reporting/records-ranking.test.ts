import { describe, expect, test } from "vitest";
import { answerValueSchema, isAnswered, isPastCalendarDay, readFormValue } from "#app/reporting/answer-schemas.ts";
import { answerText } from "#app/reporting/answer-text.ts";
import type { Question } from "#surveys/schema.ts";

const legalRefs: Question = {
  id: "kyoto-2021.p35.fact_legal_refs",
  key: "fact_legal_refs",
  type: "records",
  required: false,
  label: { en: "Legal references" },
  maxItems: 3,
  fields: [
    { key: "title", kind: "text", maxLength: 500, label: { en: "Title" } },
    { key: "article", kind: "text", maxLength: 200, label: { en: "Article" } },
    { key: "year", kind: "year", maxLength: 4, label: { en: "Year adopted" } },
    { key: "link", kind: "link", maxLength: 2000, label: { en: "Link" } },
  ],
};
const priorities: Question = {
  id: "kyoto-2021.report.ta_priorities",
  key: "ta_priorities",
  type: "ranking",
  required: false,
  label: { en: "Priorities" },
  maxItems: 3,
  options: ["21", "35", "49", "81"].map((v) => ({ value: v, label: { en: `¶${v}` } })),
};

function form(entries: [string, string][]): FormData {
  const f = new FormData();
  for (const [k, v] of entries) f.append(k, v);
  return f;
}
const message = (q: Question, v: unknown) => {
  const r = answerValueSchema(q).safeParse(v);
  return r.success ? null : r.error.issues[0]!.message;
};

describe("technical-assistance priorities: distinct, at most three, in order", () => {
  test("three distinct paragraphs are kept in the order chosen", () => {
    expect(answerValueSchema(priorities).parse(["81", "21", "35"])).toEqual(["81", "21", "35"]);
  });
  test("the same paragraph twice is refused", () => {
    expect(message(priorities, ["81", "81"])).toBe("ranking.validation.duplicate");
  });
  test("a fourth paragraph is refused", () => {
    expect(message(priorities, ["81", "21", "35", "49"])).toBe("ranking.validation.tooMany");
  });
  test("a paragraph that is not offered is refused", () => {
    expect(message(priorities, ["99"])).toBe("validation.notAnOption");
  });
  test("the form's ranks close up: an empty first rank makes the second the first", () => {
    expect(readFormValue(priorities, form([["ta_priorities", ""], ["ta_priorities", "49"], ["ta_priorities", "21"]]))).toEqual(["49", "21"]);
    expect(readFormValue(priorities, form([["ta_priorities", ""], ["ta_priorities", ""], ["ta_priorities", ""]]))).toBeNull();
  });
  test("shown ranked", () => {
    expect(answerText(priorities, ["81", "21"], "en", (k) => k)).toBe("1. ¶81\n2. ¶21");
  });
});

describe("records: legal references", () => {
  test("rows left wholly empty are no rows; fields are trimmed, empty fields null", () => {
    const value = readFormValue(
      legalRefs,
      form([
        ["fact_legal_refs.0.title", " Penal Code "],
        ["fact_legal_refs.0.year", "2019"],
        ["fact_legal_refs.1.title", ""],
        ["fact_legal_refs.1.year", ""],
        ["fact_legal_refs.2.title", "Act on Victims"],
      ]),
    );
    expect(value).toEqual([
      { title: "Penal Code", article: null, year: "2019", link: null },
      { title: "Act on Victims", article: null, year: null, link: null },
    ]);
    expect(answerValueSchema(legalRefs).parse(value)).toEqual(value);
    expect(readFormValue(legalRefs, form([["fact_legal_refs.0.title", "  "]]))).toBeNull();
    expect(isAnswered(null)).toBe(false);
  });
  test("a year is four digits between 1800 and 2100", () => {
    expect(message(legalRefs, [{ title: "Penal Code", article: null, year: "19", link: null }])).toBe("records.validation.year");
    expect(message(legalRefs, [{ title: "Penal Code", article: null, year: "2101", link: null }])).toBe("records.validation.year");
    expect(message(legalRefs, [{ title: "Penal Code", article: null, year: "1998", link: null }])).toBeNull();
  });
  test("a link is a web address; a row is not empty; at most maxItems rows", () => {
    expect(message(legalRefs, [{ title: "Penal Code", article: null, year: null, link: "javascript:alert(1)" }])).toBe("records.validation.link");
    expect(message(legalRefs, [{ title: null, article: null, year: null, link: null }])).toBe("records.validation.emptyRow");
    const row = { title: "A law", article: null, year: null, link: null };
    expect(message(legalRefs, [row, row, row, row])).toBe("records.validation.tooMany");
  });
  test("a field the question does not have is refused", () => {
    expect(answerValueSchema(legalRefs).safeParse([{ title: "A law", colour: "red" }]).success).toBe(false);
  });
  test("shown one row a line, its filled fields labelled", () => {
    expect(answerText(legalRefs, [{ title: "Penal Code", article: "art. 5", year: "2019", link: null }], "en", (k) => k)).toBe("Title: Penal Code; Article: art. 5; Year adopted: 2019");
  });
});

describe("dates of adoption (the measures of an element, issue 12 item 3)", () => {
  const adoption: Question = {
    id: "kyoto-2021.p35.conditions.adoption",
    key: "conditions.adoption",
    element: "conditions",
    type: "records",
    required: false,
    maxItems: 3,
    label: { en: "Main measures and their dates of adoption" },
    fields: [
      { key: "title", kind: "text", maxLength: 500, label: { en: "Law, policy or plan" } },
      { key: "adopted_on", kind: "date", maxLength: 10, label: { en: "Date of adoption" } },
    ],
  };
  test("a date input's value (YYYY-MM-DD) is kept as posted", () => {
    const value = readFormValue(adoption, form([["conditions.adoption.0.title", "Prison Act"], ["conditions.adoption.0.adopted_on", "2022-06-30"]]));
    expect(value).toEqual([{ title: "Prison Act", adopted_on: "2022-06-30" }]);
    expect(message(adoption, value)).toBeNull();
  });
  test("a day that is not in the calendar, another format, a future day or a day before 1900 is refused", () => {
    for (const bad of ["2022-02-30", "30/06/2022", "2022-6-30", "1899-12-31", "9999-01-01"]) {
      expect(message(adoption, [{ title: "Prison Act", adopted_on: bad }]), bad).toBe("records.validation.date");
    }
    expect(message(adoption, [{ title: "Prison Act", adopted_on: "2024-02-29" }])).toBeNull();
  });
  test("isPastCalendarDay: today is allowed, tomorrow is not", () => {
    const today = new Date("2026-12-02T10:00:00Z");
    expect(isPastCalendarDay("2026-12-02", today)).toBe(true);
    expect(isPastCalendarDay("2026-12-03", today)).toBe(false);
  });
});
