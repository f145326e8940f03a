import { stringify } from "csv-stringify/sync";

/** A cell as a spreadsheet would take it; null and undefined become empty. */
export type CsvCell = string | number | boolean | null | undefined;

/**
 * A cell a spreadsheet will not run as a formula: text that begins with =, +,
 * -, @, a tab or a carriage return gets a leading apostrophe. Session titles,
 * message text and comments are third-party text, so every cell passes here.
 */
export function neutralise(cell: string): string {
  return /^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell;
}

/**
 * The one CSV writer of the product: RFC 4180 (CRLF records; commas, quotes
 * and line breaks quoted), every cell neutralised. Numbers are written as
 * numbers: a negative one is a value, not a formula.
 */
export function writeCsv(rows: CsvCell[][]): string {
  const cells = rows.map((row) =>
    row.map((cell) => (typeof cell === "number" ? String(cell) : neutralise(cell == null ? "" : String(cell)))),
  );
  return stringify(cells, { record_delimiter: "\r\n" });
}
