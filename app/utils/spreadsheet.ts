/**
 * Cells a spreadsheet could run as a formula (CSV injection): one that starts, after any
 * leading spaces, with = + - @ (or their full-width and small forms ＝ ＋ － ＠ ﹦ ﹢ ﹣), or
 * starts with a tab, carriage return or line feed. Such a cell gets a leading apostrophe.
 * Browser-safe.
 */
const RISKY = /^(?:[\t\r\n]|[\s\u00a0\u3000]*[=+\-@\uff1d\uff0b\uff0d\uff20\ufe66\ufe62\ufe63])/u;

export function neutraliseCell(value: string): string {
  return RISKY.test(value) ? `'${value}` : value;
}
