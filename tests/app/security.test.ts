import type { NextFunction, Request, Response } from "express";
import { describe, expect, test, vi } from "vitest";
import { rejectCrossSiteWrites } from "../../server/security.ts";

function run(method: string, headers: Record<string, string>) {
  const req = { method, protocol: "https", get: (name: string) => (name.toLowerCase() === "host" ? "reports.example.org" : headers[name.toLowerCase()]) } as unknown as Request;
  const res = { status: vi.fn().mockReturnThis(), type: vi.fn().mockReturnThis(), send: vi.fn() } as unknown as Response;
  const next = vi.fn() as unknown as NextFunction;
  rejectCrossSiteWrites(req, res, next);
  return (next as unknown as ReturnType<typeof vi.fn>).mock.calls.length === 1 ? "allowed" : "refused";
}

describe("no state change from another site", () => {
  test.each([
    ["GET from anywhere", "GET", { origin: "https://evil.example" }, "allowed"],
    ["POST from the same origin", "POST", { origin: "https://reports.example.org" }, "allowed"],
    ["POST from another origin", "POST", { origin: "https://evil.example" }, "refused"],
    ["POST from another origin claiming same-origin fetch", "POST", { origin: "https://evil.example", "sec-fetch-site": "same-origin" }, "refused"],
    ["POST with Origin: null from a no-referrer page of this site", "POST", { origin: "null", "sec-fetch-site": "same-origin" }, "allowed"],
    ["POST with Origin: null from another site", "POST", { origin: "null", "sec-fetch-site": "cross-site" }, "refused"],
    ["POST with Origin: null and nothing else", "POST", { origin: "null" }, "refused"],
    ["POST without Origin, cross-site fetch", "POST", { "sec-fetch-site": "cross-site" }, "refused"],
    ["POST from a non-browser client", "POST", {}, "allowed"],
  ])("%s: %s", (_name, method, headers, expected) => {
    expect(run(method as string, headers as Record<string, string>)).toBe(expected);
  });
});
