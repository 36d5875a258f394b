/**
 * F6: a workbook upload cannot exhaust the server. The workbook is read in a worker thread with
 * caps on rows, columns and shared strings (counted while streaming), a heap limit and a
 * deadline; only a few imports are read at once and the others are told "busy, try again".
 */
import { beforeAll, describe, expect, test } from "vitest";
import { createCycle } from "#app/cycles/cycles.server.ts";
import { getAnswers, getCycle, getReportContext, openReport, type ReportContext } from "#app/reporting/reports.server.ts";
import { findUserByEmail } from "#app/accounts/users.server.ts";
import { i18next } from "#app/utils/i18n.server.ts";
import { importSettings } from "#app/utils/env.server.ts";
import { activeImports, parseWorkbookInWorker } from "#app/reporting/workbook-parse.server.ts";
import { buildQuestionnaireWorkbook, readQuestionnaireWorkbook } from "#app/reporting/workbook.server.ts";
import { action } from "#app/routes/reports.$reportId.import.tsx";
import { hugeSheetWorkbook, longStringsWorkbook, sharedStringsWorkbook, wideSheetWorkbook, zipBomb } from "#tests/setup/hostile-workbooks.ts";
import { callRoute, postRequest, sessionCookie } from "#tests/setup/route-helpers.ts";
import { useTestDatabase } from "#tests/setup/test-db.ts";

let ctx: ReportContext;
let cookie: string;

beforeAll(async () => {
  useTestDatabase();
  const fpId = (await findUserByEmail("focalpoint.jpn@example.org"))!.id;
  cookie = await sessionCookie(fpId);
  const demo = (await getCycle(1))!;
  const cycleId = await createCycle(
    { title: "Limits cycle", instrumentId: demo.instrumentId, versionId: demo.versionId, scope: { kind: "paragraphs", refs: ["21"] }, opensOn: "2026-01-01", deadline: "2027-01-01", status: "open" },
    fpId,
    null,
  );
  ctx = (await getReportContext(await openReport((await getCycle(cycleId))!, "JPN", fpId, null)))!;
});

const en = () => i18next.getFixedT("en");
const read = async (bytes: Uint8Array) => readQuestionnaireWorkbook(bytes, ctx, await getAnswers(ctx.report.id), "en", await en());
const ourWorkbook = async () => new Uint8Array(await buildQuestionnaireWorkbook(ctx, await getAnswers(ctx.report.id), "en", await en(), "Japan"));

const upload = (bytes: Uint8Array<ArrayBuffer> | Buffer, intent: "preview" | "apply" = "preview") => {
  const form = new FormData();
  form.append("intent", intent);
  if (intent === "preview") form.append("workbook", new File([new Uint8Array(bytes)], "answers.xlsx", { type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" }));
  else form.append("payload", Buffer.from(bytes).toString("base64"));
  return callRoute(action, { request: postRequest(`/reports/${ctx.report.id}/import`, { cookie, body: form }), params: { reportId: String(ctx.report.id) } });
};

describe("F6: caps counted while reading, each refused with a message naming its limit", { timeout: 30_000 }, () => {
  test("the defaults: 2 imports at once, 10 s, 256 MB, 5,000 rows, 50 columns, 50,000 shared strings; a bad value stops the server", () => {
    expect(importSettings({})).toEqual({
      IMPORT_MAX_CONCURRENT: 2,
      IMPORT_TIMEOUT_MS: 10_000,
      IMPORT_MEMORY_MB: 256,
      IMPORT_MAX_ROWS: 5_000,
      IMPORT_MAX_COLUMNS: 50,
      IMPORT_MAX_SHARED_STRINGS: 50_000,
    });
    expect(importSettings({ IMPORT_MAX_CONCURRENT: "4", IMPORT_TIMEOUT_MS: "2500" })).toMatchObject({ IMPORT_MAX_CONCURRENT: 4, IMPORT_TIMEOUT_MS: 2500 });
    expect(() => importSettings({ IMPORT_MEMORY_MB: "lots" })).toThrow(/IMPORT_MEMORY_MB/);
    expect(() => importSettings({ IMPORT_MAX_CONCURRENT: "0" })).toThrow(/IMPORT_MAX_CONCURRENT/);
  });

  test("the real workbook of the report is read in the worker, unchanged in meaning", async () => {
    const result = await read(await ourWorkbook());
    expect(result).toEqual({ ok: true, errors: [], changes: [] });
    expect(activeImports()).toBe(0);
  });

  test("rows: 5,001 rows are refused (413) with the limit in the message", async () => {
    const result = await read(await hugeSheetWorkbook(5_001));
    expect(result).toMatchObject({ ok: false, fatal: "workbookLimits.tooManyRows", params: { limit: 5_000 }, status: 413 });
    const outcome = await upload(await hugeSheetWorkbook(6_000));
    expect(outcome.status).toBe(413);
    expect((outcome.body as { message: string }).message).toMatch(/more than 5,000 rows/);
    // 5,000 rows are read (and then found not to be questions of this report).
    expect(await parseWorkbookInWorker(await hugeSheetWorkbook(5_000))).toMatchObject({ ok: true });
  });

  test("columns: a cell in column 51 (AY) is refused, column 50 is read", async () => {
    expect(await read(await wideSheetWorkbook(51))).toMatchObject({ ok: false, fatal: "workbookLimits.tooManyColumns", params: { limit: 50 } });
    expect(await parseWorkbookInWorker(await wideSheetWorkbook(50))).toMatchObject({ ok: true });
    const outcome = await upload(await wideSheetWorkbook(16_384));
    expect(outcome.status).toBe(413);
    expect((outcome.body as { message: string }).message).toMatch(/more than 50 columns/);
  });

  test("shared strings: more than 50,000 are refused, whether the workbook declares its count or hides it", async () => {
    const declared = await sharedStringsWorkbook(50_001);
    const hidden = await sharedStringsWorkbook(50_001, { declare: false });
    for (const bytes of [declared, hidden]) {
      expect(await read(bytes)).toMatchObject({ ok: false, fatal: "workbookLimits.tooManyStrings", params: { limit: 50_000 } });
    }
    expect(await parseWorkbookInWorker(await sharedStringsWorkbook(50_000, { declare: false }))).toMatchObject({ ok: true });
    const outcome = await upload(hidden);
    expect((outcome.body as { message: string }).message).toMatch(/more than 50,000 different texts/);
  });

  test("5 million shared strings in a 250 KB workbook: refused from the zip directory, or, when the directory lies about sizes, stopped by the reader at the declared size", async () => {
    const honest = await sharedStringsWorkbook(5_000_000);
    expect(honest.byteLength).toBeLessThan(250 * 1024);
    const started = Date.now();
    expect(await read(honest)).toMatchObject({ ok: false, fatal: "workbookLimits.unpacksTooLarge", status: 413 });
    const lying = await sharedStringsWorkbook(5_000_000, { declare: false, lieAboutSize: true });
    expect(await read(lying)).toMatchObject({ ok: false, fatal: "workbook.notAWorkbook" });
    // Seconds and a gigabyte before the fix; the bound here is loose for a busy machine.
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  test("a zip bomb (200 MB of zeros in a 200 KB upload) is refused before anything is inflated", async () => {
    const bomb = await zipBomb(200);
    expect(bomb.byteLength).toBeLessThan(250 * 1024);
    const outcome = await upload(bomb);
    expect(outcome.status).toBe(413);
    expect((outcome.body as { message: string }).message).toMatch(/40 MB in all/);
  });
});

describe("F6: a worker over its time or memory is ended; the server carries on", { timeout: 30_000 }, () => {
  test("timeout: a huge sheet read with the row cap lifted and a 300 ms deadline is stopped", async () => {
    const huge = await hugeSheetWorkbook(120_000);
    const started = Date.now();
    const result = await parseWorkbookInWorker(huge, { IMPORT_MAX_ROWS: 1_000_000, IMPORT_TIMEOUT_MS: 300 });
    expect(result).toEqual({ ok: false, problem: "timeout", limit: 300 });
    expect(Date.now() - started).toBeLessThan(3_000);
    expect(activeImports()).toBe(0);
    // Under the route's defaults the same workbook is refused at row 5,001.
    expect(await read(huge)).toMatchObject({ fatal: "workbookLimits.tooManyRows" });
  });

  test("timeout, through the page: a clear message, not a 500", async () => {
    process.env.IMPORT_TIMEOUT_MS = "100";
    process.env.IMPORT_MAX_ROWS = "1000000";
    try {
      const huge = await hugeSheetWorkbook(50_000);
      expect(huge.byteLength).toBeLessThan(700 * 1024);
      const outcome = await upload(huge);
      expect(outcome.status).toBe(422);
      expect((outcome.body as { message: string }).message).toBe(
        "Reading this workbook took longer than 0.1 seconds, so it was stopped. Nothing has been saved: upload the workbook downloaded from this report, or answer online.",
      );
    } finally {
      delete process.env.IMPORT_TIMEOUT_MS;
      delete process.env.IMPORT_MAX_ROWS;
    }
  });

  test("memory: 40 MB of different texts in a 16 MB heap ends the worker (ERR_WORKER_OUT_OF_MEMORY); the next import reads normally", async () => {
    const heavy = await longStringsWorkbook(4_000, 10_000);
    expect(await parseWorkbookInWorker(heavy, { IMPORT_MEMORY_MB: 16 })).toEqual({ ok: false, problem: "memory", limit: 16 });
    expect(activeImports()).toBe(0);
    // With the default 256 MB the same texts are read.
    expect(await parseWorkbookInWorker(heavy)).toMatchObject({ ok: true });
    expect(await read(await ourWorkbook())).toEqual({ ok: true, errors: [], changes: [] });
  });

  test("memory, through the page: a clear message in the user's language", async () => {
    process.env.IMPORT_MEMORY_MB = "16";
    try {
      const heavy = await longStringsWorkbook(700, 10_000, { cellRows: 1_400 }); // 7 MB of shared text and 14 MB in cells: under the zip limits
      const outcome = await upload(heavy);
      expect(outcome.status).toBe(422);
      expect((outcome.body as { message: string }).message).toMatch(/needed more than 16 MB of memory/);
    } finally {
      delete process.env.IMPORT_MEMORY_MB;
    }
  });
});

describe("F6: only a few imports at once; the others are told to try again, and lose nothing", { timeout: 60_000 }, () => {
  test("with 1 import at a time, a second one while the first is read is busy; afterwards it goes through", async () => {
    const [huge, ours] = [await hugeSheetWorkbook(40_000), await ourWorkbook()];
    const slow = parseWorkbookInWorker(huge, { IMPORT_MAX_ROWS: 1_000_000, IMPORT_TIMEOUT_MS: 20_000, IMPORT_MAX_CONCURRENT: 1 });
    expect(activeImports()).toBe(1);
    expect(await parseWorkbookInWorker(ours, { IMPORT_MAX_CONCURRENT: 1 })).toEqual({ ok: false, problem: "busy", retryAfterSeconds: 60 });
    // The default (2 at once) lets a second one in beside the first.
    expect(await parseWorkbookInWorker(ours)).toMatchObject({ ok: true });
    expect(await slow).toMatchObject({ ok: true });
    expect(activeImports()).toBe(0);
  });

  test("through the page: 503 with Retry-After and the translated message; the apply step keeps its workbook for another try", async () => {
    const [huge, workbook] = [await hugeSheetWorkbook(40_000), await ourWorkbook()];
    process.env.IMPORT_MAX_CONCURRENT = "1";
    const slow = parseWorkbookInWorker(huge, { IMPORT_MAX_ROWS: 1_000_000, IMPORT_TIMEOUT_MS: 20_000 });
    try {
      const preview = await upload(workbook);
      expect(preview.status).toBe(503);
      expect(preview.headers.get("Retry-After")).toBe("60");
      expect((preview.body as { message: string }).message).toBe(
        "The import service is busy; try again in a minute. Nothing has been saved and nothing is lost: send the same workbook again.",
      );
      const applied = await upload(workbook, "apply");
      expect(applied.status).toBe(503);
      expect(applied.body).toMatchObject({ busy: true, payload: Buffer.from(workbook).toString("base64") });
      await slow;
      // Once the first is done, the same payload goes through.
      const again = await upload(workbook, "apply");
      expect(again.status).toBe(302);
    } finally {
      delete process.env.IMPORT_MAX_CONCURRENT;
      await slow;
    }
  });

  test("in French, the busy answer is French", async () => {
    const [huge, workbook] = [await hugeSheetWorkbook(40_000), await ourWorkbook()];
    process.env.IMPORT_MAX_CONCURRENT = "1";
    const slow = parseWorkbookInWorker(huge, { IMPORT_MAX_ROWS: 1_000_000, IMPORT_TIMEOUT_MS: 20_000 });
    try {
      const form = new FormData();
      form.append("intent", "preview");
      form.append("workbook", new File([workbook], "a.xlsx"));
      const outcome = await callRoute(action, {
        request: postRequest(`/reports/${ctx.report.id}/import`, { cookie, body: form, headers: { "Accept-Language": "fr" } }),
        params: { reportId: String(ctx.report.id) },
      });
      expect(outcome.status).toBe(503);
      expect((outcome.body as { message: string }).message).toMatch(/^Le service d’importation est occupé/);
    } finally {
      delete process.env.IMPORT_MAX_CONCURRENT;
      await slow;
    }
  });
});
