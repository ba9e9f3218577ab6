import client from "prom-client";
import type { Sql } from "@/lib/db";
import { registerOnce } from "@/lib/metrics";
import type { EngineObserver } from "./context";

const SQL_KEY = Symbol.for("conveyor.engine.metricsSql");
type Holder = { [SQL_KEY]?: Sql };

/** The database the scrape-time gauges read (the embedded engine's, set when it starts). */
export function setMetricsDatabase(sql: Sql | undefined): void {
  (globalThis as Holder)[SQL_KEY] = sql;
}

/**
 * Engine metrics on the shared registry: queue depth and runs by status are read from the
 * database at scrape time (so every process reports the cluster's state); call durations and
 * finished runs are counted by the process that did them.
 */
const BUCKETS = [0.001, 0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300];

export function engineMetrics() {
  const stepDuration = registerOnce(
    "conveyor_engine_step_duration_seconds",
    (registry) =>
      new client.Histogram({
        name: "conveyor_engine_step_duration_seconds",
        help: "How long each step.run took, as stored when its result was memoized (the SDK's own timing when it reports one)",
        labelNames: ["function_id", "status"] as const,
        buckets: BUCKETS,
        registers: [registry],
      }),
  );
  const callDuration = registerOnce(
    "conveyor_engine_call_duration_seconds",
    (registry) =>
      new client.Histogram({
        name: "conveyor_engine_call_duration_seconds",
        help: "Duration of engine calls to SDK endpoints (a discovery, one planned step, or with checkpointing many steps)",
        labelNames: ["function_id", "outcome"] as const,
        buckets: BUCKETS,
        registers: [registry],
      }),
  );
  const runsFinished = registerOnce(
    "conveyor_engine_runs_finished_total",
    (registry) =>
      new client.Counter({
        name: "conveyor_engine_runs_finished_total",
        help: "Runs this process finished, by final status",
        labelNames: ["status"] as const,
        registers: [registry],
      }),
  );
  registerOnce(
    "conveyor_engine_queue_depth",
    (registry) =>
      new client.Gauge({
        name: "conveyor_engine_queue_depth",
        help: "Queue items: ready (due now, including ones whose lease expired), scheduled (sleeps, retries, timeouts), leased (being worked)",
        labelNames: ["state"] as const,
        registers: [registry],
        async collect() {
          const sql = (globalThis as Holder)[SQL_KEY];
          if (!sql) return;
          const [row] = await sql.query<{ ready: number; scheduled: number; leased: number }>(
            // A claim moves available_at to the lease's end, so an item whose worker died is due
            // again when the lease runs out: it counts as ready whoever leased it last.
            `SELECT count(*) FILTER (WHERE available_at <= now())::int AS ready,
                    count(*) FILTER (WHERE available_at > now() AND lease_owner IS NULL)::int AS scheduled,
                    count(*) FILTER (WHERE available_at > now() AND lease_owner IS NOT NULL)::int AS leased
             FROM engine_queue`,
          );
          this.set({ state: "ready" }, row.ready);
          this.set({ state: "scheduled" }, row.scheduled);
          this.set({ state: "leased" }, row.leased);
        },
      }),
  );
  registerOnce(
    "conveyor_engine_runs",
    (registry) =>
      new client.Gauge({
        name: "conveyor_engine_runs",
        help: "Runs kept by the engine, by status",
        labelNames: ["status"] as const,
        registers: [registry],
        async collect() {
          const sql = (globalThis as Holder)[SQL_KEY];
          if (!sql) return;
          const rows = await sql.query<{ status: string; n: number }>(
            `SELECT status, count(*)::int AS n FROM engine_runs GROUP BY status`,
          );
          this.reset();
          for (const s of ["queued", "running", "completed", "failed", "cancelled"]) this.set({ status: s }, 0);
          for (const r of rows) this.set({ status: r.status }, r.n);
        },
      }),
  );
  return { stepDuration, callDuration, runsFinished };
}

/** An observer feeding the metrics, chained with another (tests). */
export function metricsObserver(next?: EngineObserver): EngineObserver {
  const m = engineMetrics();
  return {
    ...next,
    runFinished(runId, status) {
      m.runsFinished.inc({ status });
      next?.runFinished?.(runId, status);
    },
    callFinished(fnId, seconds, outcome) {
      m.callDuration.observe({ function_id: fnId, outcome }, seconds);
      next?.callFinished?.(fnId, seconds, outcome);
    },
    stepFinished(fnId, seconds, status) {
      m.stepDuration.observe({ function_id: fnId, status }, Math.max(seconds, 0));
      next?.stepFinished?.(fnId, seconds, status);
    },
  };
}
