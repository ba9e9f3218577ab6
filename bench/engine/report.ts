import type { MachineInfo } from "./machine";
import type { LatencyResult, ThroughputResult } from "./phases";
import { median, round } from "./stats";

export type ConfigResult = {
  system: string;
  workers: number;
  repeat: number;
  loadavg_before: number[];
  loadavg_after: number[];
  throughput: Record<"1" | "10", ThroughputResult>;
  latency: Record<"1" | "10", LatencyResult>;
  memory: { workers_peak_rss_mb: number[]; companions_rss_mb: number[] };
};

export type SummaryRow = {
  system: string;
  workers: number;
  repeats: number;
  runs_per_s_1_step: number | null;
  runs_per_s_10_step: number | null;
  steps_per_s_10_step: number | null;
  gap_p50_ms: number | null;
  gap_p99_ms: number | null;
  gap_under_load_p50_ms: number | null;
  gap_under_load_p99_ms: number | null;
  per_step_overhead_p50_ms: number | null;
  first_step_p50_ms: number | null;
  run_1_step_p50_ms: number | null;
  /** CPU ms per step in the 10-step throughput phase: worker processes, and Conveyor's SDK app. */
  cpu_ms_per_step_workers: number | null;
  cpu_ms_per_step_app: number | null;
  peak_rss_mb_per_worker: number | null;
  companion_rss_mb: number | null;
  failed_runs: number;
  /** This row's 10-step steps/s over Conveyor's with as many workers. */
  steps_per_s_vs_conveyor: number | null;
};

/** Medians over repeats, per system and worker count. */
export function summarize(results: ConfigResult[]): SummaryRow[] {
  const keys = [...new Set(results.map((r) => `${r.system}|${r.workers}`))];
  const rows = keys.map((key): SummaryRow => {
    const rs = results.filter((r) => `${r.system}|${r.workers}` === key);
    const m = (f: (r: ConfigResult) => number | null) => round(median(rs.map(f)), 2);
    return {
      system: rs[0].system,
      workers: rs[0].workers,
      repeats: rs.length,
      runs_per_s_1_step: m((r) => r.throughput["1"].runs_per_s),
      runs_per_s_10_step: m((r) => r.throughput["10"].runs_per_s),
      steps_per_s_10_step: m((r) => r.throughput["10"].steps_per_s),
      gap_p50_ms: m((r) => r.latency["10"].gap_p50_ms),
      gap_p99_ms: m((r) => r.latency["10"].gap_p99_ms),
      gap_under_load_p50_ms: m((r) => r.throughput["10"].gap_under_load_p50_ms),
      gap_under_load_p99_ms: m((r) => r.throughput["10"].gap_under_load_p99_ms),
      per_step_overhead_p50_ms: m((r) => r.latency["10"].per_step_overhead_p50_ms),
      first_step_p50_ms: m((r) => r.latency["10"].first_step_p50_ms),
      run_1_step_p50_ms: m((r) => r.latency["1"].run_p50_ms),
      cpu_ms_per_step_workers: m((r) => r.throughput["10"].cpu_ms_per_step_workers),
      cpu_ms_per_step_app: m((r) => r.throughput["10"].cpu_ms_per_step_app),
      peak_rss_mb_per_worker: m((r) => Math.max(...r.memory.workers_peak_rss_mb)),
      companion_rss_mb: m((r) => (r.memory.companions_rss_mb.length ? Math.max(...r.memory.companions_rss_mb) : null)),
      failed_runs: rs.reduce((n, r) => n + r.throughput["1"].failed + r.throughput["10"].failed + (r.throughput["1"].runs - r.throughput["1"].completed - r.throughput["1"].failed) + (r.throughput["10"].runs - r.throughput["10"].completed - r.throughput["10"].failed), 0),
      steps_per_s_vs_conveyor: null,
    };
  });
  for (const row of rows) {
    const base = rows.find((r) => r.system === "conveyor" && r.workers === row.workers);
    if (base?.steps_per_s_10_step && row.steps_per_s_10_step) row.steps_per_s_vs_conveyor = round(row.steps_per_s_10_step / base.steps_per_s_10_step, 2);
  }
  return rows.sort((a, b) => a.workers - b.workers || a.system.localeCompare(b.system));
}

const cell = (v: number | null, unit = "") => (v === null ? "—" : `${v.toLocaleString("en", { maximumFractionDigits: v >= 100 ? 0 : v >= 10 ? 1 : 2 })}${unit}`);

/** The markdown table for docs/benchmarks.md. */
export function renderTable(rows: SummaryRow[], machine: MachineInfo): string {
  const head =
    "| system | workers | 1-step runs/s | 10-step runs/s | 10-step steps/s | vs Conveyor | step gap p50 / p99 (idle) | step gap p50 / p99 (under load) | overhead per step p50 | first step p50 | CPU per step | peak RSS per worker |\n" +
    "|---|---|---|---|---|---|---|---|---|---|---|---|";
  const lines = rows.map(
    (r) =>
      `| ${r.system} | ${r.workers} | ${cell(r.runs_per_s_1_step)} | ${cell(r.runs_per_s_10_step)} | ${cell(r.steps_per_s_10_step)} | ${r.steps_per_s_vs_conveyor === null ? "—" : `${r.steps_per_s_vs_conveyor}×`} | ` +
      `${cell(r.gap_p50_ms, " ms")} / ${cell(r.gap_p99_ms, " ms")} | ${cell(r.gap_under_load_p50_ms, " ms")} / ${cell(r.gap_under_load_p99_ms, " ms")} | ` +
      `${cell(r.per_step_overhead_p50_ms, " ms")} | ${cell(r.first_step_p50_ms, " ms")} | ` +
      `${cell(r.cpu_ms_per_step_workers, " ms")}${r.cpu_ms_per_step_app !== null ? ` + app ${cell(r.cpu_ms_per_step_app, " ms")}` : ""} | ${cell(r.peak_rss_mb_per_worker, " MB")}${r.companion_rss_mb ? ` (+ app ${r.companion_rss_mb} MB)` : ""} |`,
  );
  const note = `Machine: ${machine.cpus} cores (${machine.cpu_model}), ${machine.memory_gb} GB, load average at start ${machine.loadavg_start.join(" / ")}; Node ${machine.node}, PostgreSQL ${machine.postgres}, Redis ${machine.redis}.`;
  return `${head}\n${lines.join("\n")}\n\n${note}`;
}
