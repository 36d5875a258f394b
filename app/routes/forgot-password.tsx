import { getFormProps, getInputProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, HeadersFunction, MetaFunction } from "@remix-run/node";
import { retryAfterHeaders } from "#app/utils/http.ts";
import { data } from "@remix-run/node";
import { Form, useActionData } from "@remix-run/react";
import { useTranslation } from "#app/utils/translation.tsx";
import { ErrorSummary, InputField, summaryItems, withoutKey } from "#app/components/ui/form.tsx";
import { createPasswordReset } from "#app/accounts/invitations.server.ts";
import { RESET_PER_ACCOUNT, RESET_PER_ADDRESS, recordEvent, retryAfter } from "#app/accounts/rate-limit.server.ts";
import { normaliseEmail } from "#app/accounts/users.server.ts";
import { runAfterResponse } from "#app/utils/background.server.ts";
import { ForgotPasswordSchema } from "#app/accounts/schemas.ts";
import { clientIp } from "#app/utils/context.ts";
import { readForm } from "#app/utils/forms.server.ts";
import { sendPasswordResetMail } from "#app/mail/mail.server.ts";

export const meta: MetaFunction = () => [{ title: "Reset your password — Kyoto Reporting" }];

/**
 * Public. Always the same answer, whether or not the account exists, and in the same time: the
 * account is looked up and the mail written after the answer is sent. Reset requests have
 * their own limits (per address, per account) and never count against signing in.
 */
export async function action({ request, context }: ActionFunctionArgs) {
  const submission = parseWithZod(await readForm(request), { schema: ForgotPasswordSchema });
  if (submission.status !== "success") return data({ result: submission.reply(), sent: false, retryMinutes: null }, { status: 400 });
  const ip = clientIp(context);
  const email = normaliseEmail(submission.value.email);
  const wait = retryAfter(RESET_PER_ADDRESS, ip);
  if (wait > 0) {
    return data(
      { result: submission.reply(), sent: false, retryMinutes: Math.ceil(wait / 60_000) },
      { status: 429, headers: { "Retry-After": String(Math.ceil(wait / 1000)) } },
    );
  }
  recordEvent(RESET_PER_ADDRESS, ip);
  // Over the per-account limit nothing more is sent, and the answer does not say so.
  if (retryAfter(RESET_PER_ACCOUNT, email) === 0) {
    recordEvent(RESET_PER_ACCOUNT, email);
    runAfterResponse(async () => {
      const reset = await createPasswordReset(email, ip);
      if (reset) await sendPasswordResetMail(reset, reset.token);
    });
  }
  return { result: submission.reply({ resetForm: true }), sent: true, retryMinutes: null };
}

/** The 429's Retry-After reaches the browser on a document request too. */
export const headers: HeadersFunction = ({ actionHeaders, loaderHeaders }) => retryAfterHeaders(actionHeaders, loaderHeaders);

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
      {actionData?.retryMinutes ? (
        <div className="error-summary" role="alert">
          <p>{t("security.tooManyResets")}</p>
        </div>
      ) : null}
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
