/** Forms of two-factor sign-in and the account page. Messages are i18n keys. Browser-safe. */
import { z } from "zod";
import { MAX_PASSWORD, MIN_PASSWORD } from "#app/accounts/schemas.ts";

/** A 6-digit code from the app, or a recovery code (`xxxxx-xxxxx`). */
export const codeField = z
  .string({ message: "validation.required" })
  .trim()
  .min(1, { message: "validation.required" })
  .max(40, { message: "security.codeFormat" })
  .regex(/^(?:\d{3}\s?\d{3}|[A-Za-z0-9]{5}[\s-]?[A-Za-z0-9]{5})$/, { message: "security.codeFormat" });

export const SecondFactorSchema = z.object({ code: codeField, redirectTo: z.string().max(2048).optional() });

export const TwoFactorSettingsSchema = z.object({
  intent: z.enum(["enable", "disable", "recovery"], { message: "validation.notAnOption" }),
  code: codeField,
  redirectTo: z.string().max(2048).optional(),
});

export const ChangePasswordSchema = z
  .object({
    intent: z.literal("password"),
    current: z.string({ message: "validation.required" }).min(1, { message: "validation.required" }).max(1024, { message: "validation.passwordTooLong" }),
    password: z
      .string({ message: "validation.required" })
      .min(MIN_PASSWORD, { message: "validation.passwordTooShort" })
      .max(MAX_PASSWORD, { message: "validation.passwordTooLong" }),
    confirm: z.string({ message: "validation.required" }),
  })
  .refine((v) => v.password === v.confirm, { message: "validation.passwordsDiffer", path: ["confirm"] });

export const EndSessionSchema = z.object({ intent: z.literal("end-session"), session: z.string().regex(/^[0-9a-f]{64}$/, { message: "validation.notAnOption" }) });
