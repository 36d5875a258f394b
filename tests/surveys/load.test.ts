/** Reading an instrument folder: every problem is a SurveyFolderError naming the file (and line). */
import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { compileSurveyFolder, loadSurveyFolder, SurveyFolderError } from "#surveys/load.server.ts";
import { KYOTO, removeTempFolders, tempFolder } from "./helpers.ts";

afterAll(removeTempFolders);

const kyotoConfig = readFileSync(path.join(KYOTO, "config.json"), "utf8");
const kyotoSource = readFileSync(path.join(KYOTO, "source.txt"), "utf8");
const minimalConfig = {
  id: "mini",
  title: { en: "Mini Declaration" },
  shortTitle: { en: "Mini" },
  adoptedBy: "A test",
  adoptedOn: "2020-01-01",
};

function errorOf(fn: () => unknown): SurveyFolderError {
  try {
    fn();
  } catch (error) {
    if (error instanceof SurveyFolderError) return error;
    throw error;
  }
  throw new Error("expected a SurveyFolderError");
}

describe("loadSurveyFolder / compileSurveyFolder errors", () => {
  it("names a missing folder", () => {
    const e = errorOf(() => loadSurveyFolder("/definitely/not/here"));
    expect(e.message).toBe("/definitely/not/here: folder not found");
  });

  it("names a missing config.json", () => {
    const dir = tempFolder({ "source.txt": "1. Text;" });
    const e = errorOf(() => loadSurveyFolder(dir));
    expect(e.file).toBe(path.join(dir, "config.json"));
    expect(e.message).toMatch(/config\.json: file not found$/);
  });

  it("names a missing source.txt", () => {
    const dir = tempFolder({ "config.json": JSON.stringify(minimalConfig) });
    expect(errorOf(() => loadSurveyFolder(dir)).message).toMatch(/source\.txt: file not found$/);
  });

  it("gives the line and column of a JSON syntax error", () => {
    const dir = tempFolder({ "source.txt": "1. Text;", "config.json": '{\n  "id": "mini",\n  "title" { "en": "Mini" }\n}\n' });
    const e = errorOf(() => loadSurveyFolder(dir));
    expect(e.line).toBe(3);
    expect(e.message).toMatch(/config\.json:3:\d+: invalid JSON: /);
  });

  it("gives the line of a truncated JSON file", () => {
    const dir = tempFolder({ "source.txt": "1. Text;", "config.json": '{\n  "id": "mini",\n' });
    expect(errorOf(() => loadSurveyFolder(dir)).line).toBe(3);
  });

  it("names each field that breaks the config schema", () => {
    const config = {
      ...minimalConfig,
      adoptedOn: "March 2021",
      kinds: { ranges: [{ from: 1, to: 5, kind: "promise" }] },
      questions: [{ kinds: ["action"], templates: ["common", "statuss"], rules: ["victim"] }],
      colour: "blue",
    };
    const dir = tempFolder({ "source.txt": "1. Text;", "config.json": JSON.stringify(config, null, 2) });
    const e = errorOf(() => loadSurveyFolder(dir));
    expect(e.message).toMatch(/config\.json: does not match the config schema/);
    expect(e.message).toMatch(/- adoptedOn: /);
    expect(e.message).toMatch(/- kinds\.ranges\.0\.kind: /);
    expect(e.message).toMatch(/- \(top level\): .*colour/);
    // Checked once the shape is right:
    const typos = { ...minimalConfig, questions: [{ kinds: ["action"], templates: ["common", "statuss"], rules: ["victim"] }] };
    const dir2 = tempFolder({ "source.txt": "1. Text;", "config.json": JSON.stringify(typos) });
    const e2 = errorOf(() => loadSurveyFolder(dir2));
    expect(e2.message).toMatch(/- questions\.0\.templates\.1: unknown template "statuss"/);
    expect(e2.message).toMatch(/- questions\.0\.rules\.0: unknown rule "victim"/);
  });

  it("reports a source text without numbered paragraphs against source.txt", () => {
    const dir = tempFolder({ "source.txt": "A title\n\nSome prose, but no paragraphs.\n", "config.json": JSON.stringify(minimalConfig) });
    expect(errorOf(() => compileSurveyFolder(dir)).message).toMatch(/source\.txt: no numbered paragraphs/);
  });

  it("reports a start marker that is not in the text", () => {
    const config = { ...minimalConfig, source: { start: { line: "Annex" } } };
    const dir = tempFolder({ "source.txt": "1. Text;\n", "config.json": JSON.stringify(config) });
    expect(errorOf(() => compileSurveyFolder(dir)).message).toMatch(/source\.txt: start marker \(line "Annex"\) not found/);
  });

  it("points at the line where the numbering restarts when the start marker is missing", () => {
    const config = JSON.parse(kyotoConfig) as { source: Record<string, unknown> };
    delete config.source.start;
    const dir = tempFolder({ "source.txt": kyotoSource, "config.json": JSON.stringify(config) });
    const e = errorOf(() => compileSurveyFolder(dir));
    expect(e.line).toBe(106);
    expect(e.message).toMatch(/source\.txt:106: paragraph 1 appears a second time/);
  });

  it("checks translation files: language name and shape", () => {
    const base = { "source.txt": "1. Text;\n", "config.json": JSON.stringify(minimalConfig) };
    const wrongLang = tempFolder({ ...base, "translations/de.json": "{}" });
    expect(errorOf(() => loadSurveyFolder(wrongLang)).message).toMatch(/translations\/de\.json: "de" is not a translation language/);
    const wrongShape = tempFolder({ ...base, "translations/fr.json": JSON.stringify({ paragraph: { "1": "Texte;" } }) });
    expect(errorOf(() => loadSurveyFolder(wrongShape)).message).toMatch(/translations\/fr\.json: does not match the translation file schema/);
    const good = tempFolder({ ...base, "translations/fr.json": JSON.stringify({ paragraphs: { "1": "Texte ;" } }) });
    expect(compileSurveyFolder(good).paragraphs[0]!.text).toEqual({ en: "Text;", fr: "Texte ;" });
  });
});
