import { describe, expect, it } from "vitest";
import type { DetectedField } from "../types";
import type { Candidate } from "../vector/candidate";
import { fuseFields } from "./fuse-fields";

const vector = (x: number, y: number, extra: Partial<Candidate> = {}): Candidate => ({ box: { x, y, width: 100, height: 16 }, type: "text", construct: "box", score: 0.9, ...extra });
const raster = (x: number, y: number, score: number, extra: Partial<DetectedField> = {}): DetectedField => ({ page: 0, box: { x, y, width: 100, height: 16 }, type: "text", score, source: "raster", ...extra });

describe("fusion", () => {
  it("keeps the vector box where both detectors agree, with a combined score", () => {
    const [f] = fuseFields(0, [vector(100, 100)], [raster(103, 101, 0.7)], { scanned: false, text: [] });
    expect(f).toMatchObject({ source: "fused", box: { x: 100, y: 100 } });
    expect(f.score).toBeCloseTo(1 - 0.1 * 0.3);
  });

  it("keeps vector-only fields; raster-only ones need a high score on born-digital pages", () => {
    const fields = fuseFields(0, [vector(100, 100)], [raster(100, 300, 0.9), raster(100, 400, 0.97)], { scanned: false, text: [] });
    expect(fields.map((f) => [f.source, f.box.y])).toEqual([["vector", 100], ["raster", 400]]);
  });

  it("trusts the raster detector on scans, once per place, never over printed text", () => {
    const text = [{ x: 100, y: 500, width: 100, height: 16 }];
    const fields = fuseFields(0, [], [raster(100, 300, 0.5), raster(104, 302, 0.45), raster(100, 500, 0.9), raster(100, 600, 0.2)], { scanned: true, text });
    expect(fields.map((f) => [f.box.y, f.score])).toEqual([[300, 0.5]]);
  });

  it("runs on vector evidence alone when no raster detector ran", () => {
    const fields = fuseFields(0, [vector(100, 100, { comb: 5, construct: "comb" }), vector(100, 200, { type: "checkbox", construct: "checkbox" })], null, { scanned: false, text: [] });
    expect(fields.map((f) => [f.source, f.type, f.comb])).toEqual([["vector", "text", 5], ["vector", "checkbox", undefined]]);
  });
});
