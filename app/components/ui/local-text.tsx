import type { LocalText } from "#app/utils/i18n.ts";

/** Text that may be in another language than the page: marks its language and direction. */
export function LocalTextSpan({ value, as: Tag = "span", className, id }: { value: LocalText; as?: "span" | "p" | "div"; className?: string; id?: string }) {
  return (
    <Tag id={id} lang={value.lang} dir={value.lang === "ar" ? "rtl" : value.fallback ? "ltr" : undefined} className={className}>
      {value.text}
    </Tag>
  );
}
