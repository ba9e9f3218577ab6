import client from "prom-client";
import { db } from "@/lib/db";
import { logger } from "@/lib/logging";
import { registerOnce } from "@/lib/metrics/registry";


const DURATION_BUCKETS = [0.1, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600, 1800, 3600];

/** Seconds from creation to a terminal state (queue time included: what a user waits). */
export function jobDurationHistogram() {
  return registerOnce(
    "conveyor_job_duration_seconds",
    (registry) =>
      new client.Histogram({
        name: "conveyor_job_duration_seconds",
        help: "Time from job creation to a terminal state, by kind and final status",
        labelNames: ["kind", "status"] as const,
        buckets: DURATION_BUCKETS,
        registers: [registry],
      }),
  );
}

/**
 * Job counts come from the database at scrape time, so every process reports the same truth and
 * nothing drifts when a process restarts. One grouped query feeds both gauges.
 */
export function registerJobGauges(): void {
  let pending: Promise<{ kind: string; status: string; count: number }[]> | undefined;
  const counts = () => {
    pending ??= (async () => {
      try {
        const rows = await (await db()).job.groupBy({ by: ["kind", "status"], _count: { _all: true } });
        return rows.map((r) => ({ kind: r.kind, status: r.status, count: r._count._all }));
      } catch (error) {
        logger().warn({ err: error }, "job metrics: database unavailable");
        return [];
      } finally {
        // Both collectors already hold this promise: prom-client starts them in one tick.
        pending = undefined;
      }
    })();
    return pending;
  };
  registerOnce(
    "conveyor_jobs",
    (registry) =>
      new client.Gauge({
        name: "conveyor_jobs",
        help: "Jobs in the database by kind and status",
        labelNames: ["kind", "status"] as const,
        registers: [registry],
        async collect() {
          this.reset();
          for (const r of await counts()) this.set({ kind: r.kind, status: r.status }, r.count);
        },
      }),
  );
  registerOnce(
    "conveyor_jobs_in_progress",
    (registry) =>
      new client.Gauge({
        name: "conveyor_jobs_in_progress",
        help: "Jobs running now, by kind",
        labelNames: ["kind"] as const,
        registers: [registry],
        async collect() {
          this.reset();
          for (const r of await counts()) if (r.status === "running") this.set({ kind: r.kind }, r.count);
        },
      }),
  );
}

export function observeJobFinished(job: { kind: string; status: string; createdAt: Date; finishedAt: Date | null }): void {
  const end = job.finishedAt ?? new Date();
  jobDurationHistogram().observe({ kind: job.kind, status: job.status }, Math.max(0, (end.getTime() - job.createdAt.getTime()) / 1000));
}
