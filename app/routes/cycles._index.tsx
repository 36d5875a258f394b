import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "#app/utils/translation.tsx";
import { listCycles } from "#app/cycles/cycles.server.ts";
import { requirePermission } from "#app/accounts/auth.server.ts";
import { TableScroll } from "#app/components/ui/table-scroll.tsx";

export const meta: MetaFunction = () => [{ title: "Reporting cycles — Kyoto Reporting" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "manage", "cycle", "any");
  return { cycles: await listCycles() };
}

export default function Cycles() {
  const { cycles } = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation();
  const date = (s: string) => new Intl.DateTimeFormat(i18n.language, { dateStyle: "medium", timeZone: "UTC" }).format(new Date(`${s}T00:00:00Z`));
  return (
    <>
      <h1>{t("cycles.title")}</h1>
      <p>
        <Link to="new" className="button">
          {t("cycles.new")}
        </Link>
      </p>
      {cycles.length === 0 ? (
        <p>{t("cycles.none")}</p>
      ) : (
        <TableScroll label={t("cycles.title")}>
        <table className="table">
          <thead>
            <tr>
              <th scope="col">{t("cycles.fields.title")}</th>
              <th scope="col">{t("cycles.fields.status")}</th>
              <th scope="col">{t("cycles.fields.opensOn")}</th>
              <th scope="col">{t("cycles.fields.deadline")}</th>
              <th scope="col">{t("cycles.fields.scopeKind")}</th>
              <th scope="col">{t("cycles.reportsStarted")}</th>
              <th scope="col">{t("cycles.reportsSubmitted")}</th>
            </tr>
          </thead>
          <tbody>
            {cycles.map((c) => (
              <tr key={c.id}>
                <td>
                  <Link to={String(c.id)}>{c.title}</Link>
                </td>
                <td>
                  <span className={`tag tag--${c.status}`}>{t(`cycles.status.${c.status}`)}</span>
                </td>
                <td>{date(c.opensOn)}</td>
                <td>{date(c.deadline)}</td>
                <td>{t(`cycles.scope.${c.scope.kind}`)}</td>
                <td>{c.reports}</td>
                <td>{c.submitted}</td>
              </tr>
            ))}
          </tbody>
        </table>
        </TableScroll>
      )}
    </>
  );
}
