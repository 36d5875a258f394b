import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { apiError, apiJson, CORS_HEADERS, apiGoodPractices } from "#app/insights/api.server.ts";
import { getUser } from "#app/accounts/auth.server.ts";
import { viewerOf } from "#app/insights/charts.server.tsx";

/** Public data API: `GET /api/v1/cycles/:cycleId/good-practices?paragraph=` — what the reader may see. */
// Guard: public (no sign-in needed); a signed-in reader gets what the pages show it.
export async function loader({ request, params }: LoaderFunctionArgs) {
  try {
    return apiJson(await apiGoodPractices(params.cycleId, new URL(request.url), viewerOf(await getUser(request))));
  } catch (error) {
    return apiError(error);
  }
}

/** CORS preflight answered; every other method refused (the API is read-only). */
export async function action({ request }: ActionFunctionArgs) {
  if (request.method === "OPTIONS") return new Response(null, { status: 204, headers: CORS_HEADERS });
  return apiJson({ message: "The data API is read-only: use GET." }, 405);
}
