import { integer, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { REGIONAL_GROUPS } from "#app/states/regional-groups.ts";

/** The 193 Member States of the United Nations (observer States are not listed). */
export const memberStates = sqliteTable("member_states", {
  iso3: text("iso3").primaryKey(),
  iso2: text("iso2").notNull().unique(),
  m49: text("m49").notNull().unique(),
  nameEn: text("name_en").notNull(),
  nameFr: text("name_fr").notNull(),
  nameEs: text("name_es").notNull(),
  nameRu: text("name_ru").notNull(),
  nameZh: text("name_zh").notNull(),
  nameAr: text("name_ar").notNull(),
  regionalGroup: text("regional_group", { enum: REGIONAL_GROUPS }).notNull(),
  /** Admission order is not needed; this flag lets a deployment pause a State's reporting. */
  active: integer("active", { mode: "boolean" }).notNull().default(true),
  /** The State's Permanent Mission: an optional address that also gets the submission receipt, in its language. */
  missionEmail: text("mission_email"),
  missionLanguage: text("mission_language"),
});
