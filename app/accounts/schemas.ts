/** Forms of the account pages. Messages are i18n keys. Browser-safe. */
import { z } from "zod";
import { SUPPORTED_LANGUAGES } from "#app/utils/i18n.ts";

export const emailField = z
  .string({ message: "validation.required" })
  .trim()
  .min(1, { message: "validation.required" })
  .max(254, { message: "validation.emailInvalid" })
  .email({ message: "validation.emailInvalid" });

/** A person's name: one line (no line breaks or other control characters), so it cannot write into an e-mail. */
export const personName = z
  .string({ message: "validation.required" })
  .trim()
  .min(1, { message: "validation.required" })
  .max(200, { message: "validation.tooLong" })
  .refine((v) => !/[\p{Cc}\u2028\u2029]/u.test(v), { message: "security.singleLine" });

export const LoginSchema = z.object({
  email: emailField,
  password: z.string({ message: "validation.required" }).min(1, { message: "validation.required" }).max(1024),
  redirectTo: z.string().optional(),
});

/** ASVS 5: at least 8 characters (15 recommended), up to at least 64; no composition rules. */
export const MIN_PASSWORD = 12;
export const MAX_PASSWORD = 128;

export const SetPasswordSchema = z
  .object({
    password: z
      .string({ message: "validation.required" })
      .min(MIN_PASSWORD, { message: "validation.passwordTooShort" })
      .max(MAX_PASSWORD, { message: "validation.passwordTooLong" }),
    confirm: z.string({ message: "validation.required" }),
  })
  .refine((v) => v.password === v.confirm, { message: "validation.passwordsDiffer", path: ["confirm"] });

export const ForgotPasswordSchema = z.object({ email: emailField });

export const InviteSchema = z.object({
  email: emailField,
  name: personName,
  role: z.enum(["admin", "secretariat", "focal_point", "contributor"], { message: "validation.notAnOption" }),
  stateIso3: z
    .string()
    .regex(/^[A-Z]{3}$/, { message: "validation.notAnOption" })
    .optional(),
  language: z.enum(SUPPORTED_LANGUAGES, { message: "validation.notAnOption" }).default("en"),
});

/** The users page's actions on one person (resend or cancel an invitation, role, sessions, disable). */
/** Admins: must focal points use two-factor sign-in? */
export const TwoFactorPolicySchema = z.object({ intent: z.literal("two-factor-policy"), focalPoints: z.enum(["required", "optional"], { message: "userAdmin.choosePolicy" }) });

const CHOOSE_ACTION = { message: "userAdmin.chooseAction" };
const userId = z.coerce.number(CHOOSE_ACTION).int(CHOOSE_ACTION).positive(CHOOSE_ACTION).max(2 ** 31, CHOOSE_ACTION);
const MANAGE_INTENTS = ["resend", "cancel", "end-sessions", "disable", "enable"] as const;

export const ManageUserSchema = z.discriminatedUnion(
  "intent",
  [
    z.object({ intent: z.enum(MANAGE_INTENTS, CHOOSE_ACTION), userId }),
    z.object({ intent: z.literal("role"), userId, role: z.enum(["admin", "secretariat", "focal_point", "contributor"], CHOOSE_ACTION) }),
  ],
  CHOOSE_ACTION,
);

/** The id of the users page's form a post came from (`user-<intent>-<id>`); "user-actions" (the list) when it names none. */
export function manageFormId(payload: Record<string, unknown>): string {
  const { intent, userId: id } = payload;
  const known = typeof intent === "string" && (intent === "role" || (MANAGE_INTENTS as readonly string[]).includes(intent));
  return known && typeof id === "string" && /^[1-9]\d{0,9}$/.test(id) ? `user-${intent}-${id}` : "user-actions";
}
