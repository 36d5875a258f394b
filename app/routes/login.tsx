import { getFormProps, getInputProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { retryAfterHeaders } from "#app/utils/http.ts";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useNavigation, useSearchParams } from "@remix-run/react";
import { useTranslation } from "#app/utils/translation.tsx";
import { ErrorSummary, InputField, summaryItems, withoutKey } from "#app/components/ui/form.tsx";
import { logAudit } from "#app/audit/audit.server.ts";
import {
  clearLoginFailures,
  createSession,
  loginRetryAfter,
  recordLoginFailure,
} from "#app/accounts/sessions.server.ts";
import { findUserByEmail, normaliseEmail } from "#app/accounts/users.server.ts";
import { LoginSchema } from "#app/accounts/schemas.ts";
import { getUser } from "#app/accounts/auth.server.ts";
import { clientIp } from "#app/utils/context.ts";
import { readForm } from "#app/utils/forms.server.ts";
import { verifyPassword } from "#app/accounts/password.server.ts";
import { homeFor } from "#app/accounts/home.ts";
import { twoFactorEnabled, twoFactorRequired } from "#app/accounts/two-factor.server.ts";
import { safeRedirectPath } from "#app/utils/redirect.ts";
import { serializeSessionCookie } from "#app/accounts/session-cookie.server.ts";

export const meta: MetaFunction = () => [{ title: "Sign in — Kyoto Reporting" }];

// A hash to verify against when the account does not exist, so timing does not tell.
const DUMMY_HASH = "$argon2id$v=19$m=19456,t=2,p=1$qnLX774FQENe5dIsxOdXcg$2HYfZII4ekpbcCeN7ml3JL5xdkVzp3COKoqLsftxN0Y";

/** Public. A signed-in user is sent on. */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await getUser(request);
  if (user) throw redirect(safeRedirectPath(new URL(request.url).searchParams.get("redirectTo"), homeFor(user.role)));
  return null;
}

export async function action({ request, context }: ActionFunctionArgs) {
  const formData = await readForm(request);
  const submission = parseWithZod(formData, { schema: LoginSchema });
  if (submission.status !== "success") {
    return data({ result: submission.reply({ hideFields: ["password"] }), retryMinutes: null }, { status: 400 });
  }
  const ip = clientIp(context);
  const email = normaliseEmail(submission.value.email);
  const wait = await loginRetryAfter(email, ip);
  if (wait > 0) {
    await logAudit({ actorUserId: null, action: "auth.login_throttled", entityType: "account", entityId: email, outcome: "refused", ip });
    return data(
      { result: submission.reply({ hideFields: ["password"] }), retryMinutes: Math.ceil(wait / 60_000) },
      { status: 429, headers: { "Retry-After": String(Math.ceil(wait / 1000)) } },
    );
  }
  const user = await findUserByEmail(email);
  const ok = await verifyPassword(user?.passwordHash ?? DUMMY_HASH, submission.value.password);
  if (!user || !user.passwordHash || !ok || user.disabledAt) {
    await recordLoginFailure(email, ip);
    await logAudit({ actorUserId: user?.id ?? null, action: "auth.login_failed", entityType: "account", entityId: email, outcome: "failure", ip });
    // One generic message: it does not say whether the account exists.
    return data({ result: submission.reply({ formErrors: ["auth.invalidCredentials"], hideFields: ["password"] }), retryMinutes: null }, { status: 400 });
  }
  await clearLoginFailures(email);
  // The password is right. With two-factor sign-in on, the code is asked next; where it is
  // required and not yet set up, setting it up comes first. Until then the session signs in nobody.
  const stage = (await twoFactorEnabled(user.id)) ? "second_factor" : (await twoFactorRequired(user.role)) ? "enrol" : "full";
  const sessionId = await createSession(user.id, new Date(), { stage, userAgent: request.headers.get("user-agent"), ip });
  await logAudit({ actorUserId: user.id, action: stage === "full" ? "auth.login" : "auth.password_accepted", entityType: "user", entityId: user.id, ip });
  const next = safeRedirectPath(submission.value.redirectTo, homeFor(user.role));
  const to = stage === "full" ? next : `${stage === "enrol" ? "/account/two-factor" : "/login/two-factor"}?redirectTo=${encodeURIComponent(next)}`;
  return redirect(to, { headers: { "Set-Cookie": await serializeSessionCookie(request, sessionId) } });
}

/** The 429's Retry-After reaches the browser on a document request too. */
export const headers: HeadersFunction = ({ actionHeaders, loaderHeaders }) => retryAfterHeaders(actionHeaders, loaderHeaders);

export default function Login() {
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation();
  const [searchParams] = useSearchParams();
  const navigation = useNavigation();
  const [form, fields] = useForm({
    id: "login",
    lastResult: actionData?.result,
    constraint: getZodConstraint(LoginSchema),
    onValidate: ({ formData }) => parseWithZod(formData, { schema: LoginSchema }),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
  });
  const summary = summaryItems([
    [fields.email, t("auth.email")],
    [fields.password, t("auth.password")],
  ]);
  return (
    <div className="narrow">
      <h1>{t("auth.signInTitle")}</h1>
      {searchParams.get("passwordSet") ? (
        <p className="notice notice--ok" role="status">
          {t("auth.passwordSaved")}
        </p>
      ) : null}
      {actionData?.retryMinutes ? (
        <div className="error-summary" role="alert">
          <p>{t("auth.tooManyAttempts", { count: actionData.retryMinutes })}</p>
        </div>
      ) : null}
      {form.errors?.length ? (
        <div className="error-summary" role="alert">
          <p>{t(form.errors[0]!)}</p>
        </div>
      ) : null}
      <ErrorSummary items={summary} />
      <Form method="post" {...getFormProps(form)}>
        <input type="hidden" name="redirectTo" value={searchParams.get("redirectTo") ?? ""} />
        <InputField
          {...withoutKey(getInputProps(fields.email, { type: "email" }))}
          id={fields.email.id}
          label={t("auth.email")}
          autoComplete="username"
          errors={fields.email.errors}
        />
        <InputField
          {...withoutKey(getInputProps(fields.password, { type: "password" }))}
          id={fields.password.id}
          label={t("auth.password")}
          autoComplete="current-password"
          errors={fields.password.errors}
        />
        <button type="submit" className="button" disabled={navigation.state === "submitting"}>
          {t("auth.signIn")}
        </button>
      </Form>
      <p>
        <Link to="/forgot-password">{t("auth.forgotPassword")}</Link>
      </p>
    </div>
  );
}
