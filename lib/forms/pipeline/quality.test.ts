import { describe, expect, it } from "vitest";
import { FieldScorer, formatMetrics } from "../eval";
import { openPdf } from "@/lib/pdf/pdfjs";
import { generateForm, splitSeeds } from "../synthetic";
import { extractPageVector } from "../vector/extract-vector";
import { vectorOnlyPageFields } from "./vector-only";

/**
 * Detection quality on born-digital forms from the synthetic generator's test split, vector
 * evidence only (no model needed), through the same fusion, labelling and classification the
 * detecting stage runs. Matching at IoU 0.5, type-aware (lib/forms/eval).
 */
describe("detection quality on generated forms", () => {
  it("stays above the precision and recall floors for text fields, checkboxes and signatures", { timeout: 120_000 }, async () => {
    const scorer = new FieldScorer();
    for (const seed of splitSeeds("test", 10)) {
      const form = await generateForm(seed);
      const doc = await openPdf(new Uint8Array(form.pdf));
      const fields = [];
      for (let index = 0; index < doc.numPages; index++) {
        const vector = await extractPageVector(await doc.getPage(index + 1));
        fields.push(...vectorOnlyPageFields(index, vector));
      }
      await doc.destroy();
      scorer.add(fields, form.truth);
    }
    const m = scorer.metrics();
    const report = formatMetrics(m);
    expect(m.byType.text.precision, report).toBeGreaterThanOrEqual(0.97);
    expect(m.byType.text.recall, report).toBeGreaterThanOrEqual(0.97);
    expect(m.byType.checkbox.precision, report).toBeGreaterThanOrEqual(0.97);
    expect(m.byType.checkbox.recall, report).toBeGreaterThanOrEqual(0.97);
    expect(m.byType.signature.f1, report).toBeGreaterThanOrEqual(0.85);
    expect(m.byType.text.tp + m.byType.checkbox.tp, report).toBeGreaterThan(200);
  });
});
