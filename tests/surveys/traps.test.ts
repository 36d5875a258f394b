/**
 * Texts from other PDF-to-text converters (item 8 of issue 12): each trap has a short fixture of
 * its own under fixtures/traps/, and compiles with no text lost. Once the first paragraph has
 * begun, text that belongs to no item is a warning naming its line (and `surveys inspect` prints it).
 */
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { cleanText, normalizeSource } from "#surveys/compiler/clean.ts";
import { selectLines } from "#surveys/compiler/parse.ts";
import { compileSurveyFolderWithWarnings, loadSurveyFolder } from "#surveys/load.server.ts";
import { ROOT } from "./helpers.ts";

const TRAPS = path.join(ROOT, "tests/surveys/fixtures/traps");
const compileTrap = (name: string) => compileSurveyFolderWithWarnings(path.join(TRAPS, name));

/** Words of the declaration (from its first numbered paragraph on) that appear nowhere in the result. */
function lostWords(name: string): string[] {
  const folder = loadSurveyFolder(path.join(TRAPS, name));
  const { questionnaire: q, warnings } = compileTrap(name);
  const lines = selectLines(normalizeSource(readFileSync(path.join(TRAPS, name, "source.txt"), "utf8")), folder.config.source);
  const first = lines.findIndex((l) => /^\d+\.\s/.test(cleanText(l.text)));
  const kept = [
    ...q.paragraphs.flatMap((p) => [p.text.en, ...(p.footnotes ?? []).map((f) => `${f.marker} ${f.text}`)]),
    ...q.pillars.map((p) => p.title.en),
    ...q.themes.map((t) => t.title.en),
    ...warnings.map((w) => w.message),
  ].join(" ");
  const words = lines.slice(first).flatMap((l) => cleanText(l.text).match(/\p{L}{3,}/gu) ?? []);
  return words.filter((w) => !kept.includes(w));
}

const text = (name: string) => Object.fromEntries(compileTrap(name).questionnaire.paragraphs.map((p) => [p.ref, p.text.en]));

describe("compiler traps, each with a fixture of its own", () => {
  it("1. footnote markers written as <sup>digits</sup> leave the text and become footnotes", () => {
    const { questionnaire: q, warnings } = compileTrap("sup-digits");
    expect(warnings).toEqual([]);
    expect(q.paragraphs[0]!.text.en).toBe("We will apply the Nelson Mandela Rules in every port detention facility and report on them;");
    expect(q.paragraphs[0]!.footnotes).toEqual([
      { marker: "1", text: "General Assembly resolution 70/175, annex." },
      { marker: "12", text: "See the harbour statistics handbook." },
    ]);
    // The instrument is still recognised once the marker has gone.
    expect(q.paragraphs[0]!.questions.map((x) => x.key)).toContain("std_mandela_applied");
    expect(lostWords("sup-digits")).toEqual([]);
  });

  it("2. footnote markers written as <sup>letters</sup> are footnotes too", () => {
    const { questionnaire: q, warnings } = compileTrap("sup-letters");
    expect(warnings).toEqual([]);
    expect(q.paragraphs[0]!.text.en).toBe("We will train border officers in recognizing victims of trafficking;");
    expect(q.paragraphs[0]!.footnotes?.map((f) => f.marker)).toEqual(["a", "b"]);
    expect(q.paragraphs[1]!.footnotes).toBeUndefined();
    expect(lostWords("sup-letters")).toEqual([]);
  });

  it("3. a footnote body that begins with a <sup> marker is not glued into the paragraph it interrupts", () => {
    const { questionnaire: q, warnings } = compileTrap("sup-footnote-body");
    expect(warnings).toEqual([]);
    expect(text("sup-footnote-body")["1"]).toBe(
      "We will strengthen the protection of reporting persons and make confidential channels available to all public officials and members of the public;",
    );
    expect(q.paragraphs[0]!.footnotes).toEqual([{ marker: "3", text: "Persons who report offences in good faith to the competent authorities." }]);
    expect(lostWords("sup-footnote-body")).toEqual([]);
  });

  it("4. horizontal rules (---, * * *) are page separators: the paragraph they cut joins up", () => {
    expect(compileTrap("horizontal-rule").warnings).toEqual([]);
    expect(text("horizontal-rule")).toEqual({
      "1": "We will improve detention conditions in all facilities, including by reducing overcrowding and by ensuring access to health care for every detainee;",
      "2": "We will publish an annual report on detention.",
      "3": "We will invite independent monitors.",
    });
    expect(lostWords("horizontal-rule")).toEqual([]);
  });

  it("5. a markdown heading around the annex line (## **Annex**) matches the start marker; # headings are read as headings", () => {
    const { questionnaire: q, warnings } = compileTrap("heading-annex");
    expect(warnings).toEqual([]);
    expect(q.paragraphs.map((p) => p.text.en)).toEqual([
      "We will develop urban safety plans with local authorities;",
      "We will fund youth programmes in every district.",
    ]);
    expect(q.pillars.map((p) => p.title.en)).toEqual(["Preventing crime"]);
    expect(q.themes.map((t) => t.title.en)).toEqual(["Urban safety", "Youth"]);
    expect(lostWords("heading-annex")).toEqual([]);
  });

  it("6. emphasis around the annex line (**Annex**) and around headings is markup, not text", () => {
    const { questionnaire: q, warnings } = compileTrap("emphasis-annex");
    expect(warnings).toEqual([]);
    expect(q.paragraphs.map((p) => [p.text.en, p.theme])).toEqual([
      ["We will ensure access to legal aid for all who lack sufficient means;", "Legal aid"],
      ["We will promote proportionate sentencing guidelines.", "Sentencing"],
    ]);
    expect(lostWords("emphasis-annex")).toEqual([]);
  });

  it("7. a lettered subparagraph cut by a page break with footnotes between its halves is joined again", () => {
    const { questionnaire: q, warnings } = compileTrap("lettered-cut");
    expect(warnings).toEqual([]);
    const b = q.paragraphs.find((p) => p.ref === "1(b)")!;
    expect(b.text.en).toBe(
      "Trace every seized firearm through the channels of the International Criminal Police Organization and share the results of tracing with the country of manufacture;",
    );
    expect(b.footnotes?.map((f) => f.marker)).toEqual(["1", "2"]);
    expect(q.paragraphs.map((p) => p.ref)).toEqual(["1", "1(a)", "1(b)", "1(c)"]);
    expect(lostWords("lettered-cut")).toEqual([]);
  });

  it("8. text that belongs to no paragraph is never dropped silently: a warning names its line", () => {
    const { questionnaire: q, warnings } = compileTrap("dropped-block");
    expect(q.paragraphs.map((p) => p.ref)).toEqual(["1", "2", "3"]);
    expect(warnings).toEqual([
      {
        line: 9,
        message: expect.stringMatching(/^text that belongs to no paragraph is left out \(after paragraph 2, which ends complete\): "Page 2 of 3\. Delegations/),
      },
    ]);
    // The preamble before paragraph 1 is expected and not warned about.
    expect(warnings.some((w) => /Ministers/.test(w.message))).toBe(false);
  });

  it("surveys inspect prints the dropped-block warning with its line", { timeout: 60_000 }, () => {
    const out = execFileSync("npx", ["tsx", "surveys/cli.ts", "inspect", path.join(TRAPS, "dropped-block")], { cwd: ROOT, encoding: "utf8" });
    expect(out).toMatch(/warnings: 1\n {2}line 9: text that belongs to no paragraph is left out/);
  });
});
