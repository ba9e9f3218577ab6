import { getEnv } from "@/lib/env";
import { embeddedState } from "./embedded";
import { engineMode } from "./mode";
import { at } from "./store/sql";

export type EngineHealth = { status: "ok" | "degraded" | "down" | "disabled"; detail?: Record<string, unknown> };

/** Work waiting longer than this means the workers cannot keep up (or none is running). */
const LAG_DEGRADED_MS = 60_000;
const WORKER_ALIVE_MS = 60_000;

/**
 * The engine as /api/health reports it: disabled when Inngest runs the functions; down when the
 * embedded engine did not start or its database does not answer; degraded when the app is not
 * synced, a sync failed, or due work waits with no live worker or more than a minute; else ok.
 */
export async function engineHealth(): Promise<EngineHealth> {
  if (engineMode() === "external") {
    return { status: "disabled", detail: { mode: "external", reason: "Inngest runs the functions (INNGEST_* settings)" } };
  }
  const state = embeddedState();
  const engine = state.engine;
  if (!engine) {
    return { status: "down", detail: { mode: "embedded", reason: state.startError ?? "the embedded engine has not started" } };
  }
  const now = engine.ctx.clock.now();
  let row: { ready: number; oldest: Date | null; workers: number; functions: number; app_errors: string[] | null };
  try {
    [row] = await engine.ctx.sql.query(
      // Due items count whoever leased them last: an expired lease (its worker died) is due work too.
      `SELECT (SELECT count(*)::int FROM engine_queue WHERE available_at <= $1) AS ready,
              (SELECT min(available_at) FROM engine_queue WHERE available_at <= $1) AS oldest,
              (SELECT count(*)::int FROM engine_workers WHERE heartbeat_at > $2) AS workers,
              (SELECT count(*)::int FROM engine_functions WHERE NOT archived) AS functions,
              (SELECT array_agg(id || ': ' || left(error, 300)) FROM engine_apps WHERE error IS NOT NULL) AS app_errors`,
      [at(now), at(now - WORKER_ALIVE_MS)],
    );
  } catch (error) {
    return { status: "down", detail: { mode: "embedded", reason: `database: ${(error as Error).message}` } };
  }
  const lagMs = row.oldest ? Math.max(0, now - new Date(row.oldest).getTime()) : 0;
  const problems: string[] = [];
  if (!state.sync.ok) problems.push(state.sync.error ? `sync failing: ${state.sync.error}` : "app not synced yet");
  if (row.app_errors?.length) problems.push(...row.app_errors.map((e) => `sync error: ${e}`));
  if (row.ready > 0 && row.workers === 0 && !engine.working) problems.push("work is due but no worker is running");
  if (lagMs > LAG_DEGRADED_MS) problems.push(`due work has waited ${Math.round(lagMs / 1000)} s`);
  return {
    status: problems.length ? "degraded" : "ok",
    detail: {
      mode: "embedded",
      worker: getEnv().ENGINE_WORKER,
      in_flight: engine.inFlight,
      queue_ready: row.ready,
      queue_lag_seconds: Math.round(lagMs / 1000),
      live_workers: row.workers,
      functions: row.functions,
      last_sync: state.sync.at ? new Date(state.sync.at).toISOString() : null,
      ...(problems.length ? { problems } : {}),
    },
  };
}
