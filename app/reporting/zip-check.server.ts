/**
 * Before a workbook is parsed: its zip directory is read (not its contents) and refused when it
 * holds too many entries or would inflate to too much (a zip bomb, or millions of shared
 * strings in a small upload). Entries whose real size differs from the declared one are caught
 * by the parser's own inflation only, so this is the first of the defences, not the last.
 */
import yauzl from "yauzl";

export const MAX_ENTRIES = 200;
export const MAX_ENTRY_BYTES = 16 * 1024 * 1024;
export const MAX_TOTAL_BYTES = 40 * 1024 * 1024;
export const MAX_SHARED_STRINGS_BYTES = 8 * 1024 * 1024;

export type ZipProblem = "not_a_zip" | "too_many_entries" | "too_large";

export function checkZip(bytes: Uint8Array): Promise<ZipProblem | null> {
  return new Promise((resolve) => {
    yauzl.fromBuffer(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), { lazyEntries: true }, (error, zip) => {
      if (error || !zip) return resolve("not_a_zip");
      if (zip.entryCount > MAX_ENTRIES) {
        zip.close();
        return resolve("too_many_entries");
      }
      let total = 0;
      zip.on("entry", (entry: yauzl.Entry) => {
        total += entry.uncompressedSize;
        const limit = /sharedStrings\.xml$/i.test(entry.fileName) ? MAX_SHARED_STRINGS_BYTES : MAX_ENTRY_BYTES;
        if (entry.uncompressedSize > limit || total > MAX_TOTAL_BYTES) {
          zip.close();
          return resolve("too_large");
        }
        zip.readEntry();
      });
      zip.on("end", () => resolve(null));
      zip.on("error", () => resolve("not_a_zip"));
      zip.readEntry();
    });
  });
}
