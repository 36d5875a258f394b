import { eq, sql } from "drizzle-orm";
import { getDb } from "#db/client.ts";
import type { MemberStateRecord } from "#db/member-states-data.ts";
import { memberStates } from "#db/schema/index.ts";
import type { RegionalGroup } from "#app/states/regional-groups.ts";

/** Insert or update the Member States list (idempotent). */
export async function upsertMemberStates(records: MemberStateRecord[]): Promise<void> {
  const db = getDb();
  db.transaction((tx) => {
    for (const r of records) {
      tx.insert(memberStates)
        .values(r)
        .onConflictDoUpdate({
          target: memberStates.iso3,
          set: {
            iso2: r.iso2,
            m49: r.m49,
            nameEn: r.nameEn,
            nameFr: r.nameFr,
            nameEs: r.nameEs,
            nameRu: r.nameRu,
            nameZh: r.nameZh,
            nameAr: r.nameAr,
            regionalGroup: r.regionalGroup,
          },
        })
        .run();
    }
  });
}

export interface MemberState {
  iso3: string;
  iso2: string;
  m49: string;
  name: string;
  regionalGroup: RegionalGroup;
}

const NAME_COLUMN = {
  en: memberStates.nameEn,
  fr: memberStates.nameFr,
  es: memberStates.nameEs,
  ru: memberStates.nameRu,
  zh: memberStates.nameZh,
  ar: memberStates.nameAr,
} as const;

/** The name column of a language (English when there is none). */
export function nameColumn(lang: string) {
  return NAME_COLUMN[lang as keyof typeof NAME_COLUMN] ?? memberStates.nameEn;
}

export async function listMemberStates(lang: string): Promise<MemberState[]> {
  const name = nameColumn(lang);
  return getDb()
    .select({
      iso3: memberStates.iso3,
      iso2: memberStates.iso2,
      m49: memberStates.m49,
      name,
      regionalGroup: memberStates.regionalGroup,
    })
    .from(memberStates)
    .all()
    // The user's language's order (Côte d'Ivoire under C), not the database's byte order.
    .sort((a, b) => collator(lang).compare(a.name, b.name));
}

const collators = new Map<string, Intl.Collator>();
/** The collator of a language (UN languages; English otherwise). */
export function collator(lang: string): Intl.Collator {
  let c = collators.get(lang);
  if (!c) collators.set(lang, (c = new Intl.Collator(["ar", "zh", "en", "fr", "ru", "es"].includes(lang) ? lang : "en")));
  return c;
}

export async function getMemberState(iso3: string, lang: string): Promise<MemberState | undefined> {
  return getDb()
    .select({
      iso3: memberStates.iso3,
      iso2: memberStates.iso2,
      m49: memberStates.m49,
      name: nameColumn(lang),
      regionalGroup: memberStates.regionalGroup,
    })
    .from(memberStates)
    .where(eq(memberStates.iso3, iso3))
    .get();
}

export async function countMemberStatesByGroup(): Promise<Record<RegionalGroup, number>> {
  const rows = getDb()
    .select({ group: memberStates.regionalGroup, n: sql<number>`count(*)` })
    .from(memberStates)
    .groupBy(memberStates.regionalGroup)
    .all();
  return Object.fromEntries(rows.map((r) => [r.group, r.n])) as Record<RegionalGroup, number>;
}
