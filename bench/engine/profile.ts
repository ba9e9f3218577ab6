/**
 * `npx tsx bench/engine/profile.ts [--runs 200] [--workers 2]`: where Conveyor's per-step time
 * goes. Same setup as the benchmark, but the workers count and time every SQL statement, and the
 * workers and the Inngest app are CPU-profiled during a 10-step throughput phase only.
 * Writes bench/results/engine-profile.json and bench/work/prof/*.cpuprofile (open in Chrome DevTools).
 */
import fs from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { conveyorSystem } from "./conveyor";
import { summarizeProfile } from "./cpuprofile";
import { latency, throughput } from "./phases";
import { ROOT, type Child } from "./procs";

const { values } = parseArgs({
  options: {
    runs: { type: "string", default: "200" },
    workers: { type: "string", default: "2" },
    /** Variants to compare: DATABASE_POOL_SIZE of the workers, synchronous_commit of their sessions, the app's environment. */
    pool: { type: "string" },
    "sync-commit": { type: "string" },
    "app-env": { type: "string", default: "inherit" },
    "stub-sdk": { type: "boolean", default: false },
    out: { type: "string", default: path.join("bench", "results", "engine-profile.json") },
    "admin-url": { type: "string", default: process.env.BENCH_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres" },
  },
});

type Statement = { text: string; count: number; ms: number };
type QueryReport = { transactions: number; statements: Statement[] };

async function queries(workers: Child[]): Promise<QueryReport> {
  const parts = await Promise.all(workers.map((w) => w.request<QueryReport>("queries")));
  const merged = new Map<string, Statement>();
  for (const p of parts) {
    for (const s of p.statements) {
      const m = merged.get(s.text) ?? { text: s.text, count: 0, ms: 0 };
      m.count += s.count;
      m.ms += s.ms;
      merged.set(s.text, m);
    }
  }
  return { transactions: parts.reduce((n, p) => n + p.transactions, 0), statements: [...merged.values()].sort((a, b) => b.count - a.count) };
}

function perStep(report: QueryReport, steps: number) {
  const total = report.statements.reduce((n, s) => n + s.count, 0);
  return {
    statements_per_step: Number((total / steps).toFixed(2)),
    round_trips_per_step: Number(((total + 2 * report.transactions) / steps).toFixed(2)),
    transactions_per_step: Number((report.transactions / steps).toFixed(2)),
    db_ms_per_step: Number((report.statements.reduce((n, s) => n + s.ms, 0) / steps).toFixed(2)),
    top: report.statements.slice(0, 12).map((s) => ({ per_step: Number((s.count / steps).toFixed(3)), avg_ms: Number((s.ms / s.count).toFixed(2)), sql: s.text })),
  };
}

async function main(): Promise<void> {
  process.env.LOG_LEVEL ??= "warn";
  const runs = Number(values.runs);
  const dir = path.join(ROOT, "bench", "work", "prof");
  fs.mkdirSync(dir, { recursive: true });
  const workerEnv: Record<string, string> = {};
  if (values.pool) workerEnv.DATABASE_POOL_SIZE = values.pool;
  if (values["sync-commit"]) workerEnv.PGOPTIONS = `-c synchronous_commit=${values["sync-commit"]}`;
  const sys = await conveyorSystem({
    adminUrl: values["admin-url"]!,
    workerScript: "bench/engine/counting-worker.ts",
    workerEnv,
    appMinimalEnv: values["app-env"] === "minimal",
    stubSdk: values["stub-sdk"],
  });
  try {
    await sys.start(Number(values.workers));
    const workers = sys.workers();
    const app = sys.companions()[0];
    await throughput(sys, 10, 20);
    await queries(workers);
    const idle = await latency(sys, 10, 10);
    const idleQueries = perStep(await queries(workers), 10 * 10);
    const targets = [...workers.map((w, i) => ({ child: w, name: `worker-${i}` })), { child: app, name: "sdk-app" }];
    await Promise.all(targets.map((t) => t.child.request("profile-start")));
    const load = await throughput(sys, 10, runs);
    await Promise.all(targets.map((t) => t.child.request("profile-stop", { file: path.join(dir, `${t.name}.cpuprofile`) })));
    const loadQueries = perStep(await queries(workers), runs * 10);
    const cpu = Object.fromEntries(targets.map((t) => [t.name, summarizeProfile(path.join(dir, `${t.name}.cpuprofile`))]));
    const variant = { pool: values.pool ?? "default (10)", synchronous_commit: values["sync-commit"] ?? "default (on)", app_env: values["app-env"], stub_sdk: values["stub-sdk"] };
    const report = { measured_at: new Date().toISOString(), variant, runs, workers: workers.length, idle, load, queries: { idle: idleQueries, load: loadQueries }, cpu };
    const out = path.resolve(ROOT, values.out!);
    fs.writeFileSync(out, `${JSON.stringify(report, null, 2)}\n`);
    process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  } finally {
    await sys.stop();
    await sys.close();
  }
  process.exit(0);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
