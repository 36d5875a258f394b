import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import {
  Link,
  Links,
  Meta,
  Outlet,
  Scripts,
  ScrollRestoration,
  isRouteErrorResponse,
  useLoaderData,
  useRouteError,
  useRouteLoaderData,
  type ShouldRevalidateFunction,
} from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { LanguageSwitcher } from "#app/components/ui/language-switcher.tsx";
import appCss from "#app/styles/app.css?url";
import { directionOf, FALLBACK_LANGUAGE } from "#app/utils/i18n.ts";
import { getLanguage } from "#app/utils/i18n.server.ts";
import { useNonce } from "#app/utils/nonce.ts";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: appCss },
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
];

export const meta: MetaFunction = () => [{ title: "Kyoto Reporting" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const lang = await getLanguage(request);
  return { lang, dir: directionOf(lang) };
}

// The root's data changes only after a form submission (language, login, logout).
export const shouldRevalidate: ShouldRevalidateFunction = ({ formMethod, defaultShouldRevalidate }) =>
  formMethod ? defaultShouldRevalidate : false;

export function Layout({ children }: { children: React.ReactNode }) {
  const data = useRouteLoaderData<typeof loader>("root");
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

function SiteHeader() {
  const { t } = useTranslation();
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
          <Link to="/declarations">{t("nav.declarations")}</Link>
        </nav>
        <LanguageSwitcher />
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
  const title =
    status === 404 ? t("errors.notFoundTitle") : status === 403 ? t("errors.forbiddenTitle") : t("errors.genericTitle");
  return (
    <>
      <SiteHeader />
      <main id="main" className="page" tabIndex={-1}>
        <h1>{title}</h1>
        <p>{status === 404 ? t("errors.notFoundBody") : t("errors.genericBody")}</p>
        <p>
          <Link to="/">{t("errors.backHome")}</Link>
        </p>
      </main>
    </>
  );
}
