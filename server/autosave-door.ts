/**
 * The production autosave door (ADR 008, "One door for autosave"; ADR 001, issue 16). Autosave
 * is the busiest request by far (every editor, every few seconds), so server.ts answers it at
 * the `node:http` level, before Express: Express's own work per request (its request and
 * response prototypes, the query parser, a router walk through a dozen layers) cost about a
 * quarter of the server's CPU per save, more than the save's SQL.
 *
 * The door claims only the autosaves every browser sends: `POST /reports/:reportId/:ref/autosave`
 * with a form body of a declared length up to 64 KB. It runs what Express's guards would run
 * for them, then the route's own `autosaveReply` (app/reporting/autosave.server.ts, what the
 * route's `action` runs, exported by the server build's entry) with the body already read, and
 * writes the JSON it returns:
 * - the cross-site write guard (`isCrossSiteWrite`, the same function Express's guard calls),
 *   with the protocol and client address worked out as Express does for TRUST_PROXY hops;
 * - the policy headers and `Cache-Control: no-store` (`dataAnswerHeaders`: a JSON answer needs
 *   no nonce, its CSP allows nothing);
 * - a refusal written before the body was read closes the connection.
 * Anything else (no length, a body too big, not a form, a path that does not decode) goes on to
 * Express and Remix, which answer it as they answer every request: the 413 and 415 there.
 * The graceful stop's 503, the request turns and the in-flight count are server.ts's, around
 * both. tests/app/autosave-doors.test.ts runs one table of cases through this door and through
 * Remix and requires the same answers.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import type { AppLoadContext } from "@remix-run/node";
import type { BufferedRequest } from "../app/utils/forms.server.ts";
import { CROSS_SITE_REFUSAL, clientAddress, dataAnswerHeaders, forwardedProtocol, headerOf, isCrossSiteWrite } from "./security.ts";

export type AutosaveParams = { reportId: string; ref: string };

/** What the door calls: `autosaveReply`, exported by the server build's entry (app/entry.server.tsx). */
export type AutosaveReply = (request: BufferedRequest, params: Readonly<Record<string, string | undefined>>, context: AppLoadContext) => Promise<{ status: number; body: unknown } | globalThis.Response>;

export interface AutosaveDoorOptions {
  reply: AutosaveReply;
  /** TRUST_PROXY: how many proxies in front of the server set X-Forwarded-* (0: none). */
  trustProxyHops: number;
  /** An error the save did not turn into an answer (logged; the answer is a 500). */
  onError?: (error: unknown) => void;
}

/** Bodies read here at once: an autosave of a long answer is a few kilobytes. */
const BUFFERED_BODY_BYTES = 64 * 1024;
const PATH = /^\/reports\/([^/?#]+)\/([^/?#]+)\/autosave(?:\?|$)/;
const FORM = /^application\/x-www-form-urlencoded\s*(;|$)/i;

function decoded(segment: string): string | null {
  try {
    return decodeURIComponent(segment);
  } catch {
    return null;
  }
}

/** The whole body of a request whose declared length is small (Node checks the length). */
function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.once("end", () => resolve(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks)));
    req.once("error", reject);
  });
}

/** The request's headers as a web Request's `headers.get` reads them (Node keeps them lower-cased, repeated ones joined). */
function headersOf(req: IncomingMessage): BufferedRequest["headers"] {
  return { get: (name: string) => headerOf(req, name.toLowerCase()) ?? null };
}

function answer(res: ServerResponse, status: number, headers: Readonly<Record<string, string>>, type: string, text: string, close: boolean) {
  res.writeHead(status, { ...headers, "Content-Type": type, "Content-Length": String(Buffer.byteLength(text)), ...(close ? { Connection: "close" } : {}) });
  res.end(text);
}

export function autosaveDoor(options: AutosaveDoorOptions) {
  const hops = options.trustProxyHops;

  /** The route's params when this door answers the request; null: it goes on to Express. */
  function claims(req: IncomingMessage): AutosaveParams | null {
    if (req.method !== "POST") return null;
    const match = PATH.exec(req.url ?? "");
    if (!match) return null;
    const type = req.headers["content-type"];
    const length = req.headers["content-length"];
    if (type === undefined || !FORM.test(type) || length === undefined || !/^\d{1,6}$/.test(length) || Number(length) > BUFFERED_BODY_BYTES) return null;
    const reportId = decoded(match[1]!);
    const ref = decoded(match[2]!);
    return reportId === null || ref === null ? null : { reportId, ref };
  }

  async function serve(req: IncomingMessage, res: ServerResponse, params: AutosaveParams): Promise<void> {
    const protocol = forwardedProtocol(req, hops);
    const headers = dataAnswerHeaders(protocol);
    const host = headerOf(req, "host");
    try {
      const crossSite = isCrossSiteWrite({
        method: "POST",
        origin: headerOf(req, "origin"),
        fetchSite: headerOf(req, "sec-fetch-site"),
        expectedOrigin: `${protocol}://${host}`,
        cookie: headerOf(req, "cookie"),
        forwardedHost: headerOf(req, "x-forwarded-host"),
      });
      // Refused before the body is read: the connection closes, or the unread body would stall
      // the next request on it.
      if (crossSite) return answer(res, 403, headers, "text/plain; charset=utf-8", CROSS_SITE_REFUSAL, true);
      const request: BufferedRequest = { url: `${protocol}://${host}${req.url}`, method: "POST", headers: headersOf(req), bufferedBody: await readBody(req) };
      const reply = await options.reply(request, params, { cspNonce: "", clientIp: clientAddress(req, hops) });
      if (reply instanceof globalThis.Response) {
        // A thrown Response (the guard's redirect or refusal), as Remix would send it.
        const body = Buffer.from(await reply.arrayBuffer());
        for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
        reply.headers.forEach((value, name) => name !== "set-cookie" && res.setHeader(name, value));
        const cookies = reply.headers.getSetCookie();
        if (cookies.length > 0) res.setHeader("Set-Cookie", cookies);
        res.setHeader("Content-Length", body.length);
        res.writeHead(reply.status);
        res.end(body);
        return;
      }
      // As Response.json(body, { status, headers: { "Cache-Control": "no-store" } }) would answer.
      answer(res, reply.status, headers, "application/json", JSON.stringify(reply.body), false);
    } catch (error) {
      // The browser went away while sending (a tab closed mid-request): nobody to answer.
      if (res.destroyed || (req.destroyed && !req.complete)) return;
      options.onError?.(error);
      if (res.headersSent) res.destroy();
      else answer(res, 500, headers, "text/plain; charset=utf-8", "The answer could not be saved because of an error on the server. Nothing you typed is lost: it is still on your page.", !req.complete);
    }
  }

  return { claims, serve };
}
