import { getFormProps, getInputProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, useActionData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "#app/utils/translation.tsx";
import { ErrorSummary, InputField, summaryItems, withoutKey } from "#app/components/ui/form.tsx";
import { getSessionAnyStage } from "#app/accounts/auth.server.ts";
import { completeSignIn } from "#app/accounts/sessions.server.ts";
import { serializeSessionCookie } from "#app/accounts/session-cookie.server.ts";
import { verifySecondFactor } from "#app/accounts/two-factor.server.ts";
import { SecondFactorSchema } from "#app/accounts/two-factor-schemas.ts";
import { homeFor } from "#app/accounts/home.ts";
import { logAudit } from "#app/audit/audit.server.ts";
import { clientIp } from "#app/utils/context.ts";
import { readForm } from "#app/utils/forms.server.ts";
import { retryAfterHeaders } from "#app/utils/http.ts";
import { safeRedirectPath } from "#app/utils/redirect.ts";

export const meta: MetaFunction = () => [{ title: "Two-factor sign-in — Kyoto Reporting" }];

/** After the password, for accounts with two-factor sign-in on: the code, or a recovery code. */
async function requirePasswordStep(request: Request) {
  const session = await getSessionAnyStage(request);
  if (!session || session.stage !== "second_factor") throw redirect("/login");
  return session;
}

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePasswordStep(request);
  return null;
}

export async function action({ request, context }: ActionFunctionArgs) {
  const session = await requirePasswordStep(request);
  const submission = parseWithZod(await readForm(request), { schema: SecondFactorSchema });
  if (submission.status !== "success") return data({ result: submission.reply({ hideFields: ["code"] }), retryMinutes: null }, { status: 400 });
  const ip = clientIp(context);
  const outcome = await verifySecondFactor(session.user.id, submission.value.code, ip);
  if (!outcome.ok) {
    if (outcome.reason === "throttled") {
      const wait = outcome.retryAfterMs ?? 60_000;
      return data(
        { result: submission.reply({ hideFields: ["code"] }), retryMinutes: Math.ceil(wait / 60_000) },
        { status: 429, headers: { "Retry-After": String(Math.ceil(wait / 1000)) } },
      );
    }
    const key = outcome.reason === "replayed" ? "security.codeUsed" : "security.codeWrong";
    return data({ result: submission.reply({ fieldErrors: { code: [key] }, hideFields: ["code"] }), retryMinutes: null }, { status: 400 });
  }
  const sessionId = await completeSignIn(session);
  await logAudit({ actorUserId: session.user.id, action: "auth.login", entityType: "user", entityId: session.user.id, newValue: { secondFactor: outcome.via }, ip });
  return redirect(safeRedirectPath(submission.value.redirectTo, homeFor(session.user.role)), {
    headers: { "Set-Cookie": await serializeSessionCookie(request, sessionId) },
  });
}

/** The 429's Retry-After reaches the browser on a document request too. */
export const headers: HeadersFunction = ({ actionHeaders, loaderHeaders }) => retryAfterHeaders(actionHeaders, loaderHeaders);

export default function TwoFactorSignIn() {
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation();
  const [searchParams] = useSearchParams();
  const [form, fields] = useForm({
    id: "two-factor",
    lastResult: actionData?.result,
    constraint: getZodConstraint(SecondFactorSchema),
    onValidate: ({ formData }) => parseWithZod(formData, { schema: SecondFactorSchema }),
    shouldValidate: "onSubmit",
  });
  return (
    <div className="narrow">
      <h1>{t("security.twoFactorTitle")}</h1>
      <p>{t("security.twoFactorIntro")}</p>
      {actionData?.retryMinutes ? (
        <div className="error-summary" role="alert">
          <p>{t("security.tooManyCodes")}</p>
        </div>
      ) : null}
      <ErrorSummary items={summaryItems([[fields.code, t("security.codeLabel")]])} />
      <Form method="post" {...getFormProps(form)}>
        <input type="hidden" name="redirectTo" value={searchParams.get("redirectTo") ?? ""} />
        <InputField
          {...withoutKey(getInputProps(fields.code, { type: "text" }))}
          id={fields.code.id}
          label={t("security.codeLabel")}
          hint={t("security.codeHint")}
          autoComplete="one-time-code"
          inputMode="numeric"
          errors={fields.code.errors}
        />
        <button type="submit" className="button">
          {t("security.verify")}
        </button>
      </Form>
      <Form method="post" action="/logout">
        <button type="submit" className="link-button">
          {t("security.cancelSignIn")}
        </button>
      </Form>
    </div>
  );
}
