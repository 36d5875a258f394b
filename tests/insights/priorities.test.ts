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

  test("published for the public, a paragraph named by fewer States than the threshold, or by all of them, is hidden, not zeroed", () => {
    const published = publishIndependent(tallyPriorities(rows, ["21", "35", "49", "81"]), { minCell: 3, minGroup: 5 });
    // ¶35 was named by all three States: "3 of 3" would tell each State's answer.
    expect(published.map((r) => r.counts.any)).toEqual([0, null, null, null]);
    const more = [...rows, row("MEX", ["49"]), row("PER", ["49", "81"]), row("CHL", ["49"]), row("ARG", ["21"])];
    // 7 States: ¶35 named by 3 of 7 (and 4 did not) is shown, ¶49 by 4 of 7 too; ¶21 by 1 is hidden.
    expect(publishIndependent(tallyPriorities(more, ["21", "35", "49", "81"]), { minCell: 3, minGroup: 5 }).map((r) => r.counts.any)).toEqual([null, 3, 4, 3]);
    // Of 5 States, "3 of 5" would leave 2 who did not: hidden.
    const five = [row("A", ["35"]), row("B", ["35"]), row("C", ["35"]), row("D", ["49"]), row("E", ["49"])];
    expect(publishIndependent(tallyPriorities(five, ["35"]), { minCell: 3, minGroup: 5 })[0]!.counts.any).toBeNull();
    // The secretariat sees every cell.
    expect(publishIndependent(tallyPriorities(rows, ["49"]), { minCell: 0, minGroup: 0 })[0]!.counts.any).toBe(1);
  });

  test("ranking values name paragraphs, lettered subparagraphs too", () => {
    expect(refOfPriority("81")).toBe("81");
    expect(refOfPriority("5_a")).toBe("5(a)");
  });
});
