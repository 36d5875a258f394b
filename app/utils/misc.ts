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
