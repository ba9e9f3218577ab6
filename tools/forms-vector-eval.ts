/**
 * Measures vector detection (no raster model) through the detecting stage's fusion, labelling and
 * classification: precision, recall and F1 per field type at IoU 0.5 (lib/forms/eval), and vector
 * time per page. Fast enough to run after every change to lib/forms/vector. With --pipeline, the
 * rendering and detecting stages instead (the raster detector fused in, as the service runs).
 *
 *   npx tsx tools/forms-vector-eval.ts --count 30 [--offset N]    generated born-digital test split
 *   npx tsx tools/forms-vector-eval.ts --real /work/data/forms-real --split dev [--misses out.json]
 *
 * The real set is read from `<dir>/split.json` ({dev: [sha256...], ...}) and, per document (id: the
 * sha256's first 16 hex digits), `<dir>/flat/<id>.pdf`
 * with `<dir>/truth/<id>.json` ({fields: [{page (0-based), type, box}]} in page points, top-left
 * origin) unless `--pdf` / `--truth` name other sub-folders. Only ever run it on the dev split.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { FieldScorer, formatMetrics, matchFields } from "../lib/forms/eval";
import { detectPageFields, readFieldsFile, renderPages, validateStoredPdf } from "../lib/forms/pipeline";
import { FormsWorkerPool } from "../lib/forms/worker/pool";
import { generateForm, splitSeeds } from "../lib/forms/synthetic";
import type { DetectedField, TruthField } from "../lib/forms/types";
import { extractPageVector } from "../lib/forms/vector/extract-vector";
import { vectorOnlyPageFields } from "../lib/forms/pipeline/vector-only";
import { openPdf } from "../lib/pdf/pdfjs";

const { values } = parseArgs({
  options: {
    count: { type: "string", default: "30" },
    offset: { type: "string", default: "0" },
    variant: { type: "string", default: "digital" },
    real: { type: "string" },
    split: { type: "string", default: "dev" },
    pdf: { type: "string", default: "flat" },
    truth: { type: "string", default: "truth" },
    misses: { type: "string" },
    /** Whole rendering + detecting stages (raster detector fused, as the service runs) instead of vector evidence alone. */
    pipeline: { type: "boolean", default: false },
    only: { type: "string" },
  },
});

let vectorMs = 0;
let pages = 0;

let pool: FormsWorkerPool | undefined;
const work = fs.mkdtempSync(path.join(os.tmpdir(), "forms-vector-eval-"));

/** The rendering and detecting stages on one document, as forms-process runs them. */
async function detectPipeline(pdf: Uint8Array): Promise<DetectedField[]> {
  pool ??= new FormsWorkerPool({ size: 2 });
  const inputPath = path.join(work, "input.pdf");
  const workDir = path.join(work, "job");
  fs.writeFileSync(inputPath, pdf);
  try {
    const { pageCount } = await validateStoredPdf({ inputPath, pool });
    const t0 = performance.now();
    await renderPages({ inputPath, workDir, pageCount, pool });
    await detectPageFields({ workDir, pageCount });
    vectorMs += performance.now() - t0;
    pages += pageCount;
    return (await readFieldsFile(workDir))?.fields ?? [];
  } finally {
    fs.rmSync(workDir, { recursive: true, force: true });
  }
}

async function detect(pdf: Uint8Array): Promise<DetectedField[]> {
  if (values.pipeline) return detectPipeline(pdf);
  const doc = await openPdf(pdf);
  const fields: DetectedField[] = [];
  try {
    for (let index = 0; index < doc.numPages; index++) {
      const page = await doc.getPage(index + 1);
      const t0 = performance.now();
      const vector = await extractPageVector(page);
      vectorMs += performance.now() - t0;
      pages++;
      fields.push(...vectorOnlyPageFields(index, vector));
      page.cleanup();
    }
  } finally {
    await doc.destroy();
  }
  return fields;
}

/** A truth file: `{fields: TruthField[]}` (0-based `page`, as the set builder writes it) or a bare array. */
function readTruth(file: string): TruthField[] {
  const raw = JSON.parse(fs.readFileSync(file, "utf8")) as TruthField[] | { fields: TruthField[] };
  return Array.isArray(raw) ? raw : raw.fields;
}

async function main() {
  const scorer = new FieldScorer();
  const perDoc: { id: string; f1: number; tp: number; fp: number; fn: number }[] = [];
  const misses: unknown[] = [];
  const score = (id: string, fields: DetectedField[], truth: TruthField[]) => {
    scorer.add(fields, truth);
    const m = matchFields(fields, truth);
    const tp = m.matches.length;
    const fp = m.falsePositives.length;
    const fn = m.falseNegatives.length;
    perDoc.push({ id, tp, fp, fn, f1: tp === 0 ? (fp + fn === 0 ? 1 : 0) : (2 * tp) / (2 * tp + fp + fn) });
    if (fp + fn > 0) misses.push({ id, falsePositives: m.falsePositives, falseNegatives: m.falseNegatives });
  };
  if (values.real) {
    const dir = values.real;
    const split = JSON.parse(fs.readFileSync(path.join(dir, "split.json"), "utf8")) as Record<string, string[]>;
    // split.json lists documents by sha256; their files are named by its first 16 hex digits.
    let ids = split[values.split!]?.map((sha) => sha.slice(0, 16));
    if (!ids) throw new Error(`split.json has no "${values.split}" split`);
    if (values.only) ids = ids.filter((id) => id.includes(values.only!));
    for (const id of ids) {
      const truth = readTruth(path.join(dir, values.truth!, `${id}.json`));
      score(id, await detect(new Uint8Array(fs.readFileSync(path.join(dir, values.pdf!, `${id}.pdf`)))), truth);
    }
  } else {
    for (const seed of splitSeeds("test", Number(values.count), Number(values.offset))) {
      const form = await generateForm(seed, { variant: values.variant as "digital" });
      score(String(seed), await detect(new Uint8Array(form.pdf)), form.truth);
    }
  }
  const m = scorer.metrics();
  console.log(formatMetrics(m));
  const both = ["text", "checkbox"] as const;
  const tp = both.reduce((s, t) => s + m.byType[t].tp, 0);
  const fp = both.reduce((s, t) => s + m.byType[t].fp, 0);
  const fn = both.reduce((s, t) => s + m.byType[t].fn, 0);
  console.log(`text+checkbox F1 ${((200 * tp) / (2 * tp + fp + fn)).toFixed(1)}`);
  if (values.real) console.log(`per-document mean F1 ${((100 * perDoc.reduce((s, d) => s + d.f1, 0)) / perDoc.length).toFixed(1)} over ${perDoc.length} documents`);
  console.log(`${pages} pages, ${values.pipeline ? "rendering + detecting" : "vector"} ${(vectorMs / Math.max(1, pages)).toFixed(1)} ms/page`);
  if (values.misses) fs.writeFileSync(values.misses, JSON.stringify({ perDoc, misses }, null, 1));
}

main()
  .catch((error) => {
    console.error(error);
    process.exitCode = 1;
  })
  .finally(async () => {
    await pool?.close();
    fs.rmSync(work, { recursive: true, force: true });
  });
