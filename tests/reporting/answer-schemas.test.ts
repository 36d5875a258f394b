/** Answers to the questions that measure: yes/no extra answers where the question offers them, "None" exclusive. */
import { describe, expect, it } from "vitest";
import { answerValueSchema } from "#app/reporting/answer-schemas.ts";
import { answerText } from "#app/reporting/answer-text.ts";
import type { Question } from "#surveys/schema.ts";

const convention: Question = {
  id: "kyoto-2021.p82.std_untoc_applied",
  key: "std_untoc_applied",
  type: "yes_no",
  label: { en: "Has your country taken measures to implement the Convention?" },
  required: false,
  extraAnswers: ["partially", "not_party", "not_known"],
};
const plain: Question = { id: "kyoto-2021.p21.good_practice_shareable", key: "good_practice_shareable", type: "yes_no", label: { en: "Shareable?" }, required: false };
const assistance: Question = {
  id: "kyoto-2021.p21.ta_needed",
  key: "ta_needed",
  type: "multiple_choice",
  label: { en: "Assistance needed" },
  required: false,
  options: [
    { value: "training", label: { en: "Training" } },
    { value: "funding", label: { en: "Funding" } },
    { value: "none", label: { en: "No assistance needed" }, exclusive: true },
  ],
};

describe("answers that measure", () => {
  it("accepts partially, not a party and not known only where the question offers them", () => {
    for (const v of ["yes", "no", "partially", "not_party", "not_known"]) expect(answerValueSchema(convention).safeParse(v).success, v).toBe(true);
    expect(answerValueSchema(plain).safeParse("not_party").success).toBe(false);
    expect(answerValueSchema(plain).safeParse("yes").success).toBe(true);
  });

  it("refuses None ticked together with a need, with its own message", () => {
    const result = answerValueSchema(assistance).safeParse(["training", "none"]);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toBe("measure.validation.exclusiveOption");
    expect(answerValueSchema(assistance).safeParse(["none"]).success).toBe(true);
    expect(answerValueSchema(assistance).safeParse(["training", "funding"]).success).toBe(true);
  });

  it("reads the extra answers back as text", () => {
    expect(answerText(convention, "not_party", "en", (k) => k)).toBe("measure.yesNo.notParty");
    expect(answerText(convention, "yes", "en", (k) => k)).toBe("question.yes");
  });
});
