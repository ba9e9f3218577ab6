import path from "node:path";
import { describe, expect, it } from "vitest";
import { FieldScorer } from "../eval";
import { generateForm, renderPdfPages, splitSeeds } from "../synthetic";
import type { DetectedField, FieldType } from "../types";
import { DEFAULT_MODEL, DetectorConfigError } from "./config";
import { detectFields, loadDetector, rasterRenderScale } from "./detector";

// Floors sit below what the shipped model measured: on these pages text 0.96-0.97 precision and
// 1.0 recall, checkboxes 0.94-0.97 both (held-out split: models/MODEL_CARD.md). Three pages keep
// the test cheap; signatures (one or two a page) are too few to floor here.
const FLOORS: Record<"digital" | "scanned", Partial<Record<FieldType, { precision: number; recall: number }>>> = {
  digital: { text: { precision: 0.9, recall: 0.9 }, checkbox: { precision: 0.88, recall: 0.9 } },
  scanned: { text: { precision: 0.9, recall: 0.9 }, checkbox: { precision: 0.88, recall: 0.88 } },
};

async function measure(variant: "digital" | "scanned", seeds: number[], dpi?: number) {
  const detector = await loadDetector({ modelPath: DEFAULT_MODEL });
  const scorer = new FieldScorer();
  const all: DetectedField[] = [];
  for (const seed of seeds) {
    const form = await generateForm(seed, { variant, pageCount: 1 });
    const size = form.pages[0];
    const longest = Math.max(size.width, size.height);
    const longSide = dpi ? (longest * dpi) / 72 : rasterRenderScale(detector, size) * longest;
    const [image] = await renderPdfPages(form.pdf, { longSide });
    const fields = await detectFields(detector, image, { index: 0, size });
    scorer.add(fields, form.truth);
    all.push(...fields);
  }
  return { metrics: scorer.metrics(), fields: all };
}

describe("shipped detector", () => {
  it("loads once per process and reads its input size and classes", async () => {
    const a = await loadDetector({ modelPath: DEFAULT_MODEL });
    const b = await loadDetector({ modelPath: DEFAULT_MODEL });
    expect(a).toBe(b);
    expect(a.inputSize).toBe(800);
    expect(a.config.classes).toEqual(["text", "checkbox", "signature"]);
  });

  it.each(["digital", "scanned"] as const)("finds fields on held-out %s pages", async (variant) => {
    const { metrics, fields } = await measure(variant, splitSeeds("test", 3, 500));
    for (const [type, floor] of Object.entries(FLOORS[variant])) {
      const s = metrics.byType[type as FieldType];
      expect(s.precision, `${variant} ${type} precision`).toBeGreaterThanOrEqual(floor.precision);
      expect(s.recall, `${variant} ${type} recall`).toBeGreaterThanOrEqual(floor.recall);
    }
    for (const f of fields) {
      expect(f.source).toBe("raster");
      expect(f.page).toBe(0);
      expect(f.score).toBeGreaterThan(0);
      expect(f.box.x).toBeGreaterThanOrEqual(0);
      expect(f.box.width).toBeGreaterThan(0);
    }
  });

  it("gives the same answer from a page rendered at 144 DPI (letterbox resampling)", async () => {
    const { metrics } = await measure("digital", splitSeeds("test", 2, 520), 144);
    for (const type of ["text", "checkbox"] as const) {
      expect(metrics.byType[type].recall, `${type} recall`).toBeGreaterThanOrEqual(0.9);
      expect(metrics.byType[type].precision, `${type} precision`).toBeGreaterThanOrEqual(0.9);
    }
  });

  it("runs inference off the calling thread", async () => {
    const detector = await loadDetector({ modelPath: DEFAULT_MODEL });
    const image = { width: 618, height: 800, data: new Uint8ClampedArray(618 * 800 * 4).fill(255) };
    let ticked = false;
    setImmediate(() => (ticked = true));
    const fields = await detectFields(detector, image, { index: 0, size: { width: 612, height: 792 } });
    expect(ticked).toBe(true);
    expect(fields).toEqual([]);
  });

  it("refuses a missing model or a class list that does not fit", async () => {
    await expect(loadDetector({ modelPath: path.resolve("models/nope.onnx"), classes: ["text"] })).rejects.toThrow(DetectorConfigError);
    const wrong = await loadDetector({ modelPath: DEFAULT_MODEL, classes: ["text", "checkbox"] });
    const image = { width: 32, height: 32, data: new Uint8ClampedArray(32 * 32 * 4).fill(255) };
    await expect(detectFields(wrong, image, { index: 0, size: { width: 32, height: 32 } })).rejects.toThrow(/class/);
  });
});
