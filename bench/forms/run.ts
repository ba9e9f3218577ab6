/**
 * The forms benchmark (`npm run bench:forms [-- --quick] [-- --workers N]`): detection quality
 * on a held-out generated set (born-digital and scanned, separately) and on the held-back test
 * split of the real-form set (tools/forms-real-set.ts; skipped with a note when it is not built),
 * speed end to end and per stage, and peak RSS for 1, 10 and 100-page documents. Writes
 * bench/results/forms.json and bench/results/forms-real.json.
 * `-- --real-only [--real-split dev|test]` measures only the real set (dev: for tuning; the test
 * split is for reporting) and writes bench/results/forms-real[-dev].json.
 * Not a test: it asserts nothing and never runs in CI.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { FormsWorkerPool as WorkerPool } from "@/lib/forms";
import { FIELD_TYPES, FieldScorer, type FieldMetrics, formatMetrics } from "@/lib/forms/eval";
import type { FormVariant } from "@/lib/forms/synthetic";
import { heldOutForms, longDocument } from "./documents";
import { formatReal, REAL_SET_DIR, realQuality } from "./real";
import { runStages, type StageTimes } from "./stages";

const root = path.resolve(__dirname, "..", "..");
const work = path.join(root, "bench", "work", "forms");
const args = process.argv.slice(2);
const quick = args.includes("--quick");
const workers = Number(args[args.indexOf("--workers") + 1]) || 2;
const realOnly = args.includes("--real-only");
const realSplit = args.includes("--real-split") && args[args.indexOf("--real-split") + 1] === "dev" ? "dev" : "test";
const COUNTS = quick ? { digital: 10, scanned: 5, long: 30 } : { digital: 60, scanned: 30, long: 100 };

const r = (n: number, digits = 1) => Math.round(n * 10 ** digits) / 10 ** digits;

function speed(pages: number, ms: StageTimes, totalMs: number) {
  const perStage = Object.fromEntries(Object.entries(ms).map(([stage, t]) => [stage, { ms: Math.round(t), pages_per_s: r(pages / (t / 1000)) }]));
  return { pages, total_ms: Math.round(totalMs), pages_per_s: r(pages / (totalMs / 1000), 2), stages: perStage };
}

function metricsJson(m: FieldMetrics) {
  const one = (s: FieldMetrics["overall"]) => ({ precision: r(s.precision, 4), recall: r(s.recall, 4), f1: r(s.f1, 4), tp: s.tp, fp: s.fp, fn: s.fn });
  return { ...Object.fromEntries(FIELD_TYPES.map((t) => [t, one(m.byType[t])])), overall: one(m.overall) };
}

async function quality(variant: FormVariant, count: number, pool: WorkerPool) {
  const forms = await heldOutForms(variant, count);
  const scorer = new FieldScorer({ iouThreshold: 0.5, typeAware: true });
  const ms: StageTimes = { validating: 0, rendering: 0, detecting: 0, writing: 0 };
  let pages = 0;
  let totalMs = 0;
  let raster = "off";
  for (const form of forms) {
    const input = path.join(work, `${variant}-${form.seed}.pdf`);
    fs.writeFileSync(input, form.pdf);
    const run = await runStages({ inputPath: input, workDir: path.join(work, `w-${form.seed}`), outputPath: path.join(work, `out-${form.seed}.pdf`), pool });
    scorer.add(run.fields, form.truth);
    for (const k of Object.keys(ms) as (keyof StageTimes)[]) ms[k] += run.ms[k];
    pages += run.pages;
    totalMs += run.totalMs;
    raster = run.raster;
  }
  const m = scorer.metrics();
  console.log(`\n${variant}: ${forms.length} forms, ${pages} pages, raster detector ${raster}\n${formatMetrics(m)}`);
  return { forms: forms.length, pages, raster, metrics: metricsJson(m), speed: speed(pages, ms, totalMs) };
}

function peakRss(pages: number, file: string) {
  const child = spawnSync(path.join(root, "node_modules", ".bin", "tsx"), [path.join(__dirname, "memory-child.ts"), file, String(workers)], {
    cwd: root,
    encoding: "utf8",
    env: { ...process.env, LOG_LEVEL: "silent" },
  });
  if (child.status !== 0) throw new Error(`memory run for ${pages} pages failed: ${child.stderr}`);
  const result = JSON.parse(child.stdout.trim().split("\n").pop()!) as { pages: number; peakRssMb: number; totalMs: number };
  console.log(`peak RSS, ${pages} pages: ${result.peakRssMb} MB (${r(pages / (result.totalMs / 1000), 2)} pages/s)`);
  // pages/s here is a cold process (worker start-up, font loading), unlike the warm long-document run.
  return { pages, peak_rss_mb: result.peakRssMb, cold_pages_per_s: r(pages / (result.totalMs / 1000), 2) };
}

async function main() {
  fs.rmSync(work, { recursive: true, force: true });
  fs.mkdirSync(work, { recursive: true });
  const started = new Date();
  const loadAtStart = os.loadavg().map((l) => r(l, 2));
  const pool = new WorkerPool({ size: workers });
  console.log(`forms bench: ${workers} worker threads on ${os.availableParallelism()} cores, load ${os.loadavg().map((l) => r(l, 2)).join(" ")}${quick ? " (quick)" : ""}`);

  const real = await realQuality(realSplit, work, pool, quick ? 15 : undefined);
  if (real) console.log(`\nreal forms, ${realSplit} split: ${real.documents} documents, ${real.pages} pages (${real.failed} failed)\n${formatReal(real)}`);
  else console.log(`\nreal forms: no set at ${REAL_SET_DIR} (build it: npx tsx tools/forms-real-set.ts build)`);
  const realResult = real && { generated_at: started.toISOString(), quick, machine: { cores: os.availableParallelism(), load_at_start: loadAtStart, load_at_end: os.loadavg().map((l) => r(l, 2)), workers }, set: REAL_SET_DIR, iou: 0.5, ...real };
  if (realResult) {
    const file = path.join(root, "bench", "results", realSplit === "dev" ? "forms-real-dev.json" : "forms-real.json");
    fs.writeFileSync(file, `${JSON.stringify(realResult, null, 2)}\n`);
    console.log(`wrote ${path.relative(root, file)}`);
  }
  if (realOnly) {
    await pool.close();
    fs.rmSync(work, { recursive: true, force: true });
    return;
  }

  const digital = await quality("digital", COUNTS.digital, pool);
  const scanned = await quality("scanned", COUNTS.scanned, pool);

  const longFile = path.join(work, `long-${COUNTS.long}.pdf`);
  fs.writeFileSync(longFile, await longDocument(COUNTS.long));
  // One warm-up pass so the timed one measures steady state, not worker start-up and font loading.
  await runStages({ inputPath: longFile, workDir: path.join(work, "w-warm"), outputPath: path.join(work, "out-warm.pdf"), pool });
  const long = await runStages({ inputPath: longFile, workDir: path.join(work, "w-long"), outputPath: path.join(work, "out-long.pdf"), pool });
  const longSpeed = speed(long.pages, long.ms, long.totalMs);
  console.log(`\n${long.pages}-page born-digital document: ${longSpeed.pages_per_s} pages/s end to end`, longSpeed.stages);
  await pool.close();

  const memory = [];
  // 300 pages as well: the peak has to stop growing, not just grow slowly, for memory to be flat.
  for (const pages of quick ? [1, 10] : [1, 10, 100, 300]) {
    const file = path.join(work, `memory-${pages}.pdf`);
    fs.writeFileSync(file, await longDocument(pages));
    memory.push(peakRss(pages, file));
  }

  const result = {
    generated_at: started.toISOString(),
    quick,
    machine: { cores: os.availableParallelism(), cpu: os.cpus()[0]?.model ?? "unknown", node: process.version, load_at_start: loadAtStart, workers },
    settings: { dpi: Number(process.env.FORMS_DPI ?? 144), iou: 0.5, split: "test (held out)" },
    quality: {
      real_test: real && { documents: real.documents, pages: real.pages, micro: real.micro, per_document: real.per_document },
      born_digital: { forms: digital.forms, pages: digital.pages, raster: digital.raster, ...digital.metrics }, scanned: { forms: scanned.forms, pages: scanned.pages, raster: scanned.raster, ...scanned.metrics } },
    speed: { born_digital_long_document: longSpeed, born_digital_small_documents: digital.speed, scanned_small_documents: scanned.speed },
    memory,
  };
  const out = path.join(root, "bench", "results", "forms.json");
  fs.writeFileSync(out, `${JSON.stringify(result, null, 2)}\n`);
  fs.rmSync(work, { recursive: true, force: true });
  console.log(`\nwrote ${path.relative(root, out)}`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
