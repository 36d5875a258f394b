/**
 * The production autosave door (ADR 008, "One door for autosave"): `POST
 * /reports/:reportId/:ref/autosave` goes straight to its route module's `action` — the same
 * guard, validation and save Remix would run — skipping Remix's route matching for every
 * keystroke burst. Mounted by server.ts after the request guards (server/security.ts);
 * tests/app/autosave-doors.test.ts runs one table of cases through this door and through Remix.
 *
 * Cheap per save (ADR 001, issue 16): a small form body with a declared length (every
 * browser autosave) is read here into one buffer and handed to the action as the request's
 * body, instead of adapting the Node stream into a web stream; anything else (no length, too
 * big, not a form) is handed over as a stream, so the action's own 413 and 415 answers are
 * unchanged. The answer is written with `res.end` (no ETag: nothing caches a POST).
 */
import type { ActionFunction, AppLoadContext } from "@remix-run/node";
import { createReadableStreamFromReadable } from "@remix-run/node";
import type { NextFunction, Request, Response } from "express";

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

export function autosaveDoor(module: { action?: ActionFunction } | undefined, loadContext: (req: Request, res: Response) => AppLoadContext) {
  return async (req: Request, res: Response, next: NextFunction) => {
    if (!module?.action) return next();
    try {
      const headers = new Headers();
      for (const [name, value] of Object.entries(req.headers)) {
        if (Array.isArray(value)) for (const v of value) headers.append(name, v);
        else if (value !== undefined) headers.set(name, value);
      }
      const body = bufferedLength(req) === null ? createReadableStreamFromReadable(req) : await readBody(req);
      const request = new Request(`${req.protocol}://${req.get("host")}${req.originalUrl}`, {
        method: "POST",
        headers,
        body,
        duplex: "half",
      } as RequestInit);
      const response = (await module.action({ request, params: req.params, context: loadContext(req, res) })) as globalThis.Response;
      res.statusCode = response.status;
      response.headers.forEach((value, name) => res.setHeader(name, value));
      const bytes = Buffer.from(await response.arrayBuffer());
      res.setHeader("Content-Length", bytes.length);
      res.end(bytes);
    } catch (error) {
      next(error);
    }
  };
}
