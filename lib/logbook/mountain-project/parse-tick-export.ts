import { parse } from "csv-parse/sync";
import { dataSourceError } from "../errors";

/** The columns Mountain Project's tick export has, in its order. */
export const MP_COLUMNS = [
  "Date", "Route", "Rating", "Notes", "URL", "Pitches", "Location", "Avg Stars", "Your Stars",
  "Style", "Lead Style", "Route Type", "Your Rating", "Length", "Rating Code",
] as const;
export type MpRow = Record<(typeof MP_COLUMNS)[number], string>;

/**
 * Parses the tick-export CSV (quoted multi-line notes included). A body that is not that CSV (an
 * HTML page, a truncated file, a missing column) is a DataSourceError naming what was wrong, never
 * quoting the body.
 */
export function parseTickExport(csv: string): MpRow[] {
  let records: string[][];
  try {
    records = parse(csv.replace(/^\uFEFF/, ""), { relax_column_count: false, skip_empty_lines: true });
  } catch (error) {
    const code = (error as { code?: string }).code ?? "parse error";
    const line = (error as { lines?: number }).lines;
    throw dataSourceError(`Mountain Project's tick export is not valid CSV (${code}${line ? ` near line ${line}` : ""})`);
  }
  if (records.length === 0) throw dataSourceError("Mountain Project's tick export was empty (no header row)");
  const header = records[0].map((h) => h.trim());
  const missing = MP_COLUMNS.filter((c) => !header.includes(c));
  if (missing.length > 0) {
    throw dataSourceError(`Mountain Project's tick export lacks the column(s) ${missing.join(", ")}`);
  }
  const index = MP_COLUMNS.map((c) => header.indexOf(c));
  return records.slice(1).map((record) => {
    const row = {} as MpRow;
    MP_COLUMNS.forEach((column, i) => (row[column] = record[index[i]] ?? ""));
    return row;
  });
}
