import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FieldError } from "#app/components/ui/form.tsx";
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
import { readForm } from "#app/utils/forms.server.ts";
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

type Result = { error: string | null; codes: string[] | null; done: string | null; continueTo: string | null };
const result = (r: Partial<Result>): Result => ({ error: null, codes: null, done: null, continueTo: null, ...r });

export async function action({ request, context }: ActionFunctionArgs) {
  const session = await requireEnrolmentAccess(request);
  const { user } = session;
  if (session.stage === "replaced") throw redirect("/account/two-factor");
  const ip = clientIp(context);
  const parsed = parseWithZod(await readForm(request), { schema: TwoFactorSettingsSchema });
  if (parsed.status !== "success") return data(result({ error: parsed.error?.code?.[0] ?? "validation.notAnOption" }), { status: 400 });
  const v = parsed.value;
  const throttled = (ms = 60_000) => data(result({ error: "security.tooManyCodes" }), { status: 429, headers: { "Retry-After": String(Math.ceil(ms / 1000)) } });
  if (v.intent === "enable") {
    const codes = await confirmEnrolment(user.id, v.code, ip);
    if (codes === "throttled") return throttled();
    if (codes === "wrong") return data(result({ error: "security.codeWrong" }), { status: 400 });
    if (session.stage !== "enrol") return result({ codes, done: "security.enabled" });
    // Enrolment was the last step of signing in: the session becomes a signed-in one, with a new id.
    const sessionId = await completeSignIn(session, new Date(), { keepOldBriefly: true });
    await logAudit({ actorUserId: user.id, action: "auth.login", entityType: "user", entityId: user.id, newValue: { secondFactor: "enrolment" }, ip });
    return data(result({ codes, done: "security.enabled", continueTo: safeRedirectPath(v.redirectTo, homeFor(user.role)) }), {
      headers: { "Set-Cookie": await serializeSessionCookie(request, sessionId) },
    });
  }
  // Turning it off or renewing recovery codes: signed-in users only, with a current code.
  if (session.stage !== "full") return data(result({ error: "security.finishEnrolment" }), { status: 403 });
  if (!(await twoFactorEnabled(user.id))) return data(result({ error: "security.notEnabled" }), { status: 409 });
  if (v.intent === "disable" && (await twoFactorRequired(user.role))) return data(result({ error: "security.requiredForRole" }), { status: 403 });
  const check = await verifySecondFactor(user.id, v.code, ip);
  if (!check.ok) {
    if (check.reason === "throttled") return throttled(check.retryAfterMs);
    return data(result({ error: check.reason === "replayed" ? "security.codeUsed" : "security.codeWrong" }), { status: 400 });
  }
  if (v.intent === "disable") {
    await disableTwoFactor(user.id, ip);
    return result({ done: "security.disabled" });
  }
  return result({ codes: await regenerateRecoveryCodes(user.id, ip), done: "security.codesRenewed" });
}

/** The 429's Retry-After reaches the browser on a document request too. */
export const headers: HeadersFunction = ({ actionHeaders, loaderHeaders }) => retryAfterHeaders(actionHeaders, loaderHeaders);

function CodeForm({ intent, label, button, error }: { intent: string; label: string; button: string; error: string | null }) {
  const [searchParams] = useSearchParams();
  const id = `code-${intent}`;
  return (
    <Form method="post" className="panel">
      <input type="hidden" name="intent" value={intent} />
      <input type="hidden" name="redirectTo" value={searchParams.get("redirectTo") ?? ""} />
      <div className={`field${error ? " field--error" : ""}`}>
        <label htmlFor={id} className="field__label">
          {label}
        </label>
        <FieldError id={`${id}-error`} errors={error ? [error] : null} />
        <input id={id} name="code" type="text" inputMode="numeric" autoComplete="one-time-code" required maxLength={40} aria-invalid={error ? true : undefined} aria-describedby={error ? `${id}-error` : undefined} />
      </div>
      <button type="submit" className="button">
        {button}
      </button>
    </Form>
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
    <div className="narrow">
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
          <CodeForm intent="enable" label={t("security.codeFromApp")} button={t("security.turnOn")} error={a?.error ?? null} />
        </>
      ) : (
        <>
          <p>{t("security.isOn", { n: d.remaining })}</p>
          <h2>{t("security.renewTitle")}</h2>
          <CodeForm intent="recovery" label={t("security.codeLabel")} button={t("security.renew")} error={a?.error ?? null} />
          {d.required ? (
            <p>{t("security.requiredForRole")}</p>
          ) : (
            <>
              <h2>{t("security.turnOffTitle")}</h2>
              <CodeForm intent="disable" label={t("security.codeLabel")} button={t("security.turnOff")} error={null} />
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
