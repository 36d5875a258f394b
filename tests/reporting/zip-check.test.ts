/** F6 (first defence): a workbook's zip directory is checked before anything is inflated. */
import JSZip from "jszip";
import { describe, expect, test } from "vitest";
import { checkZip, MAX_ENTRIES } from "#app/reporting/zip-check.server.ts";

async function zip(files: Record<string, string | Uint8Array>) {
  const z = new JSZip();
  for (const [name, content] of Object.entries(files)) z.file(name, content);
  return new Uint8Array(await z.generateAsync({ type: "uint8array", compression: "DEFLATE" }));
}

describe("F6: zip checks before parsing", { timeout: 30_000 }, () => {
  test("a zip bomb (one entry inflating to 64 MB) is refused from its directory", async () => {
    const bomb = await zip({ "xl/worksheets/sheet1.xml": new Uint8Array(64 * 1024 * 1024) });
    expect(bomb.byteLength).toBeLessThan(200 * 1024);
    expect(await checkZip(bomb)).toBe("too_large");
  });

  test("millions of shared strings in a small upload are refused", async () => {
    const strings = await zip({ "xl/sharedStrings.xml": "<si><t>a</t></si>".repeat(600_000) });
    expect(await checkZip(strings)).toBe("too_large");
  });

  test("too many entries are refused; a normal zip passes; non-zips are named", async () => {
    const many: Record<string, string> = {};
    for (let i = 0; i <= MAX_ENTRIES; i++) many[`f${i}.xml`] = "x";
    expect(await checkZip(await zip(many))).toBe("too_many_entries");
    expect(await checkZip(await zip({ "xl/workbook.xml": "<workbook/>" }))).toBeNull();
    expect(await checkZip(new TextEncoder().encode("not a zip at all"))).toBe("not_a_zip");
  });
});
