import { expressionKey } from "../cel";
import type { EngineContext } from "../context";
import { concurrencyKeys, runPriorityFactor, type FunctionDef } from "../functions";
import { newId } from "../ids";
import type { Scope } from "../store/scope";
import { at, json, values, type Tx } from "../store/sql";
import { parseTimeTarget } from "../util/duration";
import { workspaceOf, type EventPayload } from "../events/normalize";
import { finishRunTx } from "./finish-run";
import {
  batchTx,
  debounceTx,
  rateLimitAllows,
  recordBatchTx,
  recordDebounceTx,
  throttleStartAt,
  type Batch,
  type Debounce,
} from "./flow-control";

export type NewRun = {
  fn: FunctionDef;
  event: EventPayload;
  /** engine_events.internal_id of the trigger, when stored. */
  eventInternalId: string | null;
  /** The sender's own event id: at most one run per function per id (24 h). */
  userEventId?: string;
  parent?: { runId: string; stepId: string };
  rerunOf?: string;
};

const IDEMPOTENCY_MS = 24 * 3_600_000;
const YEAR_MS = 365 * 86_400_000;

/**
 * Creates runs inside the caller's transaction: idempotency and singleton checks, the run rows,
 * their cancelOn pauses and first queue items. Returns the ids of the runs created (skipped ones
 * are left out). The caller commits, then wakes the workers.
 */
export async function createRunsTx(scope: Scope, ctx: EngineContext, requests: NewRun[]): Promise<string[]> {
  const { tx } = scope;
  const now = ctx.clock.now();
  const runRows: unknown[][] = [];
  const queueRows: unknown[][] = [];
  const pauseRows: unknown[][] = [];
  const created: string[] = [];

  const flush = async () => {
    if (runRows.length) {
      const v = values(runRows, [
        "", "", "", "", "::text", "::text", "", "::jsonb", "::jsonb", "::int", "::text", "::text[]", "::int[]", "::text", "::text",
        "::text", "::timestamptz",
      ]);
      await tx.query(
        `INSERT INTO engine_runs (id, function_id, app_id, status, workspace_id, event_id, event_name, event, events,
           max_attempts, singleton_key, ckeys, climits, parent_run_id, parent_step_id, rerun_of, created_at, updated_at)
         SELECT v.*, v.created_at FROM (VALUES ${v.text}) AS v(id, function_id, app_id, status, workspace_id, event_id,
           event_name, event, events, max_attempts, singleton_key, ckeys, climits, parent_run_id, parent_step_id, rerun_of, created_at)`,
        v.params,
      );
      const q = values(queueRows, ["", "", "", "", "::timestamptz", "", "::text[]", "::int[]", "::timestamptz"]);
      await tx.query(
        `INSERT INTO engine_queue (run_id, kind, step_id, dedupe_key, available_at, limited, ckeys, climits, created_at)
         VALUES ${q.text} ON CONFLICT (dedupe_key) DO NOTHING`,
        q.params,
      );
    }
    runRows.length = 0;
    queueRows.length = 0;
  };

  for (const req of requests) {
    const { fn, event } = req;
    const runId = newId(now);
    if (!(await claimIdempotency(tx, req, runId, now))) continue;
    let startAt = now;
    let debounce: Debounce | null = null;
    let batch: Batch | null = null;
    if (!req.parent && !req.rerunOf && fn.config.batchEvents) {
      // A pending batch of this key may be in this very call (events sent together): write what we have first.
      await flush();
      const b = await batchTx(scope, fn, event, now);
      if (b === true) continue;
      batch = b;
      if (b) startAt = b.startAt;
    }
    if (!req.parent && !req.rerunOf && !batch) {
      // Batches are not rate limited or debounced (Inngest: PreventRateLimit for batch runs).
      if (!(await rateLimitAllows(scope, fn, event, now))) continue;
      if (fn.config.debounce) {
        // A pending debounced run of this key may be in this very batch: write what we have first.
        await flush();
        const d = await debounceTx(scope, fn, event, req.eventInternalId, now);
        if (d === true) continue;
        debounce = d;
        if (d) startAt = d.startAt;
      }
    }
    const singletonKey = await claimSingleton(scope, ctx, fn, event, runId);
    if (singletonKey === false) continue;
    startAt = Math.max(startAt, await throttleStartAt(scope, fn, event, now));
    const { keys, limits } = safeConcurrency(ctx, fn, event);
    const workspaceId = workspaceOf(event);
    runRows.push([
      runId, fn.id, fn.appId, "queued", workspaceId, req.eventInternalId, event.name, json(event), batch ? json([event]) : null,
      fn.maxAttempts, singletonKey, keys, limits, req.parent?.runId ?? null, req.parent?.stepId ?? null,
      req.rerunOf ?? null, at(now),
    ]);
    // priority.run moves the start ahead of (or behind) work queued at the same time, as Inngest's queue.
    const priority = runPriorityFactor(fn, event, (error) =>
      ctx.log.warn({ function_id: fn.id, err: error }, "engine: priority.run could not be evaluated; using 0"),
    );
    queueRows.push([runId, "call", null, `${runId}:call:-`, at(startAt - priority * 1000), keys.length > 0, keys, limits, at(now)]);
    for (const cancel of fn.config.cancel ?? []) {
      const expires = cancel.timeout ? parseTimeTarget(cancel.timeout, now) : undefined;
      pauseRows.push([newId(now), runId, "cancel", null, cancel.event, cancel.if ?? null, at(now), at(expires ?? now + YEAR_MS)]);
    }
    created.push(runId);
    if (batch) {
      await flush();
      await recordBatchTx(scope, batch, runId, now);
    }
    if (debounce) {
      await flush();
      await recordDebounceTx(scope, debounce, runId);
    }
  }
  await flush();

  if (created.length) scope.wake = true;
  if (pauseRows.length) {
    const p = values(pauseRows, ["", "", "", "", "", "", "::timestamptz", "::timestamptz"]);
    await tx.query(
      `INSERT INTO engine_pauses (id, run_id, kind, step_id, event_name, expression, created_at, expires_at) VALUES ${p.text}`,
      p.params,
    );
  }
  return created;
}

async function claimIdempotency(tx: Tx, req: NewRun, runId: string, now: number): Promise<boolean> {
  const keys: string[] = [];
  if (req.userEventId) keys.push(`evt:${req.fn.id}:${req.userEventId}`);
  const expr = req.fn.config.idempotency;
  if (expr && !req.parent && !req.rerunOf) keys.push(`idem:${req.fn.id}:${safeKey(expr, req.event)}`);
  for (const key of keys) {
    // A key whose 24 hours are over is taken over; a live one means this run is a duplicate.
    const rows = await tx.query(
      `INSERT INTO engine_idempotency_keys (key, run_id, expires_at) VALUES ($1, $2, $3)
       ON CONFLICT (key) DO UPDATE SET run_id = EXCLUDED.run_id, expires_at = EXCLUDED.expires_at
         WHERE engine_idempotency_keys.expires_at <= $4
       RETURNING key`,
      [key, runId, at(now + IDEMPOTENCY_MS), at(now)],
    );
    if (rows.length === 0) return false;
  }
  return true;
}

/** The singleton key this run holds, null when the function has none, false to skip the run. */
async function claimSingleton(
  scope: Scope,
  ctx: EngineContext,
  fn: FunctionDef,
  event: EventPayload,
  runId: string,
): Promise<string | null | false> {
  const singleton = fn.config.singleton;
  if (!singleton) return null;
  const { tx } = scope;
  const value = singleton.key ? safeKey(singleton.key, event) : "";
  const key = `${fn.id}:${value}`;
  const inserted = await tx.query(
    `INSERT INTO engine_singletons (key, run_id) VALUES ($1, $2) ON CONFLICT (key) DO NOTHING RETURNING key`,
    [key, runId],
  );
  if (inserted.length) return key;
  const [holder] = await tx.query<{ run_id: string; status: string | null }>(
    `SELECT s.run_id, r.status FROM engine_singletons s LEFT JOIN engine_runs r ON r.id = s.run_id
     WHERE s.key = $1 FOR UPDATE OF s`,
    [key],
  );
  const holderActive = holder?.status === "queued" || holder?.status === "running";
  if (holderActive && singleton.mode === "skip") {
    ctx.log.debug({ function_id: fn.id, singleton_key: key }, "engine: singleton run skipped");
    return false;
  }
  if (holderActive) await finishRunTx(scope, ctx, holder.run_id, { status: "cancelled", reason: "singleton" });
  await tx.query(
    `INSERT INTO engine_singletons (key, run_id) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET run_id = EXCLUDED.run_id`,
    [key, runId],
  );
  return key;
}

function safeConcurrency(ctx: EngineContext, fn: FunctionDef, event: EventPayload) {
  return concurrencyKeys(fn, event, (error) =>
    ctx.log.warn({ function_id: fn.id, err: error }, "engine: concurrency key could not be evaluated; using an empty key"),
  );
}

/** A key expression's value; one that cannot be evaluated for this event keys as `null` (never fails intake). */
function safeKey(expression: string, event: EventPayload): string {
  try {
    return expressionKey(expression, { event });
  } catch {
    return "null";
  }
}

