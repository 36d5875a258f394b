import { getFormProps, getInputProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "#app/utils/translation.tsx";
import { ButtonForm, buttonFormReply, buttonFormSummary } from "#app/components/ui/button-form.tsx";
import { ErrorSummary, InputField, summaryItems, withoutKey } from "#app/components/ui/form.tsx";
import { requireUser } from "#app/accounts/auth.server.ts";
import { isCommonPassword } from "#app/accounts/common-passwords.server.ts";
import { hashPassword, verifyPassword } from "#app/accounts/password.server.ts";
import { clearSessionCookie, hashToken, readSessionId } from "#app/accounts/session-cookie.server.ts";
import { endOwnSession, listUserSessions, loginRetryAfter, recordLoginFailure } from "#app/accounts/sessions.server.ts";
import { twoFactorEnabled, twoFactorRequired } from "#app/accounts/two-factor.server.ts";
import { ChangePasswordSchema, EndSessionSchema } from "#app/accounts/two-factor-schemas.ts";
import { describeDevice } from "#app/accounts/devices.ts";
import { changePassword, passwordHashOf } from "#app/accounts/users.server.ts";
import { clientIp } from "#app/utils/context.ts";
import { formIntent, localizedRefusal, readForm, refusedButtonForm } from "#app/utils/forms.server.ts";
import { retryAfterHeaders } from "#app/utils/http.ts";
import { TableScroll } from "#app/components/ui/table-scroll.tsx";

export const meta: MetaFunction = () => [{ title: "Your account — Kyoto Reporting" }];

/** Every signed-in user: change the password, see and end sessions, two-factor sign-in. */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const sessions = await listUserSessions(user.id, await readSessionId(request));
  return {
    name: user.name,
    email: user.email,
    twoFactor: { enabled: await twoFactorEnabled(user.id), required: await twoFactorRequired(user.role) },
    sessions: sessions.map((s) => ({ id: s.idHash, device: describeDevice(s.userAgent), ip: s.ip ?? "—", lastSeenAt: s.lastSeenAt.toISOString(), createdAt: s.createdAt.toISOString(), current: s.current })),
  };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const ip = clientIp(context);
  const form = await readForm(request);
  const current = await readSessionId(request);
  if (formIntent(form) === "end-session") {
    const ended = parseWithZod(form, { schema: EndSessionSchema });
    const none = { notice: null, retryMinutes: null };
    if (ended.status !== "success") return refusedButtonForm(request, ended, "account.chooseSession", "sessions", none);
    if (!(await endOwnSession(user.id, ended.value.session, ip))) throw await localizedRefusal(request, "account.noSuchSession", 404);
    // Ending this very session signs out here.
    if (current && hashToken(current) === ended.value.session) return redirect("/login", { headers: { "Set-Cookie": await clearSessionCookie(request) } });
    return { result: null, notice: "account.sessionEnded", retryMinutes: null };
  }
  const submission = await parseWithZod(form, {
    schema: ChangePasswordSchema.refine((v) => !isCommonPassword(v.password), { message: "validation.passwordCommon", path: ["password"] }),
    async: true,
  });
  const hide = { hideFields: ["current", "password", "confirm"] };
  if (submission.status !== "success") return data({ result: submission.reply(hide), notice: null, retryMinutes: null }, { status: 400 });
  // Wrong current passwords count like failed sign-ins.
  const wait = await loginRetryAfter(user.email, ip);
  if (wait > 0) {
    return data({ result: submission.reply(hide), notice: null, retryMinutes: Math.ceil(wait / 60_000) }, { status: 429, headers: { "Retry-After": String(Math.ceil(wait / 1000)) } });
  }
  const stored = await passwordHashOf(user.id);
  if (!stored || !(await verifyPassword(stored, submission.value.current))) {
    await recordLoginFailure(user.email, ip);
    return data({ result: submission.reply({ ...hide, fieldErrors: { current: ["account.currentWrong"] } }), notice: null, retryMinutes: null }, { status: 400 });
  }
  await changePassword(user.id, await hashPassword(submission.value.password), current ? hashToken(current) : null, ip);
  return { result: submission.reply({ resetForm: true }), notice: "account.passwordChanged", retryMinutes: null };
}

/** The 429's Retry-After reaches the browser on a document request too. */
export const headers: HeadersFunction = ({ actionHeaders, loaderHeaders }) => retryAfterHeaders(actionHeaders, loaderHeaders);

export default function Account() {
  const d = useLoaderData<typeof loader>();
  const a = useActionData<typeof action>();
  const { t, i18n } = useTranslation();
  const fmt = new Intl.DateTimeFormat(i18n.language, { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });
  const [form, fields] = useForm({
    id: "change-password",
    // A refused session button's reply is that form's, not the password's.
    lastResult: buttonFormReply(a) ? undefined : a?.result,
    constraint: getZodConstraint(ChangePasswordSchema),
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ChangePasswordSchema }),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
  });
  return (
    <>
      <h1>{t("account.title")}</h1>
      <p>{t("account.signedInAs", { name: d.name, email: d.email })}</p>
      {a?.notice ? (
        <p className="notice notice--ok" role="status">
          {t(a.notice)}
        </p>
      ) : null}
      {a?.retryMinutes ? (
        <div className="error-summary" role="alert">
          <p>{t("auth.tooManyAttempts", { count: a.retryMinutes })}</p>
        </div>
      ) : null}

      <section className="panel" aria-labelledby="password-h">
        <h2 id="password-h">{t("account.passwordTitle")}</h2>
        <p>{t("account.passwordIntro")}</p>
        <ErrorSummary
          items={summaryItems([
            [fields.current, t("account.currentPassword")],
            [fields.password, t("account.newPassword")],
            [fields.confirm, t("account.confirmPassword")],
          ])}
        />
        <Form method="post" {...getFormProps(form)}>
          <input type="hidden" name="intent" value="password" />
          <InputField {...withoutKey(getInputProps(fields.current, { type: "password" }))} id={fields.current.id} label={t("account.currentPassword")} autoComplete="current-password" errors={fields.current.errors} />
          <InputField {...withoutKey(getInputProps(fields.password, { type: "password" }))} id={fields.password.id} label={t("account.newPassword")} hint={t("account.newPasswordHint")} autoComplete="new-password" errors={fields.password.errors} />
          <InputField {...withoutKey(getInputProps(fields.confirm, { type: "password" }))} id={fields.confirm.id} label={t("account.confirmPassword")} autoComplete="new-password" errors={fields.confirm.errors} />
          <button type="submit" className="button">
            {t("account.changePassword")}
          </button>
        </Form>
      </section>

      <section className="panel" aria-labelledby="twofactor-h">
        <h2 id="twofactor-h">{t("security.settingsTitle")}</h2>
        <p>{d.twoFactor.enabled ? t("account.twoFactorOn") : d.twoFactor.required ? t("account.twoFactorRequired") : t("account.twoFactorOff")}</p>
        <p>
          <Link to="/account/two-factor">{t("account.manageTwoFactor")}</Link>
        </p>
      </section>

      <section aria-labelledby="sessions-h">
        <h2 id="sessions-h">{t("account.sessionsTitle")}</h2>
        <ErrorSummary items={buttonFormSummary(a, t("account.sessionsTitle"))} />
        <TableScroll label={t("account.sessionsTitle")}>
        <table className="table" id="sessions" tabIndex={-1}>
          <thead>
            <tr>
              <th scope="col">{t("account.device")}</th>
              <th scope="col">{t("account.address")}</th>
              <th scope="col">{t("account.signedIn")}</th>
              <th scope="col">{t("account.lastSeen")}</th>
              <th scope="col">{t("userAdmin.actions")}</th>
            </tr>
          </thead>
          <tbody>
            {d.sessions.map((s) => (
              <tr key={s.id}>
                <td>
                  {s.device ?? t("account.unknownDevice")}
                  {s.current ? <strong> ({t("account.thisSession")})</strong> : null}
                </td>
                <td>{s.ip}</td>
                <td>{fmt.format(new Date(s.createdAt))} UTC</td>
                <td>{fmt.format(new Date(s.lastSeenAt))} UTC</td>
                <td>
                  <ButtonForm id={`session-${s.id}`} schema={EndSessionSchema} reply={a} hidden={{ intent: "end-session", session: s.id }}>
                    <button type="submit" className="link-button">
                      {s.current ? t("account.endThisSession") : t("account.endSession")}
                    </button>
                  </ButtonForm>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        </TableScroll>
      </section>
    </>
  );
}
