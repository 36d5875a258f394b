/** The surveys CLI, run as a real process. */
import { spawnSync } from "node:child_process";
import { afterAll, describe, expect, it } from "vitest";
import { removeTempFolders, ROOT, tempFolder } from "./helpers.ts";

afterAll(removeTempFolders);

function run(...args: string[]) {
  const result = spawnSync("npx", ["tsx", "surveys/cli.ts", ...args], { cwd: ROOT, encoding: "utf8", timeout: 60_000, maxBuffer: 16 * 1024 * 1024 });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

interface FlatQuestion {
  id: string;
  type: string;
  label: unknown;
  options?: { value: string; label: unknown }[];
  required: boolean;
}
interface FlatParagraph {
  ref: string;
  kind: string;
  pillar: unknown;
  theme: unknown;
  text: unknown;
  questions: FlatQuestion[];
}

describe("surveys CLI", { timeout: 60_000 }, () => {
  it("inspect --json prints the questionnaire with English strings", () => {
    const { status, stdout } = run("inspect", "surveys/kyoto-2021", "--json");
    expect(status).toBe(0);
    const q = JSON.parse(stdout) as { id: string; title: unknown; version: string; paragraphs: FlatParagraph[] };
    expect(q.id).toBe("kyoto-2021");
    expect(q.title).toMatch(/^Kyoto Declaration on Advancing Crime Prevention/);
    expect(q.version).toMatch(/^[0-9a-f]{16,}$/);
    expect(q.paragraphs).toHaveLength(97);
    expect(q.paragraphs.filter((p) => p.kind === "action")).toHaveLength(75);
    const p1 = q.paragraphs[0]!;
    expect(p1).toMatchObject({ ref: "1", kind: "undertaking", pillar: null, theme: null });
    const p35 = q.paragraphs.find((p) => p.ref === "35")!;
    expect(p35).toMatchObject({ pillar: "Advancing the criminal justice system", theme: "Improving prison conditions" });
    expect(typeof p35.text).toBe("string");
    // Anchored stages, asked once per element of ¶35 (detention conditions; prison staff).
    expect(p35.questions.find((x) => x.id === "kyoto-2021.p35.status")).toBeUndefined();
    const stage35 = p35.questions.find((x) => x.id === "kyoto-2021.p35.conditions.stage")!;
    expect(stage35).toMatchObject({ type: "single_choice", required: true });
    expect(stage35.label).toMatch(/At what stage is this action in your country\?/);
    expect(stage35.options!.map((o) => o.value)).toEqual(["no_action", "planned", "adopted", "in_operation", "evaluated", "not_applicable", "not_known"]);
    expect(stage35.options![0]).toMatchObject({ value: "no_action", label: "No action planned" });
    for (const p of q.paragraphs) for (const x of p.questions) expect(typeof x.label).toBe("string");
  });

  it("inspect without --json prints a summary", () => {
    const { status, stdout } = run("inspect", "surveys/kyoto-2021");
    expect(status).toBe(0);
    expect(stdout).toMatch(/action\s+75\s+\(21–95\)/);
    expect(stdout).toMatch(/pillars: 4 · themes: 23/);
    expect(stdout).toMatch(/23\. New, emerging and evolving forms of crime {2}\[79–95\]/);
  });

  it("translations prints completeness per language", () => {
    const { status, stdout } = run("translations", "surveys/kyoto-2021", "--json");
    expect(status).toBe(0);
    const out = JSON.parse(stdout) as { languages: { language: string; pillars: { share: number }; elements: { share: number }; shortTitles: { share: number } }[] };
    expect(out.languages.map((l) => l.language)).toEqual(["en", "fr", "es", "ru", "zh", "ar"]);
    expect(out.languages.every((l) => l.pillars.share === 1)).toBe(true);
    // The curated supplement is complete in every language.
    expect(out.languages.every((l) => l.elements.share === 1 && l.shortTitles.share === 1)).toBe(true);
    const table = run("translations", "surveys/kyoto-2021");
    expect(table.stdout).toMatch(/^lang\s+paragraphs\s+question labels\s+pillars\s+themes\s+short titles\s+elements\s+hints$/m);
  });

  it("fails with exit code 1 and names the file and line of a malformed config", () => {
    const dir = tempFolder({ "source.txt": "1. Text;\n", "config.json": '{\n  "id": "x",\n  oops\n}\n' });
    const { status, stdout, stderr } = run("inspect", dir, "--json");
    expect(status).toBe(1);
    expect(stdout).toBe("");
    expect(stderr).toContain(`${dir}/config.json:3:`);
    expect(stderr).toMatch(/invalid JSON/);
  });

  it("fails with exit code 1 on an unknown command or a missing folder", () => {
    const unknown = run("frobnicate", "surveys/kyoto-2021");
    expect(unknown.status).toBe(1);
    expect(unknown.stderr).toMatch(/unknown command "frobnicate"/);
    const missing = run("inspect", "surveys/no-such-declaration");
    expect(missing.status).toBe(1);
    expect(missing.stderr).toMatch(/surveys\/no-such-declaration: folder not found/);
  });
});
