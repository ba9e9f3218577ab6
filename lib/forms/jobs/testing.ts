/**
 * Helpers for tests of the forms job layer (routes, Inngest functions): a private DATA_DIR and
 * storage, multipart upload requests, and small PDFs. Import in test files only.
 */
import fs from "node:fs";
import path from "node:path";
import { PDFDocument, PDFName, PDFNumber, rgb, StandardFonts } from "pdf-lib";
import type { TestUser } from "@/lib/auth/testing";
import { type TestDataDir, useTestDataDir } from "@/lib/storage/testing";

export type FormsTestEnv = TestDataDir;

/** A throwaway DATA_DIR with its storage installed, the raster model off (speed) and the given settings. */
export function useFormsTestEnv(settings: Record<string, string> = {}): FormsTestEnv {
  return useTestDataDir("forms", { FORMS_RASTER_ENABLED: "0", FORMS_CONCURRENCY: "2", ...settings });
}

/** Every file under the storage root, partial writes in its temp folder included: a refused upload must leave none. */
export function storedFiles(root: string): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    if (!fs.existsSync(dir)) return;
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, e.name);
      if (e.isDirectory()) walk(full);
      else out.push(path.relative(root, full));
    }
  };
  walk(root);
  return out;
}

type Part = { name: string; value: string } | { name: string; filename: string; data: Uint8Array; type?: string };

/** A multipart/form-data POST to the upload route, authenticated by the user's API key (or not at all). */
export function uploadRequest(parts: Part[], opts: { as?: TestUser; headers?: Record<string, string> } = {}): Request {
  const form = new FormData();
  for (const p of parts) {
    if ("data" in p) form.append(p.name, new Blob([p.data as Uint8Array<ArrayBuffer>], { type: p.type ?? "application/pdf" }), p.filename);
    else form.append(p.name, p.value);
  }
  const headers: Record<string, string> = { ...opts.headers };
  if (opts.as) headers["x-api-key"] = opts.as.apiKey;
  return new Request("http://localhost/api/v1/forms", { method: "POST", body: form, headers });
}

export const pdfPart = (data: Uint8Array, filename = "Intake form.pdf") => ({ name: "file", filename, data });

/** A small form: per page three labelled lines, a Yes/No checkbox pair and a signature line, drawn the way the generator draws them. */
export async function simpleFormPdf(pages = 2): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  for (let i = 0; i < pages; i++) {
    const page = doc.addPage([612, 792]);
    page.drawText(`Application, page ${i + 1}`, { x: 72, y: 720, size: 16, font });
    ["Full name", "Email address", "Phone", "Signature"].forEach((label, row) => {
      const y = 660 - row * (row === 3 ? 50 : 36) - (row === 3 ? 60 : 0);
      page.drawText(label, { x: 72, y, size: 11, font });
      const start = 72 + font.widthOfTextAtSize(label, 11) + 4;
      page.drawLine({ start: { x: start, y: y - 1 }, end: { x: 540, y: y - 1 }, thickness: 0.75 });
    });
    page.drawText("Are you a current customer?", { x: 72, y: 540, size: 11, font });
    ["Yes", "No"].forEach((option, k) => {
      const x = 72 + k * 70;
      page.drawRectangle({ x, y: 518, width: 10, height: 10, borderWidth: 0.75, borderColor: rgb(0, 0, 0) });
      page.drawText(option, { x: x + 15, y: 519, size: 11, font });
    });
  }
  return doc.save({ useObjectStreams: false });
}

/**
 * A PDF every upload check accepts but the writer cannot extend: page 2's /Resources is a number.
 * It fails in the writing stage, after the work folder holds previews and evidence.
 */
export async function unwritablePdf(): Promise<Uint8Array> {
  const doc = await PDFDocument.load(await simpleFormPdf(3));
  doc.getPage(1).node.set(PDFName.of("Resources"), doc.context.register(PDFNumber.of(5)));
  return doc.save({ useObjectStreams: false });
}
