import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { apiError, apiJson, CORS_HEADERS, apiCycles } from "#app/insights/api.server.ts";

/** Public data API: `GET /api/v1/cycles` — the cycles with counted reports. */
// Guard: public (no sign-in needed); a signed-in reader gets what the pages show it.
export async function loader(_args: LoaderFunctionArgs) {
  try {
    return apiJson(await apiCycles());
  } catch (error) {
    return apiError(error);
  }
}

/** CORS preflight answered; every other method refused (the API is read-only). */
export async function action({ request }: ActionFunctionArgs) {
  if (request.method === "OPTIONS") return new Response(null, { status: 204, headers: CORS_HEADERS });
  return apiJson({ message: "The data API is read-only: use GET." }, 405);
}
