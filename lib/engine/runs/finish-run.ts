import type { EngineContext } from "../context";
import { emitDeferredTx } from "../defers";
import { emitEventsTx, emitIfListenedTx, listenedSql } from "../events/emit-events";
import { normalizeEvents, workspaceOf, type EventPayload } from "../events/normalize";
import type { SerializedError } from "../protocol/types";
import { kickBlockedTx } from "../store/queue";
import { inStatement, type Scope } from "../store/scope";
import { at, json } from "../store/sql";
import { resolveStepTx } from "./resolve-step";

const FINISHED = "inngest/function.finished";

/** Everything a finished run stops holding: queue items, pauses, its singleton claim, pending steps. */
const CLEANUP = `q AS (DELETE FROM engine_queue WHERE run_id IN (SELECT id FROM r)),
     p AS (DELETE FROM engine_pauses WHERE run_id IN (SELECT id FROM r)),
     s AS (DELETE FROM engine_singletons WHERE run_id IN (SELECT id FROM r)),
     st AS (UPDATE engine_steps SET status = 'cancelled', ended_at = $5 WHERE run_id IN (SELECT id FROM r) AND memoized_at IS NULL)`;

export type RunOutcome =
  | { status: "completed"; output: unknown }
  | { status: "failed"; error: SerializedError }
  | { status: "cancelled"; reason: string };

/**
 * Ends a run (if it is still active): stores the outcome, drops its queue items, pauses and
 * singleton claim, emits inngest/function.finished (+ .failed or .cancelled), and hands the result
 * to a run that invoked it. Returns false when the run had already ended.
 */
export async function finishRunTx(
  scope: Scope,
  ctx: EngineContext,
  runId: string,
  outcome: RunOutcome,
  fence?: { itemId: string; token: string },
): Promise<boolean> {
  const { tx } = scope;
  const now = ctx.clock.now();
  const output = outcome.status === "completed" ? (outcome.output ?? null) : null;
  const error =
    outcome.status === "failed"
      ? outcome.error
      : outcome.status === "cancelled"
        ? { name: "RunCancelledError", message: `run cancelled (${outcome.reason})` }
        : null;
  const [run] = await tx.query<{
    function_id: string;
    event: Record<string, unknown>;
    events: Record<string, unknown>[] | null;
    parent_run_id: string | null;
    parent_step_id: string | null;
    ckeys: string[];
    app_id: string;
  }>(
    `WITH r AS (
       UPDATE engine_runs SET status = $2, output = $3::jsonb, error = $4::jsonb, ended_at = $5, updated_at = $5,
         retry_at = NULL, cancelled_by = $6, started_at = coalesce(started_at, $5)
       WHERE id = $1 AND status IN ('queued', 'running')
         AND ($7::bigint IS NULL OR EXISTS (SELECT 1 FROM engine_queue WHERE id = $7::bigint AND lease_token = $8))
       RETURNING id, function_id, app_id, event, events, parent_run_id, parent_step_id, ckeys),
     ${CLEANUP}
     SELECT function_id, app_id, event, events, parent_run_id, parent_step_id, ckeys FROM r`,
    [
      runId, outcome.status, json(output), error ? json(error) : null, at(now),
      outcome.status === "cancelled" ? outcome.reason : null, fence?.itemId ?? null, fence?.token ?? null,
    ],
  );
  if (!run) return false;
  if (run.ckeys.length) await kickBlockedTx(scope, run.ckeys, now);
  await emitDeferredTx(scope, ctx, { id: runId, functionId: run.function_id, appId: run.app_id });

  const base = { function_id: run.function_id, run_id: runId, event: run.event, events: run.events ?? [run.event] };
  const correlation = run.parent_run_id ? { correlation_id: `${run.parent_run_id}.${run.parent_step_id}` } : {};
  await emitIfListenedTx(scope, ctx, {
    name: FINISHED,
    data: { ...base, ...correlation, ...(outcome.status === "completed" ? { result: output } : { error }) },
  });
  // The run id as event id: however often this is processed, onFailure runs once per failed run.
  if (outcome.status === "failed") await emitEventsTx(scope, ctx, [{ id: runId, name: "inngest/function.failed", data: { ...base, error } }]);
  if (outcome.status === "cancelled") await emitEventsTx(scope, ctx, [{ name: "inngest/function.cancelled", data: { ...base, error } }]);

  if (run.parent_run_id && run.parent_step_id) {
    const value = outcome.status === "completed" ? { data: output } : { error };
    await resolveStepTx(scope, ctx, run.parent_run_id, run.parent_step_id, value, {
      status: outcome.status === "completed" ? "completed" : "failed",
    });
  }
  scope.finished.push({ runId, status: outcome.status });
  return true;
}

/**
 * The common end of a run in one statement (one commit, no transaction round trips): a run that
 * completed, holds no concurrency slot and was not invoked by another run. Fenced like
 * finishRunTx; inngest/function.finished is stored only when something listens for it, and
 * handled after commit like any emitted event. `version` records the SDK's request version.
 * A run with defers (checkpointed ones included) is left alone ("defers"): finishRunTx ends it.
 */
export async function completeRunFenced(
  ctx: EngineContext,
  fence: { itemId: string; token: string },
  run: { id: string; functionId: string; event: EventPayload },
  output: unknown,
  version?: number,
): Promise<"done" | "lost" | "defers"> {
  return inStatement(ctx, async (scope) => {
    const now = ctx.clock.now();
    const [e] = normalizeEvents(
      { name: FINISHED, data: { function_id: run.functionId, run_id: run.id, event: run.event, events: [run.event], result: output ?? null } },
      now,
      { internal: true },
    );
    const [row] = await scope.tx.query<{ done: number; emitted: number; defers: number }>(
      `WITH r AS (
         UPDATE engine_runs SET status = 'completed', output = $2::jsonb, ended_at = $5, updated_at = $5, retry_at = NULL,
           started_at = coalesce(started_at, $5), request_version = coalesce($6::int, request_version)
         WHERE id = $1 AND status IN ('queued', 'running')
           AND EXISTS (SELECT 1 FROM engine_queue WHERE id = $3::bigint AND lease_token = $4)
           AND NOT EXISTS (SELECT 1 FROM engine_defers WHERE run_id = $1)
         RETURNING id),
       ${CLEANUP},
       ev AS (
         INSERT INTO engine_events (internal_id, id, name, payload, ts, workspace_id, received_at, processed_at)
         SELECT $7, $8, $9, $10::jsonb, $11::bigint, $12::text, $5, NULL FROM r WHERE ${listenedSql("$9::text")}
         RETURNING internal_id)
       SELECT (SELECT count(*) FROM r)::int AS done, (SELECT count(*) FROM ev)::int AS emitted,
              (SELECT count(*) FROM engine_defers WHERE run_id = $1)::int AS defers`,
      [
        run.id, json(output ?? null), fence.itemId, fence.token, at(now), version ?? null,
        e.internalId, e.payload.id, e.payload.name, json(e.payload), e.payload.ts, workspaceOf(e.payload),
      ],
    );
    if (row.emitted) scope.emitted.push(e.internalId);
    if (row.done) scope.finished.push({ runId: run.id, status: "completed" });
    return row.done > 0 ? "done" : row.defers > 0 ? "defers" : "lost";
  });
}
