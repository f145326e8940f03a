import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { neutralise, writeCsv } from "./csv";

describe("the CSV writer", () => {
  it("neutralises every formula-leading cell and keeps the rest as it was", () => {
    const risky = ["=1+1", "+cmd", "-2+3", "@SUM(A1)", "\tx", "\rx"];
    const csv = writeCsv([["a", "b"], ...risky.map((cell) => [cell, "plain, with comma"])]);
    const rows: string[][] = parse(csv, { relax_column_count: true });
    expect(rows.slice(1).map((row) => row[0])).toEqual(risky.map((cell) => `'${cell}`));
    expect(rows[1][1]).toBe("plain, with comma");
    expect(csv.endsWith("\r\n")).toBe(true);
  });

  it("writes numbers as numbers, and null as an empty cell", () => {
    expect(writeCsv([[-3, null, undefined, true]])).toBe("-3,,,true\r\n");
    expect(neutralise("Data can help")).toBe("Data can help");
  });
});
