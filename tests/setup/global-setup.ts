import fs from "node:fs";
import { buildBaseDatabase, TMP } from "./base-db.ts";

export default function setup() {
  fs.rmSync(TMP, { recursive: true, force: true });
  buildBaseDatabase();
}
