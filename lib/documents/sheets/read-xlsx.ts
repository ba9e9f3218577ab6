import { strFromU8, unzipSync } from "fflate";
import { XMLParser, XMLValidator } from "fast-xml-parser";
import { spreadsheetParseError, tooManySheets } from "../errors";
import type { SheetTable } from "./types";

type Node = Record<string, unknown>;
/** Inflated XML allowed per workbook: a zip bomb is refused from the sizes its directory declares. */
const MAX_INFLATED = 256 * 1024 * 1024;

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: "@_",
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false,
  processEntities: true,
  isArray: (name) => ["sheet", "Relationship", "si", "r", "row", "c", "mergeCell", "xf", "numFmt"].includes(name),
});

/**
 * The sheets of an XLSX workbook (OOXML zip: xl/workbook.xml, its rels, sharedStrings, styles,
 * worksheets) as tables. Values as Excel shows them for text, numbers and booleans; dates (by the
 * cell's number format) as ISO dates; merged cells (<mergeCells>) keep the text top-left and ""
 * in the covered cells. Only the parts named here are inflated, after checking declared sizes.
 */
export function readXlsx(bytes: Uint8Array, opts: { maxCells: number; maxSheets: number }): SheetTable[] {
  const files = unzipParts(bytes);
  const xml = (name: string): Node | undefined => {
    const data = files[name];
    if (!data) return undefined;
    const text = strFromU8(data);
    // OOXML never declares a DTD; refusing one rules out entity-expansion tricks.
    if (/<!DOCTYPE/i.test(text)) throw spreadsheetParseError(`${name} declares a DTD`);
    const valid = XMLValidator.validate(text);
    if (valid !== true) throw spreadsheetParseError(`${name} is not well-formed XML`);
    return parser.parse(text) as Node;
  };
  const workbook = xml("xl/workbook.xml");
  if (!workbook) throw spreadsheetParseError("no xl/workbook.xml");
  const sheets = arr(get(workbook, "workbook", "sheets", "sheet"));
  if (sheets.length === 0) throw spreadsheetParseError("the workbook has no sheets");
  if (sheets.length > opts.maxSheets) throw tooManySheets(sheets.length, opts.maxSheets);
  const rels = new Map(arr(get(xml("xl/_rels/workbook.xml.rels"), "Relationships", "Relationship")).map((r) => [String(r["@_Id"]), String(r["@_Target"])]));
  const shared = arr(get(xml("xl/sharedStrings.xml"), "sst", "si")).map(richText);
  const dateStyles = dateStyleIndexes(xml("xl/styles.xml"));
  let cells = 0;
  return sheets.map((sheet, i) => {
    const target = rels.get(String(sheet["@_r:id"])) ?? `worksheets/sheet${i + 1}.xml`;
    const path = target.startsWith("/") ? target.slice(1) : `xl/${target.replace(/^\.\//, "")}`;
    const table = readSheet(xml(path), String(sheet["@_name"] ?? `Sheet${i + 1}`), shared, dateStyles);
    cells += table.rows.length * (table.rows[0]?.length ?? 0);
    if (cells > opts.maxCells) throw spreadsheetParseError(`more than ${opts.maxCells} cells`);
    return table;
  });
}

/** Lists the names only the workbook's own XML parts; unzips exactly those, with bounded sizes. */
export function unzipParts(bytes: Uint8Array): Record<string, Uint8Array> {
  let declared = 0;
  try {
    return unzipSync(bytes, {
      filter: (file) => {
        if (!/^(xl\/workbook\.xml|xl\/_rels\/workbook\.xml\.rels|xl\/sharedStrings\.xml|xl\/styles\.xml|xl\/worksheets\/[^/]+\.xml)$/.test(file.name)) return false;
        declared += file.originalSize;
        if (declared > MAX_INFLATED) throw spreadsheetParseError("the workbook inflates past 256 MB");
        return true;
      },
    });
  } catch (error) {
    if ((error as { type?: string }).type === "SpreadsheetParseError") throw error;
    throw spreadsheetParseError(`not a readable zip: ${(error as Error).message}`);
  }
}

function readSheet(doc: Node | undefined, name: string, shared: string[], dateStyles: Set<number>): SheetTable {
  const grid: string[][] = [];
  let width = 0;
  for (const row of arr(get(doc, "worksheet", "sheetData", "row"))) {
    const r = Number(row["@_r"]) - 1;
    let next = 0;
    for (const c of arr(row.c)) {
      const ref = c["@_r"] ? parseRef(String(c["@_r"])) : { row: r, col: next };
      next = ref.col + 1;
      const value = cellText(c, shared, dateStyles);
      if (value === "") continue;
      (grid[ref.row] ??= [])[ref.col] = value;
      width = Math.max(width, ref.col + 1);
    }
  }
  const spans: SheetTable["spans"] = [];
  for (const m of arr(get(doc, "worksheet", "mergeCells", "mergeCell"))) {
    const [a, b] = String(m["@_ref"] ?? "").split(":");
    if (!a || !b) continue;
    const from = parseRef(a);
    const to = parseRef(b);
    spans.push([from.row, from.col, to.row - from.row + 1, to.col - from.col + 1]);
    width = Math.max(width, to.col + 1);
    grid[to.row] ??= [];
  }
  const rows = Array.from({ length: grid.length }, (_, i) => Array.from({ length: width }, (_, j) => grid[i]?.[j] ?? ""));
  for (const [r, c, rs, cs] of spans) for (let i = r; i < r + rs; i++) for (let j = c; j < c + cs; j++) if (i !== r || j !== c) rows[i][j] = "";
  while (rows.length && rows[rows.length - 1].every((v) => v === "")) rows.pop();
  return { name, rows, spans: spans.filter(([r]) => r < rows.length) };
}

function cellText(c: Node, shared: string[], dateStyles: Set<number>): string {
  const t = String(c["@_t"] ?? "n");
  const v = text(c.v);
  if (t === "s") return shared[Number(v)] ?? "";
  if (t === "inlineStr") return richText(c.is as Node);
  if (t === "b") return v === "1" ? "TRUE" : v === "0" ? "FALSE" : v;
  if (t === "n" && v !== "" && dateStyles.has(Number(c["@_s"] ?? 0))) return excelDate(Number(v)) ?? v;
  return v;
}

/** `<si>`/`<is>`: plain `<t>` or rich runs `<r><t>`; phonetic runs (`<rPh>`) are not the text. */
function richText(si: Node | undefined): string {
  if (!si) return "";
  if (si.t !== undefined) return text(si.t);
  return arr(si.r).map((run) => text(run.t)).join("");
}

const BUILTIN_DATE_FORMATS = new Set([14, 15, 16, 17, 18, 19, 20, 21, 22, 45, 46, 47]);

function dateStyleIndexes(styles: Node | undefined): Set<number> {
  const custom = new Map(arr(get(styles, "styleSheet", "numFmts", "numFmt")).map((f) => [Number(f["@_numFmtId"]), String(f["@_formatCode"] ?? "")]));
  const out = new Set<number>();
  arr(get(styles, "styleSheet", "cellXfs", "xf")).forEach((xf, i) => {
    const id = Number(xf["@_numFmtId"] ?? 0);
    const code = custom.get(id);
    if (BUILTIN_DATE_FORMATS.has(id) || (code && /[dmy]/i.test(code.replace(/"[^"]*"|\[[^\]]*\]/g, "")))) out.add(i);
  });
  return out;
}

/** Excel's 1900 date system serial as YYYY-MM-DD (with the time when it has one). */
function excelDate(serial: number): string | undefined {
  if (!Number.isFinite(serial) || serial < 1 || serial > 2958465) return undefined;
  const ms = Math.round((serial - 25569) * 86400000);
  const iso = new Date(ms).toISOString();
  return iso.endsWith("T00:00:00.000Z") ? iso.slice(0, 10) : iso.slice(0, 19).replace("T", " ");
}

function parseRef(ref: string): { row: number; col: number } {
  const m = /^\$?([A-Z]{1,3})\$?(\d{1,7})$/i.exec(ref.trim());
  if (!m) throw spreadsheetParseError(`a bad cell reference ${ref.slice(0, 20)}`);
  let col = 0;
  for (const ch of m[1].toUpperCase()) col = col * 26 + (ch.charCodeAt(0) - 64);
  return { row: Number(m[2]) - 1, col: col - 1 };
}

const text = (v: unknown): string => (v === undefined || v === null ? "" : typeof v === "object" ? String((v as Node)["#text"] ?? "") : String(v));
const arr = (v: unknown): Node[] => (Array.isArray(v) ? (v as Node[]) : v ? [v as Node] : []);
function get(node: Node | undefined, ...path: string[]): unknown {
  let cur: unknown = node;
  for (const key of path) cur = cur && typeof cur === "object" ? (cur as Node)[key] : undefined;
  return cur;
}
