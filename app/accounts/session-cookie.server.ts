/**
 * Server-side sessions. The cookie carries a 256-bit random id; the database stores only its
 * SHA-256. Idle and absolute expiry; a new id at every sign-in; sign-out deletes the row.
 */
import crypto from "node:crypto";
import { createCookie } from "@remix-run/node";
import { isHttps } from "#app/utils/redirect.ts";
import type { RequestHead } from "#app/utils/forms.server.ts";

export const IDLE_TIMEOUT_MS = 2 * 60 * 60 * 1000; // 2 hours without activity
export const ABSOLUTE_TIMEOUT_MS = 12 * 60 * 60 * 1000; // 12 hours after sign-in

const plainCookie = createCookie("kr_session", { path: "/", httpOnly: true, sameSite: "lax" });
// Over https the cookie takes the __Host- prefix: Secure, no Domain, Path=/.
const hostCookie = createCookie("__Host-kr_session", { path: "/", httpOnly: true, sameSite: "lax", secure: true });

function cookieFor(request: RequestHead) {
  return isHttps(request) ? hostCookie : plainCookie;
}

export function newSessionId(): string {
  return crypto.randomBytes(32).toString("base64url");
}

export function hashToken(token: string): string {
  return crypto.createHash("sha256").update(token).digest("hex");
}

export async function readSessionId(request: RequestHead): Promise<string | null> {
  const value: unknown = await cookieFor(request).parse(request.headers.get("Cookie"));
  return typeof value === "string" && /^[A-Za-z0-9_-]{43}$/.test(value) ? value : null;
}

export function serializeSessionCookie(request: Request, sessionId: string): Promise<string> {
  return cookieFor(request).serialize(sessionId, { maxAge: ABSOLUTE_TIMEOUT_MS / 1000 });
}

export function clearSessionCookie(request: Request): Promise<string> {
  return cookieFor(request).serialize("", { maxAge: 0 });
}
