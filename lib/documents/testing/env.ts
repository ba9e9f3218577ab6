import { PDFDocument, PDFHexString, PDFName, PDFNumber } from "pdf-lib";
import { type TestDataDir, useTestDataDir } from "@/lib/storage/testing";
import { tablePdf } from "../extract/testing/table-pdf";

export type DocumentsTestEnv = TestDataDir;

/** A throwaway DATA_DIR with storage installed and the given DOCUMENTS_* settings. */
export function useDocumentsTestEnv(settings: Record<string, string> = {}): DocumentsTestEnv {
  return useTestDataDir("documents", { APP_URL: "http://127.0.0.1:3000", DOCUMENTS_CONCURRENCY: "1", ...settings });
}

/** A multipart upload request for POST /api/v1/documents. */
export function documentUploadRequest(parts: ({ name: string; filename: string; data: Uint8Array } | { name: string; value: string })[], opts: { apiKey?: string; headers?: Record<string, string> } = {}): Request {
  const form = new FormData();
  for (const p of parts) {
    if ("data" in p) form.append(p.name, new Blob([new Uint8Array(p.data)], { type: "application/octet-stream" }), p.filename);
    else form.append(p.name, p.value);
  }
  const headers: Record<string, string> = { ...opts.headers };
  if (opts.apiKey) headers["x-api-key"] = opts.apiKey;
  return new Request("http://localhost/api/v1/documents", { method: "POST", body: form, headers });
}

export const PRICES = [
  ["Item", "Qty", "Price"],
  ["Apples", "12", "3.50"],
  ["Pears", "4", "1.20"],
  ["Plums", "30", "9.00"],
];

export const STAFF = [
  ["Name", "Team", "Start"],
  ["Ada Byron", "Compute", "2024-01-15"],
  ["Alan Turing", "Crypto", "2023-06-01"],
];

/** One page, two tables: a ruled one (lattice) and, below a caption, an unruled one (stream). */
export function twoTablePdf(): Promise<Uint8Array> {
  return tablePdf([
    {
      texts: [{ x: 72, y: 60, text: "Quarterly report", size: 14 }, { x: 72, y: 330, text: "Staff changes this quarter:" }],
      tables: [
        { x: 72, y: 100, colWidths: [120, 60, 80], rowHeight: 20, rows: PRICES, ruled: true },
        { x: 72, y: 360, colWidths: [140, 110, 100], rowHeight: 18, rows: STAFF, ruled: false, fontSize: 10 },
      ],
    },
  ]);
}

/** A page that is only an image (a scan: no text layer). */
export async function scannedPdf(): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const page = doc.addPage([612, 792]);
  // A 1x1 grey PNG stretched over the page stands in for the scan.
  const png = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAAAAAA6fptVAAAACklEQVQI12OoBwAAggCB3ZM+7QAAAABJRU5ErkJggg==", "base64");
  const image = await doc.embedPng(png);
  page.drawImage(image, { x: 36, y: 36, width: 540, height: 720 });
  return doc.save();
}

/** A PDF whose trailer names a Standard security handler with an unknown password. */
export async function encryptedPdf(): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.addPage([200, 200]);
  const encrypt = doc.context.obj({
    Filter: PDFName.of("Standard"),
    V: PDFNumber.of(1),
    R: PDFNumber.of(2),
    O: PDFHexString.of("11".repeat(32)),
    U: PDFHexString.of("22".repeat(32)),
    P: PDFNumber.of(-4),
  });
  doc.context.trailerInfo.Encrypt = doc.context.register(encrypt);
  doc.context.trailerInfo.ID = doc.context.obj([PDFHexString.of("ab".repeat(16)), PDFHexString.of("ab".repeat(16))]);
  return doc.save({ useObjectStreams: false });
}
