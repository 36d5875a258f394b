import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "#app/utils/translation.tsx";
import { listOutbox } from "#app/mail/outbox.server.ts";
import { requirePermission } from "#app/accounts/auth.server.ts";

export const meta: MetaFunction = () => [{ title: "Outbox — Kyoto Reporting" }];

/** Admins read every message the platform sent (or would have sent without SMTP). */
export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "read", "outbox", "any");
  const messages = await listOutbox();
  return {
    smtp: Boolean(process.env.SMTP_URL),
    messages: messages.map((m) => ({ ...m, createdAt: m.createdAt.toISOString(), sentAt: m.sentAt?.toISOString() ?? null })),
  };
}

export default function Outbox() {
  const { messages, smtp } = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation();
  const fmt = new Intl.DateTimeFormat(i18n.language, { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });
  return (
    <>
      <h1>{t("outbox.title")}</h1>
      <p>{smtp ? t("outbox.introSmtp") : t("outbox.introNoSmtp")}</p>
      {messages.length === 0 ? <p>{t("outbox.empty")}</p> : null}
      {messages.map((m) => (
        <article key={m.id} className="mail" aria-labelledby={`mail-${m.id}`}>
          <h2 id={`mail-${m.id}`}>{m.subject}</h2>
          <p className="muted">
            {t("outbox.meta", { to: m.to, date: fmt.format(new Date(m.createdAt)), kind: m.kind })}
            {m.error ? ` — ${t("outbox.failed", { error: m.error })}` : m.sentAt ? ` — ${t("outbox.sent")}` : ""}
          </p>
          <pre className="mail__body" lang={m.language}>
            {m.body}
          </pre>
        </article>
      ))}
    </>
  );
}
