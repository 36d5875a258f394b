/**
 * Route tests without a browser: build real Requests, call a route's loader or action, and
 * read whatever it returned or threw as one { status, body } outcome.
 */
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { createSession } from "#app/accounts/sessions.server.ts";
import { serializeSessionCookie } from "#app/accounts/session-cookie.server.ts";

export const ORIGIN = "http://localhost";

export interface RouteOutcome {
  status: number;
  body: unknown;
  headers: Headers;
  /** The Location of a redirect. */
  location: string | null;
  /** A thrown value that is neither a Response nor data(): a crash (reported as status 500). */
  crash?: unknown;
}

type RouteFunction = (args: LoaderFunctionArgs & ActionFunctionArgs) => unknown;

export interface CallArgs {
  request: Request;
  params?: Record<string, string>;
  context?: Record<string, unknown>;
}

function isDataWithInit(value: unknown): value is { type: "DataWithResponseInit"; data: unknown; init: ResponseInit | null } {
  return typeof value === "object" && value !== null && (value as { type?: unknown }).type === "DataWithResponseInit";
}

async function readResponse(response: Response): Promise<unknown> {
  const text = await response.text();
  if (!text) return null;
  if ((response.headers.get("content-type") ?? "").includes("json")) {
    try {
      return JSON.parse(text) as unknown;
    } catch {
      return text;
    }
  }
  return text;
}

/** Normalise a returned or thrown value of a loader/action. */
export async function toOutcome(value: unknown): Promise<RouteOutcome> {
  if (value instanceof Response) {
    return { status: value.status, body: await readResponse(value), headers: value.headers, location: value.headers.get("Location") };
  }
  if (isDataWithInit(value)) {
    const headers = new Headers(value.init?.headers);
    return { status: value.init?.status ?? 200, body: value.data, headers, location: headers.get("Location") };
  }
  return { status: 200, body: value ?? null, headers: new Headers(), location: null };
}

/**
 * Call a loader or action with a real Request. Returned and thrown Responses/data() are both
 * outcomes; anything else thrown is a crash, reported as status 500 with its message.
 */
export async function callRoute(fn: RouteFunction, { request, params = {}, context = { clientIp: "127.0.0.1" } }: CallArgs): Promise<RouteOutcome> {
  try {
    return await toOutcome(await fn({ request, params, context } as LoaderFunctionArgs & ActionFunctionArgs));
  } catch (thrown) {
    if (thrown instanceof Response || isDataWithInit(thrown)) return toOutcome(thrown);
    const message = thrown instanceof Error ? `${thrown.name}: ${thrown.message}` : String(thrown);
    return { status: 500, body: { crash: message }, headers: new Headers(), location: null, crash: thrown };
  }
}

/** A signed-in Cookie header (`name=value`) for a new session of the user. */
export async function sessionCookie(userId: number): Promise<string> {
  const id = await createSession(userId);
  const setCookie = await serializeSessionCookie(new Request(ORIGIN), id);
  return setCookie.split(";")[0]!;
}

export type FormEntries = Record<string, string | string[]> | [string, string][];

/** application/x-www-form-urlencoded text; arrays become repeated fields. */
export function urlencoded(entries: FormEntries): string {
  const params = new URLSearchParams();
  const list = Array.isArray(entries) ? entries : Object.entries(entries).flatMap(([k, v]) => (Array.isArray(v) ? v.map((x) => [k, x] as [string, string]) : [[k, v] as [string, string]]));
  for (const [k, v] of list) params.append(k, v);
  return params.toString();
}

export function getRequest(path: string, cookie?: string | null, headers: Record<string, string> = {}): Request {
  return new Request(ORIGIN + path, { headers: { ...(cookie ? { Cookie: cookie } : {}), ...headers } });
}

export interface PostOptions {
  cookie?: string | null;
  /** A form (urlencoded), or a ready body (string, FormData, bytes). */
  body?: FormEntries | string | FormData | Uint8Array | null;
  contentType?: string | null;
  headers?: Record<string, string>;
}

export function postRequest(path: string, { cookie, body = {}, contentType, headers = {} }: PostOptions = {}): Request {
  const h = new Headers(headers);
  if (cookie) h.set("Cookie", cookie);
  let payload: BodyInit | null;
  if (body === null) {
    payload = null;
  } else if (typeof body === "string" || body instanceof FormData || body instanceof Uint8Array) {
    payload = body as BodyInit;
  } else {
    payload = urlencoded(body);
  }
  // A FormData body sets its own multipart boundary.
  if (!(body instanceof FormData)) {
    const type = contentType === undefined ? "application/x-www-form-urlencoded" : contentType;
    if (type !== null) h.set("Content-Type", type);
  }
  return new Request(ORIGIN + path, { method: "POST", headers: h, body: payload });
}

/** Everything a body says, as text, to look for a string that must not leak. */
export function bodyText(outcome: RouteOutcome): string {
  return typeof outcome.body === "string" ? outcome.body : JSON.stringify(outcome.body ?? null);
}

/** Whether a refusal or error body explains itself: a message, field errors, or an error key. */
export function explains(body: unknown): boolean {
  if (typeof body === "string") return body.trim().length > 0;
  if (typeof body !== "object" || body === null) return false;
  const b = body as Record<string, unknown>;
  if (typeof b.message === "string" && b.message.length > 0) return true;
  if (typeof b.error === "string" && b.error.length > 0) return true;
  if (typeof b.fatal === "string" && b.fatal.length > 0) return true;
  if (b.errors && typeof b.errors === "object" && Object.keys(b.errors).length > 0) return true;
  if (Array.isArray(b.conflicts) && b.conflicts.length > 0) return true;
  const result = b.result as { error?: Record<string, unknown> | null } | undefined;
  if (result?.error && Object.values(result.error).some((v) => Array.isArray(v) && v.length > 0)) return true;
  return false;
}
