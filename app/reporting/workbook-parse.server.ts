/**
 * F6: an uploaded workbook is read in a worker thread (`workbook-worker.mjs`) with its own heap
 * limit and a deadline, and only a few at once. A workbook built to exhaust memory or time ends
 * its worker (terminated, the slot freed) and gets a clear answer; the server's own thread only
 * waits for a message, so it keeps answering everyone else.
 *
 * The limits are read from the environment (validated with zod in `app/utils/env.server.ts`):
 * IMPORT_MAX_CONCURRENT, IMPORT_TIMEOUT_MS, IMPORT_MEMORY_MB, IMPORT_MAX_ROWS,
 * IMPORT_MAX_COLUMNS, IMPORT_MAX_SHARED_STRINGS.
 */
import fs from "node:fs";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import { importSettings, type ImportSettings } from "#app/utils/env.server.ts";

/** The first columns of each row (A–G: id … hidden revision): all the import reads. */
export const READ_COLUMNS = 7;

export interface ParsedSheet {
  name: string;
  state: string;
  /** [row number, text of columns A…G] for each row with something in them. */
  rows: [number, string[]][];
}

export type ParseProblem =
  | { problem: "not_a_workbook" }
  | { problem: "too_many_rows" | "too_many_columns" | "too_many_strings"; limit: number }
  | { problem: "timeout"; limit: number }
  | { problem: "memory"; limit: number }
  | { problem: "busy"; retryAfterSeconds: number };

export type ParseResult = ({ ok: true; sheets: ParsedSheet[] }) | ({ ok: false } & ParseProblem);

/**
 * The worker's file. Written so that it is found both from this source file (app/reporting/,
 * development and tests) and from the production bundle (build/server/index.js): both sit two
 * folders below the project's root, and the file itself is plain JavaScript that Node runs as is.
 */
const WORKER_FILE = new URL("../../app/reporting/workbook-worker.mjs", import.meta.url);

let active = 0;

/** Imports being read right now (for tests and the health of the gate). */
export function activeImports(): number {
  return active;
}

/**
 * Reads the workbook's rows in a worker. `overrides` exists for tests (a tiny heap, a short
 * deadline); the server uses the environment's settings.
 */
export async function parseWorkbookInWorker(bytes: Uint8Array, overrides: Partial<ImportSettings> = {}): Promise<ParseResult> {
  const settings = { ...importSettings(), ...overrides };
  if (active >= settings.IMPORT_MAX_CONCURRENT) return { ok: false, problem: "busy", retryAfterSeconds: 60 };
  active++;
  try {
    return await runWorker(bytes, settings);
  } finally {
    active--;
  }
}

function runWorker(bytes: Uint8Array, settings: ImportSettings): Promise<ParseResult> {
  if (!fs.existsSync(fileURLToPath(WORKER_FILE))) throw new Error(`The workbook reader is missing: ${fileURLToPath(WORKER_FILE)}`);
  return new Promise<ParseResult>((resolve) => {
    let settled = false;
    const worker = new Worker(WORKER_FILE, {
      workerData: {
        bytes,
        columns: READ_COLUMNS,
        limits: { maxRows: settings.IMPORT_MAX_ROWS, maxColumns: settings.IMPORT_MAX_COLUMNS, maxSharedStrings: settings.IMPORT_MAX_SHARED_STRINGS },
      },
      resourceLimits: {
        maxOldGenerationSizeMb: settings.IMPORT_MEMORY_MB,
        maxYoungGenerationSizeMb: Math.max(4, Math.min(32, Math.floor(settings.IMPORT_MEMORY_MB / 8))),
        codeRangeSizeMb: 16,
        stackSizeMb: 4,
      },
      // The worker inherits nothing it does not need (no TypeScript loader: it is plain JS).
      execArgv: [],
      stdout: false,
      stderr: false,
    });
    // The worker's exit is awaited before the slot is freed: a terminated worker's heap is gone
    // by then, so the next import starts on free memory.
    const finish = (result: ParseResult) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      void worker.terminate().then(
        () => resolve(result),
        () => resolve(result),
      );
    };
    const timer = setTimeout(() => finish({ ok: false, problem: "timeout", limit: settings.IMPORT_TIMEOUT_MS }), settings.IMPORT_TIMEOUT_MS);
    worker.on("message", (message: ParseResult) => finish(message));
    worker.on("error", (error: Error & { code?: string }) => {
      finish(error.code === "ERR_WORKER_OUT_OF_MEMORY" ? { ok: false, problem: "memory", limit: settings.IMPORT_MEMORY_MB } : { ok: false, problem: "not_a_workbook" });
    });
    worker.on("exit", () => finish({ ok: false, problem: "not_a_workbook" }));
  });
}
