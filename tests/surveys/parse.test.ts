/** The small pure pieces of the compiler: cleaning, blocks, glued headings, kinds, canonical JSON. */
import { describe, expect, it } from "vitest";
import { cleanText, endsComplete, isFootnoteBody } from "#surveys/compiler/clean.ts";
import { splitGluedHeading } from "#surveys/compiler/parse.ts";
import { jsonErrorOffset } from "#surveys/compiler/json-position.ts";
import { canonicalJson, kindFor, parseSurveyConfig } from "#surveys/index.ts";

describe("cleanText", () => {
  it("strips emphasis, links, escapes and footnote markers", () => {
    expect(cleanText("resolution [155 C \\(VII\\)](#) of 1948")).toBe("resolution 155 C (VII) of 1948");
    expect(cleanText("the *modi operandi* and **bold** text")).toBe("the modi operandi and bold text");
    expect(cleanText("Convention,¹⁸ in timber; Strategy¹⁶ in; Rules);⁹ and ⁰x")).toBe("Convention, in timber; Strategy in; Rules); and x");
  });

  it("recognises footnote bodies and complete sentences", () => {
    expect(isFootnoteBody("¹⁶ General Assembly resolution [60/288](#).")).toBe(true);
    expect(isFootnoteBody("16. Strengthen")).toBe(false);
    expect(endsComplete("…and other relevant global and regional forums;")).toBe(true);
    expect(endsComplete("…principles of international law,")).toBe(false);
    expect(endsComplete("…within the framework of the")).toBe(false);
  });
});

describe("splitGluedHeading", () => {
  it("splits a heading glued to the emphasised heading after it", () => {
    expect(splitGluedHeading("…all forms of crime*International cooperation, including through capacity-building*")).toEqual([
      "…all forms of crime",
      "International cooperation, including through capacity-building",
    ]);
  });
  it("leaves ordinary and wholly emphasised headings alone", () => {
    expect(splitGluedHeading("Access to legal aid")).toEqual(["Access to legal aid"]);
    expect(splitGluedHeading("*Access to legal aid*")).toEqual(["*Access to legal aid*"]);
    expect(splitGluedHeading("Access to *legal aid*")).toEqual(["Access to *legal aid*"]);
  });
});

describe("kindFor", () => {
  const { kinds } = parseSurveyConfig({
    id: "x",
    title: { en: "X" },
    shortTitle: { en: "X" },
    adoptedBy: "x",
    adoptedOn: "2020-01-01",
    kinds: { default: "undertaking", ranges: [{ from: 5, to: 9, kind: "action" }], refs: { "7(b)": "follow-up", "8": "preamble" } },
  });
  it("takes exact refs first, then the paragraph's ref, then ranges, then the default", () => {
    expect(kindFor({ ref: "7(b)", number: 7 }, kinds)).toBe("follow-up");
    expect(kindFor({ ref: "7(a)", number: 7 }, kinds)).toBe("action");
    expect(kindFor({ ref: "8(a)", number: 8 }, kinds)).toBe("preamble");
    expect(kindFor({ ref: "12", number: 12 }, kinds)).toBe("undertaking");
  });
});

describe("canonicalJson", () => {
  it("sorts keys at every level and drops undefined", () => {
    expect(canonicalJson({ b: 1, a: [{ d: 2, c: undefined, b: null }] })).toBe('{"a":[{"b":null,"d":2}],"b":1}');
  });
});

describe("jsonErrorOffset", () => {
  it("finds the first character that breaks the JSON grammar", () => {
    expect(jsonErrorOffset('{"a": 1}')).toBeUndefined();
    expect(jsonErrorOffset('[1, 2.5e3, "x\\n\\u00e9", true, null, {"b": []}]')).toBeUndefined();
    expect(jsonErrorOffset('{\n  "id": "x",\n  oops\n}')).toBe(17);
    expect(jsonErrorOffset('{"a": 1,}')).toBe(8);
    expect(jsonErrorOffset('{"a": 1')).toBe(7);
    expect(jsonErrorOffset('{"a": tru}')).toBe(9);
    expect(jsonErrorOffset("")).toBe(0);
    expect(jsonErrorOffset("{} x")).toBe(3);
  });
});
