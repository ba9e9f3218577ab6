/**
 * The API benchmark (`npm run bench:api [-- --quick] [-- --stores postgres,pglite] [-- --profile]`):
 * against `next start` of a production build, for each store,
 *  - GET /api/v1/jobs/{id} with an API key: a closed-loop sweep of concurrency levels (requests/s,
 *    p50/p99), the best requests/s whose p99 stays under 50 ms, and 200 polls sent at once;
 *  - POST /api/v1/forms: time to the 202 for a ~1 MB PDF under 20 concurrent uploads, next to
 *    streaming the same bytes to disk and opening them once.
 * Then, with no server running, each piece of one poll timed in process (breakdown.ts).
 * `--no-uploads` and `--no-breakdown` skip those parts. `--profile` also records a CPU profile of the server under polling load (where the time goes).
 * Writes bench/results/api.json. Not a test: it asserts nothing and never runs in CI.
 * Builds into .next-bench when the sources changed (`next build`, a few minutes).
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { generateForm, splitSeeds } from "@/lib/forms/synthetic";
import { summarizeProfile } from "../engine/cpuprofile";
import { longDocument } from "../forms/documents";
import { burst, closedLoop, type LoadResult, type Target } from "./load";
import { treeCpuMs } from "./proc-cpu";
import { makeApiKey, startServer, type Store } from "./server";
import { diskFloor, uploadAll } from "./uploads";

const root = path.resolve(__dirname, "..", "..");
const args = process.argv.slice(2);
const quick = args.includes("--quick");
const profile = args.includes("--profile");
const withUploads = !args.includes("--no-uploads");
const withBreakdown = !args.includes("--no-breakdown");
const load1 = () => Number(os.loadavg()[0].toFixed(2));
const storesArg = args.includes("--stores") ? args[args.indexOf("--stores") + 1] : "postgres,pglite";
const stores = storesArg.split(",") as Store[];
const adminUrl = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";
const distDir = ".next-bench";
const port = Number(process.env.BENCH_PORT ?? 3339);
const LEVELS = quick ? [1, 16, 64] : [1, 4, 16, 32, 64];
const STEP_MS = quick ? 3000 : 5000;
const UPLOADS = 20;
const P99_BUDGET_MS = 50;

function build(): void {
  const check = spawnSync(
    path.join(root, "node_modules", ".bin", "tsx"),
    ["-e", `process.env.NEXT_DIST_DIR=${JSON.stringify(distDir)};require(${JSON.stringify(path.join(root, "tools", "build-if-needed.ts"))}).buildIfNeeded()`],
    { cwd: root, stdio: "inherit", env: { ...process.env, NEXT_DIST_DIR: distDir, NEXT_TELEMETRY_DISABLED: "1" } },
  );
  if (check.status !== 0) throw new Error("next build failed");
}

async function waitSettled(base: string, key: string, jobId: string, timeoutMs: number): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  let status = "unknown";
  while (Date.now() < deadline) {
    const res = await fetch(`${base}/api/v1/jobs/${jobId}`, { headers: { "x-api-key": key } });
    status = ((await res.json()) as { status: string }).status;
    if (status !== "queued" && status !== "running") return status;
    await new Promise((r) => setTimeout(r, 500));
  }
  return status;
}

/** A ~1 MB born-digital PDF (whole pages copied from held-out generated forms). */
async function oneMegabytePdf(): Promise<Uint8Array> {
  let pages = 8;
  for (;;) {
    const pdf = await longDocument(pages);
    if (pdf.length >= 1_000_000) return pdf;
    pages = Math.ceil(pages * Math.min(4, 1_050_000 / pdf.length));
  }
}

async function benchStore(store: Store, bigPdf: Uint8Array) {
  const profileDir = profile ? fs.mkdtempSync(path.join(os.tmpdir(), "conveyor-bench-prof-")) : undefined;
  const server = await startServer(store, { port, adminUrl, distDir, cpuProfileDir: profileDir });
  try {
    const key = await makeApiKey(server.base);
    // The job being polled: a one-page form, left to finish so its processing is not measured.
    const [seed] = splitSeeds("test", 1, 900_000);
    const small = (await generateForm(seed)).pdf;
    const first = await uploadAll(server.base, key, small, 1);
    const jobId = first.jobIds[0];
    if (!jobId) throw new Error(`upload failed: ${first.statuses}`);
    const settled = await waitSettled(server.base, key, jobId, 90_000);
    console.log(`[${store}] polling job ${jobId} (${settled})`);
    const target: Target = { port: server.port, path: `/api/v1/jobs/${jobId}`, headers: { "x-api-key": key } };
    await closedLoop(target, 8, 2000); // warm-up: JIT, pools, route compilation
    const sweep: LoadResult[] = [];
    for (const c of LEVELS) {
      // CPU per request of the server (and of this load generator): unlike req/s it holds on a busy machine.
      const serverCpu0 = treeCpuMs(server.pid);
      const selfCpu0 = process.cpuUsage();
      const loop = await closedLoop(target, c, STEP_MS);
      const serverCpu = serverCpu0 === undefined ? undefined : treeCpuMs(server.pid)! - serverCpu0;
      const self = process.cpuUsage(selfCpu0);
      const perRequest = (ms: number | undefined) => (ms === undefined || loop.requests === 0 ? null : Number((ms / loop.requests).toFixed(3)));
      const r = {
        ...loop,
        server_cpu_ms_per_request: perRequest(serverCpu),
        load_generator_cpu_ms_per_request: perRequest((self.user + self.system) / 1000),
        load_average_1m: load1(),
      };
      console.log(`[${store}] GET job, ${c} concurrent: ${r.rps} req/s, p50 ${r.p50_ms} ms, p99 ${r.p99_ms} ms, errors ${r.errors}, server CPU ${r.server_cpu_ms_per_request} ms/req, generator ${r.load_generator_cpu_ms_per_request} ms/req, load ${r.load_average_1m}`);
      sweep.push(r);
    }
    const atOnce = await burst(target, 200);
    console.log(`[${store}] 200 polls at once: p50 ${atOnce.p50_ms} ms, p99 ${atOnce.p99_ms} ms, all done in ${atOnce.seconds} s, errors ${atOnce.errors}`);
    const withinBudget = sweep.filter((r) => r.errors === 0 && r.p99_ms !== null && r.p99_ms < P99_BUDGET_MS);
    const best = withinBudget.sort((a, b) => b.rps - a.rps)[0] ?? null;
    const uploads = withUploads ? await uploadAll(server.base, key, bigPdf, UPLOADS) : undefined;
    if (uploads) console.log(`[${store}] ${UPLOADS} uploads of ${bigPdf.length} bytes at once: 202 after p50 ${uploads.p50_ms} ms, max ${uploads.max_ms} ms, statuses ${uploads.statuses}`);
    await server.stop();
    const cpu = profileDir ? fs.readdirSync(profileDir).filter((f) => f.endsWith(".cpuprofile")) : [];
    const profiles = cpu.map((f) => summarizeProfile(path.join(profileDir!, f), 25));
    if (profileDir) fs.rmSync(profileDir, { recursive: true, force: true });
    const { jobIds: _ids, ...uploadSummary } = uploads ?? { jobIds: [] };
    return {
      store,
      get_job: { sweep, best_rps_with_p99_under_50ms: best ? { rps: best.rps, concurrency: best.concurrency, p99_ms: best.p99_ms } : null, burst_200: atOnce },
      upload_1mb: uploads ? { bytes: bigPdf.length, concurrency: UPLOADS, ...uploadSummary } : "skipped (--no-uploads)",
      ...(profile ? { cpu_profiles: profiles } : {}),
    };
  } finally {
    await server.stop();
  }
}

/** The pieces of one poll timed in process, in a child (breakdown.ts), with no server running. */
function inProcessBreakdown(store: Store): unknown {
  const child = spawnSync(path.join(root, "node_modules", ".bin", "tsx"), [path.join(__dirname, "breakdown.ts"), store, adminUrl], {
    cwd: root,
    encoding: "utf8",
    env: { ...process.env, LOG_LEVEL: "silent", ...(quick ? { BREAKDOWN_ITERATIONS: "100" } : {}) },
  });
  if (child.status !== 0) throw new Error(`breakdown on ${store} failed: ${child.stderr}`);
  const result = JSON.parse(child.stdout.trim().split("\n").pop()!);
  console.log(`[${store}] in process:`, result);
  return result;
}

async function main() {
  build();
  const started = new Date();
  const loadAtStart = os.loadavg().map((l) => Number(l.toFixed(2)));
  const bigPdf = await oneMegabytePdf();
  console.log(`api bench on ${os.availableParallelism()} cores, load ${loadAtStart.join(" ")}${quick ? " (quick)" : ""}; stores ${stores.join(", ")}`);
  const results = [];
  for (const store of stores) results.push(await benchStore(store, bigPdf));
  const breakdown = withBreakdown ? stores.map(inProcessBreakdown) : "skipped (--no-breakdown)";
  const floor = withUploads ? await diskFloor(bigPdf, UPLOADS) : undefined;
  if (floor) console.log(`floor: ${UPLOADS} x stream ${bigPdf.length} bytes to disk + open once: p50 ${floor.p50_ms} ms, max ${floor.max_ms} ms`);
  const out = {
    generated_at: started.toISOString(),
    quick,
    machine: {
      cores: os.availableParallelism(),
      cpu: os.cpus()[0]?.model ?? "unknown",
      node: process.version,
      load_at_start: loadAtStart,
      load_at_end: os.loadavg().map((l) => Number(l.toFixed(2))),
      note: "load generator and server share the same cores",
    },
    settings: { levels: LEVELS, step_ms: STEP_MS, p99_budget_ms: P99_BUDGET_MS, uploads: UPLOADS },
    stores: results,
    in_process_breakdown: breakdown,
    upload_floor_disk_and_open: floor ? { bytes: bigPdf.length, concurrency: UPLOADS, ...floor } : "skipped (--no-uploads)",
  };
  const file = path.join(root, "bench", "results", process.env.BENCH_OUT ?? "api.json");
  fs.writeFileSync(file, `${JSON.stringify(out, null, 2)}\n`);
  console.log(`wrote ${path.relative(root, file)}`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
