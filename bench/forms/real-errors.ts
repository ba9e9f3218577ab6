/**
 * Error analysis on the real-form dev split (never the test split): renders each dev document once
 * into a cache of per-page evidence (the rendering stage's output), then runs the detecting stage's
 * page logic on it, matches against the document's own widgets at IoU 0.5 and sorts every miss:
 *
 * - `box`: a prediction of the right type overlaps the truth field, but under 0.5 (found, box wrong)
 * - `typed`: a prediction of another type sits on it at IoU >= 0.5 (found, type wrong)
 * - `missed`: nothing overlaps it at 0.1 or more (not found), split by what is drawn there
 * - false positives, split by whether they touch any truth field at all
 *
 * Geometry statistics of matched text fields (truth vs. predicted height, top, bottom) show where
 * the authors' box convention differs from ours.
 *
 *   npx tsx bench/forms/real-errors.ts [--limit N] [--rerender] [--list text|checkbox] [--doc ID,ID]
 *
 * The cache (FORMS_REAL_CACHE, default /tmp/forms-real-dev-evidence) holds evidence computed by the
 * vector code at the time it was rendered: pass --rerender after changing lib/forms/vector or page.
 * Each document's predictions are written beside its evidence (predicted.json), with the previews.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { FormsWorkerPool, renderPages, validateStoredPdf } from "@/lib/forms";
import { iou, matchFields } from "@/lib/forms/eval";
import type { PageEvidence } from "@/lib/forms/page/evidence";
import { pageFields } from "@/lib/forms/pipeline/detect-stage";
import type { Box, DetectedField, FieldType, TruthField } from "@/lib/forms/types";
import { realDocuments } from "./real";

const args = process.argv.slice(2);
const flag = (name: string) => args.includes(`--${name}`);
const option = (name: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
};
const cacheDir = process.env.FORMS_REAL_CACHE ?? path.join(os.tmpdir(), "forms-real-dev-evidence");
const limit = option("limit") ? Number(option("limit")) : undefined;
const onlyDoc = option("doc");
const list = option("list") as FieldType | undefined;

type Miss = { doc: string; page: number; truth: TruthField; best?: DetectedField; bestIou: number; drawn: string; near: string };
type Fp = { doc: string; page: number; field: DetectedField; construct: string; bestIou: number; near: string };

const r1 = (n: number) => Math.round(n * 10) / 10;
const fmt = (b: Box) => `[${r1(b.x)},${r1(b.y)} ${r1(b.width)}x${r1(b.height)}]`;

/** Printed text near a box: what a reader sees around it (left on the line, above, inside). */
function nearText(evidence: PageEvidence, box: Box): string {
  const cx = box.x + box.width / 2;
  const cy = box.y + box.height / 2;
  return evidence.phrases
    .map((p) => ({ p, d: Math.hypot(Math.max(0, Math.abs(p.box.x + p.box.width / 2 - cx) - (p.box.width + box.width) / 2), Math.max(0, Math.abs(p.box.y + p.box.height / 2 - cy) - (p.box.height + box.height) / 2)) }))
    .filter((x) => x.d < 20)
    .sort((a, b) => a.d - b.d)
    .slice(0, 3)
    .map((x) => x.p.text.slice(0, 40))
    .join(" | ");
}

/** Which vector construct (or raster) a final field came from: the candidate it sits on. */
function constructOf(evidence: PageEvidence, box: Box): string {
  let best = "raster";
  let bestIou = 0.5;
  for (const c of evidence.candidates) {
    const o = iou(c.box, box);
    if (o > bestIou) [best, bestIou] = [c.construct, o];
  }
  return best;
}

/** What the page draws under a missed field: a candidate of another kind, text, or nothing. */
function drawnUnder(evidence: PageEvidence, box: Box): string {
  let best: string | undefined;
  let bestIou = 0.1;
  for (const c of evidence.candidates) {
    const o = iou(c.box, box);
    if (o > bestIou) [best, bestIou] = [`candidate:${c.construct}`, o];
  }
  if (best) return best;
  const text = evidence.phrases.some((p) => iou(p.box, box) > 0.2 || (p.box.x >= box.x - 1 && p.box.x + p.box.width <= box.x + box.width + 1 && p.box.y >= box.y - 1 && p.box.y + p.box.height <= box.y + box.height + 1));
  return text ? "text-inside" : "nothing";
}

async function ensureEvidence(pool: FormsWorkerPool, docs: NonNullable<ReturnType<typeof realDocuments>>) {
  for (const doc of docs) {
    const dir = path.join(cacheDir, doc.truth.id);
    const done = path.join(dir, "done");
    if (fs.existsSync(done) && !flag("rerender")) continue;
    fs.rmSync(dir, { recursive: true, force: true });
    try {
      const summary = await validateStoredPdf({ inputPath: doc.pdf, pool });
      await renderPages({ inputPath: doc.pdf, workDir: dir, pageCount: summary.pageCount, pool });
      fs.writeFileSync(done, String(summary.pageCount));
    } catch (error) {
      console.log(`${doc.truth.id}: render failed: ${(error as Error).message}`);
    }
  }
}

function pagesOf(id: string): PageEvidence[] {
  const dir = path.join(cacheDir, id);
  const done = path.join(dir, "done");
  if (!fs.existsSync(done)) return [];
  const count = Number(fs.readFileSync(done, "utf8"));
  return Array.from({ length: count }, (_, i) => JSON.parse(fs.readFileSync(path.join(dir, "pages", `${String(i + 1).padStart(4, "0")}.json`), "utf8")) as PageEvidence);
}

function quantiles(xs: number[]) {
  const s = [...xs].sort((a, b) => a - b);
  const q = (p: number) => (s.length ? r1(s[Math.min(s.length - 1, Math.floor(p * s.length))]) : NaN);
  return `n=${s.length} p10 ${q(0.1)} p25 ${q(0.25)} p50 ${q(0.5)} p75 ${q(0.75)} p90 ${q(0.9)}`;
}

async function main() {
  let docs = realDocuments("dev");
  if (!docs) throw new Error("no real-form set");
  if (onlyDoc) docs = docs.filter((d) => onlyDoc.split(",").some((id) => d.truth.id.startsWith(id)));
  if (limit) docs = docs.slice(0, limit);
  const pool = new FormsWorkerPool({ size: 2 });
  try {
    await ensureEvidence(pool, docs);
  } finally {
    await pool.close();
  }
  const counts: Record<string, { tp: number; fp: number; fn: number }> = { text: { tp: 0, fp: 0, fn: 0 }, checkbox: { tp: 0, fp: 0, fn: 0 } };
  const misses: Record<string, Miss[]> = { text: [], checkbox: [] };
  const fps: Record<string, Fp[]> = { text: [], checkbox: [] };
  const newGeometry = () => ({ dTop: [] as number[], dBottom: [] as number[], hTruth: [] as number[], hPred: [] as number[], dLeft: [] as number[], dRight: [] as number[] });
  // Matched pairs, and misses with a text prediction overlapping 0.1-0.5 (found, box wrong).
  const geometry = newGeometry();
  const boxGeometry = newGeometry();
  const byConstruct: Record<string, { tp: number; fp: number }> = {};
  let pageCount = 0;
  const t0 = performance.now();
  for (const doc of docs) {
    const pages = pagesOf(doc.truth.id);
    pageCount += pages.length;
    const predicted: DetectedField[] = [];
    for (const evidence of pages) {
      const fields = pageFields(evidence).map((f) => ({ ...f, page: evidence.index }));
      predicted.push(...fields);
      const truth = doc.truth.fields.filter((t) => t.page === evidence.index);
      const result = matchFields(fields, truth);
      for (const m of result.matches) {
        const key = `${m.detected.type}:${constructOf(evidence, m.detected.box)}`;
        (byConstruct[key] ??= { tp: 0, fp: 0 }).tp++;
        if (m.truth.type in counts) counts[m.truth.type].tp++;
        if (m.truth.type === "text") {
          const t = m.truth.box;
          const d = m.detected.box;
          geometry.dTop.push(d.y - t.y);
          geometry.dBottom.push(d.y + d.height - (t.y + t.height));
          geometry.hTruth.push(t.height);
          geometry.hPred.push(d.height);
          geometry.dLeft.push(d.x - t.x);
          geometry.dRight.push(d.x + d.width - (t.x + t.width));
        }
      }
      for (const f of result.falsePositives) {
        const construct = constructOf(evidence, f.box);
        (byConstruct[`${f.type}:${construct}`] ??= { tp: 0, fp: 0 }).fp++;
        if (!(f.type in counts)) continue;
        counts[f.type].fp++;
        const bestIou = Math.max(0, ...truth.filter((t) => t.type === f.type).map((t) => iou(t.box, f.box)));
        fps[f.type].push({ doc: doc.truth.id, page: evidence.index, field: f, construct, bestIou, near: nearText(evidence, f.box) });
      }
      for (const t of result.falseNegatives) {
        if (!(t.type in counts)) continue;
        counts[t.type].fn++;
        let best: DetectedField | undefined;
        let bestIou = 0;
        for (const f of fields) {
          const o = iou(f.box, t.box);
          if (o > bestIou) [best, bestIou] = [f, o];
        }
        misses[t.type].push({ doc: doc.truth.id, page: evidence.index, truth: t, best, bestIou, drawn: drawnUnder(evidence, t.box), near: nearText(evidence, t.box) });
        if (t.type === "text" && best && best.type === "text" && bestIou >= 0.1) {
          const b = best.box;
          boxGeometry.dTop.push(b.y - t.box.y);
          boxGeometry.dBottom.push(b.y + b.height - (t.box.y + t.box.height));
          boxGeometry.hTruth.push(t.box.height);
          boxGeometry.hPred.push(b.height);
          boxGeometry.dLeft.push(b.x - t.box.x);
          boxGeometry.dRight.push(b.x + b.width - (t.box.x + t.box.width));
        }
      }
    }
    // For drawing over the previews when looking at one document.
    fs.writeFileSync(path.join(cacheDir, doc.truth.id, "predicted.json"), JSON.stringify(predicted));
  }
  const detectMs = performance.now() - t0;
  console.log(`dev: ${docs.length} documents, ${pageCount} pages (detecting stage ${r1(detectMs / Math.max(1, pageCount))} ms a page)`);
  for (const type of ["text", "checkbox"]) {
    const c = counts[type];
    const p = c.tp / Math.max(1, c.tp + c.fp);
    const r = c.tp / Math.max(1, c.tp + c.fn);
    console.log(`\n${type}: P ${(p * 100).toFixed(1)} R ${(r * 100).toFixed(1)} F1 ${((2 * p * r * 100) / Math.max(1e-9, p + r)).toFixed(1)} (tp ${c.tp} fp ${c.fp} fn ${c.fn})`);
    const buckets: Record<string, number> = {};
    for (const m of misses[type]) {
      const bucket =
        m.bestIou >= 0.5 ? `typed-as-${m.best!.type}` : m.bestIou >= 0.1 && m.best!.type === type ? "box (iou 0.1-0.5)" : m.bestIou >= 0.1 ? `box+type (${m.best!.type})` : `missed, drawn: ${m.drawn}`;
      buckets[bucket] = (buckets[bucket] ?? 0) + 1;
    }
    console.log("  misses:");
    for (const [k, v] of Object.entries(buckets).sort((a, b) => b[1] - a[1])) console.log(`    ${String(v).padStart(5)}  ${k}`);
    const fpBuckets: Record<string, number> = {};
    for (const f of fps[type]) {
      const k = `${f.bestIou >= 0.1 ? "touches truth" : "no truth there"} (${f.construct})`;
      fpBuckets[k] = (fpBuckets[k] ?? 0) + 1;
    }
    console.log("  false positives:");
    for (const [k, v] of Object.entries(fpBuckets).sort((a, b) => b[1] - a[1])) console.log(`    ${String(v).padStart(5)}  ${k}`);
  }
  console.log("\nby construct (tp / fp):");
  for (const [k, v] of Object.entries(byConstruct).sort((a, b) => b[1].tp + b[1].fp - a[1].tp - a[1].fp)) console.log(`  ${k.padEnd(28)} ${String(v.tp).padStart(5)} ${String(v.fp).padStart(5)}`);
  console.log("\ntext geometry, predicted minus truth (points), matched pairs:");
  for (const [k, v] of Object.entries(geometry)) console.log(`  ${k.padEnd(8)} ${quantiles(v)}`);
  console.log("text geometry, predicted minus truth, misses with a text prediction at IoU 0.1-0.5:");
  for (const [k, v] of Object.entries(boxGeometry)) console.log(`  ${k.padEnd(8)} ${quantiles(v)}`);
  if (list) {
    console.log(`\n${list} misses:`);
    for (const m of misses[list]) console.log(`  ${m.doc} p${m.page + 1} truth ${fmt(m.truth.box)} best ${m.best ? `${m.best.type} ${fmt(m.best.box)} iou ${m.bestIou.toFixed(2)}` : "-"} drawn ${m.drawn} :: ${m.near}`);
    console.log(`\n${list} false positives:`);
    for (const f of fps[list]) console.log(`  ${f.doc} p${f.page + 1} ${fmt(f.field.box)} ${f.construct} best-iou ${f.bestIou.toFixed(2)} :: ${f.near}`);
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
