import { parse } from "csv-parse/sync";
import { spreadsheetParseError } from "../errors";
import { decodeText, type DetectedEncoding } from "./decode-text";
import type { SheetTable } from "./types";

const DELIMITERS = [",", ";", "\t", "|"] as const;

/**
 * A CSV file as one table: encoding detected (decode-text.ts), the delimiter guessed from the
 * first lines (the candidate that splits them into the most columns, consistently), RFC 4180
 * quoting with multi-line fields; ragged rows padded with "".
 */
export function readCsv(bytes: Uint8Array, opts: { maxCells: number; name?: string }): SheetTable & { encoding: DetectedEncoding; delimiter: string } {
  const { text, encoding } = decodeText(bytes);
  const delimiter = guessDelimiter(text);
  let records: string[][];
  try {
    records = parse(text, { delimiter, relax_column_count: true, relax_quotes: true, skip_empty_lines: false, bom: true }) as string[][];
  } catch (error) {
    throw spreadsheetParseError((error as Error).message);
  }
  while (records.length && records[records.length - 1].every((c) => c === "")) records.pop();
  const width = records.reduce((m, r) => Math.max(m, r.length), 0);
  if (width * records.length > opts.maxCells) throw spreadsheetParseError(`more than ${opts.maxCells} cells`);
  const rows = records.map((r) => (r.length < width ? [...r, ...Array<string>(width - r.length).fill("")] : r));
  return { name: opts.name ?? "Sheet1", rows, spans: [], encoding, delimiter };
}

function guessDelimiter(text: string): string {
  const lines = text.split(/\r?\n/, 20).filter((l) => l.trim() !== "");
  let best: string = ",";
  let bestScore = 0;
  for (const d of DELIMITERS) {
    const counts = lines.map((l) => countOutsideQuotes(l, d));
    if (counts.length === 0 || counts[0] === 0) continue;
    const consistent = counts.filter((c) => c === counts[0]).length / counts.length;
    const score = consistent * (counts[0] + 1);
    if (score > bestScore) {
      best = d;
      bestScore = score;
    }
  }
  return best;
}

function countOutsideQuotes(line: string, d: string): number {
  let n = 0;
  let quoted = false;
  for (const ch of line) {
    if (ch === '"') quoted = !quoted;
    else if (ch === d && !quoted) n++;
  }
  return n;
}
