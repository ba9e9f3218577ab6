import os from "node:os";
import type { EngineContext } from "./context";
import { fireDueCrons } from "./cron";
import { processPendingEvents } from "./events/process-events";
import { at } from "./store/sql";

const BATCH = 2000;

/**
 * Deletes what retention no longer keeps: finished runs (with their steps) and events older than
 * ENGINE_RETENTION, expired idempotency keys and pauses, workers gone for a day. Batched so a
 * large backlog never holds long locks; safe to run in several processes at once.
 */
export async function prune(ctx: EngineContext): Promise<{ runs: number; events: number }> {
  const now = ctx.clock.now();
  const cutoff = at(now - ctx.config.retentionMs);
  let runs = 0;
  for (;;) {
    const rows = await ctx.sql.query<{ id: string }>(
      `WITH doomed AS (SELECT id FROM engine_runs WHERE ended_at < $1 ORDER BY ended_at LIMIT ${BATCH}),
            s AS (DELETE FROM engine_steps WHERE run_id IN (SELECT id FROM doomed)),
            m AS (DELETE FROM engine_metadata WHERE run_id IN (SELECT id FROM doomed))
       DELETE FROM engine_runs WHERE id IN (SELECT id FROM doomed) RETURNING id`,
      [cutoff],
    );
    runs += rows.length;
    if (rows.length < BATCH) break;
  }
  let events = 0;
  for (;;) {
    const rows = await ctx.sql.query(
      `DELETE FROM engine_events WHERE internal_id IN (
         SELECT internal_id FROM engine_events WHERE received_at < $1 AND processed_at IS NOT NULL LIMIT ${BATCH})
       RETURNING internal_id`,
      [cutoff],
    );
    events += rows.length;
    if (rows.length < BATCH) break;
  }
  await ctx.sql.query(`DELETE FROM engine_idempotency_keys WHERE expires_at < $1`, [at(now)]);
  await ctx.sql.query(`DELETE FROM engine_pauses WHERE expires_at < $1 AND kind = 'cancel'`, [at(now)]);
  await ctx.sql.query(`DELETE FROM engine_workers WHERE heartbeat_at < $1`, [at(now - 86_400_000)]);
  await ctx.sql.query(`DELETE FROM engine_flow_state WHERE expires_at < $1`, [at(now)]);
  // rateLimit periods are at most a day in Inngest; older hits can no longer count.
  await ctx.sql.query(`DELETE FROM engine_rate_limit_hits WHERE at < $1`, [at(now - 2 * 86_400_000)]);
  if (runs || events) ctx.log.info({ runs, events }, "engine: pruned old runs and events");
  return { runs, events };
}

/** Records this process as alive (health page, operators). */
export async function recordWorker(ctx: EngineContext, kind: string, inFlight: number, startedAt: number): Promise<void> {
  const now = at(ctx.clock.now());
  await ctx.sql.query(
    `INSERT INTO engine_workers (id, kind, host, pid, in_flight, started_at, heartbeat_at) VALUES ($1, $2, $3, $4, $5, $6, $7)
     ON CONFLICT (id) DO UPDATE SET in_flight = EXCLUDED.in_flight, heartbeat_at = EXCLUDED.heartbeat_at`,
    [ctx.config.workerId, kind, os.hostname(), process.pid, inFlight, at(startedAt), now],
  );
}

export async function forgetWorker(ctx: EngineContext): Promise<void> {
  await ctx.sql.query(`DELETE FROM engine_workers WHERE id = $1`, [ctx.config.workerId]).catch(() => {});
}

/** One round of periodic work: due crons, events a crash left unprocessed. */
export async function maintain(ctx: EngineContext): Promise<void> {
  while ((await fireDueCrons(ctx)) > 0) {
    // keep firing until nothing is due (a backlog after downtime fires its latest once each)
  }
  while ((await processPendingEvents(ctx)) > 0) {
    // drain the backlog
  }
}
