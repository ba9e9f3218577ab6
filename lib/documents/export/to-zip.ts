import { strToU8, zipSync } from "fflate";
import { tableToCsv } from "./to-csv";

/** All of a job's tables as one ZIP of CSV files, named by order and page. */
export function tablesToZip(tables: { index: number; page: number; rows: string[][] }[]): Uint8Array {
  const files: Record<string, Uint8Array> = {};
  for (const t of tables) files[tableFilename(t, "csv")] = strToU8(tableToCsv(t.rows));
  return zipSync(files, { level: 6 });
}

export const tableFilename = (t: { index: number; page: number }, ext: string) => `table-${t.index + 1}-page-${t.page}.${ext}`;
