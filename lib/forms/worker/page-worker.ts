import fs from "node:fs/promises";
import { isAppError } from "@/lib/errors";
import { pageError, pdfParseError, writeError } from "../errors";
import { writeFileAtomic } from "../files";
import { processPage } from "../page/process-page";
import { openPdf, type PdfDocument } from "@/lib/pdf/pdfjs";
import { serveTasks, type TaskContext } from "@/lib/pdf/worker/serve";
import { writeAcroForm } from "../write/write-acroform";
import type { FieldsFile } from "../pipeline/fields-file";
import type { FormsTask } from "./protocol";

/**
 * A forms worker thread: runs one task at a time for the pool. Open pdf.js documents are kept
 * (two at most) so consecutive pages of one job do not re-parse the file.
 */
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

async function run(task: FormsTask, context: TaskContext): Promise<unknown> {
  switch (task.kind) {
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
      const result = await writeAcroForm(input, file.fields, file.pages, context.progress).catch((error) => {
        throw isAppError(error) ? error : writeError(error);
      });
      await writeFileAtomic(task.outputPath, result.bytes);
      return { fieldCount: result.fieldCount, bytes: result.bytes.byteLength, removedXfa: result.removedXfa };
    }
  }
}

serveTasks(run);
