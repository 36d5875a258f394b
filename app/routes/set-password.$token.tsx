import { getFormProps, getInputProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "#app/utils/translation.tsx";
import { ErrorSummary, InputField, summaryItems, withoutKey } from "#app/components/ui/form.tsx";
import { peekToken, consumePasswordToken } from "#app/accounts/invitations.server.ts";
import { MAX_PASSWORD, MIN_PASSWORD, SetPasswordSchema } from "#app/accounts/schemas.ts";
import { isCommonPassword } from "#app/accounts/common-passwords.server.ts";
import { clientIp } from "#app/utils/context.ts";
import { readForm } from "#app/utils/forms.server.ts";
import { hashPassword } from "#app/accounts/password.server.ts";

export const meta: MetaFunction = () => [{ title: "Choose your password — Kyoto Reporting" }, { name: "referrer", content: "no-referrer" }];

/** Public, with a single-use token from an invitation or a reset e-mail. */
export async function loader({ params }: LoaderFunctionArgs) {
  const info = await peekToken(params.token ?? "");
  if (!info) return { valid: false as const };
  return { valid: true as const, kind: info.kind, email: info.email, name: info.name };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const form = await readForm(request);
  const submission = await parseWithZod(form, {
    schema: SetPasswordSchema.refine((v) => !isCommonPassword(v.password), { message: "validation.passwordCommon", path: ["password"] }),
    async: true,
  });
  if (submission.status !== "success") {
    return data({ result: submission.reply({ hideFields: ["password", "confirm"] }) }, { status: 400 });
  }
  const userId = await consumePasswordToken(params.token ?? "", await hashPassword(submission.value.password), clientIp(context));
  if (!userId) {
    return data({ result: submission.reply({ formErrors: ["auth.tokenInvalid"], hideFields: ["password", "confirm"] }) }, { status: 400 });
  }
  return redirect("/login?passwordSet=1");
}

export default function SetPassword() {
  const loaderData = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation();
  const [form, fields] = useForm({
    id: "set-password",
    lastResult: actionData?.result,
    constraint: getZodConstraint(SetPasswordSchema),
    onValidate: ({ formData }) => parseWithZod(formData, { schema: SetPasswordSchema }),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
  });
  if (!loaderData.valid) {
    return (
      <div className="narrow">
        <h1>{t("auth.tokenInvalidTitle")}</h1>
        <p>{t("auth.tokenInvalid")}</p>
        <p>
          <Link to="/forgot-password">{t("auth.forgotPassword")}</Link>
        </p>
      </div>
    );
  }
  const summary = summaryItems([
    [fields.password, t("auth.newPassword")],
    [fields.confirm, t("auth.confirmPassword")],
  ]);
  return (
    <div className="narrow">
      <h1>{loaderData.kind === "invitation" ? t("auth.welcomeTitle", { name: loaderData.name }) : t("auth.resetTitle")}</h1>
      <p>{t("auth.setPasswordFor", { email: loaderData.email })}</p>
      {form.errors?.length ? (
        <div className="error-summary" role="alert">
          <p>{t(form.errors[0]!)}</p>
        </div>
      ) : null}
      <ErrorSummary items={summary} />
      <Form method="post" {...getFormProps(form)}>
        <input type="text" name="username" autoComplete="username" value={loaderData.email} readOnly hidden />
        <InputField
          {...withoutKey(getInputProps(fields.password, { type: "password" }))}
          id={fields.password.id}
          label={t("auth.newPassword")}
          hint={t("auth.passwordHint", { min: MIN_PASSWORD, max: MAX_PASSWORD })}
          autoComplete="new-password"
          errors={fields.password.errors}
        />
        <InputField
          {...withoutKey(getInputProps(fields.confirm, { type: "password" }))}
          id={fields.confirm.id}
          label={t("auth.confirmPassword")}
          autoComplete="new-password"
          errors={fields.confirm.errors}
        />
        <button type="submit" className="button">
          {t("auth.savePassword")}
        </button>
      </Form>
    </div>
  );
}
