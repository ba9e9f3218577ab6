import { strToU8, zipSync } from "fflate";
import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { tableToCsv } from "../export/to-csv";
import { tablesToXlsx } from "../export/to-xlsx";
import { tablesToZip } from "../export/to-zip";
import { decodeText, looksLikeText } from "./decode-text";
import { readCsv } from "./read-csv";
import { readXlsx } from "./read-xlsx";

const limits = { maxCells: 10_000, maxSheets: 10 };

describe("CSV intake", () => {
  it("detects UTF-8 with and without BOM, UTF-16 LE, and falls back to windows-1252", () => {
    expect(decodeText(Buffer.from("\uFEFFcafé", "utf8"))).toEqual({ text: "café", encoding: "utf-8" });
    expect(decodeText(Buffer.from("café", "utf8"))).toEqual({ text: "café", encoding: "utf-8" });
    expect(decodeText(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from("naïve", "utf16le")]))).toEqual({ text: "naïve", encoding: "utf-16le" });
    // 0xE9 is é and 0x80 is € in windows-1252; neither is valid UTF-8 alone.
    expect(decodeText(Uint8Array.from([0x63, 0x61, 0x66, 0xe9, 0x20, 0x80]))).toEqual({ text: "café €", encoding: "windows-1252" });
  });

  it("guesses the delimiter, keeps quoted multi-line fields and pads ragged rows", () => {
    const t = readCsv(Buffer.from('name;note;n\r\n"Smith, J";"two\nlines";3\r\nLee;x\r\n', "utf8"), limits);
    expect(t.delimiter).toBe(";");
    expect(t.rows).toEqual([["name", "note", "n"], ["Smith, J", "two\nlines", "3"], ["Lee", "x", ""]]);
  });

  it("tells text from binary by the first bytes", () => {
    expect(looksLikeText(Buffer.from("a,b\n1,2\n"))).toBe(true);
    expect(looksLikeText(Uint8Array.from([0x50, 0x4b, 0x03, 0x04, 0, 0]))).toBe(false);
  });

  it("refuses a file over the cell limit", () => {
    expect(() => readCsv(Buffer.from("a,b,c\n".repeat(10)), { maxCells: 20 })).toThrow(/could not be read/);
  });
});

describe("XLSX", () => {
  it("round-trips sheets with numbers, text needing escapes and merged cells", () => {
    const bytes = tablesToXlsx([
      { name: "Q1 results", rows: [["Region", "Sales", ""], ["North & <East>", "1200.5", "x"], ["", "-3", ""]], spans: [[0, 1, 1, 2]], headerRows: 1 },
      { name: "Q1 results", rows: [["only"]] },
    ]);
    const sheets = readXlsx(bytes, limits);
    expect(sheets.map((s) => s.name)).toEqual(["Q1 results", "Q1 results 2"]);
    expect(sheets[0].rows).toEqual([["Region", "Sales", ""], ["North & <East>", "1200.5", "x"], ["", "-3", ""]]);
    expect(sheets[0].spans).toEqual([[0, 1, 1, 2]]);
  });

  it("reads shared strings, rich text, booleans, dates by number format, and blanks merged-over cells", () => {
    const sheet = `<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>
      <row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c></row>
      <row r="2"><c r="A2" s="1"><v>45658</v></c><c r="B2" t="b"><v>1</v></c><c r="C2"><v>7</v></c></row>
      <row r="3"><c r="A3" t="inlineStr"><is><t>inline</t></is></c></row></sheetData>
      <mergeCells count="1"><mergeCell ref="B2:C2"/></mergeCells></worksheet>`;
    const files = {
      "xl/workbook.xml": strToU8(`<workbook xmlns:r="r"><sheets><sheet name="Data" sheetId="1" r:id="rId1"/></sheets></workbook>`),
      "xl/_rels/workbook.xml.rels": strToU8(`<Relationships><Relationship Id="rId1" Target="worksheets/sheet1.xml"/></Relationships>`),
      "xl/sharedStrings.xml": strToU8(`<sst><si><t>Date</t></si><si><r><t>Ok</t></r><r><t>ay</t></r></si><si><t xml:space="preserve"> n </t></si></sst>`),
      "xl/styles.xml": strToU8(`<styleSheet><cellXfs><xf numFmtId="0"/><xf numFmtId="14"/></cellXfs></styleSheet>`),
      "xl/worksheets/sheet1.xml": strToU8(sheet),
    };
    const [t] = readXlsx(zipSync(files), limits);
    expect(t.rows).toEqual([["Date", "Okay", " n "], ["2025-01-01", "TRUE", ""], ["inline", "", ""]]);
    expect(t.spans).toEqual([[1, 1, 1, 2]]);
  });

  it("refuses a DTD, a non-zip and too many sheets", () => {
    const dtd = zipSync({ "xl/workbook.xml": strToU8(`<!DOCTYPE x [<!ENTITY a "b">]><workbook/>`) });
    expect(() => readXlsx(dtd, limits)).toThrow(/could not be read/);
    expect(() => readXlsx(Buffer.from("PK\x03\x04 nonsense"), limits)).toThrow(/could not be read/);
    const many = tablesToXlsx(Array.from({ length: 3 }, (_, i) => ({ name: `S${i}`, rows: [["a"]] })));
    expect(() => readXlsx(many, { ...limits, maxSheets: 2 })).toThrow(/3 sheets/);
  });
});

describe("exports", () => {
  it("writes RFC 4180 CSV (CRLF, quotes doubled) that parses back to the same rows, defusing formulas only", () => {
    const rows = [["a,b", 'say "hi"', "two\nlines"], ["-12.5", "=SUM(A1)", "@x"]];
    const csv = tableToCsv(rows);
    expect(csv).toBe('"a,b","say ""hi""","two\nlines"\r\n-12.5,\'=SUM(A1),\'@x\r\n');
    expect(parse(csv)).toEqual([rows[0], ["-12.5", "'=SUM(A1)", "'@x"]]);
  });

  it("zips one CSV per table", async () => {
    const { unzipSync, strFromU8 } = await import("fflate");
    const zip = unzipSync(tablesToZip([{ index: 0, page: 2, rows: [["a"]] }, { index: 1, page: 3, rows: [["b", "c"]] }]));
    expect(Object.keys(zip)).toEqual(["table-1-page-2.csv", "table-2-page-3.csv"]);
    expect(strFromU8(zip["table-2-page-3.csv"])).toBe("b,c\r\n");
  });
});
