import { dictionary } from "@zxcvbn-ts/language-common";

// ~49,000 passwords seen most often in breaches (zxcvbn-ts's common list).
let common: Set<string> | undefined;

/** ASVS: block common passwords. Compared case-insensitively. */
export function isCommonPassword(password: string): boolean {
  common ??= new Set((dictionary["passwords-common"] as string[]).map((p) => p.toLowerCase()));
  return common.has(password.toLowerCase());
}
