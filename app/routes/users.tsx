import { getFormProps, getInputProps, getSelectProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ErrorSummary, FieldError, InputField, summaryItems, withoutKey } from "#app/components/ui/form.tsx";
import { createInvitation, InvitationError } from "#app/accounts/invitations.server.ts";
import { listMemberStates } from "#app/states/member-states.server.ts";
import { listUsers } from "#app/accounts/users.server.ts";
import { InviteSchema } from "#app/accounts/schemas.ts";
import { refuse, requireUser, type SessionUser } from "#app/accounts/auth.server.ts";
import { clientIp } from "#app/utils/context.ts";
import { readForm } from "#app/utils/forms.server.ts";
import { LANGUAGE_NAMES, SUPPORTED_LANGUAGES } from "#app/utils/i18n.ts";
import { getLanguage } from "#app/utils/i18n.server.ts";
import { sendInvitationMail } from "#app/mail/mail.server.ts";
import { can } from "#app/accounts/permissions.ts";
import type { Role } from "#app/accounts/roles.ts";

export const meta: MetaFunction = () => [{ title: "Users — Kyoto Reporting" }];

/** The roles a user may invite: admins any; the secretariat all but admin; focal points contributors of their State. */
function invitableRoles(user: SessionUser): Role[] {
  if (user.role === "admin") return ["admin", "secretariat", "focal_point", "contributor"];
  if (can(user.role, "invite", "user", "any")) return ["secretariat", "focal_point", "contributor"];
  if (can(user.role, "invite", "contributor", "own") && user.stateIso3) return ["contributor"];
  return [];
}

async function requireInviter(request: Request) {
  const user = await requireUser(request);
  if (invitableRoles(user).length === 0) await refuse(user, "invite:user", new URL(request.url).pathname);
  return user;
}

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireInviter(request);
  const lang = await getLanguage(request);
  const anyState = can(user.role, "invite", "user", "any");
  const states = await listMemberStates(lang);
  const users = await listUsers(anyState ? "all" : { stateIso3: user.stateIso3! });
  const names = new Map(states.map((s) => [s.iso3, s.name]));
  return {
    roles: invitableRoles(user),
    anyState,
    ownState: user.stateIso3,
    states: anyState ? states.map((s) => ({ iso3: s.iso3, name: s.name })) : [],
    users: users.map((u) => ({ ...u, stateName: u.stateIso3 ? (names.get(u.stateIso3) ?? u.stateIso3) : null })),
  };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireInviter(request);
  const roles = invitableRoles(user);
  const schema = InviteSchema.superRefine((v, ctx) => {
    if (!roles.includes(v.role)) ctx.addIssue({ code: "custom", path: ["role"], message: "validation.roleNotAllowed" });
    const needsState = v.role === "focal_point" || v.role === "contributor";
    if (needsState && !v.stateIso3) ctx.addIssue({ code: "custom", path: ["stateIso3"], message: "validation.stateRequired" });
    if (!needsState && v.stateIso3) ctx.addIssue({ code: "custom", path: ["stateIso3"], message: "validation.stateNotForRole" });
  });
  const form = await readForm(request);
  // A focal point invites for its own State only: another State in the form is refused.
  if (!can(user.role, "invite", "user", "any")) {
    const asked = form.get("stateIso3");
    if (asked && asked !== user.stateIso3) {
      return data({ result: parseWithZod(form, { schema }).reply({ fieldErrors: { stateIso3: ["validation.stateNotYours"] } }), invited: null }, { status: 400 });
    }
    form.set("stateIso3", user.stateIso3 ?? "");
  }
  const submission = parseWithZod(form, { schema });
  if (submission.status !== "success") return data({ result: submission.reply(), invited: null }, { status: 400 });
  const v = submission.value;
  if (v.stateIso3 && !(await listMemberStates("en")).some((s) => s.iso3 === v.stateIso3)) {
    return data({ result: submission.reply({ fieldErrors: { stateIso3: ["validation.notAnOption"] } }), invited: null }, { status: 400 });
  }
  try {
    const { token } = await createInvitation({
      email: v.email,
      name: v.name,
      role: v.role,
      stateIso3: v.stateIso3 ?? null,
      language: v.language,
      invitedBy: user.id,
      ip: clientIp(context),
    });
    await sendInvitationMail({ email: v.email, name: v.name, language: v.language }, token, user.name);
  } catch (error) {
    if (error instanceof InvitationError) {
      return data({ result: submission.reply({ fieldErrors: { email: [`validation.invite_${error.code}`] } }), invited: null }, { status: 400 });
    }
    throw error;
  }
  return { result: submission.reply({ resetForm: true }), invited: v.email };
}

export default function Users() {
  const { roles, anyState, states, users } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation();
  const [form, fields] = useForm({
    id: "invite",
    lastResult: actionData?.result,
    constraint: getZodConstraint(InviteSchema),
    onValidate: ({ formData }) => parseWithZod(formData, { schema: InviteSchema }),
    shouldValidate: "onSubmit",
    defaultValue: { role: roles[roles.length - 1], language: "en" },
  });
  const summary = summaryItems((["email", "name", "role", "stateIso3", "language"] as const).map((k) => [fields[k], t(`users.fields.${k}`)]));
  return (
    <>
      <h1>{t("users.title")}</h1>
      {actionData?.invited ? (
        <p className="notice notice--ok" role="status">
          {t("users.invited", { email: actionData.invited })}
        </p>
      ) : null}
      <section aria-labelledby="invite-heading" className="panel">
        <h2 id="invite-heading">{t("users.inviteTitle")}</h2>
        <p>{t("users.inviteIntro")}</p>
        <ErrorSummary items={summary} />
        <Form method="post" {...getFormProps(form)} className="form-grid">
          <InputField {...withoutKey(getInputProps(fields.email, { type: "email" }))} id={fields.email.id} label={t("users.fields.email")} errors={fields.email.errors} />
          <InputField {...withoutKey(getInputProps(fields.name, { type: "text" }))} id={fields.name.id} label={t("users.fields.name")} errors={fields.name.errors} />
          <div className="field">
            <label htmlFor={fields.role.id} className="field__label">
              {t("users.fields.role")}
            </label>
            <FieldError id={`${fields.role.id}-error`} errors={fields.role.errors} />
            <select {...withoutKey(getSelectProps(fields.role))} id={fields.role.id}>
              {roles.map((r) => (
                <option key={r} value={r}>
                  {t(`roles.${r}`)}
                </option>
              ))}
            </select>
          </div>
          {anyState ? (
            <div className="field">
              <label htmlFor={fields.stateIso3.id} className="field__label">
                {t("users.fields.stateIso3")}
              </label>
              <p className="hint" id={`${fields.stateIso3.id}-hint`}>
                {t("users.stateHint")}
              </p>
              <FieldError id={`${fields.stateIso3.id}-error`} errors={fields.stateIso3.errors} />
              <select {...withoutKey(getSelectProps(fields.stateIso3))} id={fields.stateIso3.id} aria-describedby={`${fields.stateIso3.id}-hint`}>
                <option value="">{t("users.noState")}</option>
                {states.map((s) => (
                  <option key={s.iso3} value={s.iso3}>
                    {s.name}
                  </option>
                ))}
              </select>
            </div>
          ) : null}
          <div className="field">
            <label htmlFor={fields.language.id} className="field__label">
              {t("users.fields.language")}
            </label>
            <select {...withoutKey(getSelectProps(fields.language))} id={fields.language.id}>
              {SUPPORTED_LANGUAGES.map((l) => (
                <option key={l} value={l} lang={l}>
                  {LANGUAGE_NAMES[l]}
                </option>
              ))}
            </select>
          </div>
          <div>
            <button type="submit" className="button">
              {t("users.sendInvitation")}
            </button>
          </div>
        </Form>
      </section>
      <h2>{t("users.listTitle")}</h2>
      <table className="table">
        <thead>
          <tr>
            <th scope="col">{t("users.fields.name")}</th>
            <th scope="col">{t("users.fields.email")}</th>
            <th scope="col">{t("users.fields.role")}</th>
            <th scope="col">{t("users.fields.stateIso3")}</th>
            <th scope="col">{t("users.status")}</th>
          </tr>
        </thead>
        <tbody>
          {users.map((u) => (
            <tr key={u.id}>
              <td>{u.name}</td>
              <td>{u.email}</td>
              <td>{t(`roles.${u.role}`)}</td>
              <td>{u.stateName ?? "—"}</td>
              <td>{u.disabled ? t("users.disabled") : u.active ? t("users.active") : t("users.pending")}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
