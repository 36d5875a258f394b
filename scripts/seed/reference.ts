import { fileURLToPath } from "node:url";
import { upsertMemberStates } from "#app/states/member-states.server.ts";
import { saveQuestionnaire } from "#app/questionnaires/questionnaires.server.ts";
import { compileSurveyFolder } from "#surveys/load.server.ts";
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
