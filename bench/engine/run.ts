/**
 * `npm run bench:engine`: Conveyor's engine against BullMQ (Redis) and graphile-worker
 * (PostgreSQL) on the same machine in one invocation: 1-step and 10-step runs, 1 and 2 worker
 * processes, configurations interleaved and repeated (machines here are shared and noisy; compare
 * ratios). Writes bench/results/engine.json and prints a markdown table (docs/benchmarks.md).
 *
 *   npm run bench:engine -- [--runs-1 400] [--runs-10 100] [--latency-runs 15] [--repeats 2]
 *                           [--workers 1,2] [--systems conveyor,conveyor-embedded-api,conveyor-stub-sdk,bullmq,graphile-worker] [--out file]
 */
import fs from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { machineInfo } from "./machine";
import { latency, throughput } from "./phases";
import { ROOT } from "./procs";
import { renderTable, summarize, type ConfigResult } from "./report";
import type { BenchSystem } from "./systems";

const { values } = parseArgs({
  options: {
    "runs-1": { type: "string", default: process.env.BENCH_RUNS_1 ?? "400" },
    "runs-10": { type: "string", default: process.env.BENCH_RUNS_10 ?? "100" },
    "latency-runs": { type: "string", default: process.env.BENCH_LATENCY_RUNS ?? "15" },
    warmup: { type: "string", default: "20" },
    repeats: { type: "string", default: process.env.BENCH_REPEATS ?? "2" },
    workers: { type: "string", default: "1,2" },
    systems: { type: "string", default: "conveyor,conveyor-embedded-api,conveyor-stub-sdk,bullmq,graphile-worker" },
    out: { type: "string", default: path.join("bench", "results", "engine.json") },
    "admin-url": { type: "string", default: process.env.BENCH_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres" },
    redis: { type: "string", default: process.env.BENCH_REDIS ?? "127.0.0.1:6379" },
  },
});

const opts = {
  runs1: Number(values["runs-1"]),
  runs10: Number(values["runs-10"]),
  latencyRuns: Number(values["latency-runs"]),
  warmup: Number(values.warmup),
  repeats: Number(values.repeats),
  workers: values.workers!.split(",").map(Number),
  systems: values.systems!.split(","),
  adminUrl: values["admin-url"]!,
  redis: { host: values.redis!.split(":")[0], port: Number(values.redis!.split(":")[1] ?? 6379) },
};

const log = (line: string) => process.stderr.write(`${new Date().toISOString().slice(11, 19)} ${line}\n`);

async function makeSystems(): Promise<BenchSystem[]> {
  const out: BenchSystem[] = [];
  for (const name of opts.systems) {
    if (name === "conveyor") out.push(await (await import("./conveyor")).conveyorSystem({ adminUrl: opts.adminUrl }));
    else if (name === "conveyor-embedded-api") out.push(await (await import("./conveyor")).conveyorSystem({ adminUrl: opts.adminUrl, inProcessApi: true }));
    else if (name === "conveyor-stub-sdk") out.push(await (await import("./conveyor")).conveyorSystem({ adminUrl: opts.adminUrl, stubSdk: true }));
    else if (name === "bullmq") out.push((await import("./bullmq")).bullmqSystem(opts.redis));
    else if (name === "graphile-worker") out.push((await import("./graphile")).graphileSystem(opts.adminUrl));
    else throw new Error(`unknown system ${name}`);
  }
  return out;
}

async function runConfig(sys: BenchSystem, workers: number, repeat: number): Promise<ConfigResult> {
  const { loadavg } = await import("node:os");
  const before = loadavg();
  log(`${sys.name}, ${workers} worker(s), repeat ${repeat}: starting`);
  await sys.start(workers);
  try {
    await throughput(sys, 10, opts.warmup);
    const t1 = await throughput(sys, 1, opts.runs1);
    const t10 = await throughput(sys, 10, opts.runs10);
    const l1 = await latency(sys, 1, opts.latencyRuns);
    const l10 = await latency(sys, 10, opts.latencyRuns);
    const memory = {
      workers_peak_rss_mb: sys.workers().map((w) => Math.round(w.memory().peakRss / 1048576)),
      companions_rss_mb: sys.companions().map((c) => Math.round(c.memory().rss / 1048576)),
    };
    log(
      `${sys.name} x${workers}: 1-step ${t1.runs_per_s} runs/s; 10-step ${t10.steps_per_s} steps/s; ` +
        `gap p50 ${l10.gap_p50_ms} ms (idle), ${t10.gap_under_load_p50_ms} ms (load); RSS ${memory.workers_peak_rss_mb.join("+")} MB`,
    );
    return { system: sys.name, workers, repeat, loadavg_before: before, loadavg_after: loadavg(), throughput: { "1": t1, "10": t10 }, latency: { "1": l1, "10": l10 }, memory };
  } finally {
    await sys.stop();
  }
}

async function main(): Promise<void> {
  process.env.LOG_LEVEL ??= "warn";
  const started = new Date();
  const machine = await machineInfo(opts.adminUrl, opts.redis);
  log(`machine: ${machine.cpus} cores (${machine.cpu_model}), load ${machine.loadavg_start.join(" ")}`);
  const systems = await makeSystems();
  const results: ConfigResult[] = [];
  try {
    for (let repeat = 1; repeat <= opts.repeats; repeat++) {
      for (const workers of opts.workers) {
        // Rotate the order each repeat so no system always runs first (or last) on a warming machine.
        const order = systems.map((_, i) => systems[(i + repeat - 1 + workers - 1) % systems.length]);
        for (const sys of order) results.push(await runConfig(sys, workers, repeat));
      }
    }
  } finally {
    for (const sys of systems) await sys.close().catch(() => {});
  }
  const { loadavg } = await import("node:os");
  const summary = summarize(results);
  const report = {
    benchmark: "engine",
    started_at: started.toISOString(),
    finished_at: new Date().toISOString(),
    machine: { ...machine, loadavg_end: loadavg() },
    options: { ...opts, adminUrl: undefined, concurrency_per_worker: 32 },
    definitions: {
      gap: "Per-step overhead: time from one step's code returning to the next step's code starting in the same run (10-step runs), measured in the processes that run the steps with a shared wall clock. Idle: runs one at a time; under load: during the throughput phase.",
      per_step_overhead: "(run end - submit - sum of step work) / steps, runs one at a time: includes intake, dispatch of the first step and the run's completion.",
      throughput: "N runs submitted at once; seconds from the first submit to the last run's code returning. steps/s = runs x steps / seconds.",
      peak_rss: "VmHWM of each worker process over its configuration (Conveyor: engine worker processes; the Inngest app that runs the steps is listed separately).",
    },
    summary,
    runs: results,
  };
  const out = path.resolve(ROOT, values.out!);
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(out, `${JSON.stringify(report, null, 2)}\n`);
  log(`wrote ${path.relative(ROOT, out)}`);
  process.stdout.write(`${renderTable(summary, machine)}\n`);
  process.exit(0);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
