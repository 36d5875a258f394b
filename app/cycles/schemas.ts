/** The reporting-cycle form. Messages are i18n keys. Browser-safe. */
import { z } from "zod";
import { CYCLE_STATUSES } from "#app/cycles/cycle-status.ts";

const isoDate = z
  .string({ message: "validation.required" })
  .regex(/^\d{4}-\d{2}-\d{2}$/, { message: "validation.dateInvalid" })
  .refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s), {
    message: "validation.dateInvalid",
  });

/** "21, 35-40, 61" → ["21", "35", …, "40", "61"]; null when a part is not a number or range. */
export function parseRefList(input: string): string[] | null {
  const refs: string[] = [];
  for (const part of input.split(/[,;\s]+/).filter(Boolean)) {
    const range = /^(\d+)\s*[-–]\s*(\d+)$/.exec(part);
    if (range) {
      const from = Number(range[1]);
      const to = Number(range[2]);
      if (to < from || to - from > 200) return null;
      for (let n = from; n <= to; n++) refs.push(String(n));
    } else if (/^\d+(\([a-z]+\))?$/.test(part)) {
      refs.push(part);
    } else {
      return null;
    }
  }
  return [...new Set(refs)];
}

export const CycleSchema = z
  .object({
    title: z.string({ message: "validation.required" }).trim().min(3, { message: "validation.tooShort" }).max(200, { message: "validation.tooLong" }),
    versionId: z.coerce.number({ message: "validation.notAnOption" }).int().positive({ message: "validation.notAnOption" }),
    scopeKind: z.enum(["all", "pillars", "themes", "paragraphs"], { message: "validation.notAnOption" }),
    pillars: z.array(z.coerce.number().int().positive()).default([]),
    themes: z.array(z.coerce.number().int().positive()).default([]),
    paragraphs: z.string().max(2000, { message: "validation.tooLong" }).default(""),
    opensOn: isoDate,
    deadline: isoDate,
    /** Empty: the default (the previous cycle's deadline, or the instrument's adoption for the first). */
    periodStart: isoDate.optional(),
    status: z.enum(CYCLE_STATUSES, { message: "validation.notAnOption" }),
  })
  .superRefine((v, ctx) => {
    if (v.deadline < v.opensOn) ctx.addIssue({ code: "custom", path: ["deadline"], message: "validation.deadlineBeforeOpening" });
    if (v.periodStart !== undefined && v.periodStart >= v.deadline) ctx.addIssue({ code: "custom", path: ["periodStart"], message: "period.validation.startNotBeforeDeadline" });
    if (v.scopeKind === "pillars" && v.pillars.length === 0) ctx.addIssue({ code: "custom", path: ["pillars"], message: "validation.chooseAtLeastOne" });
    if (v.scopeKind === "themes" && v.themes.length === 0) ctx.addIssue({ code: "custom", path: ["themes"], message: "validation.chooseAtLeastOne" });
    if (v.scopeKind === "paragraphs") {
      const refs = parseRefList(v.paragraphs);
      if (!refs) ctx.addIssue({ code: "custom", path: ["paragraphs"], message: "validation.refListInvalid" });
      else if (refs.length === 0) ctx.addIssue({ code: "custom", path: ["paragraphs"], message: "validation.chooseAtLeastOne" });
    }
  });
export type CycleForm = z.infer<typeof CycleSchema>;

export type Scope =
  | { kind: "all" }
  | { kind: "pillars"; pillars: number[] }
  | { kind: "themes"; themes: number[] }
  | { kind: "paragraphs"; refs: string[] };

export function scopeFromForm(v: CycleForm): Scope {
  switch (v.scopeKind) {
    case "all":
      return { kind: "all" };
    case "pillars":
      return { kind: "pillars", pillars: v.pillars };
    case "themes":
      return { kind: "themes", themes: v.themes };
    case "paragraphs":
      return { kind: "paragraphs", refs: parseRefList(v.paragraphs) ?? [] };
  }
}
