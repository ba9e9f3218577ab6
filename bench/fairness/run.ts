/**
 * The fairness benchmark (`npm run bench:fairness`): how long another workspace's 1-page form
 * takes while one workspace uploads hostile PDFs at once (issue 7: a 3-million-operation page and
 * a 400 MB decompression bomb; the two, and a burst of eight, which the upload rate limit
 * of 60 per 10 minutes allows), against the same form on an idle server. Jobs go through what
 * the server does with them on a pool of 2 worker threads (the 2-core target): the upload check
 * with the PDF bounds (both hostile checks at once, as two concurrent uploads), then rendering,
 * detection and writing, one job at a time per workspace (FORMS_WORKSPACE_CONCURRENCY=1, the
 * engine's keyed concurrency), every task counted against its workspace's share of the pool.
 * Two pools are measured in the same run, rounds interleaved: the shipped one (a workspace holds at
 * most PDF_WORKSPACE_THREADS threads, 1 of 2 by default) and one where a workspace may hold every
 * thread (the pool before per-workspace slots). Then each hostile file alone in a fresh process,
 * with the bounds and without (the code before them), for its time and peak RSS.
 * Writes bench/results/fairness.json. Asserts nothing.
 *
 * Options: --rounds N (default 5), --bursts 2,8 (hostile uploads sent at once), --no-alone (skip the fresh-process runs; the unbounded ones take
 * about two minutes and 5 GB of memory).
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
const args = process.argv.slice(2);
const rounds = Number(args[args.indexOf("--rounds") + 1]) || 5;
const alone = !args.includes("--no-alone");
const bursts = (args.includes("--bursts") ? args[args.indexOf("--bursts") + 1] : "2,8").split(",").map(Number);

let runs = 0;
/** One upload as the server handles it: checked at once, then processed if accepted. */
async function check(pool: FormsWorkerPool, file: string, tenant: string) {
  await inspectPdf(new Uint8Array(fs.readFileSync(file)), { maxPages: 500, tenant }, pool);
}
async function process1(pool: FormsWorkerPool, file: string, tenant: string) {
  const n = ++runs;
  await runFormsPipeline({ inputPath: file, workDir: path.join(workDir, `job-${n}`), outputPath: path.join(workDir, `out-${n}.pdf`), pool, tenant, raster: { enabled: false } });
}
const outcome = (error: unknown) => (error as { type?: string }).type ?? (error as Error).message;

async function victim(pool: FormsWorkerPool, file: string): Promise<number> {
  const started = performance.now();
  await check(pool, file, "victim");
  await process1(pool, file, "victim");
  return performance.now() - started;
}

/** The attacker: both uploads at once (their checks run together), then its accepted jobs one at a time. */
async function attacker(pool: FormsWorkerPool, files: string[]) {
  const started = performance.now();
  const checks = await Promise.allSettled(files.map((file) => check(pool, file, "hostile")));
  const out = [];
  for (const [i, result] of checks.entries()) {
    if (result.status === "rejected") {
      out.push({ file: path.basename(files[i]), ms: Math.round(performance.now() - started), outcome: outcome(result.reason) });
      continue;
    }
    try {
      await process1(pool, files[i], "hostile");
      out.push({ file: path.basename(files[i]), ms: Math.round(performance.now() - started), outcome: "done" });
    } catch (error) {
      out.push({ file: path.basename(files[i]), ms: Math.round(performance.now() - started), outcome: outcome(error) });
    }
  }
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

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const load = () => os.loadavg().map((x) => Math.round(x * 100) / 100);

async function main() {
  const files = await fixtures();
  const limits = pdfLimits();
  const pools = {
    // What the server runs: a workspace holds at most its share (PDF_WORKSPACE_THREADS; 1 of 2).
    capped: new FormsWorkerPool({ size: 2, taskTimeoutMs: limits.pageTimeoutMs, maxHeapMb: limits.workerMaxHeapMb, maxPerTenant: limits.workspaceThreads }),
    // The pool before per-workspace slots: one workspace may hold both threads.
    uncapped: new FormsWorkerPool({ size: 2, taskTimeoutMs: limits.pageTimeoutMs, maxHeapMb: limits.workerMaxHeapMb, maxPerTenant: 2 }),
  };
  const results: Record<string, { idle: number[]; loaded: number[]; hostile: unknown[]; load: number[][] }> = {};
  const configs = Object.keys(pools).flatMap((pool) => bursts.map((burst) => ({ name: `${pool}, burst ${burst}`, pool: pools[pool as keyof typeof pools], burst })));
  for (const pool of Object.values(pools)) {
    // Warm-up: both threads booted and pdf.js loaded, so no measurement pays a thread's start.
    await Promise.all([process1(pool, files.form, "warm-a"), process1(pool, files.form, "warm-b")]);
    await victim(pool, files.form);
  }
  for (const c of configs) results[c.name] = { idle: [], loaded: [], hostile: [], load: [] };
  const startLoad = load();
  for (let round = 0; round < rounds; round++) {
    // Order rotated each round, so a busy moment on the machine does not always hit the same configuration.
    const order = configs.map((_, i) => configs[(i + round) % configs.length]);
    for (const { name, pool, burst } of order) {
      const r = results[name];
      // The idle time next to the loaded one, twice: the machine is shared and noisy.
      r.idle.push(await victim(pool, files.form), await victim(pool, files.form));
      const hostile = Array.from({ length: burst }, (_, i) => (i % 2 === 0 ? files.pathBomb : files.inflateBomb));
      const attack = attacker(pool, hostile);
      await new Promise((resolve) => setTimeout(resolve, 20));
      r.loaded.push(await victim(pool, files.form));
      const outcomes = await attack;
      r.hostile.push({ refused: outcomes.filter((o) => o.outcome === "PdfTooComplexError").length, of: outcomes.length, last_answer_ms: Math.max(...outcomes.map((o) => o.ms)) });
      r.load.push(load());
    }
  }
  const peakRssMb = Math.round(process.resourceUsage().maxRSS / 1024);
  await Promise.all(Object.values(pools).map((p) => p.close()));
  const summary = Object.fromEntries(
    Object.entries(results).map(([name, r]) => [
      name,
      {
        victim_ms: { idle: r.idle.map(Math.round), with_hostile: r.loaded.map(Math.round), idle_median: Math.round(median(r.idle)), with_hostile_median: Math.round(median(r.loaded)) },
        ratio: Math.round((median(r.loaded) / median(r.idle)) * 100) / 100,
        worst_ratio: Math.round((Math.max(...r.loaded) / median(r.idle)) * 100) / 100,
        hostile_uploads: r.hostile,
        load_average_after_each_round: r.load.map((l) => l[0]),
      },
    ]),
  );
  const hostileAloneResults = alone
    ? {
        pathBomb: { bounds: hostileAlone(files.pathBomb, "on"), noBounds: hostileAlone(files.pathBomb, "off") },
        inflateBomb: { bounds: hostileAlone(files.inflateBomb, "on"), noBounds: hostileAlone(files.inflateBomb, "off") },
      }
    : "skipped (--no-alone)";
  const result = {
    date: new Date().toISOString(),
    machine: { cpus: os.availableParallelism(), model: os.cpus()[0]?.model, node: process.version },
    load_average: { start: startLoad, end: load() },
    pool_workers: 2,
    rounds,
    limits: { ...limits },
    files: Object.fromEntries(Object.entries(files).map(([k, f]) => [k, { bytes: fs.statSync(f).size }])),
    pools: summary,
    peak_rss_mb: peakRssMb,
    hostile_alone: hostileAloneResults,
  };
  fs.mkdirSync(path.join(root, "bench", "results"), { recursive: true });
  fs.writeFileSync(path.join(root, "bench", "results", "fairness.json"), `${JSON.stringify(result, null, 2)}\n`);
  console.log(JSON.stringify(result, null, 2));
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
