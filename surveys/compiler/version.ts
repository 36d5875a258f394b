/**
 * The questionnaire's version: a content hash, so the same input always gives the same version
 * and any change to a text, label, option or question changes it.
 */
import { createHash } from "node:crypto";

/** JSON with object keys sorted at every level (arrays keep their order); undefined values left out. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== "object") return JSON.stringify(value) ?? "null";
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
}

/** First 16 hex digits of the sha256 of the canonical JSON. */
export function contentVersion(content: unknown): string {
  return createHash("sha256").update(canonicalJson(content)).digest("hex").slice(0, 16);
}
