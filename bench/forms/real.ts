import fs from "node:fs";
import path from "node:path";
import type { WorkerPool } from "@/lib/forms";
import { type Counts, FIELD_TYPES, FieldScorer, type FieldMetrics, scores } from "@/lib/forms/eval";
import type { RealSplit, RealTruth } from "@/lib/forms/realset";
import { runStages } from "./stages";

/** Where tools/forms-real-set.ts builds the real-form set (outside git). */
export const REAL_SET_DIR = process.env.FORMS_REAL_DIR ?? "/work/data/forms-real";

const r4 = (n: number) => Math.round(n * 10_000) / 10_000;

type Group = "text" | "checkbox" | "signature" | "text_checkbox" | "overall";
const GROUPS: Record<Group, readonly string[]> = {
  text: ["text"],
  checkbox: ["checkbox"],
  signature: ["signature"],
  text_checkbox: ["text", "checkbox"],
  overall: FIELD_TYPES,
};

function grouped(m: FieldMetrics, group: Group): Counts {
  return GROUPS[group].reduce<Counts>(
    (s, t) => ({ tp: s.tp + m.byType[t as keyof FieldMetrics["byType"]].tp, fp: s.fp + m.byType[t as keyof FieldMetrics["byType"]].fp, fn: s.fn + m.byType[t as keyof FieldMetrics["byType"]].fn }),
    { tp: 0, fp: 0, fn: 0 },
  );
}

function json(c: Counts) {
  const s = scores(c);
  return { precision: r4(s.precision), recall: r4(s.recall), f1: r4(s.f1), tp: c.tp, fp: c.fp, fn: c.fn };
}

/** The documents of one side of the fixed split, with their truth; null when the set is not built. */
export function realDocuments(side: "dev" | "test", dir = REAL_SET_DIR): { truth: RealTruth; pdf: string }[] | null {
  const splitFile = path.join(dir, "split.json");
  if (!fs.existsSync(splitFile)) return null;
  const split = JSON.parse(fs.readFileSync(splitFile, "utf8")) as RealSplit;
  return split[side].map((sha) => {
    const id = sha.slice(0, 16);
    return { truth: JSON.parse(fs.readFileSync(path.join(dir, "truth", `${id}.json`), "utf8")) as RealTruth, pdf: path.join(dir, "flat", `${id}.pdf`) };
  });
}

/**
 * Quality on real forms: each flat document through the same four stage entry points production
 * runs, scored at IoU 0.5 against its own widgets. Micro (all fields pooled) and per document (the
 * mean over documents of each document's precision, recall and F1; a document without fields of a
 * group is left out of that group's mean).
 */
export async function realQuality(side: "dev" | "test", work: string, pool: WorkerPool, limit?: number) {
  const docs = realDocuments(side);
  if (!docs) return null;
  const chosen = limit ? docs.slice(0, limit) : docs;
  const micro = new FieldScorer({ iouThreshold: 0.5, typeAware: true });
  const perDoc: Record<Group, { precision: number; recall: number; f1: number }[]> = { text: [], checkbox: [], signature: [], text_checkbox: [], overall: [] };
  const documents = [];
  let pages = 0;
  let totalMs = 0;
  let failed = 0;
  for (const doc of chosen) {
    let run;
    try {
      run = await runStages({ inputPath: doc.pdf, workDir: path.join(work, `real-${doc.truth.id}`), outputPath: path.join(work, `real-${doc.truth.id}-out.pdf`), pool });
    } catch (error) {
      // A document the pipeline rejects counts as finding nothing: every truth field a miss.
      failed++;
      micro.add([], doc.truth.fields);
      console.log(`real ${doc.truth.id}: pipeline failed: ${(error as Error).message}`);
      continue;
    }
    micro.add(run.fields, doc.truth.fields);
    const one = new FieldScorer({ iouThreshold: 0.5, typeAware: true }).add(run.fields, doc.truth.fields).metrics();
    for (const g of Object.keys(GROUPS) as Group[]) {
      const c = grouped(one, g);
      if (c.tp + c.fn > 0) perDoc[g].push(scores(c));
    }
    documents.push({ id: doc.truth.id, repo: doc.truth.source.repo, path: doc.truth.source.path, pages: run.pages, text_checkbox: json(grouped(one, "text_checkbox")), signature: json(grouped(one, "signature")) });
    pages += run.pages;
    totalMs += run.totalMs;
  }
  const m = micro.metrics();
  const mean = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : 1);
  const microJson = Object.fromEntries((Object.keys(GROUPS) as Group[]).map((g) => [g, json(grouped(m, g))]));
  const perDocJson = Object.fromEntries(
    (Object.keys(GROUPS) as Group[]).map((g) => [g, { documents: perDoc[g].length, precision: r4(mean(perDoc[g].map((s) => s.precision))), recall: r4(mean(perDoc[g].map((s) => s.recall))), f1: r4(mean(perDoc[g].map((s) => s.f1))) }]),
  );
  return { split: side, documents: chosen.length, failed, pages, pages_per_s: Math.round((pages / (totalMs / 1000)) * 100) / 100, micro: microJson, per_document: perDocJson, by_document: documents };
}

export function formatReal(q: NonNullable<Awaited<ReturnType<typeof realQuality>>>): string {
  const pct = (n: number) => (n * 100).toFixed(1).padStart(6);
  const rows = (Object.keys(GROUPS) as Group[]).map((g) => {
    const a = q.micro[g];
    const b = q.per_document[g];
    return `${g.padEnd(14)}${pct(a.precision)}${pct(a.recall)}${pct(a.f1)}  ${String(a.tp).padStart(5)}${String(a.fp).padStart(5)}${String(a.fn).padStart(5)}   ${pct(b.precision)}${pct(b.recall)}${pct(b.f1)} (${b.documents} docs)`;
  });
  return [`group              micro P     R    F1     tp   fp   fn      per-doc P     R    F1`, ...rows].join("\n");
}
