/**
 * The drafting forms, one schema each for the server (conform's `parseWithZod`) and the browser
 * (`useForm`). Messages are i18n keys. Browser-safe.
 */
import { z } from "zod";

export const DRAFT_LANGS = ["en", "fr", "es", "ru", "zh", "ar"] as const;

const optionalDate = z
  .string()
  .trim()
  .optional()
  .transform((s) => (s ? s : undefined))
  .refine((s) => s === undefined || (/^\d{4}-\d{2}-\d{2}$/.test(s) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s)), { message: "validation.dateInvalid" });

export const GenerateSchema = z
  .object({
    cycleId: z.coerce.number({ message: "validation.notAnOption" }).int({ message: "validation.notAnOption" }).positive({ message: "validation.notAnOption" }),
    kind: z.enum(["report", "meeting_pack"], { message: "validation.notAnOption" }).default("report"),
    lang: z.enum(DRAFT_LANGS, { message: "validation.notAnOption" }).default("en"),
    pillar: z
      .string()
      .optional()
      .transform((s) => (s ? Number(s) : undefined))
      .refine((n) => n === undefined || (Number.isInteger(n) && n >= 1 && n <= 20), { message: "validation.notAnOption" }),
    themes: z.array(z.coerce.number({ message: "validation.notAnOption" }).int().positive({ message: "validation.notAnOption" })).max(50).default([]),
    title: z
      .string()
      .trim()
      .max(300, { message: "validation.tooLong" })
      .optional()
      .transform((s) => s || undefined),
    meetingDate: optionalDate,
  })
  .superRefine((v, ctx) => {
    if (v.kind === "meeting_pack" && !v.title) ctx.addIssue({ code: "custom", path: ["title"], message: "validation.required" });
    if (v.kind === "meeting_pack" && !v.meetingDate) ctx.addIssue({ code: "custom", path: ["meetingDate"], message: "validation.required" });
  });
export type GenerateForm = z.infer<typeof GenerateSchema>;

export const SectionSchema = z.object({
  text: z.string({ message: "validation.required" }).max(50_000, { message: "validation.tooLong" }),
  revision: z.coerce.number({ message: "drafting.errors.revision" }).int({ message: "drafting.errors.revision" }).min(1, { message: "drafting.errors.revision" }),
  /** Sent by the editor's autosave (with JavaScript): answered in JSON, not redirected. */
  autosave: z.literal("1").optional(),
});

/** The draft page's buttons: regenerate, release or withdraw, acknowledge a section's changed figures. */
export const DraftIntentSchema = z.discriminatedUnion(
  "intent",
  [
    z.object({ intent: z.literal("regenerate") }),
    z.object({ intent: z.literal("release") }),
    z.object({ intent: z.literal("withdraw") }),
    z.object({ intent: z.literal("acknowledge"), sectionId: z.coerce.number({ message: "drafting.errors.unknownAction" }).int({ message: "drafting.errors.unknownAction" }).positive({ message: "drafting.errors.unknownAction" }) }),
  ],
  { message: "drafting.errors.unknownAction" },
);

export const PicksSchema = z.object({
  pick: z.array(z.string().regex(/^\d+\|[a-z0-9-]+\.p[0-9a-z()]+\.[a-z0-9_]+$/, { message: "validation.notAnOption" })).max(50).default([]),
});

/** The id of the draft page's form a post came from; "draft-actions" (the controls) when it names none. */
export function draftFormId(payload: Record<string, unknown>): string {
  const { intent, sectionId } = payload;
  if (intent === "regenerate") return "draft-regenerate";
  if (intent === "release" || intent === "withdraw") return "draft-release";
  if (intent === "acknowledge" && typeof sectionId === "string" && /^\d{1,12}$/.test(sectionId)) return `draft-acknowledge-${sectionId}`;
  return "draft-actions";
}
