/**
 * The fairness benchmark (`npm run bench:fairness`): how long another workspace's 1-page form
 * takes while one workspace has two hostile PDFs queued (issue 7: a 3-million-operation page and a
 * 400 MB decompression bomb), against the same form on an idle server. Jobs go through what the
 * server does with them on a pool of 2 worker threads (the 2-core target): the upload check with
 * the PDF bounds, then rendering, detection and writing; one job at a time per workspace
 * (FORMS_WORKSPACE_CONCURRENCY=1, the engine's keyed concurrency) and the global cap of the pool.
 * Then each hostile file alone in a fresh process, with the bounds and without (the code before
 * them), for its time and peak RSS. Writes bench/results/fairness.json. Asserts nothing.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { FormsWorkerPool, runFormsPipeline } from "@/lib/forms";
import { inspectPdf } from "@/lib/forms/pipeline/inspect";
import { pdfLimits } from "@/lib/pdf/settings";
import { fixtures, workDir } from "./fixtures";

const root = path.resolve(__dirname, "..", "..");

let runs = 0;
/** One upload as the server handles it: checked at once, then processed if accepted. */
async function job(pool: FormsWorkerPool, file: string): Promise<{ ms: number; outcome: string }> {
  const started = performance.now();
  const n = ++runs;
  try {
    await inspectPdf(new Uint8Array(fs.readFileSync(file)), { maxPages: 500 }, pool);
    await runFormsPipeline({ inputPath: file, workDir: path.join(workDir, `job-${n}`), outputPath: path.join(workDir, `out-${n}.pdf`), pool, raster: { enabled: false } });
    return { ms: performance.now() - started, outcome: "done" };
  } catch (error) {
    return { ms: performance.now() - started, outcome: (error as { type?: string }).type ?? (error as Error).message };
  }
}

/** A workspace's jobs one after another (its concurrency key allows one at a time). */
async function workspace(pool: FormsWorkerPool, files: string[]) {
  const out = [];
  for (const file of files) out.push(await job(pool, file));
  return out;
}

function hostileAlone(file: string, bounds: "on" | "off") {
  const result = spawnSync(process.execPath, ["--import", "tsx", path.join(__dirname, "hostile-child.ts"), file, bounds], {
    cwd: root,
    encoding: "utf8",
    timeout: 300_000,
  });
  const line = result.stdout.trim().split("\n").pop() ?? "";
  try {
    return JSON.parse(line) as { outcome: string; ms: number; peakRssMb: number };
  } catch {
    return { outcome: `child failed: ${(result.stderr || String(result.signal)).slice(-300)}`, ms: 0, peakRssMb: 0 };
  }
}

async function main() {
  const files = await fixtures();
  const limits = pdfLimits();
  const pool = new FormsWorkerPool({ size: 2, taskTimeoutMs: limits.pageTimeoutMs, maxHeapMb: limits.workerMaxHeapMb });
  await job(pool, files.form); // warm-up: threads started, pdf.js loaded
  const idle = [];
  for (let i = 0; i < 3; i++) idle.push((await job(pool, files.form)).ms);
  const loaded = [];
  let hostile: Awaited<ReturnType<typeof workspace>> = [];
  for (let i = 0; i < 3; i++) {
    const attack = workspace(pool, [files.pathBomb, files.inflateBomb]);
    await new Promise((resolve) => setTimeout(resolve, 50));
    loaded.push((await job(pool, files.form)).ms);
    hostile = await attack;
  }
  await pool.close();
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const alone = {
    pathBomb: { bounds: hostileAlone(files.pathBomb, "on"), noBounds: hostileAlone(files.pathBomb, "off") },
    inflateBomb: { bounds: hostileAlone(files.inflateBomb, "on"), noBounds: hostileAlone(files.inflateBomb, "off") },
  };
  const result = {
    date: new Date().toISOString(),
    machine: { cpus: os.availableParallelism(), model: os.cpus()[0]?.model, node: process.version },
    pool_workers: 2,
    limits: { ...limits },
    files: Object.fromEntries(Object.entries(files).map(([k, f]) => [k, { bytes: fs.statSync(f).size }])),
    victim_ms: { idle: idle.map(Math.round), with_hostile: loaded.map(Math.round), idle_median: Math.round(median(idle)), with_hostile_median: Math.round(median(loaded)) },
    ratio: Math.round((median(loaded) / median(idle)) * 100) / 100,
    hostile_jobs: hostile.map((h) => ({ ms: Math.round(h.ms), outcome: h.outcome })),
    hostile_alone: alone,
  };
  fs.mkdirSync(path.join(root, "bench", "results"), { recursive: true });
  fs.writeFileSync(path.join(root, "bench", "results", "fairness.json"), `${JSON.stringify(result, null, 2)}\n`);
  console.log(JSON.stringify(result, null, 2));
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
