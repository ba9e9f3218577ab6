import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { readJson, workPaths } from "../files";
import { buildPdf, openTestPage } from "@/lib/pdf/testing";
import type { PageEvidence } from "./evidence";
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
});
