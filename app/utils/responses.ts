import { data } from "@remix-run/node";

/** Throws a Response (404 by default) when the condition fails: "not found" is not a crash. */
export function invariantResponse(
  condition: unknown,
  message = "Not found",
  init: ResponseInit = { status: 404 },
): asserts condition {
  if (!condition) {
    throw data({ message }, init);
  }
}

/** A thrown `data()` or Response as a JSON response (resource routes); anything else rethrown. */
export function asJsonResponse(error: unknown): Response {
  if (error instanceof Response) return error;
  if (error && typeof error === "object" && (error as { type?: string }).type === "DataWithResponseInit") {
    const e = error as { data: unknown; init: ResponseInit | null };
    return Response.json(e.data, { status: e.init?.status ?? 500, headers: { "Cache-Control": "no-store" } });
  }
  throw error;
}
