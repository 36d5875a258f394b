import { getFormProps, getInputProps, getSelectProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "#app/utils/translation.tsx";
import { notFound, refuse, requireUser } from "#app/accounts/auth.server.ts";
import { can } from "#app/accounts/permissions.ts";
import { ErrorSummary, FieldError, InputField, summaryItems, withoutKey } from "#app/components/ui/form.tsx";
import { getStateProfile, setMissionContact } from "#app/states/profile.server.ts";
import { StateProfileSchema } from "#app/states/profile.ts";
import { clientIp } from "#app/utils/context.ts";
import { readForm } from "#app/utils/forms.server.ts";
import { getLanguage } from "#app/utils/i18n.server.ts";
import { SUPPORTED_LANGUAGES } from "#app/utils/i18n.ts";

export const meta: MetaFunction = () => [{ title: "State profile — Kyoto Reporting" }];

/** The State's focal point, or an admin; another State's users get 404 (as for its reports). */
async function requireProfileEditor(request: Request, iso3Param: string | undefined) {
  const user = await requireUser(request);
  const iso3 = (iso3Param ?? "").toUpperCase();
  if (!/^[A-Z]{3}$/.test(iso3)) notFound("No such State");
  const own = user.stateIso3 === iso3;
  if (user.stateIso3 !== null && !own) notFound("No such State");
  if (!can(user.role, "manage", "state-profile", own ? "own" : "any")) await refuse(user, "manage:state-profile", new URL(request.url).pathname);
  return { user, iso3 };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { iso3 } = await requireProfileEditor(request, params.iso3);
  const profile = getStateProfile(iso3, await getLanguage(request));
  if (!profile) notFound("No such State");
  return { profile };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { user, iso3 } = await requireProfileEditor(request, params.iso3);
  if (!getStateProfile(iso3, "en")) notFound("No such State");
  const submission = parseWithZod(await readForm(request), { schema: StateProfileSchema });
  if (submission.status !== "success") return data({ result: submission.reply() }, { status: 400 });
  setMissionContact(iso3, { email: submission.value.missionEmail ?? null, language: submission.value.missionLanguage }, user.id, clientIp(context));
  return redirect(`/states/${iso3}?saved=1`);
}

export default function StateProfilePage() {
  const { profile } = useLoaderData<typeof loader>();
  const a = useActionData<typeof action>();
  const [params] = useSearchParams();
  const { t } = useTranslation();
  const [form, fields] = useForm({
    id: "state-profile",
    lastResult: a?.result,
    constraint: getZodConstraint(StateProfileSchema),
    onValidate: ({ formData }) => parseWithZod(formData, { schema: StateProfileSchema }),
    shouldValidate: "onSubmit",
    defaultValue: { missionEmail: profile.mission.email ?? "", missionLanguage: profile.mission.language },
  });
  const languageName = (l: string) => new Intl.DisplayNames([l], { type: "language" }).of(l) ?? l;
  return (
    <>
      <h1>{t("stateProfile.title", { state: profile.name })}</h1>
      {params.get("saved") === "1" && !a ? (
        <p className="notice notice--ok" role="status">
          {t("stateProfile.saved")}
        </p>
      ) : null}
      <ErrorSummary
        items={summaryItems([
          [fields.missionEmail, t("stateProfile.missionEmail")],
          [fields.missionLanguage, t("stateProfile.missionLanguage")],
        ])}
      />
      <Form method="post" {...getFormProps(form)}>
        <InputField
          {...withoutKey(getInputProps(fields.missionEmail, { type: "email" }))}
          id={fields.missionEmail.id}
          label={t("stateProfile.missionEmail")}
          hint={t("stateProfile.missionHint")}
          autoComplete="email"
          errors={fields.missionEmail.errors}
        />
        <div className="field">
          <label className="field__label" htmlFor={fields.missionLanguage.id}>
            {t("stateProfile.missionLanguage")}
          </label>
          <FieldError id={fields.missionLanguage.errorId} errors={fields.missionLanguage.errors} />
          <select {...withoutKey(getSelectProps(fields.missionLanguage))}>
            {SUPPORTED_LANGUAGES.map((l) => (
              <option key={l} value={l} lang={l}>
                {languageName(l)}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="button">
          {t("stateProfile.save")}
        </button>
      </Form>
    </>
  );
}
