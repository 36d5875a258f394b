import { getFormProps, getInputProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "#app/utils/translation.tsx";
import { buttonFormReply, buttonFormSummary } from "#app/components/ui/button-form.tsx";
import { ErrorSummary, InputField, withoutKey } from "#app/components/ui/form.tsx";
import { getSessionAnyStage, requireUser } from "#app/accounts/auth.server.ts";
import { completeSignIn } from "#app/accounts/sessions.server.ts";
import { serializeSessionCookie } from "#app/accounts/session-cookie.server.ts";
import {
  confirmEnrolment,
  disableTwoFactor,
  regenerateRecoveryCodes,
  remainingRecoveryCodes,
  startEnrolment,
  twoFactorEnabled,
  twoFactorRequired,
  verifySecondFactor,
} from "#app/accounts/two-factor.server.ts";
import { TwoFactorSettingsSchema } from "#app/accounts/two-factor-schemas.ts";
import { homeFor } from "#app/accounts/home.ts";
import { logAudit } from "#app/audit/audit.server.ts";
import { clientIp } from "#app/utils/context.ts";
import { readForm, refusedButtonForm, refusedForm } from "#app/utils/forms.server.ts";
import { retryAfterHeaders } from "#app/utils/http.ts";
import { safeRedirectPath } from "#app/utils/redirect.ts";

export const meta: MetaFunction = () => [{ title: "Two-factor sign-in — Kyoto Reporting" }];

/**
 * Signed-in users manage their two-factor sign-in here; someone who must use it and has not
 * set it up is sent here after the password (an "enrol" session) and can do nothing else.
 */
async function requireEnrolmentAccess(request: Request) {
  const session = await getSessionAnyStage(request);
  if (session?.stage === "second_factor") throw redirect("/login/two-factor");
  if (!session) await requireUser(request);
  return session!;
}

export async function loader({ request }: LoaderFunctionArgs) {
  const session = await requireEnrolmentAccess(request);
  const { user } = session;
  const enabled = await twoFactorEnabled(user.id);
  const enrolment = enabled ? null : await startEnrolment(user);
  return {
    forced: session.stage === "enrol" || session.stage === "replaced",
    enabled,
    required: await twoFactorRequired(user.role),
    enrolment: enrolment ? { secret: enrolment.secret, qrSvg: enrolment.qrSvg } : null,
    remaining: enabled ? await remainingRecoveryCodes(user.id) : 0,
  };
}

type Result = { codes: string[] | null; done: string | null; continueTo: string | null };
const result = (r: Partial<Result>): Result => ({ codes: null, done: null, continueTo: null, ...r });

export async function action({ request, context }: ActionFunctionArgs) {
  const session = await requireEnrolmentAccess(request);
  const { user } = session;
  if (session.stage === "replaced") throw redirect("/account/two-factor");
  const ip = clientIp(context);
  const parsed = parseWithZod(await readForm(request), { schema: TwoFactorSettingsSchema });
  const none = result({});
  if (parsed.status !== "success") {
    // No form of this page sends another intent: a tampered post, refused for the page as a whole.
    if (parsed.error?.intent) return refusedButtonForm(request, parsed, "security.chooseAction", "two-factor", none);
    const reply = parsed.reply();
    return refusedForm(request, reply, reply.error?.code?.[0] ?? "validation.notAnOption", `code-${String(parsed.payload.intent)}`, none);
  }
  const v = parsed.value;
  const form = `code-${v.intent}`;
  // Refused at the code's field: what was typed comes back with the error.
  const wrong = (key: string, init?: ResponseInit) => refusedForm(request, parsed.reply({ fieldErrors: { code: [key] } }), key, form, none, init);
  const throttled = (ms = 60_000) => wrong("security.tooManyCodes", { status: 429, headers: { "Retry-After": String(Math.ceil(ms / 1000)) } });
  if (v.intent === "enable") {
    const codes = await confirmEnrolment(user.id, v.code, ip);
    if (codes === "throttled") return throttled();
    if (codes === "wrong") return wrong("security.codeWrong");
    if (session.stage !== "enrol") return result({ codes, done: "security.enabled" });
    // Enrolment was the last step of signing in: the session becomes a signed-in one, with a new id.
    const sessionId = await completeSignIn(session, new Date(), { keepOldBriefly: true });
    await logAudit({ actorUserId: user.id, action: "auth.login", entityType: "user", entityId: user.id, newValue: { secondFactor: "enrolment" }, ip });
    return data(result({ codes, done: "security.enabled", continueTo: safeRedirectPath(v.redirectTo, homeFor(user.role)) }), {
      headers: { "Set-Cookie": await serializeSessionCookie(request, sessionId) },
    });
  }
  // Turning it off or renewing recovery codes: signed-in users only, with a current code.
  if (session.stage !== "full") return wrong("security.finishEnrolment", { status: 403 });
  if (!(await twoFactorEnabled(user.id))) return wrong("security.notEnabled", { status: 409 });
  if (v.intent === "disable" && (await twoFactorRequired(user.role))) return wrong("security.requiredForRole", { status: 403 });
  const check = await verifySecondFactor(user.id, v.code, ip);
  if (!check.ok) {
    if (check.reason === "throttled") return throttled(check.retryAfterMs);
    return wrong(check.reason === "replayed" ? "security.codeUsed" : "security.codeWrong");
  }
  if (v.intent === "disable") {
    await disableTwoFactor(user.id, ip);
    return result({ done: "security.disabled" });
  }
  return result({ codes: await regenerateRecoveryCodes(user.id, ip), done: "security.codesRenewed" });
}

/** The 429's Retry-After reaches the browser on a document request too. */
export const headers: HeadersFunction = ({ actionHeaders, loaderHeaders }) => retryAfterHeaders(actionHeaders, loaderHeaders);

/**
 * One code form (turn on, renew the recovery codes, turn off): conform + zod on both sides with
 * the schema the server parses; a refusal for this form (`reply.form`) shows at the code field
 * and in the form's error summary, with what was typed.
 */
function CodeForm({ intent, label, button, reply }: { intent: "enable" | "disable" | "recovery"; label: string; button: string; reply: unknown }) {
  const [searchParams] = useSearchParams();
  const mine = buttonFormReply(reply);
  const [form, fields] = useForm({
    id: `code-${intent}`,
    lastResult: mine?.form === `code-${intent}` ? mine.result : undefined,
    constraint: getZodConstraint(TwoFactorSettingsSchema),
    onValidate: ({ formData }) => parseWithZod(formData, { schema: TwoFactorSettingsSchema }),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
  });
  // Every error of this form belongs to its one visible field, the code.
  const errors = [...new Set(Object.values(form.allErrors).flat())];
  return (
    <>
      <ErrorSummary items={errors.length ? [{ fieldId: fields.code.id, label, message: errors[0]! }] : []} />
      <Form method="post" {...getFormProps(form)} className="panel">
        <input type="hidden" name="intent" value={intent} />
        <input type="hidden" name="redirectTo" value={searchParams.get("redirectTo") ?? ""} />
        <InputField
          {...withoutKey(getInputProps(fields.code, { type: "text" }))}
          id={fields.code.id}
          label={label}
          inputMode="numeric"
          autoComplete="one-time-code"
          errors={errors}
        />
        <button type="submit" className="button">
          {button}
        </button>
      </Form>
    </>
  );
}

export default function TwoFactorSettings() {
  const d = useLoaderData<typeof loader>();
  const a = useActionData<typeof action>();
  const { t } = useTranslation();
  if (a?.codes) {
    return (
      <div className="narrow">
        <h1>{t("security.recoveryTitle")}</h1>
        {a.done ? (
          <p className="notice notice--ok" role="status">
            {t(a.done)}
          </p>
        ) : null}
        <p>{t("security.recoveryIntro")}</p>
        <ul className="recovery-codes" aria-label={t("security.recoveryTitle")}>
          {a.codes.map((c) => (
            <li key={c}>
              <code>{c}</code>
            </li>
          ))}
        </ul>
        <p>
          <Link to={a.continueTo ?? "/account"} className="button">
            {t("security.continue")}
          </Link>
        </p>
      </div>
    );
  }
  return (
    <div className="narrow" id="two-factor" tabIndex={-1}>
      <h1>{t("security.settingsTitle")}</h1>
      {d.forced ? (
        <p className="notice" role="status">
          {t("security.forcedIntro")}
        </p>
      ) : null}
      {a?.done ? (
        <p className="notice notice--ok" role="status">
          {t(a.done)}
        </p>
      ) : null}
      {buttonFormReply(a)?.form === "two-factor" ? <ErrorSummary items={buttonFormSummary(a, t("security.settingsTitle"))} /> : null}
      {d.enrolment ? (
        <>
          <p>{t("security.enrolIntro")}</p>
          <ol>
            <li>{t("security.enrolStep1")}</li>
            <li>
              {t("security.enrolStep2")}
              <div className="qr" role="img" aria-label={t("security.qrLabel")} dangerouslySetInnerHTML={{ __html: d.enrolment.qrSvg }} />
              <p>
                {t("security.manualEntry")} <code className="totp-secret">{d.enrolment.secret}</code>
              </p>
            </li>
            <li>{t("security.enrolStep3")}</li>
          </ol>
          <CodeForm intent="enable" label={t("security.codeFromApp")} button={t("security.turnOn")} reply={a} />
        </>
      ) : (
        <>
          <p>{t("security.isOn", { n: d.remaining })}</p>
          <h2>{t("security.renewTitle")}</h2>
          <CodeForm intent="recovery" label={t("security.codeLabel")} button={t("security.renew")} reply={a} />
          {d.required ? (
            <p>{t("security.requiredForRole")}</p>
          ) : (
            <>
              <h2>{t("security.turnOffTitle")}</h2>
              <CodeForm intent="disable" label={t("security.codeLabel")} button={t("security.turnOff")} reply={a} />
            </>
          )}
        </>
      )}
      {d.forced ? (
        <Form method="post" action="/logout">
          <button type="submit" className="link-button">
            {t("security.cancelSignIn")}
          </button>
        </Form>
      ) : (
        <p>
          <Link to="/account">{t("account.back")}</Link>
        </p>
      )}
    </div>
  );
}
