/**
 * The two measurements each configuration gets. Throughput: submit N runs at once and time until
 * the last run's last step returned. Latency: one run at a time on an otherwise idle system, so
 * the gaps between steps are the system's own overhead, not queueing behind other runs.
 */
import type { Child } from "./procs";
import { wallMs, type DoneMark, type StepMark } from "./recorder";
import { gaps, lastDone, latencyBreakdown, percentile, round, stepsByRun, type LatencySample } from "./stats";
import type { BenchSystem, Shape } from "./systems";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function collectAll(recorders: Child[]): Promise<{ steps: StepMark[]; done: DoneMark[] }> {
  const parts = await Promise.all(recorders.map((r) => r.collect()));
  return { steps: parts.flatMap((p) => p.steps), done: parts.flatMap((p) => p.done) };
}

export type ThroughputResult = {
  runs: number;
  completed: number;
  failed: number;
  seconds: number;
  runs_per_s: number;
  steps_per_s: number;
  submit_ms: number;
  gap_under_load_p50_ms: number | null;
  gap_under_load_p99_ms: number | null;
  /** CPU time per step of the worker processes, and of the companion app (Conveyor's SDK app). */
  cpu_ms_per_step_workers: number;
  cpu_ms_per_step_app: number | null;
};

const cpuOf = (children: Child[]) => children.reduce((n, c) => n + c.cpuMs(), 0);

let phase = 0;

export async function throughput(sys: BenchSystem, shape: Shape, n: number): Promise<ThroughputResult> {
  const recorders = sys.recorders();
  await Promise.all(recorders.map((r) => r.request("notify-batch")));
  await collectAll(recorders);
  const tag = `t${++phase}`;
  const tokens = Array.from({ length: n }, (_, i) => `${tag}-${i}`);
  const wanted = new Set(tokens);
  const cpu0 = { workers: cpuOf(sys.workers()), app: cpuOf(sys.companions()) };
  const t0 = wallMs();
  await sys.submit(shape, tokens);
  const submitMs = wallMs() - t0;
  const steps: StepMark[] = [];
  const done = new Map<string, DoneMark>();
  const deadline = t0 + Math.max(120_000, n * shape * 50);
  while (done.size < n && wallMs() < deadline) {
    await sleep(100);
    const got = await collectAll(recorders);
    steps.push(...got.steps.filter((m) => wanted.has(m.token)));
    for (const d of got.done) if (wanted.has(d.token) && !done.has(d.token)) done.set(d.token, d);
  }
  const seconds = (lastDone([...done.values()]) - t0) / 1000;
  const cpu = { workers: cpuOf(sys.workers()) - cpu0.workers, app: cpuOf(sys.companions()) - cpu0.app };
  let check = await sys.verify(shape, n);
  for (let i = 0; i < 50 && check.completed + check.failed < n; i++) {
    await sleep(100);
    check = await sys.verify(shape, n);
  }
  const load = gaps(stepsByRun(steps));
  return {
    runs: n,
    completed: Math.min(done.size, check.completed),
    failed: check.failed,
    seconds: round(seconds, 3)!,
    runs_per_s: round(done.size / seconds, 1)!,
    steps_per_s: round((done.size * shape) / seconds, 1)!,
    submit_ms: round(submitMs, 1)!,
    gap_under_load_p50_ms: round(percentile(load, 50)),
    gap_under_load_p99_ms: round(percentile(load, 99)),
    cpu_ms_per_step_workers: round(cpu.workers / (n * shape), 3)!,
    cpu_ms_per_step_app: sys.companions().length ? round(cpu.app / (n * shape), 3) : null,
  };
}

export type LatencyResult = {
  runs: number;
  gaps: number;
  gap_p50_ms: number | null;
  gap_p99_ms: number | null;
  per_step_overhead_p50_ms: number | null;
  per_step_overhead_p99_ms: number | null;
  first_step_p50_ms: number | null;
  run_p50_ms: number | null;
  run_p99_ms: number | null;
};

export async function latency(sys: BenchSystem, shape: Shape, n: number): Promise<LatencyResult> {
  const recorders = sys.recorders();
  await Promise.all(recorders.map((r) => r.request("notify-each")));
  await collectAll(recorders);
  const tag = `l${++phase}`;
  const samples: LatencySample[] = [];
  const steps: StepMark[] = [];
  for (let i = 0; i < n; i++) {
    const token = `${tag}-${i}`;
    const unsubscribe: (() => void)[] = [];
    const finished = new Promise<number>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`${sys.name}: run ${token} did not finish in 30 s`)), 30_000);
      for (const r of recorders) {
        unsubscribe.push(
          r.onDone((m) => {
            if (m.token !== token) return;
            clearTimeout(timer);
            resolve(m.at);
          }),
        );
      }
    });
    const sentAt = wallMs();
    await sys.submit(shape, [token]);
    const doneAt = await finished.finally(() => unsubscribe.forEach((u) => u()));
    samples.push({ token, sentAt, doneAt });
    // Let the system go idle (lease renewals, completions) before the next run.
    await sleep(15);
  }
  const got = await collectAll(recorders);
  steps.push(...got.steps);
  const byRun = stepsByRun(steps);
  const between = gaps(byRun);
  const parts = latencyBreakdown(samples, byRun, shape);
  return {
    runs: n,
    gaps: between.length,
    gap_p50_ms: round(percentile(between, 50)),
    gap_p99_ms: round(percentile(between, 99)),
    per_step_overhead_p50_ms: round(percentile(parts.perStep, 50)),
    per_step_overhead_p99_ms: round(percentile(parts.perStep, 99)),
    first_step_p50_ms: round(percentile(parts.firstStep, 50)),
    run_p50_ms: round(percentile(parts.total, 50)),
    run_p99_ms: round(percentile(parts.total, 99)),
  };
}
