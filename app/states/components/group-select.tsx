import { useTranslation } from "react-i18next";

const GROUPS = ["african", "asia_pacific", "eastern_european", "latin_american_caribbean", "weog"] as const;

/** A filter on the five UN regional groups, "any" first. */
export function RegionalGroupSelect({ id = "group", defaultValue }: { id?: string; defaultValue?: string }) {
  const { t } = useTranslation();
  return (
    <>
      <label htmlFor={id}>{t("review.group")}</label>
      <select id={id} name="group" defaultValue={defaultValue ?? ""}>
        <option value="">{t("review.any")}</option>
        {GROUPS.map((g) => (
          <option key={g} value={g}>
            {t(`groups.${g}`)}
          </option>
        ))}
      </select>
    </>
  );
}
