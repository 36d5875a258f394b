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
  const reply = asJsonReply(error);
  return reply instanceof Response ? reply : Response.json(reply.body, { status: reply.status, headers: { "Cache-Control": "no-store" } });
}

/** The same before it becomes a response: a thrown `data()` as its status and JSON body, a thrown Response as it is; anything else rethrown. */
export function asJsonReply(error: unknown): { status: number; body: unknown } | Response {
  if (error instanceof Response) return error;
  if (error && typeof error === "object" && (error as { type?: string }).type === "DataWithResponseInit") {
    const e = error as { data: unknown; init: ResponseInit | null };
    return { status: e.init?.status ?? 500, body: e.data };
  }
  throw error;
}
