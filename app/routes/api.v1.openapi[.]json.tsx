import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { apiJson, CORS_HEADERS, openApiDocument } from "#app/insights/api.server.ts";

/** Public: the OpenAPI 3.1 description of /api/v1. */
// Guard: public (no sign-in needed).
export async function loader({ request }: LoaderFunctionArgs) {
  return apiJson(openApiDocument(new URL(request.url).origin));
}

/** CORS preflight answered; every other method refused. */
export async function action({ request }: ActionFunctionArgs) {
  if (request.method === "OPTIONS") return new Response(null, { status: 204, headers: CORS_HEADERS });
  return apiJson({ message: "The data API is read-only: use GET." }, 405);
}
