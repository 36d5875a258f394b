import type { AppLoadContext } from "@remix-run/node";

/** The client's address as the server saw it (behind a proxy: TRUST_PROXY=true). */
export function clientIp(context: AppLoadContext | undefined): string {
  const ip = (context as { clientIp?: unknown } | undefined)?.clientIp;
  return typeof ip === "string" && ip ? ip : "unknown";
}
