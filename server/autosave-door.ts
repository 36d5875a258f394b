/**
 * The production autosave door (ADR 008, "One door for autosave"): `POST
 * /reports/:reportId/:ref/autosave` goes straight to its route module's `action` — the same
 * guard, validation and save Remix would run — skipping Remix's route matching for every
 * keystroke burst. Mounted by server.ts after the request guards (server/security.ts);
 * tests/app/autosave-doors.test.ts runs one table of cases through this door and through Remix.
 *
 * Cheap per save (ADR 001, issue 16): a small form body with a declared length (every
 * browser autosave) is read here into one buffer and handed, with the URL and the headers, to
 * the route module's `autosaveReply` — what its `action` runs — as a plain request object
 * (`BufferedRequest`), and the JSON it returns is written here: no web Request, body stream,
 * AbortSignal or Response is built per save. Anything else (no length, too big, not a form)
 * goes to the action as a web Request with the body as a stream, so the action's own 413 and
 * 415 answers are unchanged. The answer is written with `res.end` (no ETag: nothing caches a POST).
 */
import type { ActionFunction, AppLoadContext } from "@remix-run/node";
import { createReadableStreamFromReadable } from "@remix-run/node";
import type { NextFunction, Request, Response } from "express";
import type { BufferedRequest } from "../app/utils/forms.server.ts";

/**
 * What the door calls: the route module's `action` (app/routes/reports.$reportId.$ref.autosave.tsx)
 * and what it runs, `autosaveReply` (app/reporting/autosave.server.ts, exported by the server
 * build's entry).
 */
export interface AutosaveModule {
  action?: ActionFunction;
  autosaveReply?: (request: BufferedRequest, params: Request["params"], context: AppLoadContext) => Promise<{ status: number; body: unknown } | globalThis.Response>;
}

export const AUTOSAVE_PATH = "/reports/:reportId/:ref/autosave";

/** Bodies read here at once: an autosave of a long answer is a few kilobytes. */
const BUFFERED_BODY_BYTES = 64 * 1024;

function bufferedLength(req: Request): number | null {
  const type = req.headers["content-type"];
  if (type === undefined || !/^application\/x-www-form-urlencoded\s*(;|$)/i.test(type)) return null;
  const declared = req.headers["content-length"];
  if (declared === undefined || !/^\d{1,6}$/.test(declared)) return null;
  const length = Number(declared);
  return length <= BUFFERED_BODY_BYTES ? length : null;
}

/** The whole body of a request whose declared length is small (Node checks the length). */
function readBody(req: Request): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.once("end", () => resolve(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks)));
    req.once("error", reject);
  });
}

/** The request's headers as a web Request's `headers.get` reads them (Node keeps them lower-cased, repeated ones joined). */
function headersOf(req: Request): BufferedRequest["headers"] {
  return {
    get(name: string) {
      const value = req.headers[name.toLowerCase()];
      return value === undefined ? null : Array.isArray(value) ? value.join(", ") : value;
    },
  };
}

/** A web Response (a thrown one, or the action's) written to Node's response. */
async function sendResponse(res: Response, response: globalThis.Response): Promise<void> {
  res.statusCode = response.status;
  response.headers.forEach((value, name) => res.setHeader(name, value));
  const bytes = Buffer.from(await response.arrayBuffer());
  res.setHeader("Content-Length", bytes.length);
  res.end(bytes);
}

export function autosaveDoor(module: AutosaveModule | undefined, loadContext: (req: Request, res: Response) => AppLoadContext) {
  return async (req: Request, res: Response, next: NextFunction) => {
    if (!module?.action) return next();
    try {
      const url = `${req.protocol}://${req.get("host")}${req.originalUrl}`;
      if (module.autosaveReply && bufferedLength(req) !== null) {
        const request: BufferedRequest = { url, method: "POST", headers: headersOf(req), bufferedBody: await readBody(req) };
        const reply = await module.autosaveReply(request, req.params, loadContext(req, res));
        if (reply instanceof globalThis.Response) return await sendResponse(res, reply);
        // As Response.json(body, { status, headers: { "Cache-Control": "no-store" } }) would answer.
        const text = JSON.stringify(reply.body);
        res.statusCode = reply.status;
        res.setHeader("Content-Type", "application/json");
        res.setHeader("Cache-Control", "no-store");
        res.setHeader("Content-Length", Buffer.byteLength(text));
        res.end(text);
        return;
      }
      const headers = new Headers();
      for (const [name, value] of Object.entries(req.headers)) {
        if (Array.isArray(value)) for (const v of value) headers.append(name, v);
        else if (value !== undefined) headers.set(name, value);
      }
      const body = bufferedLength(req) === null ? createReadableStreamFromReadable(req) : await readBody(req);
      const request = new Request(url, { method: "POST", headers, body, duplex: "half" } as RequestInit);
      const response = (await module.action({ request, params: req.params, context: loadContext(req, res) })) as globalThis.Response;
      await sendResponse(res, response);
    } catch (error) {
      next(error);
    }
  };
}
