import type { MetaFunction } from "@remix-run/node";
import { Link } from "@remix-run/react";
import { useTranslation } from "#app/utils/translation.tsx";

export const meta: MetaFunction = () => [{ title: "Kyoto Reporting" }];

/** Public: what the platform is and who it serves. */
export default function Home() {
  const { t } = useTranslation();
  return (
    <div className="home">
      <h1>{t("home.title")}</h1>
      <p className="lead">{t("home.lead")}</p>
      <h2>{t("home.whoTitle")}</h2>
      <ul className="cards">
        <li className="card">
          <h3>{t("home.focalPointsTitle")}</h3>
          <p>{t("home.focalPointsBody")}</p>
        </li>
        <li className="card">
          <h3>{t("home.secretariatTitle")}</h3>
          <p>{t("home.secretariatBody")}</p>
        </li>
        <li className="card">
          <h3>{t("home.meetingsTitle")}</h3>
          <p>{t("home.meetingsBody")}</p>
        </li>
      </ul>
      <p>
        <Link to="/declarations/kyoto-2021" className="button">
          {t("home.browseDeclaration")}
        </Link>
      </p>
      <p className="muted">{t("home.mandate")}</p>
    </div>
  );
}
