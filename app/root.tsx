import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import {
  Form,
  Link,
  Links,
  Meta,
  NavLink,
  Outlet,
  Scripts,
  ScrollRestoration,
  isRouteErrorResponse,
  useLoaderData,
  useLocation,
  useMatches,
  useRouteError,
  useRouteLoaderData,
  type ShouldRevalidateFunction,
} from "@remix-run/react";
import { useEffect, useRef } from "react";
import { useTranslation } from "#app/utils/translation.tsx";
import { LanguageSwitcher } from "#app/components/ui/language-switcher.tsx";
import appCss from "#app/styles/app.css?url";
import { directionOf, FALLBACK_LANGUAGE } from "#app/utils/i18n.ts";
import { getUser } from "#app/accounts/auth.server.ts";
import { getLanguage } from "#app/utils/i18n.server.ts";
import { can } from "#app/accounts/permissions.ts";
import { useNonce } from "#app/utils/nonce.ts";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: appCss },
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
];

export const meta: MetaFunction = () => [{ title: "Kyoto Reporting" }];

/** Public: the page language and, when signed in, who the user is and what they may open. */
export async function loader({ request }: LoaderFunctionArgs) {
  const lang = await getLanguage(request);
  const user = await getUser(request);
  return {
    lang,
    dir: directionOf(lang),
    user: user ? { name: user.name, role: user.role, stateIso3: user.stateIso3 } : null,
  };
}

export function useOptionalUser() {
  return useRouteLoaderData<typeof loader>("root")?.user ?? null;
}

// The root's data changes only after a form submission (language, login, logout).
export const shouldRevalidate: ShouldRevalidateFunction = ({ formMethod, defaultShouldRevalidate }) =>
  formMethod ? defaultShouldRevalidate : false;

/** Marks the document once React has hydrated it (tests wait for it; CSS may use it). */
function useHydratedMarker() {
  useEffect(() => {
    document.documentElement.dataset.hydrated = "true";
  }, []);
}

export function Layout({ children }: { children: React.ReactNode }) {
  const data = useRouteLoaderData<typeof loader>("root");
  useHydratedMarker();
  const nonce = useNonce();
  const lang = data?.lang ?? FALLBACK_LANGUAGE;
  return (
    <html lang={lang} dir={directionOf(lang)}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
      </head>
      <body>
        {children}
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

function NavLinks() {
  const { t } = useTranslation();
  const user = useOptionalUser();
  return (
    <>
      <NavLink to="/declarations">{t("nav.declarations")}</NavLink>
      <NavLink to="/insights">{t("nav.insights")}</NavLink>
      {user && can(user.role, "read", "report", "own") && user.stateIso3 ? <NavLink to="/reports">{t("nav.reports")}</NavLink> : null}
      {user && can(user.role, "review", "report", "any") ? <NavLink to="/review">{t("nav.review")}</NavLink> : null}
      {user && can(user.role, "manage", "cycle", "any") ? <NavLink to="/cycles">{t("nav.cycles")}</NavLink> : null}
      {user && can(user.role, "read", "draft", "any") ? <NavLink to="/drafting">{t("nav.drafting")}</NavLink> : null}
      {user && (can(user.role, "invite", "user", "any") || can(user.role, "invite", "contributor", "own")) ? (
        <NavLink to="/users">{t("nav.users")}</NavLink>
      ) : null}
      {user && can(user.role, "read", "outbox", "any") ? <NavLink to="/outbox">{t("nav.outbox")}</NavLink> : null}
      {user && can(user.role, "export", "audit", "any") ? <NavLink to="/audit">{t("nav.auditLog")}</NavLink> : null}
    </>
  );
}

/**
 * On phones the header's links fold into a menu. It is a <details>, so it opens and closes
 * without JavaScript (keyboard: Tab to "Menu", then Enter or Space), and the browser tells
 * assistive technology whether it is expanded. With JavaScript it also closes once a link is
 * followed (a client-side navigation keeps the element) and on Escape, focus back on its button.
 */
function SiteMenu() {
  const { t } = useTranslation();
  const menu = useRef<HTMLDetailsElement>(null);
  const { key } = useLocation();
  const shownKey = useRef(key);
  useEffect(() => {
    // Not at hydration: a menu opened before JavaScript arrived stays open.
    if (shownKey.current === key) return;
    shownKey.current = key;
    if (menu.current) menu.current.open = false;
  }, [key]);
  return (
    <details
      ref={menu}
      className="site-menu"
      onKeyDown={(e) => {
        if (e.key !== "Escape" || !menu.current?.open) return;
        menu.current.open = false;
        menu.current.querySelector("summary")?.focus();
      }}
    >
      <summary className="site-menu__button">{t("nav.menu")}</summary>
      <nav aria-label={t("nav.label")} className="site-menu__nav">
        <NavLinks />
      </nav>
    </details>
  );
}

function SiteHeader() {
  const { t } = useTranslation();
  const user = useOptionalUser();
  return (
    <header className="site-header">
      <a href="#main" className="skip-link">
        {t("nav.skipToContent")}
      </a>
      <div className="site-header__inner">
        <Link to="/" className="site-header__brand">
          {t("app.name")}
        </Link>
        <nav aria-label={t("nav.label")} className="site-header__nav">
          <NavLinks />
        </nav>
        <SiteMenu />
        <LanguageSwitcher />
        {user ? (
          <Form method="post" action="/logout" className="site-header__account">
            <Link to="/account" className="site-header__user" aria-label={t("account.linkLabel", { name: user.name })}>
              {user.name}
            </Link>{" "}
            <button type="submit" className="link-button">
              {t("nav.signOut")}
            </button>
          </Form>
        ) : (
          <Link to="/login" className="site-header__account">
            {t("nav.signIn")}
          </Link>
        )}
      </div>
    </header>
  );
}

function SiteFooter() {
  const { t } = useTranslation();
  return (
    <footer className="site-footer">
      <p>{t("footer.about")}</p>
    </footer>
  );
}

export default function App() {
  useLoaderData<typeof loader>();
  const presentation = useMatches().some((m) => (m.handle as { presentation?: boolean } | undefined)?.presentation);
  if (presentation) {
    return (
      <main id="main" className="page page--presentation" tabIndex={-1}>
        <Outlet />
      </main>
    );
  }
  return (
    <>
      <SiteHeader />
      <main id="main" className="page" tabIndex={-1}>
        <Outlet />
      </main>
      <SiteFooter />
    </>
  );
}

export function ErrorBoundary() {
  const error = useRouteError();
  const { t } = useTranslation();
  const status = isRouteErrorResponse(error) ? error.status : 500;
  return (
    <>
      <SiteHeader />
      <main id="main" className="page" tabIndex={-1}>
        <ErrorContent status={status} error={error} />
        <p>
          <Link to="/">{t("errors.backHome")}</Link>
        </p>
      </main>
    </>
  );
}

function ErrorContent({ status, error }: { status: number; error: unknown }) {
  const { t } = useTranslation();
  if (status === 401) {
    const signIn = isRouteErrorResponse(error) && typeof error.data?.signIn === "string" ? error.data.signIn : "/login";
    return (
      <>
        <h1>{t("errors.signInTitle")}</h1>
        <p>{t("errors.signInBody")}</p>
        <p>
          <Link to={signIn} className="button">
            {t("nav.signIn")}
          </Link>
        </p>
      </>
    );
  }
  const title = {
    403: t("errors.forbiddenTitle"),
    404: t("errors.notFoundTitle"),
    409: t("errors.conflictTitle"),
    413: t("errors.tooLargeTitle"),
  }[status];
  const body = {
    403: t("errors.forbiddenBody"),
    404: t("errors.notFoundBody"),
    409: t("errors.conflictBody"),
    413: t("errors.tooLargeBody"),
  }[status];
  return (
    <>
      <h1>{title ?? (status < 500 ? t("errors.badRequestTitle") : t("errors.genericTitle"))}</h1>
      <p>{body ?? (status < 500 ? t("errors.badRequestBody") : t("errors.genericBody"))}</p>
    </>
  );
}
