import { getFormProps, getInputProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, useActionData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ErrorSummary, InputField, summaryItems, withoutKey } from "#app/components/ui/form.tsx";
import { createPasswordReset } from "#app/accounts/invitations.server.ts";
import { loginRetryAfter, recordLoginFailure } from "#app/accounts/sessions.server.ts";
import { ForgotPasswordSchema } from "#app/accounts/schemas.ts";
import { clientIp } from "#app/utils/context.ts";
import { readForm } from "#app/utils/forms.server.ts";
import { sendPasswordResetMail } from "#app/mail/mail.server.ts";

export const meta: MetaFunction = () => [{ title: "Reset your password — Kyoto Reporting" }];

/** Public. Always the same answer, whether or not the account exists. */
export async function action({ request, context }: ActionFunctionArgs) {
  const submission = parseWithZod(await readForm(request), { schema: ForgotPasswordSchema });
  if (submission.status !== "success") return data({ result: submission.reply(), sent: false }, { status: 400 });
  const ip = clientIp(context);
  const email = submission.value.email.toLowerCase();
  // Reset requests count against the same per-account and per-address limit as sign-ins.
  if ((await loginRetryAfter(email, ip)) === 0) {
    await recordLoginFailure(email, ip);
    const reset = await createPasswordReset(email, ip);
    if (reset) await sendPasswordResetMail(request, reset, reset.token);
  }
  return { result: submission.reply({ resetForm: true }), sent: true };
}

export default function ForgotPassword() {
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation();
  const [form, fields] = useForm({
    id: "forgot",
    lastResult: actionData?.result,
    constraint: getZodConstraint(ForgotPasswordSchema),
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ForgotPasswordSchema }),
    shouldValidate: "onSubmit",
  });
  return (
    <div className="narrow">
      <h1>{t("auth.forgotTitle")}</h1>
      {actionData?.sent ? (
        <p className="notice notice--ok" role="status">
          {t("auth.resetSent")}
        </p>
      ) : null}
      <p>{t("auth.forgotIntro")}</p>
      <ErrorSummary items={summaryItems([[fields.email, t("auth.email")]])} />
      <Form method="post" {...getFormProps(form)}>
        <InputField
          {...withoutKey(getInputProps(fields.email, { type: "email" }))}
          id={fields.email.id}
          label={t("auth.email")}
          autoComplete="username"
          errors={fields.email.errors}
        />
        <button type="submit" className="button">
          {t("auth.sendResetLink")}
        </button>
      </Form>
    </div>
  );
}
