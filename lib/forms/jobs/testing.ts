/**
 * Helpers for tests of the forms job layer (routes, Inngest functions): a private DATA_DIR and
 * storage, multipart upload requests, and small PDFs. Import in test files only.
 */
import fs from "node:fs";
import path from "node:path";
import { degrees, PDFDocument, PDFName, PDFNumber, rgb, StandardFonts } from "pdf-lib";
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

/** A small form: per page three labelled lines, a Yes/No checkbox pair and a signature line marked X, drawn the way the generator draws them. */
export async function simpleFormPdf(pages = 2): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  const bold = await doc.embedFont(StandardFonts.HelveticaBold);
  for (let i = 0; i < pages; i++) {
    const page = doc.addPage([612, 792]);
    page.drawText(`Application, page ${i + 1}`, { x: 72, y: 720, size: 16, font });
    ["Full name", "Email address", "Phone", "Signature"].forEach((label, row) => {
      const y = 660 - row * (row === 3 ? 50 : 36) - (row === 3 ? 60 : 0);
      page.drawText(label, { x: 72, y, size: 11, font });
      const start = 72 + font.widthOfTextAtSize(label, 11) + 4;
      page.drawLine({ start: { x: start, y: y - 1 }, end: { x: 540, y: y - 1 }, thickness: 0.75 });
      // The X that marks where to sign (what makes a signature line a signature field).
      if (label === "Signature") page.drawText("X", { x: start + 2, y: y + 1, size: 13, font: bold });
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

/** How a test page is turned: its /Rotate, and where its crop box sits in a larger media box. */
export type PageTurn = { rotate: 0 | 90 | 180 | 270; offset?: { x: number; y: number } };

/** The turns `turnedFormPdf` makes by default: plain, cropped, each rotation, and a rotation with a crop offset. */
export const PAGE_TURNS: PageTurn[] = [
  { rotate: 0 },
  { rotate: 0, offset: { x: 100, y: 150 } },
  { rotate: 90 },
  { rotate: 180 },
  { rotate: 270 },
  { rotate: 90, offset: { x: 50, y: 80 } },
];

/**
 * Where a point of the plain 612 x 792 page lands in the user space of a turned page. The content
 * is drawn counter-turned, so a viewer (after /Rotate, inside the crop box) shows exactly the plain
 * page: detection must find the same fields at the same places on every turn, and the writer must
 * put each widget at this map of the plain page's rectangle.
 */
export function turnPoint(turn: PageTurn, x: number, y: number): [number, number] {
  const o = turn.offset ?? { x: 0, y: 0 };
  switch (turn.rotate) {
    case 90:
      return [o.x + 792 - y, o.y + x];
    case 180:
      return [o.x + 612 - x, o.y + 792 - y];
    case 270:
      return [o.x + y, o.y + 612 - x];
    default:
      return [o.x + x, o.y + y];
  }
}

/** The plain rectangle (PDF user space) mapped onto a turned page, as an axis-aligned rectangle. */
export function turnRect(turn: PageTurn, r: { x: number; y: number; width: number; height: number }) {
  const [x0, y0] = turnPoint(turn, r.x, r.y);
  const [x1, y1] = turnPoint(turn, r.x + r.width, r.y + r.height);
  return { x: Math.min(x0, x1), y: Math.min(y0, y1), width: Math.abs(x1 - x0), height: Math.abs(y1 - y0) };
}

/**
 * `simpleFormPdf(1)`'s page once per turn: rotated pages (/Rotate 90, 180, 270) whose content is
 * drawn counter-rotated so they read upright, and pages whose crop box (and media box) do not
 * start at the origin. Every page looks the same in a viewer.
 */
export async function turnedFormPdf(turns: PageTurn[] = PAGE_TURNS): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const [plain] = await doc.embedPdf(await simpleFormPdf(1));
  for (const turn of turns) {
    const quarter = turn.rotate % 180 === 90;
    const [w, h] = quarter ? [792, 612] : [612, 792];
    const o = turn.offset ?? { x: 0, y: 0 };
    const page = doc.addPage([w + o.x + 60, h + o.y + 40]);
    if (turn.offset) page.setCropBox(o.x, o.y, w, h);
    else page.setMediaBox(0, 0, w, h);
    if (turn.offset) page.setMediaBox(0, 0, w + o.x + 60, h + o.y + 40);
    const [x, y] = turnPoint(turn, 0, 0);
    page.drawPage(plain, { x, y, rotate: degrees(turn.rotate) });
    page.setRotation(degrees(turn.rotate));
  }
  return doc.save({ useObjectStreams: false });
}
