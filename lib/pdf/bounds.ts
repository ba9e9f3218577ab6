import zlib from "node:zlib";
import { decodePDFRawStream, PDFArray, PDFDict, PDFName, PDFNumber, PDFRawStream, type PDFDocument, type PDFObject } from "pdf-lib";
import { isAppError } from "@/lib/errors";
import { pdfTooComplex } from "./errors";

/** Limits on the work one PDF may cause (PDF_MAX_PAGE_OPERATORS, PDF_MAX_STREAM_BYTES). */
export type PdfBounds = { maxPageOperators: number; maxStreamBytes: number };

/**
 * Refuses a parsed PDF whose pages would cost far more than any real form, before pdf.js runs a
 * page: a stream that decodes past `maxStreamBytes` (a decompression bomb: 400 MB of zeros packs
 * into 400 KB), an image whose pixels would take more than that, or a page whose content streams
 * and Form XObjects hold more than `maxPageOperators` drawing operators (3 million path operations
 * pack into 130 KB and keep pdf.js busy for minutes). Decoding is bounded, so checking a bomb
 * costs at most `maxStreamBytes` of memory, and counting stops at the limit, so a path bomb costs
 * a scan of `maxPageOperators` operators. Every stream is decoded once. What this cannot see
 * (image codecs, XObjects drawn many times, nested forms) is left to the per-page time and memory caps.
 */
export function checkPdfBounds(doc: PDFDocument, bounds: PdfBounds): void {
  const limit = bounds.maxStreamBytes;
  // What each page draws: its content streams and the Form XObjects its resources name.
  const pages = doc.getPages().map((page) => {
    const drawn = contentStreams(structure(() => page.node.Contents()));
    const xobjects = structure(() => page.node.Resources()?.lookupMaybe(PDFName.of("XObject"), PDFDict));
    for (const value of xobjects?.values() ?? []) {
      const form = structure(() => doc.context.lookup(value));
      if (form instanceof PDFRawStream && form.dict.lookupMaybe(PDFName.of("Subtype"), PDFName)?.asString() === "/Form") drawn.push(form);
    }
    return drawn;
  });
  const drawn = new Set(pages.flat());
  // Images first (their size is in their dictionary: refused without decoding a byte), then every
  // other stream's decoded size; drawn streams are sized as they are counted below.
  const streams = [...doc.context.enumerateIndirectObjects()].map(([, object]) => object).filter((o): o is PDFRawStream => o instanceof PDFRawStream);
  for (const stream of streams) if (decodedImageBytes(stream.dict) > limit) throw streamTooLarge(limit);
  for (const stream of streams) if (!drawn.has(stream)) decodeStream(stream, limit);
  const counted = new Map<PDFRawStream, number>();
  pages.forEach((streamsOfPage, index) => {
    let operators = 0;
    for (const stream of new Set(streamsOfPage)) {
      let count = counted.get(stream);
      if (count === undefined) {
        count = countOperators(decodeStream(stream, limit), bounds.maxPageOperators - operators);
        // A count cut short is only good for this page, which is refused below.
        if (operators + count <= bounds.maxPageOperators) counted.set(stream, count);
      }
      operators += count;
      if (operators > bounds.maxPageOperators) {
        throw pdfTooComplex(`Page ${index + 1} has more than ${bounds.maxPageOperators} drawing operations`, {
          page: index + 1,
          operators,
          limit_operators: bounds.maxPageOperators,
        });
      }
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

/** The stream's filter names in order (empty when it is stored plain). */
function filterNames(dict: PDFDict): string[] {
  const filter = dict.lookup(PDFName.of("Filter"));
  if (filter instanceof PDFName) return [filter.asString()];
  if (!(filter instanceof PDFArray)) return [];
  const names: string[] = [];
  for (let i = 0; i < filter.size(); i++) {
    const name = filter.lookup(i);
    names.push(name instanceof PDFName ? name.asString() : "");
  }
  return names;
}

// Filters whose output is document data that pdf.js would decode in full. Image codecs (DCT, JPX,
// JBIG2, CCITT) are bounded by the image's own dimensions instead (decodedImageBytes).
const DATA_FILTERS = new Set(["/FlateDecode", "/LZWDecode", "/ASCII85Decode", "/ASCIIHexDecode", "/RunLengthDecode"]);

/**
 * A stream's decoded bytes, decoding at most `limit` bytes; throws PdfTooComplexError past it.
 * Flate alone (nearly every stream) goes through zlib with a bounded output; chains and the other
 * data filters (ASCII85 or hex around Flate, LZW, run-length: each can hide a bomb) through
 * pdf-lib's decoders, pulled a block at a time until the limit. Streams ending in an image codec
 * are decoded up to it (their pixels are bounded by the image's size); broken data gives what
 * decoded before the break, or nothing: pdf.js judges it when it draws the page, under the caps.
 */
function decodeStream(stream: PDFRawStream, limit: number): Uint8Array {
  const filters = filterNames(stream.dict);
  if (filters.length === 0) return stream.contents;
  if (filters.length === 1 && (filters[0] === "/FlateDecode" || filters[0] === "/Fl")) {
    try {
      return zlib.inflateSync(stream.contents, { maxOutputLength: limit, finishFlush: zlib.constants.Z_SYNC_FLUSH });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ERR_BUFFER_TOO_LARGE") throw streamTooLarge(limit);
      return new Uint8Array(0);
    }
  }
  const data = filters.findIndex((name) => !DATA_FILTERS.has(name));
  if (data === 0) return new Uint8Array(0);
  try {
    // Only the data filters before the first codec: a copy of the dictionary with that prefix.
    const dict = data < 0 ? stream.dict : withFilters(stream, filters.slice(0, data));
    const decoded = decodePDFRawStream(PDFRawStream.of(dict, stream.contents));
    // The decoder keeps what it decoded in one buffer: pull blocks until the end or the limit,
    // then read that buffer back whole, without a copy.
    let total = 0;
    for (let chunk = decoded.getBytes(65_536); chunk.length > 0; chunk = decoded.getBytes(65_536)) {
      total += chunk.length;
      if (total > limit) throw streamTooLarge(limit);
    }
    decoded.reset();
    const all = decoded.getBytes(total);
    return new Uint8Array(all.buffer, all.byteOffset, all.byteLength);
  } catch (error) {
    if (isAppError(error)) throw error;
    return new Uint8Array(0);
  }
}

function withFilters(stream: PDFRawStream, names: string[]): PDFDict {
  const dict = stream.dict.clone();
  const parms = stream.dict.lookup(PDFName.of("DecodeParms"));
  dict.set(PDFName.of("Filter"), dict.context.obj(names.map((name) => PDFName.of(name.slice(1)))));
  if (parms instanceof PDFArray) dict.set(PDFName.of("DecodeParms"), dict.context.obj(parms.asArray().slice(0, names.length)));
  return dict;
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
// Bytes that may start an operator: letters, ' and ".
const WORD_START = new Uint8Array(256);
for (let c = 0x41; c <= 0x5a; c++) WORD_START[c] = WORD_START[c + 0x20] = 1;
WORD_START[0x27] = WORD_START[0x22] = 1;

/** Whether bytes[start, end) spell `word` (ASCII), without making a string. */
function spells(bytes: Uint8Array, start: number, end: number, word: string): boolean {
  if (end - start !== word.length) return false;
  for (let k = 0; k < word.length; k++) if (bytes[start + k] !== word.charCodeAt(k)) return false;
  return true;
}

/**
 * Counts the operators in a content stream in one linear pass: words that start with a letter
 * (or ' and ") outside strings, names, comments and inline image data. Keywords true/false/null
 * are operands. Stops as soon as the count passes `stopAbove` (the caller's limit), so a bomb
 * costs a scan up to the limit, not the whole stream; the answer is then `stopAbove + 1`.
 */
export function countOperators(bytes: Uint8Array, stopAbove = Number.POSITIVE_INFINITY): number {
  let count = 0;
  let i = 0;
  const n = bytes.length;
  while (i < n) {
    const c = bytes[i];
    const kind = CLASS[c];
    if (kind === 0) {
      const start = i;
      while (i < n && CLASS[bytes[i]] === 0) i++;
      if (WORD_START[bytes[start]] === 0) continue;
      const length = i - start;
      if (length >= 4 && length <= 5 && (spells(bytes, start, i, "true") || spells(bytes, start, i, "null") || spells(bytes, start, i, "false"))) continue;
      if (++count > stopAbove) return count;
      // Inline image data is binary: skip to the EI that ends it.
      if (length === 2 && bytes[start] === 0x49 && bytes[start + 1] === 0x44) {
        i++;
        while (i < n && !(bytes[i] === 0x45 && bytes[i + 1] === 0x49 && CLASS[bytes[i - 1]] === 1 && (i + 2 >= n || CLASS[bytes[i + 2]] !== 0))) i++;
      }
    } else if (kind === 1) {
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
    } else {
      i++;
      if (c === 0x2f) while (i < n && CLASS[bytes[i]] === 0) i++;
    }
  }
  return count;
}
