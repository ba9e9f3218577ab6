/**
 * Measures the raster detector alone on generated forms it never trained on: precision, recall and
 * F1 per field type at IoU 0.5 (lib/forms/eval), and time per page. The model card's numbers.
 *
 *   npx tsx tools/forms-detector-eval.ts --split test --count 100 --variant digital [--dpi 144] [--json out.json]
 *
 * --dpi renders pages at that resolution and lets the letterbox resample (as production does at
 * FORMS_DPI); without it pages render straight at the model's input scale.
 */
import fs from "node:fs";
import { parseArgs } from "node:util";
import { FieldScorer, formatMetrics } from "../lib/forms/eval";
import type { DetectedField } from "../lib/forms/types";
import { type DetectTimings, detectFields, loadDetector, rasterRenderScale } from "../lib/forms/raster";
import { type FormVariant, generateForm, renderPdfPages, type Split, splitSeeds } from "../lib/forms/synthetic";

const { values } = parseArgs({
  options: {
    split: { type: "string", default: "test" },
    count: { type: "string", default: "50" },
    offset: { type: "string", default: "0" },
    variant: { type: "string", default: "digital" },
    dpi: { type: "string" },
    model: { type: "string" },
    threshold: { type: "string" },
    threads: { type: "string" },
    json: { type: "string" },
    /** Comma list of score thresholds: detect once at the lowest, report F1 at each. */
    sweep: { type: "string" },
  },
});

const percentile = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(p * xs.length))] ?? 0;

async function main() {
  const detector = await loadDetector({
    ...(values.model ? { modelPath: values.model } : {}),
    ...(values.threads ? { threads: Number(values.threads) } : {}),
  });
  const sweep = values.sweep?.split(",").map(Number) ?? [];
  const threshold = values.threshold ? Number(values.threshold) : detector.config.scoreThreshold;
  const scoreThreshold = Math.min(threshold, ...sweep);
  const scorer = new FieldScorer();
  const sweepScorers = sweep.map(() => new FieldScorer());
  const times = { render: [] as number[], pre: [] as number[], infer: [] as number[], post: [] as number[] };
  const seeds = splitSeeds(values.split as Split, Number(values.count), Number(values.offset));
  let pages = 0;
  for (const seed of seeds) {
    const form = await generateForm(seed, { variant: values.variant as FormVariant });
    const detected: DetectedField[] = [];
    for (const [index, size] of form.pages.entries()) {
      const t0 = performance.now();
      const longest = Math.max(size.width, size.height);
      const longSide = values.dpi ? (longest * Number(values.dpi)) / 72 : rasterRenderScale(detector, size) * longest;
      const [image] = await renderPdfPages(form.pdf, { longSide, pages: [index] });
      times.render.push(performance.now() - t0);
      const timings: DetectTimings = { preMs: 0, inferMs: 0, postMs: 0 };
      detected.push(...(await detectFields(detector, image, { index, size }, { scoreThreshold, timings })));
      times.pre.push(timings.preMs);
      times.infer.push(timings.inferMs);
      times.post.push(timings.postMs);
      pages++;
    }
    scorer.add(detected.filter((d) => d.score >= threshold), form.truth);
    sweep.forEach((t, i) => sweepScorers[i].add(detected.filter((d) => d.score >= t), form.truth));
  }
  const metrics = scorer.metrics();
  const latency = Object.fromEntries(
    Object.entries(times).map(([k, xs]) => [k, { p50: Math.round(percentile(xs, 0.5) * 10) / 10, p90: Math.round(percentile(xs, 0.9) * 10) / 10 }]),
  );
  console.log(`${values.split} ${values.variant} ${values.dpi ? `${values.dpi} DPI` : "input scale"}: ${seeds.length} forms, ${pages} pages, threshold ${threshold}, threads ${detector.config.threads}`);
  console.log(formatMetrics(metrics));
  console.log("ms per page", JSON.stringify(latency));
  sweep.forEach((t, i) => {
    const m = sweepScorers[i].metrics();
    const f1 = (k: "text" | "checkbox" | "signature") => (m.byType[k].f1 * 100).toFixed(1);
    console.log(`threshold ${t}: F1 text ${f1("text")} checkbox ${f1("checkbox")} signature ${f1("signature")} overall ${(m.overall.f1 * 100).toFixed(1)}`);
  });
  if (values.json) {
    fs.writeFileSync(values.json, JSON.stringify({ split: values.split, variant: values.variant, dpi: values.dpi ?? null, threshold, forms: seeds.length, pages, metrics, latency }, null, 2));
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
