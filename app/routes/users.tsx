import { getFormProps, getInputProps, getSelectProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { ButtonForm, buttonFormReply, buttonFormSummary } from "#app/components/ui/button-form.tsx";
import { useTranslation } from "#app/utils/translation.tsx";
import { ErrorSummary, FieldError, InputField, summaryItems, withoutKey } from "#app/components/ui/form.tsx";
import { cancelInvitation, changeRole, createInvitation, findPendingInvitation, InvitationError, resendInvitation } from "#app/accounts/invitations.server.ts";
import { endUserSessions } from "#app/accounts/sessions.server.ts";
import { runAfterResponse } from "#app/utils/background.server.ts";
import { focalPointsMustUseTwoFactor, setFocalPointsMustUseTwoFactor } from "#app/accounts/two-factor.server.ts";
import { listMemberStates } from "#app/states/member-states.server.ts";
import { findUserById, listUsers, setUserDisabled } from "#app/accounts/users.server.ts";
import { InviteSchema, ManageUserSchema as ManageSchema, manageFormId, TwoFactorPolicySchema } from "#app/accounts/schemas.ts";
import { refuse, requireUser, type SessionUser } from "#app/accounts/auth.server.ts";
import { clientIp } from "#app/utils/context.ts";
import { formIntent, localizedRefusal, readForm, refusedButtonForm } from "#app/utils/forms.server.ts";
import { LANGUAGE_NAMES, SUPPORTED_LANGUAGES } from "#app/utils/i18n.ts";
import { getLanguage } from "#app/utils/i18n.server.ts";
import { sendInvitationMail } from "#app/mail/mail.server.ts";
import { can } from "#app/accounts/permissions.ts";
import { isStateRole, type Role } from "#app/accounts/roles.ts";
import { TableScroll } from "#app/components/ui/table-scroll.tsx";

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
    canChangeRole: can(user.role, "change-role", "user", "any"),
    canManage: can(user.role, "manage", "user", "any"),
    focalPointsTwoFactor: await focalPointsMustUseTwoFactor(),
    me: user.id,
    ownState: user.stateIso3,
    states: anyState ? states.map((s) => ({ iso3: s.iso3, name: s.name })) : [],
    users: users.map((u) => ({ ...u, stateName: u.stateIso3 ? (names.get(u.stateIso3) ?? u.stateIso3) : null })),
  };
}

type Notice = { key: string; email: string; role?: Role; userId?: number };

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireInviter(request);
  const form = await readForm(request);
  const ip = clientIp(context);
  const intent = formIntent(form);
  if (intent === "two-factor-policy") {
    // Admins decide whether focal points must use two-factor sign-in (the secretariat and admins always must).
    if (!can(user.role, "manage", "user", "any")) await refuse(user, "manage:user:any", new URL(request.url).pathname);
    const policy = parseWithZod(form, { schema: TwoFactorPolicySchema });
    if (policy.status !== "success") return refusedButtonForm(request, policy, "userAdmin.choosePolicy", "two-factor-policy", { invited: null, notice: null });
    const value = policy.value.focalPoints;
    await setFocalPointsMustUseTwoFactor(value === "required", user.id, ip);
    return { result: null, invited: null, notice: { key: value === "required" ? "userAdmin.twoFactorRequiredNotice" : "userAdmin.twoFactorOptionalNotice", email: "" } as Notice };
  }
  if (intent !== null && intent !== "invite") return manage(request, user, form, ip);
  const roles = invitableRoles(user);
  const schema = InviteSchema.superRefine((v, ctx) => {
    if (!roles.includes(v.role)) ctx.addIssue({ code: "custom", path: ["role"], message: "validation.roleNotAllowed" });
    const needsState = v.role === "focal_point" || v.role === "contributor";
    if (needsState && !v.stateIso3) ctx.addIssue({ code: "custom", path: ["stateIso3"], message: "validation.stateRequired" });
    if (!needsState && v.stateIso3) ctx.addIssue({ code: "custom", path: ["stateIso3"], message: "validation.stateNotForRole" });
  });
  const anyState = can(user.role, "invite", "user", "any");
  // A focal point invites for its own State only: another State in the form is refused.
  if (!anyState) {
    const asked = form.get("stateIso3");
    if (asked && asked !== user.stateIso3) {
      return data({ result: parseWithZod(form, { schema }).reply({ fieldErrors: { stateIso3: ["validation.stateNotYours"] } }), invited: null, notice: null }, { status: 400 });
    }
    form.set("stateIso3", user.stateIso3 ?? "");
  }
  const submission = parseWithZod(form, { schema });
  if (submission.status !== "success") return data({ result: submission.reply(), invited: null, notice: null }, { status: 400 });
  const v = submission.value;
  if (v.stateIso3 && !(await listMemberStates("en")).some((s) => s.iso3 === v.stateIso3)) {
    return data({ result: submission.reply({ fieldErrors: { stateIso3: ["validation.notAnOption"] } }), invited: null, notice: null }, { status: 400 });
  }
  try {
    const { token } = await createInvitation({ email: v.email, name: v.name, role: v.role, stateIso3: v.stateIso3 ?? null, language: v.language, invitedBy: user.id, ip });
    // Sent after the answer: how long the mail takes tells nothing about the address.
    runAfterResponse(() => sendInvitationMail({ email: v.email, name: v.name, language: v.language }, token, user.name));
  } catch (error) {
    if (!(error instanceof InvitationError)) throw error;
    // F9: a focal point learns nothing about addresses outside its State — the answer is the
    // one for a sent invitation, and nothing is sent.
    if (!anyState && error.code === "other_state") return { result: submission.reply({ resetForm: true }), invited: v.email, notice: null };
    if (error.code === "already_invited") {
      return data(
        { result: submission.reply({ fieldErrors: { email: ["userAdmin.alreadyInvitedField"] } }), invited: null, notice: { key: "userAdmin.alreadyInvited", email: v.email, userId: error.userId ?? undefined } as Notice },
        { status: 409 },
      );
    }
    return data({ result: submission.reply({ fieldErrors: { email: [`validation.invite_${error.code}`] } }), invited: null, notice: null }, { status: 400 });
  }
  return { result: submission.reply({ resetForm: true }), invited: v.email, notice: null };
}

/** Resend or cancel an invitation, change a role, end a user's sessions, disable or enable an account. */
async function manage(request: Request, user: SessionUser, form: FormData, ip: string) {
  const parsed = parseWithZod(form, { schema: ManageSchema });
  const refused = (key: string) => refusedButtonForm(request, parsed, key, manageFormId(parsed.payload), { invited: null, notice: null });
  if (parsed.status !== "success") return refused("userAdmin.chooseAction");
  const v = parsed.value;
  const target = await findUserById(v.userId);
  const where = new URL(request.url).pathname;
  // Someone the inviter may not manage is not found (another State's people are not revealed).
  const anyState = can(user.role, "invite", "user", "any");
  if (!target || (!anyState && target.stateIso3 !== user.stateIso3)) throw await localizedRefusal(request, "userAdmin.noSuchUser", 404);
  const done = (key: string, extra: Partial<Notice> = {}) => ({ result: null, invited: null, notice: { key, email: target.email, ...extra } as Notice });
  if (v.intent === "resend" || v.intent === "cancel") {
    if (!invitableRoles(user).includes(target.role)) await refuse(user, `invite:${target.role}`, where);
    const pending = await findPendingInvitation(target.id);
    // Accepted or cancelled since the list was shown: the page stays, its list read again.
    if (!pending) return refusedButtonForm(request, parsed, "userAdmin.noPendingInvitation", "user-actions", { invited: null, notice: null }, { status: 409 });
    if (v.intent === "cancel") {
      await cancelInvitation(target.id, user.id, ip);
      return done("userAdmin.cancelled");
    }
    const token = (await resendInvitation(target.id, user.id, ip))!;
    runAfterResponse(() => sendInvitationMail({ email: pending.email, name: pending.name, language: pending.language }, token, user.name));
    return done("userAdmin.resent");
  }
  if (v.intent === "role") {
    // Role changes are their own permission: the secretariat and admins, within the roles they may give,
    // and within a side (a State's roles stay a State's; secretariat and admin stay without a State).
    if (!can(user.role, "change-role", "user", "any")) await refuse(user, "change-role:user:any", where);
    const roles = invitableRoles(user);
    if (!roles.includes(target.role) || !roles.includes(v.role) || isStateRole(target.role) !== isStateRole(v.role)) {
      return refused("userAdmin.roleNotGiven");
    }
    await changeRole(target.id, v.role, user.id, ip);
    return done("userAdmin.roleChanged", { role: v.role });
  }
  if (!can(user.role, "manage", "user", "any")) await refuse(user, "manage:user:any", where);
  if (v.intent === "end-sessions") {
    const ended = await endUserSessions(target.id, user.id, ip);
    return done("userAdmin.sessionsEnded", { userId: ended });
  }
  if (target.id === user.id) return refused("userAdmin.cannotDisableSelf");
  await setUserDisabled(target.id, v.intent === "disable", user.id, ip);
  return done(v.intent === "disable" ? "userAdmin.disabledNotice" : "userAdmin.enabledNotice");
}

export default function Users() {
  const { roles, anyState, states, users, canChangeRole, canManage, me, focalPointsTwoFactor } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation();
  const [form, fields] = useForm({
    id: "invite",
    // A refused button form's reply is that form's, not the invitation's.
    lastResult: buttonFormReply(actionData) ? undefined : actionData?.result,
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
      {actionData?.notice ? (
        <div className={`notice ${actionData.notice.key === "userAdmin.alreadyInvited" ? "" : "notice--ok"}`} role="status">
          <p>{t(actionData.notice.key, { email: actionData.notice.email, role: actionData.notice.role ? t(`roles.${actionData.notice.role}`) : "" })}</p>
          {actionData.notice.key === "userAdmin.alreadyInvited" && actionData.notice.userId ? <InvitationActions userId={actionData.notice.userId} reply={actionData} /> : null}
        </div>
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
      {canManage ? (
        <section className="panel" aria-labelledby="policy-h">
          <h2 id="policy-h">{t("userAdmin.twoFactorPolicyTitle")}</h2>
          <p>{t("userAdmin.twoFactorPolicyIntro")}</p>
          <ErrorSummary items={buttonFormReply(actionData)?.form === "two-factor-policy" ? buttonFormSummary(actionData, t("userAdmin.twoFactorFocalPoints")) : []} />
          <ButtonForm id="two-factor-policy" schema={TwoFactorPolicySchema} reply={actionData} hidden={{ intent: "two-factor-policy" }}>
            <fieldset className="field">
              <legend className="field__label">{t("userAdmin.twoFactorFocalPoints")}</legend>
              <label className="checkbox">
                <input type="radio" name="focalPoints" value="required" defaultChecked={focalPointsTwoFactor} /> {t("userAdmin.twoFactorRequired")}
              </label>
              <label className="checkbox">
                <input type="radio" name="focalPoints" value="optional" defaultChecked={!focalPointsTwoFactor} /> {t("userAdmin.twoFactorOptional")}
              </label>
            </fieldset>
            <button type="submit" className="button button--secondary">
              {t("userAdmin.savePolicy")}
            </button>
          </ButtonForm>
        </section>
      ) : null}
      <h2>{t("users.listTitle")}</h2>
      <ErrorSummary items={buttonFormReply(actionData)?.form === "two-factor-policy" ? [] : buttonFormSummary(actionData, t("userAdmin.actions"))} />
      <TableScroll label={t("users.listTitle")}>
      <table className="table" id="user-actions" tabIndex={-1}>
        <thead>
          <tr>
            <th scope="col">{t("users.fields.name")}</th>
            <th scope="col">{t("users.fields.email")}</th>
            <th scope="col">{t("users.fields.role")}</th>
            <th scope="col">{t("users.fields.stateIso3")}</th>
            <th scope="col">{t("users.status")}</th>
            <th scope="col">{t("userAdmin.actions")}</th>
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
              <td className="user-actions">
                {!u.active && !u.disabled && roles.includes(u.role) ? <InvitationActions userId={u.id} reply={actionData} /> : null}
                {canChangeRole && roles.includes(u.role) && !u.disabled ? <RoleForm user={u} roles={roles.filter((r) => isStateRole(r) === isStateRole(u.role))} reply={actionData} /> : null}
                {canManage && u.id !== me ? (
                  <>
                    {u.active && !u.disabled ? <ActionButton userId={u.id} intent="end-sessions" label={t("userAdmin.endSessions")} reply={actionData} /> : null}
                    {u.active ? <ActionButton userId={u.id} intent={u.disabled ? "enable" : "disable"} label={t(u.disabled ? "userAdmin.enable" : "userAdmin.disable")} reply={actionData} /> : null}
                  </>
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      </TableScroll>
    </>
  );
}

/** One action on one person: hidden fields and a button, checked with the schema the server parses. */
function ActionButton({ userId, intent, label, reply }: { userId: number; intent: string; label: string; reply: unknown }) {
  return (
    <ButtonForm id={`user-${intent}-${userId}`} schema={ManageSchema} reply={reply} hidden={{ intent, userId }} className="inline-form">
      <button type="submit" className="link-button">
        {label}
      </button>
    </ButtonForm>
  );
}

function InvitationActions({ userId, reply }: { userId: number; reply: unknown }) {
  const { t } = useTranslation();
  return (
    <>
      <ActionButton userId={userId} intent="resend" label={t("userAdmin.resend")} reply={reply} />
      <ActionButton userId={userId} intent="cancel" label={t("userAdmin.cancel")} reply={reply} />
    </>
  );
}

function RoleForm({ user, roles, reply }: { user: { id: number; name: string; role: Role }; roles: Role[]; reply: unknown }) {
  const { t } = useTranslation();
  if (roles.length < 2) return null;
  return (
    <ButtonForm id={`user-role-${user.id}`} schema={ManageSchema} reply={reply} hidden={{ intent: "role", userId: user.id }} className="inline-form">
      <label htmlFor={`role-${user.id}`} className="visually-hidden">
        {t("userAdmin.roleFor", { name: user.name })}
      </label>
      <select id={`role-${user.id}`} name="role" defaultValue={user.role}>
        {roles.map((r) => (
          <option key={r} value={r}>
            {t(`roles.${r}`)}
          </option>
        ))}
      </select>
      <button type="submit" className="link-button">
        {t("userAdmin.changeRole")}
      </button>
    </ButtonForm>
  );
}
