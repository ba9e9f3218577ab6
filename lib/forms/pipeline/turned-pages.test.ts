import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { PDFArray, PDFDict, PDFDocument, PDFName, PDFNumber } from "pdf-lib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PAGE_TURNS, turnedFormPdf, turnRect } from "../jobs/testing";
import { workPaths } from "../files";
import { FormsWorkerPool as WorkerPool } from "../worker/pool";
import { readFieldsFile } from "./cleanup";
import type { FieldsFile } from "./fields-file";
import { runFormsPipeline } from "./run-pipeline";

/**
 * Rotated pages (/Rotate 90, 180, 270) and pages whose crop box and media box do not start at the
 * origin, each drawn so that it looks exactly like the plain page (turnedFormPdf). Detection works
 * in the page as previewed, so every page must give the plain page's fields at the plain page's
 * places; the writer must put each widget where that box is in the turned page's user space.
 */
let dir: string;
let pool: WorkerPool;
let file: FieldsFile;
let written: PDFDocument;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "forms-turned-"));
  pool = new WorkerPool({ size: 2 });
  fs.writeFileSync(path.join(dir, "in.pdf"), await turnedFormPdf());
  await runFormsPipeline({ inputPath: path.join(dir, "in.pdf"), workDir: path.join(dir, "work"), outputPath: path.join(dir, "out.pdf"), pool, raster: { enabled: false } });
  file = (await readFieldsFile(path.join(dir, "work")))!;
  written = await PDFDocument.load(fs.readFileSync(path.join(dir, "out.pdf")));
}, 120_000);

afterAll(async () => {
  await pool.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

type Rect = { x: number; y: number; width: number; height: number };
const near = (a: Rect, b: Rect, tol = 0.5) => Math.abs(a.x - b.x) <= tol && Math.abs(a.y - b.y) <= tol && Math.abs(a.width - b.width) <= tol && Math.abs(a.height - b.height) <= tol;

/** Each widget on a page of the written PDF: name, /Rect and /MK /R. */
function widgetsOf(index: number) {
  const annots = written.getPage(index).node.lookupMaybe(PDFName.of("Annots"), PDFArray);
  return Array.from({ length: annots?.size() ?? 0 }, (_, i) => {
    const dict = annots!.lookup(i, PDFDict);
    const [x0, y0, x1, y1] = dict.lookup(PDFName.of("Rect"), PDFArray).asArray().map((n) => (n as PDFNumber).asNumber());
    const mk = dict.lookupMaybe(PDFName.of("MK"), PDFDict);
    return { name: dict.get(PDFName.of("T"))!.toString(), rect: { x: x0, y: y0, width: x1 - x0, height: y1 - y0 }, r: mk?.lookupMaybe(PDFName.of("R"), PDFNumber)?.asNumber() ?? 0 };
  });
}

describe("rotated and cropped pages", () => {
  it("are measured and previewed as the viewer shows them: upright, the crop box's size", () => {
    expect(file.pages.map((p) => [p.size.width, p.size.height, p.rotation])).toEqual(PAGE_TURNS.map((t) => [612, 792, t.rotate]));
    for (const p of file.pages) {
      expect(p.preview.width / p.preview.height).toBeCloseTo(612 / 792, 2);
      expect(fs.statSync(path.join(dir, "work", p.preview.file)).size).toBeGreaterThan(1000);
    }
    const plain = fs.readFileSync(workPaths(path.join(dir, "work")).preview(0));
    // Every page looks like the plain one, so their previews are the same image.
    for (let i = 1; i < PAGE_TURNS.length; i++) expect(fs.readFileSync(workPaths(path.join(dir, "work")).preview(i)).equals(plain), `page ${i + 1}`).toBe(true);
  });

  it("get the plain page's fields at the plain page's places", () => {
    const onPage = (i: number) => file.fields.filter((f) => f.page === i);
    const plain = onPage(0);
    expect(plain.map((f) => f.type).sort()).toEqual(["checkbox", "checkbox", "signature", "text", "text", "text"]);
    for (let i = 1; i < PAGE_TURNS.length; i++) {
      const turned = onPage(i);
      expect(turned.map((f) => f.type), `page ${i + 1}`).toEqual(plain.map((f) => f.type));
      turned.forEach((f, k) => expect(near(f.box, plain[k].box), `page ${i + 1} field ${k}: ${JSON.stringify(f.box)} vs ${JSON.stringify(plain[k].box)}`).toBe(true));
      expect(turned.map((f) => f.label)).toEqual(plain.map((f) => f.label));
    }
  });

  it("get widgets where the fields are on the turned page, upright for the reader", () => {
    const plain = widgetsOf(0);
    expect(plain).toHaveLength(6);
    // The plain page: user space is the page flipped (y up), no offset.
    const plainFields = file.fields.filter((f) => f.page === 0);
    plain.forEach((w, k) => {
      const b = plainFields[k].box;
      expect(near(w.rect, { x: b.x, y: 792 - b.y - b.height, width: b.width, height: b.height }, 0.01)).toBe(true);
    });
    PAGE_TURNS.forEach((turn, i) => {
      const widgets = widgetsOf(i);
      expect(widgets).toHaveLength(plain.length);
      widgets.forEach((w, k) => {
        const want = turnRect(turn, plain[k].rect);
        expect(near(w.rect, want), `page ${i + 1} (${JSON.stringify(turn)}) ${w.name}: ${JSON.stringify(w.rect)} vs ${JSON.stringify(want)}`).toBe(true);
        expect(w.r).toBe(turn.rotate);
      });
    });
  });
});
