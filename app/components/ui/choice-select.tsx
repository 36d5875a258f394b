/**
 * A labelled select of options, with an optional empty first choice ("any", "all pillars"):
 * the filter and choice fields of the search, drafting and other forms. Generic UI.
 */
export interface Choice {
  value: string | number;
  label: string;
}

export function ChoiceSelect({
  id,
  name = id,
  label,
  options,
  emptyLabel,
  defaultValue,
  invalid,
  className,
}: {
  id: string;
  name?: string;
  label: string;
  options: Choice[];
  /** The empty first option (value ""), when the field may be left open. */
  emptyLabel?: string;
  defaultValue?: string | number;
  invalid?: boolean;
  className?: string;
}) {
  return (
    <div className={className}>
      <label htmlFor={id}>{label}</label>
      <select id={id} name={name} defaultValue={defaultValue ?? ""} aria-invalid={invalid ? true : undefined}>
        {emptyLabel !== undefined ? <option value="">{emptyLabel}</option> : null}
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}
