import { fileURLToPath } from "node:url";
import { upsertMemberStates } from "#app/states/member-states.server.ts";
import { saveQuestionnaire } from "#app/questionnaires/questionnaires.server.ts";
import { compileSurveyFolder, loadSurveyFolder } from "#surveys/load.server.ts";
import { compileQuestionnaire, type Questionnaire } from "#surveys/index.ts";
import { memberStateRecords } from "#db/member-states-data.ts";

export const KYOTO_FOLDER = fileURLToPath(new URL("../../surveys/kyoto-2021", import.meta.url));

/** Data every deployment needs: the Member States and the compiled instruments. */
export async function seedReferenceData() {
  const states = memberStateRecords();
  await upsertMemberStates(states);
  const questionnaire = compileSurveyFolder(KYOTO_FOLDER);
  const { versionId, created } = await saveQuestionnaire(questionnaire);
  return { memberStates: states.length, instrumentId: questionnaire.id, version: questionnaire.version, versionId, created };
}

/**
 * The Kyoto questionnaire's first edition: the same folder asked one six-level `status` per
 * paragraph (`templates: ["common"]`), as every deployment stored it before the switch to
 * anchored stages. Reports started on it keep it (ADR 003); tests use it to keep such reports
 * covered. Same content, same version hash as the stored one.
 */
export function compileStatusEdition(folder = KYOTO_FOLDER): Questionnaire {
  const f = loadSurveyFolder(folder);
  const config = { ...f.config, questions: f.config.questions.map((q) => ({ ...q, templates: ["common"] })) };
  return compileQuestionnaire(f.sourceText, config, f.translations, f.supplement);
}
