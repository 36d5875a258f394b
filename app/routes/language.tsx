import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { useActionData } from "@remix-run/react";
import { useTranslation } from "#app/utils/translation.tsx";
import { z } from "zod";
import { useErrorText } from "#app/components/ui/form.tsx";
import { SUPPORTED_LANGUAGES } from "#app/utils/i18n.ts";
import { languageCookie } from "#app/utils/i18n.server.ts";
import { readForm } from "#app/utils/forms.server.ts";
import { isHttps, safeRedirectPath } from "#app/utils/redirect.ts";

const LanguageSchema = z.object({
  lng: z.enum(SUPPORTED_LANGUAGES, { error: "formErrors.chooseLanguage" }),
  redirectTo: z.string().max(2000).optional(),
});

/** Anyone may choose a language; the choice is kept in a cookie. */
export async function action({ request }: ActionFunctionArgs) {
  const submission = parseWithZod(await readForm(request), { schema: LanguageSchema });
  if (submission.status !== "success") return data({ result: submission.reply() }, { status: 400 });
  return redirect(safeRedirectPath(submission.value.redirectTo), {
    headers: { "Set-Cookie": await languageCookie.serialize(submission.value.lng, { secure: isHttps(request) }) },
  });
}

export async function loader() {
  return redirect("/");
}

/** Only a refused choice shows here (the switcher's buttons never send one): say why (the header's switcher offers the six again). */
export default function LanguageRefused() {
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation();
  const errorText = useErrorText();
  const errors = Object.values(actionData?.result.error ?? {}).flatMap((e) => e ?? []);
  return (
    <>
      <h1>{t("nav.language")}</h1>
      {errors.length > 0 ? (
        <p className="error-summary" role="alert">
          {errors.map(errorText).join(" ")}
        </p>
      ) : null}
    </>
  );
}
