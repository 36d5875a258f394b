import { describe, expect, test } from "vitest";
import { publishIndependent } from "#app/insights/figures.ts";
import { refOfPriority, tallyPriorities } from "#app/insights/priorities.ts";

const row = (state: string, value: unknown) => ({ state, key: "ta_priorities", value });

describe("technical-assistance priorities in the insights", () => {
  const rows = [row("JPN", ["81", "35", "49"]), row("KEN", ["35", "81"]), row("BRA", ["35"]), row("FRA", []), row("DEU", null), { state: "ITA", key: "status", value: "planned" }];

  test("the denominator is the States that named at least one priority; each paragraph counts the States naming it", () => {
    const t = tallyPriorities(rows, ["21", "35", "49", "81"]);
    expect(t).toEqual([
      { key: "21", n: 3, counts: { any: 0, first: 0 } },
      { key: "35", n: 3, counts: { any: 3, first: 2 } },
      { key: "49", n: 3, counts: { any: 1, first: 0 } },
      { key: "81", n: 3, counts: { any: 2, first: 1 } },
    ]);
  });

  test("published for the public, a paragraph named by fewer States than the threshold is hidden, not zeroed", () => {
    const published = publishIndependent(tallyPriorities(rows, ["35", "49", "81"]), { minCell: 3, minGroup: 5 });
    expect(published.map((r) => r.counts.any)).toEqual([3, null, null]);
    // The secretariat sees every cell.
    expect(publishIndependent(tallyPriorities(rows, ["49"]), { minCell: 0, minGroup: 0 })[0]!.counts.any).toBe(1);
  });

  test("ranking values name paragraphs, lettered subparagraphs too", () => {
    expect(refOfPriority("81")).toBe("81");
    expect(refOfPriority("5_a")).toBe("5(a)");
  });
});
