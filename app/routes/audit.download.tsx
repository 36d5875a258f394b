import type { LoaderFunctionArgs } from "@remix-run/node";
import { requirePermission } from "#app/accounts/auth.server.ts";
import { auditLogPage, logAudit } from "#app/audit/audit.server.ts";
import { clientIp } from "#app/utils/context.ts";

/**
 * The whole audit log as JSON Lines (one event per line, in chain order, each with its values,
 * `prevHash` and `hash`), streamed a page at a time. The download itself is audited.
 */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "export", "audit", "any");
  await logAudit({ actorUserId: user.id, action: "audit.downloaded", entityType: "audit", entityId: "log", ip: clientIp(context) });
  const encoder = new TextEncoder();
  let cursor: Parameters<typeof auditLogPage>[0] | null = { seq: 0 };
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (!cursor) {
        controller.close();
        return;
      }
      const page = auditLogPage(cursor);
      cursor = page.next;
      if (page.lines.length) controller.enqueue(encoder.encode(page.lines.join("\n") + "\n"));
    },
  });
  const stamp = new Date().toISOString().replace(/[:.]/g, "-");
  return new Response(body, {
    headers: {
      "Content-Type": "application/x-ndjson; charset=utf-8",
      "Content-Disposition": `attachment; filename="kyoto-audit-${stamp}.jsonl"`,
      "Cache-Control": "no-store",
    },
  });
}
