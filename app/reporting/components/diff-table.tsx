import { useTranslation } from "#app/utils/translation.tsx";
import { TableScroll } from "#app/components/ui/table-scroll.tsx";

/** Answers before and after, one row a question (resubmissions, workbook imports). */
export function DiffTable({ label, rows }: { label: string; rows: { key: string; label: string; before: string; after: string }[] }) {
  const { t } = useTranslation();
  return (
    <TableScroll label={label}>
    <table className="table">
      <thead>
        <tr>
          <th scope="col">{t("review.question")}</th>
          <th scope="col">{t("history.old")}</th>
          <th scope="col">{t("history.new")}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.key}>
            <th scope="row">{r.label}</th>
            <td className="diff__before">{r.before}</td>
            <td className="diff__after">{r.after}</td>
          </tr>
        ))}
      </tbody>
    </table>
    </TableScroll>
  );
}
