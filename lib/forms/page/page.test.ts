import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { readJson, workPaths } from "../files";
import { buildPdf, openTestPage } from "@/lib/pdf/testing";
import type { PageEvidence } from "./evidence";
import { hollowSquare } from "./ink";
import { processPage } from "./process-page";
import { MAX_PIXELS, renderPage } from "@/lib/pdf/render-page";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "forms-page-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const luminance = (data: Uint8ClampedArray, width: number, x: number, y: number) => {
  const i = (Math.round(y) * width + Math.round(x)) * 4;
  return (data[i] + data[i + 1] + data[i + 2]) / 3;
};

describe("page rendering", () => {
  it("renders at the configured DPI on white, with ink where the page has ink", async () => {
    const { doc, page } = await openTestPage(await buildPdf((p) => p.rect({ x: 100, y: 100, width: 50, height: 50 }, { fill: [0, 0, 0] }).text("Hello", 300, 300, 24)));
    const r = await renderPage(page, 144);
    expect([r.width, r.height, r.scale]).toEqual([1224, 1584, 2]);
    expect(luminance(r.data, r.width, 250, 250)).toBeLessThan(10);
    expect(luminance(r.data, r.width, 50, 50)).toBeGreaterThan(250);
    await doc.destroy();
  });

  it("caps the pixel count of oversized pages", async () => {
    const { doc, page } = await openTestPage(await buildPdf(() => {}, { size: [7200, 7200] }));
    const r = await renderPage(page, 144);
    expect(r.width * r.height).toBeLessThanOrEqual(MAX_PIXELS);
    expect(r.width).toBeGreaterThan(3000);
    await doc.destroy();
  });

  it("writes a page's evidence and a JPEG preview, with glyph checkboxes snapped to their ink", async () => {
    const pdf = await buildPdf((p) => p.text("Name:", 72, 100).line(110, 100, 300, 100).text("\u274f", 72, 140, 12, p.dingbats).text("Yes", 86, 139));
    const { doc } = await openTestPage(pdf);
    const summary = await processPage(doc, 0, { workDir: dir, dpi: 144, previewDpi: 100, raster: { enabled: false } });
    await doc.destroy();
    expect(summary).toMatchObject({ index: 0, width: 612, height: 792, preview: "previews/0001.jpg", scanned: false, raster: null });
    const evidence = (await readJson<PageEvidence>(workPaths(dir).evidence(0)))!;
    expect(evidence.preview).toEqual({ file: "previews/0001.jpg", width: 850, height: 1100 });
    expect(fs.readFileSync(workPaths(dir).preview(0)).subarray(0, 2)).toEqual(Buffer.from([0xff, 0xd8]));
    expect(evidence.phrases.map((p) => p.text)).toEqual(["Name:", "Yes"]);
    const glyph = evidence.candidates.find((c) => c.construct === "checkbox-glyph")!;
    // ZapfDingbats' shadowed box at 12 pt: about 8.3 pt of ink, its bottom on the baseline.
    expect(glyph.box.width).toBeGreaterThan(7.5);
    expect(glyph.box.width).toBeLessThan(9.5);
    expect(Math.abs(glyph.box.y + glyph.box.height - 140)).toBeLessThan(1);
  });

  it("takes a symbol-font glyph at a code no table lists out of the text, and drops it where its ink is no hollow square", async () => {
    // Non-embedded Wingdings falls back to a text font here: 'p', 'l' and '4' draw as letters.
    const pdf = await buildPdf((p) =>
      p.glyph("Wingdings", 0x70, 72, 100, 12).text("Yes", 88, 100).glyph("Wingdings", 0x6c, 72, 130, 12).text("Bullet item", 88, 130).glyph("Wingdings", 0x34, 72, 160, 12).text("Done", 88, 160),
    );
    const { doc } = await openTestPage(pdf);
    await processPage(doc, 0, { workDir: dir, dpi: 144, previewDpi: 100, raster: { enabled: false } });
    await doc.destroy();
    const evidence = (await readJson<PageEvidence>(workPaths(dir).evidence(0)))!;
    expect(evidence.phrases.map((p) => p.text)).toEqual(["Yes", "Bullet item", "Done"]);
    expect(evidence.candidates).toEqual([]);
  });
});

describe("hollow squares in rendered ink", () => {
  // A white page of 100 x 100 pixels at scale 2 (50 x 50 points), with shapes painted in.
  const canvas = (paint: (set: (x: number, y: number) => void) => void) => {
    const data = new Uint8ClampedArray(100 * 100 * 4).fill(255);
    paint((x, y) => data.fill(0, (y * 100 + x) * 4, (y * 100 + x) * 4 + 3));
    return { data, width: 100, height: 100, scale: 2 };
  };
  const square = (set: (x: number, y: number) => void, x0: number, y0: number, side: number, stroke = 2) => {
    for (let y = y0; y < y0 + side; y++) for (let x = x0; x < x0 + side; x++) if (x < x0 + stroke || x >= x0 + side - stroke || y < y0 + stroke || y >= y0 + side - stroke) set(x, y);
  };
  const estimate = { x: 20, y: 20, width: 8, height: 8 };

  it("finds the outline around the estimate, to its exact extent", () => {
    expect(hollowSquare(canvas((set) => square(set, 39, 38, 22)), estimate)).toEqual({ x: 19.5, y: 19, width: 11, height: 11 });
  });

  it("leaves a label set apart from the square out of it", () => {
    const page = canvas((set) => {
      square(set, 39, 38, 22);
      for (let y = 40; y < 58; y++) for (let x = 66; x < 70; x++) set(x, y);
    });
    expect(hollowSquare(page, estimate)).toEqual({ x: 19.5, y: 19, width: 11, height: 11 });
  });

  it("refuses a filled square, a square with a side missing in part, ink running on past the symbol, and blank paper", () => {
    expect(hollowSquare(canvas((set) => square(set, 39, 38, 22, 11)), estimate)).toBeNull();
    const gap = canvas((set) => square(set, 39, 38, 22));
    for (let x = 44; x < 56; x++) for (let y = 38; y < 40; y++) gap.data.fill(255, (y * 100 + x) * 4, (y * 100 + x) * 4 + 3);
    expect(hollowSquare(gap, estimate)).toBeNull();
    const rule = canvas((set) => {
      square(set, 39, 38, 22);
      for (let x = 0; x < 100; x++) set(x, 59);
    });
    expect(hollowSquare(rule, estimate)).toBeNull();
    expect(hollowSquare(canvas(() => {}), estimate)).toBeNull();
  });
});
