import zlib from "node:zlib";
import { PDFArray, PDFDict, PDFName, PDFNumber, PDFRawStream, type PDFDocument, type PDFObject } from "pdf-lib";
import { pdfTooComplex } from "./errors";

/** Limits on the work one PDF may cause (PDF_MAX_PAGE_OPERATORS, PDF_MAX_STREAM_BYTES). */
export type PdfBounds = { maxPageOperators: number; maxStreamBytes: number };

/**
 * Refuses a parsed PDF whose pages would cost far more than any real form, before pdf.js runs a
 * page: a stream that inflates past `maxStreamBytes` (a decompression bomb: 400 MB of zeros packs
 * into 400 KB), an image whose pixels would take more than that, or a page whose content streams
 * and Form XObjects hold more than `maxPageOperators` drawing operators (3 million path operations
 * pack into 130 KB and keep pdf.js busy for minutes). Inflation is bounded, so checking a bomb
 * costs at most `maxStreamBytes` of memory. What this cannot see (LZW or other rare filters,
 * XObjects drawn many times, nested forms) is left to the per-page time and memory caps.
 */
export function checkPdfBounds(doc: PDFDocument, bounds: PdfBounds): void {
  for (const [, object] of doc.context.enumerateIndirectObjects()) {
    if (!(object instanceof PDFRawStream)) continue;
    const imageBytes = decodedImageBytes(object.dict);
    if (imageBytes > bounds.maxStreamBytes) throw streamTooLarge(bounds.maxStreamBytes);
    decodeStream(object, bounds.maxStreamBytes);
  }
  const formOperators = new Map<PDFRawStream, number>();
  doc.getPages().forEach((page, index) => {
    let operators = 0;
    for (const stream of contentStreams(structure(() => page.node.Contents()))) operators += countOperators(decodeStream(stream, bounds.maxStreamBytes));
    const xobjects = structure(() => page.node.Resources()?.lookupMaybe(PDFName.of("XObject"), PDFDict));
    for (const value of xobjects?.values() ?? []) {
      const form = doc.context.lookup(value);
      if (!(form instanceof PDFRawStream) || form.dict.lookupMaybe(PDFName.of("Subtype"), PDFName)?.asString() !== "/Form") continue;
      let count = formOperators.get(form);
      if (count === undefined) formOperators.set(form, (count = countOperators(decodeStream(form, bounds.maxStreamBytes))));
      operators += count;
    }
    if (operators > bounds.maxPageOperators) {
      throw pdfTooComplex(`Page ${index + 1} has ${operators} drawing operations; the limit is ${bounds.maxPageOperators}`, {
        page: index + 1,
        operators,
        limit_operators: bounds.maxPageOperators,
      });
    }
  });
}

/**
 * A page attribute, or undefined when its structure is malformed (a Resources entry that is not a
 * dictionary...): judging that is for the reader and the writer, which answer with their own errors.
 */
function structure<T>(read: () => T): T | undefined {
  try {
    return read();
  } catch {
    return undefined;
  }
}

const streamTooLarge = (limit: number) =>
  pdfTooComplex(`The PDF holds a stream that decompresses to more than ${Math.round(limit / 1_048_576)} MB`, { limit_bytes: limit });

function contentStreams(contents: PDFObject | undefined): PDFRawStream[] {
  if (contents instanceof PDFRawStream) return [contents];
  if (!(contents instanceof PDFArray)) return [];
  const out: PDFRawStream[] = [];
  for (let i = 0; i < contents.size(); i++) {
    const item = contents.lookup(i);
    if (item instanceof PDFRawStream) out.push(item);
  }
  return out;
}

/** The first filter's name, or undefined when the stream is stored plain. */
function firstFilter(dict: PDFDict): string | undefined {
  const filter = dict.lookup(PDFName.of("Filter"));
  if (filter instanceof PDFName) return filter.asString();
  if (filter instanceof PDFArray && filter.size() > 0) {
    const first = filter.lookup(0);
    return first instanceof PDFName ? first.asString() : undefined;
  }
  return undefined;
}

/**
 * A stream's bytes after its first filter when that is Flate (or none), inflating at most `limit`
 * bytes; throws PdfTooComplexError past it. Other filters and broken data give an empty buffer:
 * pdf.js judges those when it draws the page, under the time and memory caps.
 */
function decodeStream(stream: PDFRawStream, limit: number): Uint8Array {
  const filter = firstFilter(stream.dict);
  if (filter === undefined) return stream.contents;
  if (filter !== "/FlateDecode" && filter !== "/Fl") return new Uint8Array(0);
  try {
    return zlib.inflateSync(stream.contents, { maxOutputLength: limit, finishFlush: zlib.constants.Z_SYNC_FLUSH });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ERR_BUFFER_TOO_LARGE") throw streamTooLarge(limit);
    return new Uint8Array(0);
  }
}

/** An image's decoded size from its dictionary (width x height x components x bits), 0 for other streams. */
function decodedImageBytes(dict: PDFDict): number {
  if (dict.lookupMaybe(PDFName.of("Subtype"), PDFName)?.asString() !== "/Image") return 0;
  const num = (key: string) => dict.lookupMaybe(PDFName.of(key), PDFNumber)?.asNumber() ?? 0;
  const width = num("Width");
  const height = num("Height");
  const mask = dict.lookup(PDFName.of("ImageMask"));
  const bits = mask?.toString() === "true" ? 1 : num("BitsPerComponent") || 8;
  const space = dict.lookup(PDFName.of("ColorSpace"));
  const name = space instanceof PDFName ? space.asString() : space instanceof PDFArray ? String(space.lookup(0)) : "";
  const components = mask?.toString() === "true" || /Gray|Indexed/.test(name) ? 1 : /CMYK/.test(name) ? 4 : 3;
  return Math.ceil((width * components * bits) / 8) * height;
}

// Byte classes as a table (1 whitespace, 2 delimiter): the scan runs over tens of megabytes.
const CLASS = new Uint8Array(256);
for (const c of [0, 9, 10, 12, 13, 32]) CLASS[c] = 1;
for (const c of [0x28, 0x29, 0x3c, 0x3e, 0x5b, 0x5d, 0x7b, 0x7d, 0x2f, 0x25]) CLASS[c] = 2;
const WHITESPACE = { has: (c: number) => CLASS[c] === 1 };
const isRegular = (c: number) => CLASS[c] === 0;

/**
 * Counts the operators in a content stream in one linear pass: words that start with a letter
 * (or ' and ") outside strings, names, comments and inline image data. Keywords true/false/null
 * are operands.
 */
export function countOperators(bytes: Uint8Array): number {
  let count = 0;
  let i = 0;
  const n = bytes.length;
  while (i < n) {
    const c = bytes[i];
    if (WHITESPACE.has(c)) {
      i++;
    } else if (c === 0x25) {
      while (i < n && bytes[i] !== 10 && bytes[i] !== 13) i++;
    } else if (c === 0x28) {
      let depth = 0;
      for (; i < n; i++) {
        const s = bytes[i];
        if (s === 0x5c) i++;
        else if (s === 0x28) depth++;
        else if (s === 0x29 && --depth === 0) break;
      }
      i++;
    } else if (c === 0x3c && bytes[i + 1] !== 0x3c) {
      while (i < n && bytes[i] !== 0x3e) i++;
      i++;
    } else if (!isRegular(c)) {
      i++;
      if (c === 0x2f) while (i < n && isRegular(bytes[i])) i++;
    } else {
      const start = i;
      while (i < n && isRegular(bytes[i])) i++;
      const first = bytes[start];
      const isWord = (first >= 0x41 && first <= 0x5a) || (first >= 0x61 && first <= 0x7a) || first === 0x27 || first === 0x22;
      if (!isWord) continue;
      const word = i - start <= 5 ? String.fromCharCode(...bytes.subarray(start, i)) : "";
      if (word === "true" || word === "false" || word === "null") continue;
      count++;
      // Inline image data is binary: skip to the EI that ends it.
      if (word === "ID") {
        i++;
        while (i < n && !(bytes[i] === 0x45 && bytes[i + 1] === 0x49 && WHITESPACE.has(bytes[i - 1]) && (i + 2 >= n || !isRegular(bytes[i + 2])))) i++;
      }
    }
  }
  return count;
}
