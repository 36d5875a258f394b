import { ensureCycle } from "#app/cycles/cycles.server.ts";
import { getCurrentQuestionnaire } from "#app/questionnaires/questionnaires.server.ts";
import { upsertUser, type NewUser } from "#app/accounts/users.server.ts";
import { hashPassword } from "#app/accounts/password.server.ts";

/** One shared password for every demo account (listed in the README). Demo seed only. */
export const DEMO_PASSWORD = "kyoto-demo-password";

export const DEMO_ACCOUNTS: Omit<NewUser, "passwordHash">[] = [
  { email: "admin@example.org", name: "Demo administrator", role: "admin", stateIso3: null },
  { email: "secretariat@example.org", name: "Demo secretariat officer", role: "secretariat", stateIso3: null },
  { email: "focalpoint.jpn@example.org", name: "Demo focal point, Japan", role: "focal_point", stateIso3: "JPN" },
  { email: "focalpoint.ken@example.org", name: "Demo focal point, Kenya", role: "focal_point", stateIso3: "KEN" },
  { email: "focalpoint.bra@example.org", name: "Demo focal point, Brazil", role: "focal_point", stateIso3: "BRA" },
  { email: "contributor.jpn@example.org", name: "Demo contributor, Japan", role: "contributor", stateIso3: "JPN" },
];

export const DEMO_CYCLE_TITLE = "2027 intersessional discussion — all pillars (demo)";

/** The demo cycle, less its instrument and questionnaire version. */
export const DEMO_CYCLE = {
  title: DEMO_CYCLE_TITLE,
  scope: { kind: "all" as const },
  opensOn: "2026-09-01",
  deadline: "2027-03-31",
  status: "open" as const,
};

export async function seedDemo() {
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  for (const account of DEMO_ACCOUNTS) await upsertUser({ ...account, passwordHash });
  const kyoto = await getCurrentQuestionnaire("kyoto-2021");
  if (!kyoto) throw new Error("Seed the reference data first: the Kyoto questionnaire is missing.");
  const cycleId = await ensureCycle({ ...DEMO_CYCLE, instrumentId: kyoto.id, versionId: kyoto.versionId });
  return { accounts: DEMO_ACCOUNTS.map((a) => a.email), password: DEMO_PASSWORD, cycleId };
}
