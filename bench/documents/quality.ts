import fs from "node:fs";
import path from "node:path";
import { f1, scoreTable, type Score } from "@/lib/documents/extract/adjacency";
import { extractPageTables } from "@/lib/documents/extract/extract-page";
import { mergeAcrossPages } from "@/lib/documents/extract/merge-pages";
import { forEachPage } from "@/lib/documents/extract/read-pdf";
import type { ExtractedTable } from "@/lib/documents/extract/types";
import { generatedDocument } from "./generate";

type Method = "auto" | "lattice" | "stream";
const add = (a: Score, b: Score): Score => ({ truePositives: a.truePositives + b.truePositives, found: a.found + b.found, expected: a.expected + b.expected });
const ZERO: Score = { truePositives: 0, found: 0, expected: 0 };

export async function extractAll(pdf: Uint8Array, method: Method): Promise<ExtractedTable[]> {
  const tables: ExtractedTable[] = [];
  const heights = new Map<number, number>();
  await forEachPage(pdf, (page, n) => {
    heights.set(n, page.height);
    tables.push(...extractPageTables(page, n, { method }));
  });
  return mergeAcrossPages(tables, heights);
}

/**
 * Scores a document's tables against the truth with the adjacency-relation measure: each true
 * table is paired with the found table sharing most relations (each found table used once);
 * found tables left over count fully against precision, true tables left over against recall.
 */
export function scoreDocument(found: string[][][], truth: string[][][]): Score {
  let total = ZERO;
  const used = new Set<number>();
  for (const t of truth) {
    let best = -1;
    let bestScore: Score = { truePositives: 0, found: 0, expected: scoreTable([], t).expected };
    found.forEach((f, i) => {
      if (used.has(i)) return;
      const s = scoreTable(f, t);
      if (s.truePositives > bestScore.truePositives) {
        best = i;
        bestScore = s;
      }
    });
    if (best >= 0) used.add(best);
    total = add(total, bestScore);
  }
  found.forEach((f, i) => {
    if (!used.has(i)) total = add(total, { truePositives: 0, found: scoreTable(f, []).found, expected: 0 });
  });
  return total;
}

const summary = (s: Score) => {
  const m = f1(s);
  return { precision: +m.precision.toFixed(3), recall: +m.recall.toFixed(3), f1: +m.f1.toFixed(3), relations_expected: s.expected, relations_found: s.found, true_positives: s.truePositives };
};

/** Generated tables with known cells: `docs` documents of 3 pages, ruled and unruled tables mixed. */
export async function generatedSet(docs = 20) {
  let score = ZERO;
  let tables = 0;
  for (let d = 0; d < docs; d++) {
    const { pdf, truth } = await generatedDocument(3, 1000 + d);
    const found = await extractAll(pdf, "auto");
    for (let p = 1; p <= 3; p++) {
      score = add(score, scoreDocument(found.filter((t) => t.page === p).map((t) => t.rows), truth.filter((t) => t.page === p).map((t) => t.rows)));
    }
    tables += truth.length;
  }
  return { documents: docs, tables, method: "auto", ...summary(score) };
}

type CamelotCase = { file: string; method: "lattice" | "stream"; tables: string[][][] };

/** camelot-dev/camelot's test PDFs with tests/data.py's expected tables (bench/documents/SOURCES.md). */
export async function camelotSet() {
  const dir = path.join(__dirname, "camelot");
  const { cases } = JSON.parse(fs.readFileSync(path.join(dir, "expected.json"), "utf8")) as { cases: CamelotCase[] };
  const out: Record<string, unknown>[] = [];
  const totals: Record<string, Score> = { configured: ZERO, auto: ZERO };
  for (const c of cases) {
    const pdf = new Uint8Array(fs.readFileSync(path.join(dir, c.file)));
    const row: Record<string, unknown> = { file: c.file, method: c.method, expected_tables: c.tables.length };
    for (const [label, method] of [["configured", c.method], ["auto", "auto"]] as const) {
      const found = await extractAll(pdf, method);
      const s = scoreDocument(found.map((t) => t.rows), c.tables);
      totals[label] = add(totals[label], s);
      row[label] = { found_tables: found.length, ...summary(s) };
    }
    out.push(row);
  }
  return { cases: out, configured: summary(totals.configured), auto: summary(totals.auto) };
}
