import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LocalDiskStorage } from "@/lib/storage";
import { buildPdf } from "@/lib/pdf/testing";
import { inspectPdfBytes } from "./inspect-pdf";
import { validatePdfUpload } from "./validate-upload";

let dir: string;
let storage: LocalDiskStorage;
let threePages: Uint8Array;
let n = 0;

const key = () => `ws1/forms/upload${++n}`;
const validate = (source: Parameters<typeof validatePdfUpload>[0], limits: { maxBytes?: number; maxPages?: number } = {}) =>
  validatePdfUpload(source, { storage, key: key(), maxBytes: limits.maxBytes ?? 1_000_000, maxPages: limits.maxPages ?? 10, inspect: inspectPdfBytes });

/** Files left in storage (the temp folder aside): a rejected upload must leave none. */
function storedFiles(): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      if (e.isDirectory()) walk(path.join(d, e.name));
      else out.push(path.relative(storage.root, path.join(d, e.name)));
    }
  };
  if (fs.existsSync(storage.root)) walk(storage.root);
  return out;
}

/** An endless stream of `chunk`s after `head`, counting what was read from it. */
function endless(head: string, chunk = 64 * 1024) {
  const counter = { read: 0 };
  let first = true;
  const stream = new Readable({
    read() {
      const buf = first ? Buffer.concat([Buffer.from(head), Buffer.alloc(chunk - head.length, 32)]) : Buffer.alloc(chunk, 32);
      first = false;
      counter.read += buf.length;
      this.push(buf);
    },
  });
  return { stream, counter };
}

function qpdf(args: string[]): Uint8Array {
  const out = path.join(dir, `q${++n}.pdf`);
  const result = spawnSync("qpdf", [...args, path.join(dir, "plain.pdf"), out], { encoding: "utf8" });
  if (result.status !== 0) throw new Error(result.stderr);
  return fs.readFileSync(out);
}

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "forms-validate-"));
  storage = new LocalDiskStorage(path.join(dir, "store"));
  threePages = await buildPdf((p, i) => p.text(`Page ${i + 1}`, 72, 72), { pages: 3 });
  fs.writeFileSync(path.join(dir, "plain.pdf"), threePages);
});

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe("validatePdfUpload", () => {
  it("stores a valid PDF and reports its pages and form", async () => {
    const result = await validate(Readable.from([Buffer.from(threePages)]));
    expect(result).toMatchObject({ pageCount: 3, hasAcroForm: false, existingFieldCount: 0, size: threePages.byteLength });
    expect(await storage.exists(result.key)).toBe(true);
    await storage.delete(result.key);
  });

  it("refuses bytes that are not a PDF with 415, reading no more than the first chunks", async () => {
    const { stream, counter } = endless("GIF89a");
    await expect(validate(stream, { maxBytes: 50_000_000 })).rejects.toMatchObject({ type: "UnsupportedMediaTypeError", status: 415 });
    expect(counter.read).toBeLessThan(1_000_000);
    expect(storedFiles()).toEqual([]);
  });

  it("refuses an empty upload with 422", async () => {
    await expect(validate(Readable.from([]))).rejects.toMatchObject({ type: "EmptyFileError", status: 422 });
    expect(storedFiles()).toEqual([]);
  });

  it("cuts a stream off with 413 as soon as it passes the limit, keeping nothing", async () => {
    const { stream, counter } = endless("%PDF-1.7\n");
    await expect(validate(stream, { maxBytes: 2_000_000 })).rejects.toMatchObject({ type: "PayloadTooLargeError", status: 413 });
    expect(counter.read).toBeLessThan(2_000_000 + 1_000_000);
    expect(storedFiles()).toEqual([]);
  });

  it("refuses password-protected and owner-encrypted PDFs with EncryptedPdfError", async () => {
    const locked = qpdf(["--encrypt", "user-pw", "owner-pw", "256", "--"]);
    const restricted = qpdf(["--encrypt", "", "owner-pw", "256", "--modify=none", "--"]);
    await expect(validate(Buffer.from(locked))).rejects.toMatchObject({ type: "EncryptedPdfError", status: 422, details: { needs_password: true } });
    await expect(validate(Buffer.from(restricted))).rejects.toMatchObject({ type: "EncryptedPdfError", status: 422, details: { needs_password: false } });
    expect(storedFiles()).toEqual([]);
  });

  it("refuses a damaged PDF with PdfParseError", async () => {
    const truncated = Buffer.from(threePages).subarray(0, 200);
    await expect(validate(Buffer.concat([Buffer.from("%PDF-1.7\n"), Buffer.alloc(4000, "x")]))).rejects.toMatchObject({ type: "PdfParseError", status: 422 });
    await expect(validate(truncated)).rejects.toMatchObject({ type: "PdfParseError", status: 422 });
    expect(storedFiles()).toEqual([]);
  });

  it("refuses more pages than the limit with 422", async () => {
    await expect(validate(Buffer.from(threePages), { maxPages: 2 })).rejects.toMatchObject({ type: "TooManyPagesError", status: 422, details: { pages: 3, limit_pages: 2 } });
    expect(storedFiles()).toEqual([]);
  });

  it("accepts a web ReadableStream (a Request body)", async () => {
    const body = new Response(Buffer.from(threePages)).body!;
    const result = await validate(body);
    expect(result.pageCount).toBe(3);
    await storage.delete(result.key);
  });
});
