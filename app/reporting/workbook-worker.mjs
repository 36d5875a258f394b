/**
 * The workbook reader that runs in a worker thread (F6): started by
 * `app/reporting/workbook-parse.server.ts` with `resourceLimits` and a timeout, so a workbook
 * built to exhaust memory or time kills this thread, not the server.
 *
 * Plain JavaScript on purpose: the same file runs unchanged in the built production server, in
 * the development server and under vitest, with no TypeScript loader in the worker.
 *
 * It streams the parts of the zip it needs (workbook, its relationships, shared strings, each
 * worksheet) through a SAX parser and counts while it reads: more shared strings, rows or columns
 * than the limits stops the reading at once. It returns plain data: for each sheet, its name,
 * its state and the text of the first columns of each row. Everything else (which rows are
 * questions, what an answer means) is decided on the main thread.
 *
 * workerData: { bytes: Uint8Array, limits: { maxRows, maxColumns, maxSharedStrings }, columns }
 * message:    { ok: true, sheets: [{ name, state, rows: [[rowNumber, string[]]] }] }
 *           | { ok: false, problem: "not_a_workbook" | "too_many_rows" | "too_many_columns" | "too_many_strings", limit? }
 */
import { Buffer } from "node:buffer";
import { createRequire } from "node:module";
import os from "node:os";
import { parentPort, workerData } from "node:worker_threads";
import yauzl from "yauzl";

// The lowest CPU priority for this thread only (on Linux a nice value is per thread): on a busy
// machine the server's own thread, answering everyone else, wins the CPU over a reading.
try {
  os.setPriority(19);
} catch {
  // Not permitted here: the reading runs at the server's priority.
}

// exceljs's own SAX helper (saxes underneath): chunks in, batches of events out.
const parseSax = createRequire(import.meta.url)("exceljs/lib/utils/parse-sax.js");

class Refused extends Error {
  /** @param {string} problem @param {number} [limit] */
  constructor(problem, limit) {
    super(problem);
    this.problem = problem;
    this.limit = limit;
  }
}

/** @param {Uint8Array} bytes @returns {Promise<{ zip: import("yauzl").ZipFile, entries: Map<string, import("yauzl").Entry> }>} */
function openZip(bytes) {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), { lazyEntries: true, autoClose: false }, (error, zip) => {
      if (error || !zip) return reject(new Refused("not_a_workbook"));
      const entries = new Map();
      zip.on("entry", (entry) => {
        entries.set(entry.fileName, entry);
        zip.readEntry();
      });
      zip.on("end", () => resolve({ zip, entries }));
      zip.on("error", () => reject(new Refused("not_a_workbook")));
      zip.readEntry();
    });
  });
}

/**
 * SAX events of one zip entry; yauzl checks the inflated size against the declared one, so a
 * part cannot inflate beyond what the zip check allowed.
 */
async function* events(zip, entry) {
  const stream = await new Promise((resolve, reject) => zip.openReadStream(entry, (e, s) => (e || !s ? reject(new Refused("not_a_workbook")) : resolve(s))));
  try {
    for await (const batch of parseSax(stream)) yield* batch;
  } catch (error) {
    throw error instanceof Refused ? error : new Refused("not_a_workbook");
  } finally {
    stream.destroy();
  }
}

/** "E12" → 5 (1-based column); null when absent. */
function columnOf(ref) {
  const m = /^([A-Z]{1,3})\d*$/.exec(ref ?? "");
  if (!m) return null;
  let n = 0;
  for (const ch of m[1]) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

async function read({ bytes, limits, columns }) {
  const { zip, entries } = await openZip(bytes);
  try {
    const part = (name) => entries.get(name);
    const workbookEntry = part("xl/workbook.xml");
    const relsEntry = part("xl/_rels/workbook.xml.rels");
    if (!workbookEntry || !relsEntry) throw new Refused("not_a_workbook");

    /** @type {{ name: string, state: string, rid: string }[]} */
    const sheetList = [];
    for await (const ev of events(zip, workbookEntry)) {
      if (ev.eventType === "opentag" && ev.value.name === "sheet") {
        const a = ev.value.attributes;
        sheetList.push({ name: String(a.name ?? ""), state: String(a.state ?? "visible"), rid: String(a["r:id"] ?? "") });
      }
    }
    const targets = new Map();
    for await (const ev of events(zip, relsEntry)) {
      if (ev.eventType === "opentag" && ev.value.name === "Relationship") {
        const target = String(ev.value.attributes.Target ?? "");
        targets.set(String(ev.value.attributes.Id ?? ""), target.startsWith("/") ? target.slice(1) : `xl/${target}`);
      }
    }

    /** @type {string[]} */
    const shared = [];
    const stringsEntry = part("xl/sharedStrings.xml");
    if (stringsEntry) {
      let text = "";
      let inT = false;
      let inPhonetic = false;
      for await (const ev of events(zip, stringsEntry)) {
        if (ev.eventType === "opentag") {
          const name = ev.value.name;
          if (name === "sst") {
            // The declared count is refused before a single string is read.
            const declared = Number(ev.value.attributes.uniqueCount ?? ev.value.attributes.count ?? 0);
            if (declared > limits.maxSharedStrings) throw new Refused("too_many_strings", limits.maxSharedStrings);
          } else if (name === "si") {
            text = "";
          } else if (name === "rPh") inPhonetic = true;
          else if (name === "t" && !inPhonetic) inT = true;
        } else if (ev.eventType === "text") {
          if (inT) text += ev.value;
        } else if (ev.eventType === "closetag") {
          const name = ev.value.name;
          if (name === "t") inT = false;
          else if (name === "rPh") inPhonetic = false;
          else if (name === "si") {
            if (shared.length >= limits.maxSharedStrings) throw new Refused("too_many_strings", limits.maxSharedStrings);
            shared.push(text);
          }
        }
      }
    }

    let rowsSeen = 0;
    const sheets = [];
    for (const s of sheetList) {
      const entry = part(targets.get(s.rid) ?? "");
      if (!entry) continue;
      /** @type {[number, string[]][]} */
      const rows = [];
      let rowNumber = 0;
      let cells = null;
      let column = 0;
      let type = "";
      let value = "";
      let inValue = false;
      let inInline = false;
      let inPhonetic = false;
      for await (const ev of events(zip, entry)) {
        if (ev.eventType === "opentag") {
          const { name, attributes } = ev.value;
          if (name === "row") {
            rowsSeen++;
            if (rowsSeen > limits.maxRows) throw new Refused("too_many_rows", limits.maxRows);
            const r = Number(attributes.r);
            rowNumber = Number.isInteger(r) && r > 0 ? r : rowNumber + 1;
            cells = [];
            column = 0;
          } else if (name === "c") {
            const c = columnOf(attributes.r);
            column = c ?? column + 1;
            if (column > limits.maxColumns) throw new Refused("too_many_columns", limits.maxColumns);
            type = String(attributes.t ?? "n");
            value = "";
          } else if (name === "v") inValue = true;
          else if (name === "is") inInline = true;
          else if (name === "rPh") inPhonetic = true;
          else if (name === "t" && inInline && !inPhonetic) inValue = true;
        } else if (ev.eventType === "text") {
          if (inValue) value += ev.value;
        } else if (ev.eventType === "closetag") {
          const name = ev.value.name;
          if (name === "v" || name === "t") inValue = false;
          else if (name === "is") inInline = false;
          else if (name === "rPh") inPhonetic = false;
          else if (name === "c" && cells && column <= columns) {
            let text = value;
            if (type === "s") text = shared[Number(value)] ?? "";
            else if (type === "b") text = value === "1" ? "true" : "false";
            else if (type === "n" && value !== "" && Number.isFinite(Number(value))) text = String(Number(value));
            cells[column - 1] = text;
          } else if (name === "row" && cells) {
            if (cells.some((c) => c)) rows.push([rowNumber, Array.from(cells, (c) => c ?? "")]);
            cells = null;
          }
        }
      }
      sheets.push({ name: s.name, state: s.state, rows });
    }
    return { ok: true, sheets };
  } finally {
    zip.close();
  }
}

read(workerData).then(
  (result) => parentPort?.postMessage(result),
  (error) => parentPort?.postMessage(error instanceof Refused ? { ok: false, problem: error.problem, limit: error.limit } : { ok: false, problem: "not_a_workbook" }),
);
