/**
 * Workbooks built to hurt a server (F6), written by a minimal zip writer so that the test (and
 * `npm run bench:import`) control every byte, including a directory that lies about sizes.
 * Parts are produced chunk by chunk, so a 650 MB zip bomb never sits in memory.
 */
import zlib from "node:zlib";

type Chunks = () => Iterable<string | Buffer>;

export interface Part {
  name: string;
  data: string | Buffer | Chunks;
  /** Declare this uncompressed size in the zip (a lie, when it differs from the real one). */
  declaredSize?: number;
}

async function deflatePart(data: Part["data"]): Promise<{ compressed: Buffer; size: number; crc: number }> {
  const chunks = typeof data === "function" ? data() : [data];
  const deflate = zlib.createDeflateRaw({ level: 9 });
  const out: Buffer[] = [];
  deflate.on("data", (c: Buffer) => out.push(c));
  const ended = new Promise<void>((resolve, reject) => {
    deflate.once("end", resolve);
    deflate.once("error", reject);
  });
  let size = 0;
  let crc = 0;
  for (const c of chunks) {
    const buf = typeof c === "string" ? Buffer.from(c, "utf8") : c;
    size += buf.length;
    crc = zlib.crc32(buf, crc);
    if (!deflate.write(buf)) await new Promise((r) => deflate.once("drain", r));
  }
  deflate.end();
  await ended;
  return { compressed: Buffer.concat(out), size, crc };
}

/** A zip (deflate) of the parts; sizes as declared or real. */
export async function zipParts(parts: Part[]): Promise<Buffer> {
  const locals: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const part of parts) {
    const name = Buffer.from(part.name, "utf8");
    const { compressed, size, crc } = await deflatePart(part.data);
    const declared = part.declaredSize ?? size;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt16LE(8, 8); // deflate
    local.writeUInt32LE(crc >>> 0, 14);
    local.writeUInt32LE(compressed.length, 18);
    local.writeUInt32LE(declared, 22);
    local.writeUInt16LE(name.length, 26);
    locals.push(local, name, compressed);
    const dir = Buffer.alloc(46);
    dir.writeUInt32LE(0x02014b50, 0);
    dir.writeUInt16LE(20, 4);
    dir.writeUInt16LE(20, 6);
    dir.writeUInt16LE(0x0800, 8);
    dir.writeUInt16LE(8, 10);
    dir.writeUInt32LE(crc >>> 0, 16);
    dir.writeUInt32LE(compressed.length, 20);
    dir.writeUInt32LE(declared, 24);
    dir.writeUInt16LE(name.length, 28);
    dir.writeUInt32LE(offset, 42);
    central.push(dir, name);
    offset += 30 + name.length + compressed.length;
  }
  const dirBytes = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(parts.length, 8);
  end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(dirBytes.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, dirBytes, end]);
}

const NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"';

/** The parts every workbook needs around its sheets. */
function frame(sheets: string[]): Part[] {
  return [
    {
      name: "xl/workbook.xml",
      data: `<?xml version="1.0" encoding="UTF-8"?><workbook ${NS}><sheets>${sheets.map((s, i) => `<sheet name="${s}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join("")}</sheets></workbook>`,
    },
    {
      name: "xl/_rels/workbook.xml.rels",
      data: `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${sheets
        .map((_, i) => `<Relationship Id="rId${i + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`)
        .join("")}</Relationships>`,
    },
  ];
}

const sheetXml = (rows: string) => `<?xml version="1.0" encoding="UTF-8"?><worksheet ${NS}><sheetData>${rows}</sheetData></worksheet>`;

/** A workbook of `count` shared strings (5 million fit in about 250 KB); `declare` writes the count in <sst>. */
export async function sharedStringsWorkbook(count: number, { declare = true, lieAboutSize = false } = {}): Promise<Buffer> {
  const head = `<?xml version="1.0" encoding="UTF-8"?><sst ${NS}${declare ? ` count="${count}" uniqueCount="${count}"` : ""}>`;
  const batch = "<si><t>a</t></si>".repeat(10_000);
  return zipParts([
    ...frame(["Sheet1"]),
    {
      name: "xl/sharedStrings.xml",
      data: function* () {
        yield head;
        for (let i = 0; i < Math.floor(count / 10_000); i++) yield batch;
        yield "<si><t>a</t></si>".repeat(count % 10_000);
        yield "</sst>";
      },
      declaredSize: lieAboutSize ? 1024 : undefined,
    },
    { name: "xl/worksheets/sheet1.xml", data: sheetXml('<row r="1"><c r="A1" t="s"><v>0</v></c></row>') },
  ]);
}

/** One sheet of `rows` rows (inline strings in A and E), as a questionnaire row would look. */
export async function hugeSheetWorkbook(rows: number): Promise<Buffer> {
  return zipParts([
    ...frame(["Sheet1"]),
    {
      name: "xl/worksheets/sheet1.xml",
      data: function* () {
        yield `<?xml version="1.0" encoding="UTF-8"?><worksheet ${NS}><sheetData>`;
        let batch = "";
        for (let r = 1; r <= rows; r++) {
          batch += `<row r="${r}"><c r="A${r}" t="inlineStr"><is><t>q${r}</t></is></c><c r="E${r}" t="inlineStr"><is><t>x</t></is></c></row>`;
          if (batch.length > 1_000_000) {
            yield batch;
            batch = "";
          }
        }
        yield `${batch}</sheetData></worksheet>`;
      },
    },
  ]);
}

/** One row whose cell sits in column `column` (1-based). */
export async function wideSheetWorkbook(column: number): Promise<Buffer> {
  let letters = "";
  for (let n = column; n > 0; n = Math.floor((n - 1) / 26)) letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  return zipParts([...frame(["Sheet1"]), { name: "xl/worksheets/sheet1.xml", data: sheetXml(`<row r="1"><c r="${letters}1"><v>1</v></c></row>`) }]);
}

/** A zip bomb: one sheet of `mb` megabytes of zeros (650 MB compress to well under 1 MB). */
export async function zipBomb(mb: number): Promise<Buffer> {
  const zeros = Buffer.alloc(1024 * 1024);
  return zipParts([
    ...frame(["Sheet1"]),
    {
      name: "xl/worksheets/sheet1.xml",
      data: function* () {
        for (let i = 0; i < mb; i++) yield zeros;
      },
    },
  ]);
}

/**
 * `count` different texts of `chars` characters each (and, with `cellRows`, that many rows of
 * seven long inline cells): what a reader keeps grows fast.
 */
export async function longStringsWorkbook(count: number, chars: number, { cellRows = 0 } = {}): Promise<Buffer> {
  const filler = "x".repeat(chars);
  const cell = "y".repeat(1_400);
  return zipParts([
    ...frame(["Sheet1"]),
    {
      name: "xl/sharedStrings.xml",
      data: function* () {
        yield `<?xml version="1.0" encoding="UTF-8"?><sst ${NS}>`;
        for (let i = 0; i < count; i++) yield `<si><t>${i} ${filler}</t></si>`;
        yield "</sst>";
      },
    },
    {
      name: "xl/worksheets/sheet1.xml",
      data: function* () {
        yield `<?xml version="1.0" encoding="UTF-8"?><worksheet ${NS}><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c></row>`;
        for (let r = 2; r <= cellRows + 1; r++) {
          yield `<row r="${r}">${"ABCDEFG".split("").map((c) => `<c r="${c}${r}" t="inlineStr"><is><t>${r}${c}${cell}</t></is></c>`).join("")}</row>`;
        }
        yield "</sheetData></worksheet>";
      },
    },
  ]);
}
