import { expressionKey, matchesExpression } from "../cel";
import type { FunctionDef } from "../functions";
import { workspaceOf, type EventPayload } from "../events/normalize";
import type { Scope } from "../store/scope";
import { at, json, ms } from "../store/sql";
import { parseDuration } from "../util/duration";

/**
 * Inngest's flow control applied when runs are created: rateLimit (skip runs over the limit),
 * throttle (delay starts to the rate) and debounce (one run, with the last event, once events stop).
 */

function keyValue(expression: string | undefined, event: EventPayload): string {
  if (!expression) return "";
  try {
    return expressionKey(expression, { event });
  } catch {
    return "null";
  }
}

async function lockKey(scope: Scope, key: string): Promise<void> {
  await scope.tx.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 11))`, [`engine:${key}`]);
}

/** rateLimit: at most `limit` runs start in any window of `period` (per key); the rest are skipped. */
export async function rateLimitAllows(scope: Scope, fn: FunctionDef, event: EventPayload, now: number): Promise<boolean> {
  const rl = fn.config.rateLimit;
  if (!rl) return true;
  const period = parseDuration(rl.period) ?? 0;
  if (!(rl.limit > 0) || period <= 0) return true;
  const key = `rl:${fn.id}:${keyValue(rl.key, event)}`;
  await lockKey(scope, key);
  const [row] = await scope.tx.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM engine_rate_limit_hits WHERE key = $1 AND at > $2`,
    [key, at(now - period)],
  );
  if (row.n >= rl.limit) return false;
  await scope.tx.query(`INSERT INTO engine_rate_limit_hits (key, at) VALUES ($1, $2)`, [key, at(now)]);
  return true;
}

/**
 * throttle: starts are spaced `period / limit` apart per key, with `burst` starting at once
 * (GCRA). Returns when the run may start; runs wait in the queue, none is dropped.
 */
export async function throttleStartAt(scope: Scope, fn: FunctionDef, event: EventPayload, now: number): Promise<number> {
  const th = fn.config.throttle;
  if (!th) return now;
  const period = parseDuration(th.period) ?? 0;
  if (!(th.limit > 0) || period <= 0) return now;
  const interval = period / th.limit;
  const tolerance = interval * (Math.max(1, th.burst ?? 1) - 1);
  const key = `throttle:${fn.id}:${keyValue(th.key, event)}`;
  await lockKey(scope, key);
  const [row] = await scope.tx.query<{ tat: Date | null }>(`SELECT tat FROM engine_flow_state WHERE key = $1`, [key]);
  const tat = Math.max(ms(row?.tat) ?? now, now);
  const start = Math.max(now, tat - tolerance);
  const next = Math.max(tat, start) + interval;
  await scope.tx.query(
    `INSERT INTO engine_flow_state (key, tat, expires_at) VALUES ($1, $2, $3)
     ON CONFLICT (key) DO UPDATE SET tat = EXCLUDED.tat, expires_at = EXCLUDED.expires_at`,
    [key, at(next), at(next + period)],
  );
  return Math.round(start);
}

export type Debounce = { key: string; startAt: number; firstAt: number };

/**
 * debounce: if a debounced run for this key has not started, it takes this event and its start
 * moves to `period` from now (never past `timeout` after its first event); returns true then.
 * Otherwise returns where the new run's start should be, to record with `recordDebounceTx`.
 */
export async function debounceTx(
  scope: Scope,
  fn: FunctionDef,
  event: EventPayload,
  eventInternalId: string | null,
  now: number,
): Promise<true | Debounce | null> {
  const db = fn.config.debounce;
  if (!db) return null;
  const period = parseDuration(db.period) ?? 0;
  if (period <= 0) return null;
  const timeout = db.timeout ? parseDuration(db.timeout) : undefined;
  const key = `debounce:${fn.id}:${keyValue(db.key, event)}`;
  await lockKey(scope, key);
  const [pending] = await scope.tx.query<{ run_id: string; first_at: Date }>(
    `SELECT f.run_id, f.first_at FROM engine_flow_state f
     JOIN engine_runs r ON r.id = f.run_id AND r.status = 'queued'
     JOIN engine_queue q ON q.run_id = r.id AND q.kind = 'call' AND q.lease_owner IS NULL
     WHERE f.key = $1 FOR UPDATE OF r, q`,
    [key],
  );
  const firstAt = ms(pending?.first_at) ?? now;
  const startAt = timeout === undefined ? now + period : Math.min(now + period, firstAt + timeout);
  if (!pending) return { key, startAt, firstAt: now };
  await scope.tx.query(
    `UPDATE engine_runs SET event = $2::jsonb, event_id = $3, event_name = $4, workspace_id = $5 WHERE id = $1`,
    [pending.run_id, json(event), eventInternalId, event.name, workspaceOf(event)],
  );
  await scope.tx.query(`UPDATE engine_queue SET available_at = $2 WHERE run_id = $1 AND kind = 'call'`, [
    pending.run_id, at(startAt),
  ]);
  return true;
}

export async function recordDebounceTx(scope: Scope, d: Debounce, runId: string): Promise<void> {
  await scope.tx.query(
    `INSERT INTO engine_flow_state (key, run_id, first_at, expires_at) VALUES ($1, $2, $3, $4)
     ON CONFLICT (key) DO UPDATE SET run_id = EXCLUDED.run_id, first_at = EXCLUDED.first_at, expires_at = EXCLUDED.expires_at`,
    [d.key, runId, at(d.firstAt), at(d.startAt + 86_400_000)],
  );
}

export type Batch = { key: string; startAt: number };

/**
 * batchEvents (Inngest's batcher, `pkg/execution/batch`): events of a function gather in one
 * batch per key (`key`, CEL on the event) until it holds `maxSize` events or `timeout` passed
 * since its first one; then one run starts with all of them (`events`; `event` is the first).
 * An event for which `if` does not hold (or cannot be evaluated) is not batched: it starts a run
 * of its own at once. A batch of 1 is no batch.
 *
 * The pending batch is a queued run whose call is due at the timeout and not claimed yet: an
 * event joins it (and makes it due at once when it fills up), or, with none pending, returns
 * where a new batch's run should start (recorded with `recordBatchTx`). Returns null when the
 * event is not batched.
 */
export async function batchTx(
  scope: Scope,
  fn: FunctionDef,
  event: EventPayload,
  now: number,
): Promise<true | Batch | null> {
  const b = fn.config.batchEvents;
  if (!b || !(b.maxSize > 1)) return null;
  const timeout = parseDuration(b.timeout) ?? 0;
  if (timeout <= 0) return null;
  if (b.if && !safeCondition(b.if, event)) return null;
  const key = `batch:${fn.id}:${keyValue(b.key, event)}`;
  await lockKey(scope, key);
  const [pending] = await scope.tx.query<{ run_id: string; size: number }>(
    `SELECT f.run_id, coalesce(jsonb_array_length(r.events), 1)::int AS size FROM engine_flow_state f
     JOIN engine_runs r ON r.id = f.run_id AND r.status = 'queued'
     JOIN engine_queue q ON q.run_id = r.id AND q.kind = 'call' AND q.lease_owner IS NULL
     WHERE f.key = $1 FOR UPDATE OF r, q`,
    [key],
  );
  if (!pending) return { key, startAt: now + timeout };
  await scope.tx.query(`UPDATE engine_runs SET events = coalesce(events, jsonb_build_array(event)) || $2::jsonb WHERE id = $1`, [
    pending.run_id,
    json([event]),
  ]);
  if (pending.size + 1 >= b.maxSize) {
    // Full: it starts now, and the next event opens a new batch.
    await scope.tx.query(`UPDATE engine_queue SET available_at = $2 WHERE run_id = $1 AND kind = 'call'`, [pending.run_id, at(now)]);
    await scope.tx.query(`DELETE FROM engine_flow_state WHERE key = $1`, [key]);
    scope.wake = true;
  }
  return true;
}

export async function recordBatchTx(scope: Scope, batch: Batch, runId: string, now: number): Promise<void> {
  await scope.tx.query(
    `INSERT INTO engine_flow_state (key, run_id, first_at, expires_at) VALUES ($1, $2, $3, $4)
     ON CONFLICT (key) DO UPDATE SET run_id = EXCLUDED.run_id, first_at = EXCLUDED.first_at, expires_at = EXCLUDED.expires_at`,
    [batch.key, runId, at(now), at(batch.startAt + 86_400_000)],
  );
}

/** Whether a batch's `if` holds for an event; an error counts as false (Inngest runs the event unbatched). */
function safeCondition(expression: string, event: EventPayload): boolean {
  try {
    return matchesExpression(expression, { event });
  } catch {
    return false;
  }
}
