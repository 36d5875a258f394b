import type { SubmissionResult } from "@conform-to/react";
import { data } from "@remix-run/node";
import { getLanguage, i18next } from "#app/utils/i18n.server.ts";

/** Bodies over this are refused with 413 before they are read into memory. */
export const MAX_BODY_BYTES = 1024 * 1024;

const FORM_TYPES = ["application/x-www-form-urlencoded", "multipart/form-data"];

/** What the guards read of a request: its URL and its headers. A web Request is one. */
export interface RequestHead {
  readonly url: string;
  readonly headers: { get(name: string): string | null };
}

/**
 * A request whose body the server has already read in full: the production autosave door
 * (server/autosave-door.ts) passes one instead of building a web Request and its stream for a
 * few hundred bytes (issue 16: CPU per save). Everything else reads it as it reads a Request.
 */
export interface BufferedRequest extends RequestHead {
  readonly method: string;
  readonly bufferedBody: Uint8Array;
}

/** A request whose form can be read: a web Request, or one already read (BufferedRequest). */
export type FormRequest = Request | BufferedRequest;

const utf8 = new TextDecoder("utf-8", { fatal: true });

/**
 * Read a form body with a size ceiling: 413 over 1 MB (declared or actual), 415 for a body
 * that is not a form, 400 for one that cannot be parsed. Never a 500.
 */
export async function readForm(request: FormRequest, limit = MAX_BODY_BYTES): Promise<FormData> {
  const type = (request.headers.get("content-type") ?? "").split(";")[0]!.trim().toLowerCase();
  if (!FORM_TYPES.includes(type)) {
    throw data({ message: "Send the form as application/x-www-form-urlencoded or multipart/form-data." }, { status: 415 });
  }
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > limit) throw tooLarge(limit);
  const bytes = "bufferedBody" in request ? request.bufferedBody : await readLimited(request, limit);
  if (bytes.byteLength > limit) throw tooLarge(limit);
  try {
    if (type === "application/x-www-form-urlencoded") {
      // The common case, parsed directly (no second Response just to call formData()).
      const form = new FormData();
      for (const [k, v] of new URLSearchParams(utf8.decode(bytes))) form.append(k, v);
      return form;
    }
    return await new Response(bytes as Uint8Array<ArrayBuffer>, { headers: { "content-type": request.headers.get("content-type")! } }).formData();
  } catch {
    throw data({ message: "The form could not be read." }, { status: 400 });
  }
}

function tooLarge(limit: number) {
  return data({ message: `The form is larger than ${Math.round(limit / 1024)} KB.` }, { status: 413 });
}

async function readLimited(request: Request, limit: number): Promise<Uint8Array<ArrayBuffer>> {
  if (!request.body) return new Uint8Array(new ArrayBuffer(0));
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > limit) {
      await reader.cancel();
      throw tooLarge(limit);
    }
    chunks.push(value);
  }
  const out = new Uint8Array(new ArrayBuffer(total));
  let offset = 0;
  for (const c of chunks) {
    out.set(c, offset);
    offset += c.byteLength;
  }
  return out;
}

/**
 * The `intent` of a post, when one page has several forms (each then parsed with its own
 * conform + zod schema): the value if sent exactly once as text, else null. The only place an
 * intent is read by hand (tests/app/form-parsing.test.ts; ADR 008).
 */
export function formIntent(form: FormData): string | null {
  const all = form.getAll("intent");
  return all.length === 1 && typeof all[0] === "string" ? all[0] : null;
}

/**
 * A form refused with `result` (conform's reply), for a page that has several forms: 400 (or
 * `init`'s status: 404 for something gone, 409 for a state that changed, 429 with Retry-After)
 * with the id of the form it names and `message`, the error in the user's language, for whoever
 * reads only the body. The page stays, with the error at the form and in its error summary.
 */
export async function refusedForm<E extends Record<string, unknown>>(
  request: Request,
  result: SubmissionResult<string[]>,
  key: string,
  form: string,
  extra?: E,
  init: ResponseInit = { status: 400 },
) {
  const t = await i18next.getFixedT(await getLanguage(request));
  return data({ ...(extra as E), result, form, message: t(key) }, init);
}

/**
 * A button form refused (an unknown intent, a missing or non-numeric id: a post the page never
 * sends, or one the server will not do): `key` as the form's error, shown beside its button and
 * in the page's error summary (`ButtonForm`), and as the message in the user's language.
 */
export function refusedButtonForm<E extends Record<string, unknown>>(
  request: Request,
  submission: { reply(options: { formErrors: string[] }): SubmissionResult<string[]> },
  key: string,
  form: string,
  extra?: E,
  init?: ResponseInit,
) {
  return refusedForm(request, submission.reply({ formErrors: [key] }), key, form, extra, init);
}

/**
 * A refusal that leaves the page, to throw (404: something gone, or never the user's): its
 * message in the user's language, and nothing else (a 404 tells nothing more than "not found";
 * tests/routes/permission-matrix.test.ts). The page shown is the localized error page.
 */
export async function localizedRefusal(request: Request, key: string, status: number) {
  const t = await i18next.getFixedT(await getLanguage(request));
  return data({ message: t(key) }, { status });
}
