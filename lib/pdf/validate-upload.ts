import { Readable } from "node:stream";
import type { ReadableStream as NodeReadableStream } from "node:stream/web";
import { storage as defaultStorage, type PutSource, type Storage } from "@/lib/storage";
import { emptyFile, notAPdf } from "./errors";
import type { InspectLimits, PdfSummary } from "./inspect-pdf";
import { hasPdfHeader } from "./pdf-header";

export type ValidatePdfUploadOptions = {
  /** Where the bytes go; the process's storage by default. */
  storage?: Storage;
  /** The storage key to write (e.g. `newStorageKey(workspaceId, "forms")`). */
  key: string;
  /** The pipeline's byte limit (e.g. FORMS_MAX_BYTES): the stream is cut off with 413 as soon as it passes this. */
  maxBytes: number;
  /** The pipeline's page limit (e.g. FORMS_MAX_PAGES). */
  maxPages: number;
  /**
   * Parses the stored bytes: `inspectPdfBytes` on a worker thread (`inspectPdfOnPool`), so the
   * web server's event loop never parses a PDF.
   */
  inspect: (bytes: Uint8Array, limits: InspectLimits) => Promise<PdfSummary>;
};

export type ValidatedUpload = PdfSummary & { key: string; size: number; sha256: string };

/**
 * Streams an upload into storage and checks it, in the order that stops bad input soonest: not a
 * PDF (415, decided on the first KiB, before the rest is read), larger than `maxBytes` (413, while
 * streaming), empty (422), then encrypted, unreadable or too many pages (422). On any rejection
 * nothing stays in storage.
 */
export async function validatePdfUpload(source: PutSource, options: ValidatePdfUploadOptions): Promise<ValidatedUpload> {
  const store = options.storage ?? defaultStorage();
  const stored = await store.put(options.key, pdfHeaderGuard(toNodeReadable(source)), { maxBytes: options.maxBytes });
  try {
    if (stored.size === 0) throw emptyFile();
    const bytes = await readAll(await store.get(options.key));
    const summary = await options.inspect(bytes, { maxPages: options.maxPages });
    return { ...summary, key: options.key, size: stored.size, sha256: stored.sha256 };
  } catch (error) {
    await store.delete(options.key);
    throw error;
  }
}

/**
 * The bytes of `source`, failing with 415 as soon as its first KiB holds no PDF header. Iterating
 * (rather than piping) ties both ends together: an error or early stop destroys the source.
 */
export function pdfHeaderGuard(source: Readable): Readable {
  async function* guarded() {
    let head = Buffer.alloc(0);
    let decided = false;
    for await (const chunk of source) {
      if (!decided) {
        head = Buffer.concat([head, chunk as Buffer]).subarray(0, 1024);
        if (hasPdfHeader(head)) decided = true;
        else if (head.length >= 1024) throw notAPdf();
      }
      yield chunk as Buffer;
    }
    if (!decided && head.length > 0) throw notAPdf();
  }
  return Readable.from(guarded(), { objectMode: false });
}

function toNodeReadable(source: PutSource): Readable {
  if (source instanceof Readable) return source;
  if (source instanceof Uint8Array) return Readable.from([Buffer.from(source.buffer, source.byteOffset, source.byteLength)]);
  return Readable.fromWeb(source as unknown as NodeReadableStream<Uint8Array>);
}

async function readAll(stream: Readable): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}
