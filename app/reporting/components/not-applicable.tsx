/**
 * "Not applicable" on the paragraph page: the other questions fold away as soon as it is chosen
 * (with JavaScript) or once it is saved (without), a warning says what saving will clear, and
 * a notice says what was cleared. The rule itself: app/reporting/not-applicable.ts.
 */
import { useEffect, useState } from "react";
import { useTranslation } from "#app/utils/translation.tsx";
import { isNotApplicable } from "#app/reporting/not-applicable.ts";

/** Whether the paragraph form's status says "not applicable" now (follows the user's choice). */
export function useNotApplicableChoice(
  formRef: React.RefObject<HTMLFormElement | null>,
  saved: boolean
): boolean {
  const [chosen, setChosen] = useState(saved);
  useEffect(() => {
    const form = formRef.current;
    if (!form) return;
    const read = () => {
      const checked = form.querySelector<HTMLInputElement>(
        'input[name="status"]:checked, input[name="stage"]:checked'
      );
      setChosen(isNotApplicable({ status: checked?.value ?? null }));
    };
    form.addEventListener("change", read);
    return () => form.removeEventListener("change", read);
  }, [formRef]);
  return chosen;
}

/** Next to the status: what saving "not applicable" does to the other answers. */
export function NotApplicableWarning({
  answered,
  chosen,
  saved,
}: {
  answered: number;
  chosen: boolean;
  saved: boolean;
}) {
  const { t } = useTranslation();
  if (answered === 0 || saved) return null;
  return chosen ? (
    <p className="notice" role="status">
      {t("notApplicable.willClear", { count: answered })}
    </p>
  ) : (
    <p className="hint">{t("notApplicable.wouldClear", { count: answered })}</p>
  );
}

/** The paragraph's other questions: shown, or folded away while the paragraph is not applicable. */
export function NotApplicableGroup({
  collapsed,
  children,
}: {
  collapsed: boolean;
  children: React.ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <details
      className={`na-group${collapsed ? " na-group--collapsed" : ""}`}
      open={!collapsed}
    >
      <summary>{t("notApplicable.folded")}</summary>
      {children}
    </details>
  );
}

/** After a save: how many answers were cleared. */
export function ClearedNotice({ count }: { count: number }) {
  const { t } = useTranslation();
  if (count <= 0) return null;
  return (
    <p className="notice notice--ok" role="status">
      {t("notApplicable.cleared", { count })}
    </p>
  );
}
