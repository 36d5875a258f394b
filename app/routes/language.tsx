import type { ActionFunctionArgs } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { z } from "zod";
import { SUPPORTED_LANGUAGES } from "#app/utils/i18n.ts";
import { languageCookie } from "#app/utils/i18n.server.ts";
import { readForm } from "#app/utils/forms.server.ts";
import { isHttps, safeRedirectPath } from "#app/utils/redirect.ts";

const LanguageForm = z.object({
  lng: z.enum(SUPPORTED_LANGUAGES),
  redirectTo: z.string().optional(),
});

/** Anyone may choose a language; the choice is kept in a cookie. */
export async function action({ request }: ActionFunctionArgs) {
  const parsed = LanguageForm.safeParse(Object.fromEntries(await readForm(request)));
  if (!parsed.success) {
    throw data({ message: "Choose one of: " + SUPPORTED_LANGUAGES.join(", ") }, { status: 400 });
  }
  return redirect(safeRedirectPath(parsed.data.redirectTo), {
    headers: { "Set-Cookie": await languageCookie.serialize(parsed.data.lng, { secure: isHttps(request) }) },
  });
}

export async function loader() {
  return redirect("/");
}
