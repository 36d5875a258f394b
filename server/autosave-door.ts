/**
 * The production autosave door (ADR 008, "One door for autosave"): `POST
 * /reports/:reportId/:ref/autosave` goes straight to its route module's `action` — the same
 * guard, validation and save Remix would run — skipping Remix's route matching for every
 * keystroke burst. Mounted by server.ts after the request guards (server/security.ts);
 * tests/app/autosave-doors.test.ts runs one table of cases through this door and through Remix.
 */
import type { ActionFunction, AppLoadContext } from "@remix-run/node";
import { createReadableStreamFromReadable } from "@remix-run/node";
import type { NextFunction, Request, Response } from "express";

export const AUTOSAVE_PATH = "/reports/:reportId/:ref/autosave";

export function autosaveDoor(module: { action?: ActionFunction } | undefined, loadContext: (req: Request, res: Response) => AppLoadContext) {
  return async (req: Request, res: Response, next: NextFunction) => {
    if (!module?.action) return next();
    try {
      const headers = new Headers();
      for (const [name, value] of Object.entries(req.headers)) {
        if (Array.isArray(value)) for (const v of value) headers.append(name, v);
        else if (value !== undefined) headers.set(name, value);
      }
      const request = new Request(`${req.protocol}://${req.get("host")}${req.originalUrl}`, {
        method: "POST",
        headers,
        body: createReadableStreamFromReadable(req),
        duplex: "half",
      } as RequestInit);
      const response = (await module.action({ request, params: req.params, context: loadContext(req, res) })) as globalThis.Response;
      res.status(response.status);
      response.headers.forEach((value, name) => res.setHeader(name, value));
      res.send(Buffer.from(await response.arrayBuffer()));
    } catch (error) {
      next(error);
    }
  };
}
