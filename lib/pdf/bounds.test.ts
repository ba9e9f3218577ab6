import zlib from "node:zlib";
import { PDFDocument, PDFName } from "pdf-lib";
import { describe, expect, it } from "vitest";
import { checkPdfBounds, countOperators } from "./bounds";
import { inflateBombPdf, pathBombPdf } from "./hostile";
import { inspectPdfBytes } from "./inspect-pdf";
import { buildPdf } from "./testing";

const ascii = (s: string) => new TextEncoder().encode(s);
const load = async (bytes: Uint8Array) => PDFDocument.load(bytes, { updateMetadata: false });

describe("countOperators", () => {
  it("counts operators, not operands, strings, names, comments or inline image data", () => {
    expect(countOperators(ascii("0 0 m 10 10 l S"))).toBe(3);
    expect(countOperators(ascii("BT /F1 12 Tf (a m l (nested) S) Tj ET % m l S\n"))).toBe(4);
    expect(countOperators(ascii("[(x) -20 (y)] TJ <414243> Tj true false null"))).toBe(2);
    expect(countOperators(ascii("<< /W 2 >> BDC q BI /W 1 /H 1 ID m l S z EI Q EMC"))).toBe(7);
    expect(countOperators(ascii("1 0 0 RG 'x' \" 5 5 re f*"))).toBe(5);
  });

  it("stops as soon as the count passes the caller's limit", () => {
    const many = ascii("0 0 m 1 1 l ".repeat(1000));
    expect(countOperators(many)).toBe(2000);
    expect(countOperators(many, 10)).toBe(11);
  });
});

describe("checkPdfBounds", () => {
  const bounds = { maxPageOperators: 10_000, maxStreamBytes: 1_000_000 };

  it("lets an ordinary form through", async () => {
    const form = await buildPdf((p) => p.text("Name", 72, 72).line(120, 74, 400, 74), { pages: 2 });
    const doc = await load(form);
    expect(() => checkPdfBounds(doc, bounds)).not.toThrow();
  });

  it("refuses a page with too many operators, naming the page and counts", async () => {
    const bomb = await pathBombPdf(20_000);
    const doc = await load(bomb);
    expect(() => checkPdfBounds(doc, bounds)).toThrow(expect.objectContaining({ type: "PdfTooComplexError", status: 422, details: expect.objectContaining({ page: 1, limit_operators: 10_000 }) }));
    expect(() => checkPdfBounds(doc, { ...bounds, maxPageOperators: 30_000 })).not.toThrow();
  });

  it("refuses a stream that inflates past the limit, and an image whose pixels would", async () => {
    const bomb = await inflateBombPdf(1500, 1000);
    expect(bomb.byteLength).toBeLessThan(20_000);
    const doc = await load(bomb);
    expect(() => checkPdfBounds(doc, bounds)).toThrow(expect.objectContaining({ type: "PdfTooComplexError", details: { limit_bytes: 1_000_000 } }));
    expect(() => checkPdfBounds(doc, { ...bounds, maxStreamBytes: 2_000_000 })).not.toThrow();
  });

  it("decodes filter chains too: a bomb wrapped in ASCIIHex around Flate is refused, an ordinary chain counted", async () => {
    // A page whose one content stream is hex-encoded Flate data: the upload check used to skip it.
    const page = async (content: string) => {
      const doc = await PDFDocument.create();
      const p = doc.addPage([612, 792]);
      const hex = Buffer.from(zlib.deflateSync(Buffer.from(content), { level: 9 }).toString("hex") + ">");
      const stream = doc.context.register(doc.context.stream(hex, { Filter: ["ASCIIHexDecode", "FlateDecode"] }));
      p.node.set(PDFName.of("Contents"), stream);
      return load(await doc.save({ useObjectStreams: false }));
    };
    const bomb = await page(`${" ".repeat(2_000_000)}0 0 m S`);
    expect(() => checkPdfBounds(bomb, bounds)).toThrow(expect.objectContaining({ type: "PdfTooComplexError", status: 422, details: { limit_bytes: 1_000_000 } }));
    const busy = await page("0 0 m 1 1 l ".repeat(6_000));
    expect(() => checkPdfBounds(busy, bounds)).toThrow(expect.objectContaining({ type: "PdfTooComplexError", details: expect.objectContaining({ page: 1, operators: 10_001 }) }));
    expect(() => checkPdfBounds(busy, { ...bounds, maxPageOperators: 12_000 })).not.toThrow();
  });

  it("is applied by inspectPdfBytes when the bounds are given", async () => {
    const bomb = await pathBombPdf(20_000);
    await expect(inspectPdfBytes(bomb, { maxPages: 10, ...bounds })).rejects.toMatchObject({ type: "PdfTooComplexError", status: 422 });
    await expect(inspectPdfBytes(bomb, { maxPages: 10 })).resolves.toMatchObject({ pageCount: 1 });
  });
});
