/** The State profile form (browser-safe): the Permanent Mission's optional address and its language. */
import { z } from "zod";
import { SUPPORTED_LANGUAGES } from "#app/utils/i18n.ts";

export const StateProfileSchema = z.object({
  missionEmail: z
    .string()
    .trim()
    .max(254, { message: "stateProfile.badEmail" })
    .pipe(z.email({ message: "stateProfile.badEmail" }))
    .optional(),
  missionLanguage: z.enum(SUPPORTED_LANGUAGES, { message: "stateProfile.badLanguage" }),
});
export type StateProfile = z.infer<typeof StateProfileSchema>;
