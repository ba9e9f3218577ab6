import fs from "node:fs/promises";
import { isAppError } from "@/lib/errors";
import { pageError, pdfParseError } from "@/lib/pdf/errors";
import { loadPdfJs, openPdf, type PdfDocument } from "@/lib/pdf/pdfjs";
import { encodePreview, renderPage } from "@/lib/pdf/render-page";
import { serveTasks, type TaskContext } from "@/lib/pdf/worker/serve";
import { extractPageTables } from "../extract/extract-page";
import { readPage, toShownRect } from "../extract/read-pdf";
import { readCsv } from "../sheets/read-csv";
import { readXlsx } from "../sheets/read-xlsx";
import type { DocumentsTask, PageResult } from "./protocol";

/**
 * A documents worker thread (lib/pdf's pool runs it): table extraction of page batches, sheet
 * reading and page previews, one task at a time, off the web server's event loop. The last
 * document stays open so a job's consecutive batches do not re-parse the file.
 */
let open: { key: string; doc: Promise<PdfDocument> } | undefined;

async function openCached(file: string): Promise<PdfDocument> {
  const stat = await fs.stat(file);
  const key = `${file}:${stat.size}:${stat.mtimeMs}`;
  if (open?.key !== key) {
    const previous = open;
    open = { key, doc: fs.readFile(file).then((b) => openPdf(new Uint8Array(b.buffer, b.byteOffset, b.byteLength))) };
    previous?.doc.then((d) => d.destroy()).catch(() => {});
  }
  try {
    return await open.doc;
  } catch (error) {
    open = undefined;
    throw isAppError(error) ? error : pdfParseError((error as Error).message);
  }
}

async function run(task: DocumentsTask, context: TaskContext): Promise<unknown> {
  switch (task.kind) {
    case "extract-pages": {
      const pdfjs = await loadPdfJs();
      const doc = await openCached(task.path);
      const out: PageResult[] = [];
      for (const [i, n] of task.pages.entries()) {
        const page = await readPage(pdfjs, doc, n).catch((error) => {
          throw isAppError(error) ? error : pageError(n - 1, error);
        });
        const found = page.glyphs.length ? extractPageTables(page, n, { method: task.method }) : [];
        // Boxes go out in the displayed page's frame, the one previews are drawn in.
        const tables = found.map((t) => ({ ...t, bbox: toShownRect(t.bbox, page.toPage) }));
        out.push({ page: n, width: page.pageWidth, height: page.pageHeight, tables, scanned: page.glyphs.length === 0 && page.images > 0 });
        context.progress(i, task.pages.length);
      }
      // pdf.js keeps parsed pages; dropping them after each batch keeps a long document flat.
      await doc.cleanup(true);
      return out;
    }
    case "read-sheets": {
      const bytes = await fs.readFile(task.path);
      const sheets = task.format === "csv" ? [readCsv(bytes, { maxCells: task.maxCells })] : readXlsx(bytes, { maxCells: task.maxCells, maxSheets: task.maxSheets });
      return { sheets: sheets.map(({ name, rows, spans }) => ({ name, rows, spans })) };
    }
    case "render-preview": {
      const doc = await openCached(task.path);
      const page = await doc.getPage(task.page);
      const base = page.getViewport({ scale: 1 });
      const rendered = await renderPage(page, task.dpi);
      const preview = await encodePreview(rendered, task.dpi);
      page.cleanup();
      return { image: new Uint8Array(preview.image), width: preview.width, height: preview.height, pageWidth: base.width, pageHeight: base.height };
    }
  }
}

serveTasks(run);
