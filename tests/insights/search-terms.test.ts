import { describe, expect, test } from "vitest";
import { englishStem, highlight, queryTerms } from "#app/insights/search-terms.ts";

describe("search terms", () => {
  test("English word forms meet on one stem that is a substring of each", () => {
    expect(englishStem("victims")).toBe("victim");
    expect(englishStem("victim")).toBe("victim");
    expect(englishStem("studies")).toBe("study");
    expect(englishStem("trained")).toBe("train");
    expect(englishStem("running")).toBe("run");
    expect(englishStem("prisons")).toBe("prison");
    expect(englishStem("process")).toBe("process");
    expect(englishStem("justice")).toBe("justice");
    // Other scripts are left alone.
    expect(englishStem("警务")).toBe("警务");
    expect(queryTerms("Victims studies")).toEqual([
      { word: "Victims", forms: ["victims", "victim"] },
      { word: "studies", forms: ["studies", "study", "stud"] },
    ]);
  });

  test("query syntax never reaches the index: quotes, stars and brackets are dropped", () => {
    expect(queryTerms('"a OR (b*)"').map((t) => t.word)).toEqual(["a", "OR", "b"]);
  });

  test("highlight marks whole words around the first match, with ellipses when cut", () => {
    const text = `${"Lorem ipsum dolor sit amet. ".repeat(20)}Support for victims of crime is central. ${"Consectetur adipiscing. ".repeat(20)}`;
    const segs = highlight(text, queryTerms("victim"), 200);
    expect(segs[0]).toEqual({ text: "…", hit: false });
    expect(segs.at(-1)).toEqual({ text: "…", hit: false });
    expect(segs.filter((s) => s.hit).map((s) => s.text)).toEqual(["victims"]);
    expect(segs.map((s) => s.text).join("")).not.toMatch(/[[\]]/);
  });
});
