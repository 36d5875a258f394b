/** The drafting forms. Messages are i18n keys. Browser-safe. */
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
});

export const DraftIntentSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("regenerate") }),
  z.object({ intent: z.literal("release") }),
  z.object({ intent: z.literal("withdraw") }),
  z.object({ intent: z.literal("acknowledge"), sectionId: z.coerce.number().int().positive() }),
]);

export const PicksSchema = z.object({
  pick: z.array(z.string().regex(/^\d+\|[a-z0-9-]+\.p[0-9a-z()]+\.[a-z0-9_]+$/, { message: "validation.notAnOption" })).max(50).default([]),
});

/** Form fields as zod wants them: repeated names as arrays. */
export function formObject(form: FormData, arrays: string[] = []): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of new Set(form.keys())) {
    const values = form.getAll(key).filter((v): v is string => typeof v === "string");
    out[key] = arrays.includes(key) ? values : values[0];
  }
  for (const key of arrays) out[key] ??= [];
  return out;
}

/** zod issues as { field: [i18n key] }. */
export function fieldErrors(error: z.ZodError): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const issue of error.issues) {
    const key = String(issue.path[0] ?? "form");
    (out[key] ??= []).push(issue.message);
  }
  return out;
}
