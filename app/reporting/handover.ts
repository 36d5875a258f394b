/**
 * The hand-over vocabulary (browser-safe): the form schemas of "ready for the focal point" and
 * of assignments, shared by the forms (conform) and the actions (parseWithZod).
 */
import { z } from "zod";

/** A paragraph reference as the questionnaire writes it ("35", "12a"). */
const Ref = z.string().regex(/^[0-9]{1,3}(\([a-z]{1,4}\))?$/, { message: "handover.badParagraph" });

/** The page the form was on ("check", "tasks" or a paragraph), to go back to. */
const From = z.string().regex(/^(check|tasks|[0-9]{1,3}(\([a-z]{1,4}\))?)$/, { message: "handover.badPlace" }).optional();

export const HandoverSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("ready"), ref: Ref, from: From }),
  z.object({ intent: z.literal("not-ready"), ref: Ref, from: From }),
  z.object({ intent: z.literal("ready-all"), from: From }),
]);
export type Handover = z.infer<typeof HandoverSchema>;

/** What to assign: one paragraph ("p:35") or a whole theme ("t:4"); to whom ("" = nobody). */
export const AssignSchema = z.object({
  target: z.string({ message: "assign.chooseTarget" }).regex(/^(p:[0-9]{1,3}(\([a-z]{1,4}\))?|t:[0-9]{1,3})$/, { message: "assign.chooseTarget" }),
  assignee: z
    .string()
    .regex(/^(none|[0-9]{1,12})$/, { message: "assign.chooseAssignee" })
    .optional()
    .transform((v) => v ?? "none"),
});
export type Assign = z.infer<typeof AssignSchema>;

/** Where a hand-over form came from, so the action sends the user back there. */
export function backTo(reportId: number, from: string | undefined): string {
  if (from && /^[0-9]{1,3}(\([a-z]{1,4}\))?$/.test(from)) return `/reports/${reportId}/${from}`;
  if (from === "tasks") return `/reports/${reportId}`;
  return `/reports/${reportId}/check`;
}
