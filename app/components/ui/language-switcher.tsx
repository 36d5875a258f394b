import { Form, useLocation } from "@remix-run/react";
import { useTranslation } from "#app/utils/translation.tsx";
import { LANGUAGE_NAMES, SUPPORTED_LANGUAGES } from "#app/utils/i18n.ts";

/**
 * A plain form of six buttons. It always reloads the document, so the whole page (and the
 * browser's copy of the strings) comes back in the new language.
 */
export function LanguageSwitcher() {
  const { t, i18n } = useTranslation();
  const location = useLocation();
  return (
    <Form method="post" action="/language" reloadDocument className="language-switcher" aria-label={t("nav.language")}>
      <input type="hidden" name="redirectTo" value={location.pathname + location.search} />
      <ul>
        {SUPPORTED_LANGUAGES.map((lng) => (
          <li key={lng}>
            <button
              type="submit"
              name="lng"
              value={lng}
              lang={lng}
              aria-current={i18n.language === lng ? "true" : undefined}
              className="language-switcher__button"
            >
              {LANGUAGE_NAMES[lng]}
            </button>
          </li>
        ))}
      </ul>
    </Form>
  );
}
