import { useTranslation } from "#app/utils/translation.tsx";
import { REGIONAL_GROUPS } from "#app/states/regional-groups.ts";

/** A filter on the five UN regional groups, "any" first. */
export function RegionalGroupSelect({ id = "group", defaultValue }: { id?: string; defaultValue?: string }) {
  const { t } = useTranslation();
  return (
    <>
      <label htmlFor={id}>{t("review.group")}</label>
      <select id={id} name="group" defaultValue={defaultValue ?? ""}>
        <option value="">{t("review.any")}</option>
        {REGIONAL_GROUPS.map((g) => (
          <option key={g} value={g}>
            {t(`groups.${g}`)}
          </option>
        ))}
      </select>
    </>
  );
}
