import { stringify } from "csv-stringify/sync";

/** A number as written (so "-12.5" is data, not a formula). */
const NUMBER = /^[-+]?(\d{1,3}(,\d{3})+|\d+)?(\.\d+)?%?$/;

/**
 * A table as RFC 4180 CSV: CRLF line ends, fields quoted when they hold a comma, quote or line
 * break, quotes doubled; UTF-8 without BOM. A cell that is not a number but starts with = + - @
 * gets a leading ' so a spreadsheet shows it instead of running it (formula injection).
 */
export function tableToCsv(rows: string[][]): string {
  const safe = rows.map((r) => r.map(defuse));
  return stringify(safe, { record_delimiter: "\r\n", quoted_match: /[\r\n",]/ });
}

export function defuse(cell: string): string {
  return /^[=+\-@\t\r]/.test(cell) && !NUMBER.test(cell.trim()) ? `'${cell}` : cell;
}
