import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "#app/utils/translation.tsx";
import { requirePermission } from "#app/accounts/auth.server.ts";
import { auditLogSummary } from "#app/audit/audit.server.ts";

export const meta: MetaFunction = () => [{ title: "Audit log — Kyoto Reporting" }];

/** Admins see the audit chain's state and download the log for safekeeping. */
export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "export", "audit", "any");
  return auditLogSummary();
}

export default function AuditLog() {
  const { sealed, open, head } = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation();
  const n = new Intl.NumberFormat(i18n.language);
  return (
    <>
      <h1>{t("auditLog.title")}</h1>
      <p>{t("auditLog.intro")}</p>
      <dl>
        <dt>{t("auditLog.sealed")}</dt>
        <dd>{n.format(sealed)}</dd>
        <dt>{t("auditLog.open")}</dt>
        <dd>{n.format(open)}</dd>
        <dt>{t("auditLog.head")}</dt>
        <dd>
          {head ? (
            <>
              {t("auditLog.position", { position: n.format(head.seq) })} <code>{head.hash}</code>
            </>
          ) : (
            t("auditLog.empty")
          )}
        </dd>
      </dl>
      <p>
        <a href="/audit/download" download>
          {t("auditLog.download")}
        </a>
      </p>
      <p className="muted">{t("auditLog.verify")}</p>
    </>
  );
}
