import { describe, expect, it } from "vitest";
import type { TruthField } from "../types";
import { generateForm } from "./generate-form";
import { renderPdfPages } from "./render-page";
import { datasetVariant, SPLITS, splitOf, splitSeeds } from "./splits";

const SEEDS = [11, 12, 13, 14, 15, 16];

describe("generateForm", () => {
  it("is deterministic per seed and differs between seeds", async () => {
    const a = await generateForm(7);
    const b = await generateForm(7);
    const c = await generateForm(8);
    expect(Buffer.from(a.pdf).equals(Buffer.from(b.pdf))).toBe(true);
    expect(a.truth).toEqual(b.truth);
    expect(c.truth).not.toEqual(a.truth);
  });

  it("produces every field type, combs, multiline boxes and labels across a few seeds", async () => {
    const truth: TruthField[] = [];
    for (const seed of SEEDS) {
      const form = await generateForm(seed);
      for (const f of form.truth) {
        const page = form.pages[f.page];
        expect(page).toBeDefined();
        expect(f.box.width).toBeGreaterThan(3);
        expect(f.box.height).toBeGreaterThan(3);
        expect(f.box.x).toBeGreaterThanOrEqual(0);
        expect(f.box.y).toBeGreaterThanOrEqual(0);
        expect(f.box.x + f.box.width).toBeLessThanOrEqual(page.width);
        expect(f.box.y + f.box.height).toBeLessThanOrEqual(page.height);
        if (f.type === "checkbox") expect(Math.abs(f.box.width - f.box.height)).toBeLessThan(1.5);
        if (f.comb !== undefined) expect(f.comb).toBeGreaterThanOrEqual(2);
      }
      truth.push(...form.truth);
    }
    const types = new Set(truth.map((f) => f.type));
    expect([...types].sort()).toEqual(["checkbox", "signature", "text"]);
    expect(truth.some((f) => f.multiline)).toBe(true);
    expect(truth.some((f) => f.comb)).toBe(true);
    expect(truth.filter((f) => f.label).length / truth.length).toBeGreaterThan(0.95);
    expect(truth.some((f) => f.type === "checkbox" && f.group)).toBe(true);
  });

  it("puts each truth box on the ink a person fills against", async () => {
    // Underlines, box borders, comb baselines and checkbox frames all run along the truth box's
    // bottom edge: a shifted or mis-scaled box finds white paper there instead.
    let checked = 0;
    for (const seed of SEEDS.slice(0, 3)) {
      const form = await generateForm(seed);
      const pages = await renderPdfPages(form.pdf, { longSide: 1600 });
      for (const f of form.truth) {
        const { data, width, scale } = pages[f.page];
        const y0 = Math.round((f.box.y + f.box.height) * scale);
        const x0 = Math.ceil(f.box.x * scale);
        const x1 = Math.floor((f.box.x + f.box.width) * scale);
        let inked = 0;
        for (let x = x0; x < x1; x++) {
          let hit = false;
          for (let y = y0 - 3; y <= y0 + 3 && !hit; y++) {
            const i = (y * width + x) * 4;
            hit = data[i] + data[i + 1] + data[i + 2] < 3 * 245;
          }
          if (hit) inked++;
        }
        expect(inked / Math.max(1, x1 - x0), `seed ${seed} ${f.type} "${f.label}"`).toBeGreaterThan(0.8);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(50);
  });

  it("scanned variant: image-only pages, same fields moved with the page", async () => {
    const digital = await generateForm(21, { pageCount: 1 });
    const scanned = await generateForm(21, { pageCount: 1, variant: "scanned" });
    expect(scanned.truth).toHaveLength(digital.truth.length);
    const { getDocument } = await import("pdfjs-dist/legacy/build/pdf.mjs");
    const doc = await getDocument({ data: scanned.pdf.slice(), verbosity: 0 }).promise;
    const page = await doc.getPage(1);
    expect((await page.getTextContent()).items).toHaveLength(0);
    const moved = scanned.truth.map((f, i) => Math.hypot(f.box.x - digital.truth[i].box.x, f.box.y - digital.truth[i].box.y));
    expect(Math.max(...moved)).toBeLessThan(30);
    expect(Math.max(...moved)).toBeGreaterThan(0);
    await doc.destroy();
  });
});

describe("splits", () => {
  it("never overlap", () => {
    const ranges = Object.values(SPLITS).sort((a, b) => a.first - b.first);
    for (let i = 1; i < ranges.length; i++) expect(ranges[i].first).toBeGreaterThanOrEqual(ranges[i - 1].first + ranges[i - 1].size);
    expect(splitOf(splitSeeds("test", 1)[0])).toBe("test");
    expect(splitOf(splitSeeds("train", 3, 10)[2])).toBe("train");
    expect(() => splitSeeds("validation", 10, SPLITS.validation.size)).toThrow(RangeError);
  });

  it("assigns a stable share of scanned seeds", () => {
    const seeds = splitSeeds("train", 2000);
    const share = seeds.filter((s) => datasetVariant(s, 0.3) === "scanned").length / seeds.length;
    expect(share).toBeGreaterThan(0.25);
    expect(share).toBeLessThan(0.35);
  });
});
