/**
 * The public data API (/api/v1): the same published figures as the insights pages, under the
 * same disclosure rules for the same viewer (signed out = public), as JSON. Bad parameters are
 * 400 with a message, never 500. OpenAPI 3.1 at /api/v1/openapi.json.
 */
import { disclosedNarratives, insightCycles, type Viewer } from "#app/insights/aggregates.server.ts";
import { headlineOf } from "#app/insights/headline.ts";
import { averageShares, share, type FigureRow } from "#app/insights/figures.ts";
import { cycleFigures, insightContext, MULTI_KEYS, structuredKeys, type InsightContext } from "#app/insights/charts.server.tsx";
import { getCycle } from "#app/reporting/reports.server.ts";
import { CYCLE_STATUSES } from "#app/cycles/cycle-status.ts";

export class ApiError extends Error {
  constructor(
    public readonly status: 400 | 404,
    message: string,
  ) {
    super(message);
  }
}

export const API_BY = ["overall", "paragraph", "theme", "pillar", "group"] as const;
export type ApiBy = (typeof API_BY)[number];

/** CORS open for GET: anybody may read the public figures from a browser. */
export const CORS_HEADERS = {
  "Access-Control-Allow-Origin": "*",
  "Access-Control-Allow-Methods": "GET, OPTIONS",
  "Access-Control-Allow-Headers": "Content-Type",
  "Access-Control-Max-Age": "86400",
} as const;

export function apiJson(body: unknown, status = 200): Response {
  return Response.json(body, { status, headers: { ...CORS_HEADERS, "Cache-Control": "no-store" } });
}

/** An error as the API answers it: 400/404 with a message; anything else is rethrown. */
export function apiError(error: unknown): Response {
  if (error instanceof ApiError) return apiJson({ message: error.message }, error.status);
  throw error;
}

export async function apiCycles() {
  const list = await insightCycles();
  const out = [];
  for (const c of list) {
    const cycle = await getCycle(c.id);
    out.push({ id: c.id, title: c.title, instrument: c.instrumentId, status: cycle?.status ?? c.status, reportingStates: c.counted });
  }
  return { cycles: out };
}

async function contextOf(cycleIdParam: string | undefined, viewer: Viewer): Promise<InsightContext> {
  if (!cycleIdParam || !/^[1-9][0-9]{0,9}$/.test(cycleIdParam)) throw new ApiError(400, `cycleId must be a positive whole number, not "${cycleIdParam ?? ""}".`);
  const c = await insightContext(cycleIdParam, "en", viewer);
  if (!c) throw new ApiError(404, `No cycle ${cycleIdParam} with counted reports.`);
  return c;
}

export interface ApiCell {
  key: string;
  option: string;
  states: number | null;
  share: number | null;
  denominator: number | null;
  suppressed: boolean;
}

/** `status` (status edition) or `stage` (anchored stages, keys `81.data` per element), then the rest. */
function questionKeys(c: InsightContext) {
  return [headlineOf(c.paragraphs), ...MULTI_KEYS, ...new Set(structuredKeys(c).map((s) => s.key))];
}

function optionValues(c: InsightContext, key: string): string[] {
  const q = c.paragraphs.flatMap((p) => p.questions).find((x) => x.key === key || x.key.endsWith(`.${key}`));
  if (!q) return [];
  if (q.type === "yes_no") return ["yes", "no"];
  return "options" in q ? q.options.map((o) => o.value).filter((v) => v !== "none") : [];
}

const round1 = (v: number | null) => (v === null ? null : Math.round(v * 10) / 10);

/**
 * `GET /api/v1/cycles/:cycleId/aggregates?question=<key>&by=<overall|paragraph|theme|pillar|group>`.
 * Paragraph and group cells are counts of States with their denominators (null when hidden);
 * overall, theme and pillar cells average the per-paragraph shares (states and denominator null).
 */
export async function apiAggregates(cycleIdParam: string | undefined, url: URL, viewer: Viewer) {
  const c = await contextOf(cycleIdParam, viewer);
  const question = url.searchParams.get("question");
  const keys = questionKeys(c);
  if (!question) throw new ApiError(400, `Give ?question=<key>: one of ${keys.join(", ")}.`);
  if (!keys.includes(question)) throw new ApiError(400, `Unknown question "${question}" in cycle ${c.cycle.id}: one of ${keys.join(", ")}.`);
  const byParam = url.searchParams.get("by") ?? "overall";
  if (!(API_BY as readonly string[]).includes(byParam)) throw new ApiError(400, `Unknown by "${byParam}": one of ${API_BY.join(", ")}.`);
  const by = byParam as ApiBy;
  const headline = headlineOf(c.paragraphs);
  if (by === "group" && question !== headline) throw new ApiError(400, `by=group is available for question=${headline} only.`);
  const base = { cycleId: c.cycle.id, question, by, reportingStates: c.states };
  if (!c.published) return { ...base, published: false, cells: [] as ApiCell[] };

  const f = await cycleFigures(c);
  const options = optionValues(c, question);
  const single = question === headline || !(MULTI_KEYS as readonly string[]).includes(question);
  let rows: FigureRow[];
  if (question === headline) rows = f.status.byParagraph;
  else if ((MULTI_KEYS as readonly string[]).includes(question)) rows = f.multi[question as (typeof MULTI_KEYS)[number]];
  else rows = [...f.structured.entries()].filter(([k]) => k.endsWith(`|${question}`)).map(([, r]) => r);

  const countCells = (list: FigureRow[]): ApiCell[] =>
    list.flatMap((r) =>
      options.map((o) => {
        const states = r.counts[o] ?? null;
        return { key: r.key, option: o, states, share: r.n === 0 ? 0 : round1(share(states, r.n)), denominator: r.n, suppressed: states === null };
      }),
    );
  const averaged = (key: string, list: FigureRow[]): ApiCell[] => {
    const avg = averageShares(list, options, single ? "single" : "independent", c.threshold);
    if (avg.paragraphs === 0) return [];
    return options.map((o) => ({ key, option: o, states: null, share: c.threshold ? Math.round(avg.shares[o]!) : round1(avg.shares[o]!), denominator: null, suppressed: false }));
  };
  let cells: ApiCell[];
  if (by === "paragraph") cells = countCells(rows);
  else if (by === "group") cells = countCells(f.status.byGroup.filter((g) => g.states));
  else if (by === "overall") cells = averaged("all", rows);
  else {
    const groupOf = (key: string) => {
      const ref = f.units.get(key)?.ref ?? key;
      const p = f.info.find((x) => x.ref === ref);
      return by === "theme" ? p?.theme : p?.pillar;
    };
    const groups = [...new Set(rows.map((r) => groupOf(r.key)).filter((g): g is number => g !== null && g !== undefined))].sort((a, b) => a - b);
    cells = groups.flatMap((g) => averaged(String(g), rows.filter((r) => groupOf(r.key) === g)));
  }
  return { ...base, published: true, cells };
}

/** The script a narrative is written in, as a language code (Latin-script texts: en, fr or es by their small words). */
export function languageOf(text: string): string {
  if (/[\u0600-\u06FF]/.test(text)) return "ar";
  if (/[\u4E00-\u9FFF]/.test(text)) return "zh";
  if (/[\u0400-\u04FF]/.test(text)) return "ru";
  if (/\b(le|la|les|des|et|du)\b/i.test(text) && /[àâçéèêëîïôûùüÿœæ]/i.test(text)) return "fr";
  if (/\b(el|los|las|del|y)\b/i.test(text) && /[áéíóúñ¿¡]/i.test(text)) return "es";
  return "en";
}

/** `GET /api/v1/cycles/:cycleId/good-practices?paragraph=<ref>`: what this viewer may read (signed out: public and consented). */
export async function apiGoodPractices(cycleIdParam: string | undefined, url: URL, viewer: Viewer) {
  const c = await contextOf(cycleIdParam, viewer);
  const paragraph = url.searchParams.get("paragraph");
  if (paragraph !== null && !c.paragraphs.some((p) => p.ref === paragraph)) throw new ApiError(400, `Paragraph "${paragraph}" is not an action paragraph of cycle ${c.cycle.id}.`);
  const rows = await disclosedNarratives([c.cycle.id], viewer, { questionKeys: ["good_practice"], refs: paragraph ? [paragraph] : undefined });
  return {
    cycleId: c.cycle.id,
    items: rows.map((r) => ({ state: r.stateIso3 as string | null, paragraph: r.paragraphRef, text: String(r.value), language: languageOf(String(r.value)) })),
  };
}

/** The OpenAPI 3.1 description of /api/v1. */
export function openApiDocument(origin: string) {
  const error = { $ref: "#/components/responses/Error" };
  const cycleId = { name: "cycleId", in: "path", required: true, schema: { type: "integer", minimum: 1 } };
  return {
    openapi: "3.1.0",
    info: {
      title: "Kyoto Reporting public data",
      version: "1.0.0",
      description:
        "Aggregates of the national reports on the Kyoto Declaration, under the same disclosure rules as the insights pages: signed out you read what the public may read. Every submitted report counts with its latest submitted version. A cycle is broken down only from INSIGHTS_MIN_REPORTS counted States (`published: false` below); cells from fewer than INSIGHTS_MIN_CELL States, and the cells that would reveal them, are hidden (`suppressed: true`, `states: null`). Answers are the States' own assessments.",
    },
    servers: [{ url: `${origin}/api/v1` }],
    paths: {
      "/cycles": {
        get: {
          summary: "Reporting cycles with counted reports",
          responses: {
            "200": {
              description: "The cycles",
              content: { "application/json": { schema: { type: "object", required: ["cycles"], properties: { cycles: { type: "array", items: { $ref: "#/components/schemas/Cycle" } } } } } },
            },
          },
        },
      },
      "/cycles/{cycleId}/aggregates": {
        get: {
          summary: "The answers to one question, broken down",
          parameters: [
            cycleId,
            { name: "question", in: "query", required: true, description: "A question key: status (cycles on the status edition) or stage (anchored stages; paragraph cells keyed `81.data` per element), measures, challenges, ta_needed, tools_needed, or a paragraph-specific yes/no key (e.g. std_mandela_applied).", schema: { type: "string", pattern: "^[a-z0-9_]+$" } },
            { name: "by", in: "query", required: false, schema: { type: "string", enum: [...API_BY], default: "overall" }, description: "paragraph and group: counts of States with denominators; overall, theme and pillar: averages of the per-paragraph shares (states and denominator null). group: question=status or stage only." },
          ],
          responses: {
            "200": { description: "Cells", content: { "application/json": { schema: { $ref: "#/components/schemas/Aggregates" } } } },
            "400": error,
            "404": error,
          },
        },
      },
      "/cycles/{cycleId}/good-practices": {
        get: {
          summary: "Good practices the reader may see (signed out: made public, with the State's consent to share)",
          parameters: [cycleId, { name: "paragraph", in: "query", required: false, schema: { type: "string", pattern: "^[0-9]+(\\([a-z]+\\))?$" } }],
          responses: {
            "200": { description: "Good practices", content: { "application/json": { schema: { $ref: "#/components/schemas/GoodPractices" } } } },
            "400": error,
            "404": error,
          },
        },
      },
    },
    components: {
      schemas: {
        Cycle: {
          type: "object",
          required: ["id", "title", "instrument", "status", "reportingStates"],
          properties: { id: { type: "integer" }, title: { type: "string" }, instrument: { type: "string" }, status: { type: "string", enum: [...CYCLE_STATUSES] }, reportingStates: { type: "integer", description: "States whose reports count" } },
        },
        Cell: {
          type: "object",
          required: ["key", "option", "states", "share", "denominator", "suppressed"],
          properties: {
            key: { type: "string", description: 'Paragraph ref, theme or pillar number, group code, or "all"' },
            option: { type: "string", description: 'The answer option value ("yes"/"no" for yes-no questions)' },
            states: { type: ["integer", "null"] },
            share: { type: ["number", "null"], description: "Per cent of the denominator (or averaged per-paragraph per cent)" },
            denominator: { type: ["integer", "null"], description: "States that answered (group rows: the group's State × paragraph answers)" },
            suppressed: { type: "boolean" },
          },
        },
        Aggregates: {
          type: "object",
          required: ["cycleId", "question", "by", "reportingStates", "published", "cells"],
          properties: {
            cycleId: { type: "integer" },
            question: { type: "string" },
            by: { type: "string", enum: [...API_BY] },
            reportingStates: { type: "integer" },
            published: { type: "boolean", description: "false (and no cells) below INSIGHTS_MIN_REPORTS counted States" },
            cells: { type: "array", items: { $ref: "#/components/schemas/Cell" } },
          },
        },
        GoodPractices: {
          type: "object",
          required: ["cycleId", "items"],
          properties: {
            cycleId: { type: "integer" },
            items: {
              type: "array",
              items: {
                type: "object",
                required: ["state", "paragraph", "text", "language"],
                properties: { state: { type: ["string", "null"], description: "ISO 3166-1 alpha-3, or null when not attributed" }, paragraph: { type: "string" }, text: { type: "string" }, language: { type: "string", enum: ["ar", "zh", "en", "fr", "ru", "es"] } },
              },
            },
          },
        },
      },
      responses: {
        Error: {
          description: "Bad parameters (400) or no such cycle (404)",
          content: { "application/json": { schema: { type: "object", required: ["message"], properties: { message: { type: "string", description: "What is wrong, in English" } } } } },
        },
      },
    },
  };
}
