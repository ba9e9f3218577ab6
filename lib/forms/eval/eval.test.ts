import { describe, expect, it } from "vitest";
import type { Box, DetectedField, FieldType, TruthField } from "../types";
import { FieldScorer, formatMetrics, iou, matchFields, scores } from "./index";

const box = (x: number, y: number, width: number, height: number): Box => ({ x, y, width, height });
const det = (b: Box, type: FieldType = "text", score = 0.9, page = 0): DetectedField => ({ page, box: b, type, score, source: "raster" });
const truth = (b: Box, type: FieldType = "text", page = 0): TruthField => ({ page, box: b, type });

describe("iou", () => {
  it("computes overlap ratios", () => {
    expect(iou(box(0, 0, 10, 10), box(0, 0, 10, 10))).toBe(1);
    expect(iou(box(0, 0, 10, 10), box(5, 0, 10, 10))).toBeCloseTo(50 / 150);
    expect(iou(box(0, 0, 10, 10), box(10, 0, 10, 10))).toBe(0);
    expect(iou(box(0, 0, 0, 10), box(0, 0, 0, 10))).toBe(0);
  });
});

describe("matchFields", () => {
  it("matches at IoU 0.5 and not below", () => {
    const t = [truth(box(0, 0, 100, 10))];
    expect(matchFields([det(box(0, 0, 100, 10))], t).matches).toHaveLength(1);
    // Shifted by 40: IoU 600/1400 = 0.43, no match; by 25: IoU 750/1250 = 0.6, a match.
    expect(matchFields([det(box(40, 0, 100, 10))], t).matches).toHaveLength(0);
    expect(matchFields([det(box(25, 0, 100, 10))], t).matches).toHaveLength(1);
  });

  it("counts duplicates as false positives and lets the higher score win", () => {
    const t = [truth(box(0, 0, 100, 10))];
    const low = det(box(0, 0, 100, 10), "text", 0.4);
    const high = det(box(2, 0, 100, 10), "text", 0.95);
    const r = matchFields([low, high], t);
    expect(r.matches.map((m) => m.detected)).toEqual([high]);
    expect(r.falsePositives).toEqual([low]);
    expect(r.falseNegatives).toEqual([]);
  });

  it("respects page and type", () => {
    const t = [truth(box(0, 0, 10, 10), "checkbox", 1)];
    expect(matchFields([det(box(0, 0, 10, 10), "checkbox", 0.9, 0)], t).matches).toHaveLength(0);
    expect(matchFields([det(box(0, 0, 10, 10), "text", 0.9, 1)], t).matches).toHaveLength(0);
    expect(matchFields([det(box(0, 0, 10, 10), "text", 0.9, 1)], t, { typeAware: false }).matches).toHaveLength(1);
  });

  it("gives each detection the truth field it overlaps most", () => {
    const a = truth(box(0, 0, 10, 10));
    const b = truth(box(4, 0, 10, 10));
    const r = matchFields([det(box(4, 0, 10, 10), "text", 0.9), det(box(0, 0, 10, 10), "text", 0.8)], [a, b]);
    expect(r.matches.map((m) => m.truth)).toEqual([b, a]);
  });
});

describe("FieldScorer", () => {
  it("reports precision, recall and F1 per type", () => {
    const scorer = new FieldScorer();
    scorer.add(
      [det(box(0, 0, 100, 10)), det(box(0, 50, 100, 10)), det(box(0, 100, 10, 10), "checkbox")],
      [truth(box(0, 0, 100, 10)), truth(box(0, 20, 100, 10)), truth(box(0, 100, 10, 10), "checkbox"), truth(box(0, 200, 100, 20), "signature")],
    );
    const m = scorer.metrics();
    expect(m.byType.text).toMatchObject({ tp: 1, fp: 1, fn: 1, precision: 0.5, recall: 0.5, f1: 0.5 });
    expect(m.byType.checkbox).toMatchObject({ tp: 1, fp: 0, fn: 0, f1: 1 });
    expect(m.byType.signature).toMatchObject({ tp: 0, fp: 0, fn: 1, precision: 1, recall: 0, f1: 0 });
    expect(m.overall).toMatchObject({ tp: 2, fp: 1, fn: 2 });
    expect(formatMetrics(m)).toContain("checkbox");
  });

  it("treats empty denominators as perfect and all-wrong as zero", () => {
    expect(scores({ tp: 0, fp: 0, fn: 0 }).f1).toBe(1);
    expect(scores({ tp: 0, fp: 3, fn: 2 }).f1).toBe(0);
  });
});
