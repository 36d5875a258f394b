/**
 * The 193 Member States of the United Nations with their codes, names in the six official
 * languages and regional group, built from two maintained packages:
 * `world-countries` (UN membership, regional group, M49 code) and `i18n-iso-countries`
 * (names in ar, zh, en, fr, ru, es). The Holy See, which `world-countries` flags with
 * `unMember` but which is an observer State, is left out, as is the State of Palestine.
 */
import { createRequire } from "node:module";
import countries from "i18n-iso-countries";
import type { RegionalGroup } from "#app/states/regional-groups.ts";

const require = createRequire(import.meta.url);
const worldCountries = require("world-countries") as {
  cca2: string;
  cca3: string;
  ccn3: string;
  unMember: boolean;
  unRegionalGroup: string;
}[];
for (const lang of ["en", "fr", "es", "ru", "zh", "ar"]) {
  countries.registerLocale(require(`i18n-iso-countries/langs/${lang}.json`));
}

const GROUPS: Record<string, RegionalGroup> = {
  "African Group": "african",
  "Asia and the Pacific Group": "asia_pacific",
  "Eastern European Group": "eastern_european",
  "Latin American and Caribbean Group": "latin_american_caribbean",
  "Western European and Others Group": "weog",
};

/** Observer States: not Member States, so they do not report under this platform by default. */
export const OBSERVER_STATES = ["VAT", "PSE"] as const;

export interface MemberStateRecord {
  iso3: string;
  iso2: string;
  m49: string;
  nameEn: string;
  nameFr: string;
  nameEs: string;
  nameRu: string;
  nameZh: string;
  nameAr: string;
  regionalGroup: RegionalGroup;
}

/**
 * English short names as the United Nations writes them (UNTERM), where the ISO package's
 * English name differs. Other languages come from the package as they are.
 */
const UN_ENGLISH_NAMES: Record<string, string> = {
  BOL: "Bolivia (Plurinational State of)",
  CHN: "China",
  CIV: "Côte d'Ivoire",
  CZE: "Czechia",
  FSM: "Micronesia (Federated States of)",
  GBR: "United Kingdom of Great Britain and Northern Ireland",
  IRN: "Iran (Islamic Republic of)",
  KOR: "Republic of Korea",
  MDA: "Republic of Moldova",
  NLD: "Netherlands (Kingdom of the)",
  PRK: "Democratic People's Republic of Korea",
  VEN: "Venezuela (Bolivarian Republic of)",
};

function nameIn(iso3: string, lang: string): string {
  if (lang === "en" && UN_ENGLISH_NAMES[iso3]) return UN_ENGLISH_NAMES[iso3];
  const name = countries.getName(iso3, lang);
  if (!name) throw new Error(`No ${lang} name for ${iso3} in i18n-iso-countries`);
  return name;
}

export function memberStateRecords(): MemberStateRecord[] {
  return worldCountries
    .filter((c) => c.unMember && !(OBSERVER_STATES as readonly string[]).includes(c.cca3))
    .map((c) => {
      const regionalGroup = GROUPS[c.unRegionalGroup];
      if (!regionalGroup) throw new Error(`Unknown regional group "${c.unRegionalGroup}" for ${c.cca3}`);
      return {
        iso3: c.cca3,
        iso2: c.cca2,
        m49: c.ccn3,
        nameEn: nameIn(c.cca3, "en"),
        nameFr: nameIn(c.cca3, "fr"),
        nameEs: nameIn(c.cca3, "es"),
        nameRu: nameIn(c.cca3, "ru"),
        nameZh: nameIn(c.cca3, "zh"),
        nameAr: nameIn(c.cca3, "ar"),
        regionalGroup,
      };
    })
    .sort((a, b) => a.nameEn.localeCompare(b.nameEn, "en"));
}
