/** F16: cells a spreadsheet would run as a formula, in every export (review exports and insights CSVs). */
import { describe, expect, test } from "vitest";
import { neutralise } from "#app/review/export-writers.server.ts";
import { specToCsv, type ChartSpec } from "#app/insights/chart-spec.ts";

const RISKY = [
  "=1+1",
  "+1",
  "-1",
  "@SUM(A1)",
  " =HYPERLINK(\"http://evil.example\")",
  "   +cmd|' /C calc'!A0",
  "\u3000=1",
  "\u00a0=1",
  "＝HYPERLINK(\"http://evil.example\")",
  "＋1",
  "－1",
  "＠SUM(A1)",
  "\t=1",
  "\r=1",
  "\n=1",
  "\r\n@x",
];

describe("F16: formula neutralisation", () => {
  test.each(RISKY)("neutralised: %j", (value) => {
    expect(neutralise(value)).toBe(`'${value}`);
  });

  test.each(["Kenya", "1 000", "a = b", "e-mail", "Viet Nam", ""])("left alone: %j", (value) => {
    expect(neutralise(value)).toBe(value);
  });

  test("insights CSV downloads neutralise the same way", () => {
    const spec = {
      id: "t",
      kind: "bar",
      title: "t",
      summary: "",
      unit: "States",
      states: 1,
      dataAsOf: null,
      categories: [{ key: "n", label: "＝1+1", color: "" }],
      rows: [{ key: "a", label: " @cmd", values: { n: 1 } }],
    } as unknown as ChartSpec;
    const csv = specToCsv(spec, "fewer than 3");
    expect(csv).toContain("'＝1+1");
    expect(csv).toContain("' @cmd");
  });
});
