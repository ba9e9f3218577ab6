import fs from "node:fs/promises";
import { parentPort } from "node:worker_threads";
import { AppError, isAppError } from "@/lib/errors";
import { pageError, pdfParseError, writeError } from "../errors";
import { writeFileAtomic } from "../files";
import { processPage } from "../page/process-page";
import { openPdf, type PdfDocument } from "../pdfjs";
import { inspectPdfBytes } from "../validate/inspect-pdf";
import { writeAcroForm } from "../write/write-acroform";
import type { FieldsFile } from "../pipeline/fields-file";
import type { SerializedError, WorkerReply, WorkerRequest, WorkerTask } from "./protocol";

/**
 * A forms worker thread: runs one task at a time for the pool. Open pdf.js documents are kept
 * (two at most) so consecutive pages of one job do not re-parse the file.
 */
const port = parentPort;
if (!port) throw new Error("page-worker must run in a worker thread");

const documents = new Map<string, Promise<PdfDocument>>();
const CLEANUP_EVERY = 16;
let pagesSinceCleanup = 0;

async function openCached(file: string): Promise<PdfDocument> {
  const stat = await fs.stat(file);
  const key = `${file}:${stat.size}:${stat.mtimeMs}`;
  let doc = documents.get(key);
  if (doc) {
    documents.delete(key);
    documents.set(key, doc);
    return doc;
  }
  doc = fs.readFile(file).then((bytes) => openPdf(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength)));
  documents.set(key, doc);
  doc.catch(() => documents.delete(key));
  while (documents.size > 2) {
    const [oldest, evicted] = documents.entries().next().value!;
    documents.delete(oldest);
    evicted.then((d) => d.destroy()).catch(() => {});
  }
  try {
    return await doc;
  } catch (error) {
    throw isAppError(error) ? error : pdfParseError((error as Error).message);
  }
}

async function run(id: number, task: WorkerTask): Promise<unknown> {
  switch (task.kind) {
    case "inspect":
      return inspectPdfBytes(task.bytes, { maxPages: task.maxPages });
    case "page": {
      const doc = await openCached(task.inputPath);
      const summary = await processPage(doc, task.index, task.options).catch((error) => {
        throw isAppError(error) ? error : pageError(task.index, error);
      });
      // pdf.js keeps every page it has loaded (and its parsed resources); dropping them now and
      // then keeps a long document's memory flat. Fonts stay: reloading them is the costly part.
      if (++pagesSinceCleanup >= CLEANUP_EVERY) {
        pagesSinceCleanup = 0;
        await doc.cleanup(true);
      }
      return summary;
    }
    case "write": {
      const [input, fieldsText] = await Promise.all([fs.readFile(task.inputPath), fs.readFile(task.fieldsPath, "utf8")]);
      const file = JSON.parse(fieldsText) as FieldsFile;
      const result = await writeAcroForm(input, file.fields, file.pages, (pageIndex, pageCount) => {
        port!.postMessage({ id, type: "progress", pageIndex, pageCount } satisfies WorkerReply);
      }).catch((error) => {
        throw isAppError(error) ? error : writeError(error);
      });
      await writeFileAtomic(task.outputPath, result.bytes);
      return { fieldCount: result.fieldCount, bytes: result.bytes.byteLength, removedXfa: result.removedXfa };
    }
  }
}

function serialize(error: unknown): SerializedError {
  if (error instanceof AppError) return { name: error.name, message: error.message, app: { type: error.type, status: error.status, details: error.details } };
  const e = error instanceof Error ? error : new Error(String(error));
  return { name: e.name, message: e.message };
}

port.on("message", ({ id, task }: WorkerRequest) => {
  port.postMessage({ id, type: "started" } satisfies WorkerReply);
  run(id, task).then(
    (result) => port.postMessage({ id, type: "done", result } satisfies WorkerReply),
    (error) => port.postMessage({ id, type: "error", error: serialize(error) } satisfies WorkerReply),
  );
});
