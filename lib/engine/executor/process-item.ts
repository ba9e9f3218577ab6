import type { EngineContext } from "../context";
import { finishRunTx } from "../runs/finish-run";
import { continueRunTx, lockActiveRun, resolveStepTx } from "../runs/resolve-step";
import { dropItemTx, releaseItem, type QueueItem } from "../store/queue";
import { inTransaction } from "../store/scope";
import { at } from "../store/sql";
import { parseDuration } from "../util/duration";
import { checkpointRef } from "../api/checkpoint";
import { endpointTimedOutTx } from "../endpoints/sync-runs";
import { OP } from "../protocol/types";
import { applyResult } from "./apply-result";
import { callSdk } from "./call-sdk";
import { loadRunState, loadRunStateForCall, sdkCheckpoints, type RunState } from "./run-state";

const ACTIVE = new Set(["queued", "running"]);

/**
 * Works one claimed item to the end of what this worker can do for its run now: timers resolve
 * their step; a call loops (call, memoize, call again) until the run waits, finishes, needs a
 * retry or continues elsewhere. `signal` aborts when the lease is lost or shutdown's deadline hits.
 */
export async function processItem(
  ctx: EngineContext,
  item: QueueItem,
  signal: AbortSignal,
  draining: () => boolean = () => false,
): Promise<void> {
  if (item.kind === "call") return runCalls(ctx, item, signal, draining);
  await inTransaction(ctx, async (scope) => {
    const run = await lockActiveRun(scope, item.runId);
    if (!(await dropItemTx(scope, item, ctx.clock.now())) || !run) return;
    if (item.kind === "run_timeout") {
      await finishRunTx(scope, ctx, item.runId, { status: "cancelled", reason: "timeouts.finish" });
      return;
    }
    if (item.kind === "endpoint_timeout") {
      await endpointTimedOutTx(scope, ctx, item.runId);
      return;
    }
    if (!item.stepId) return;
    if (item.kind === "sleep") {
      await resolveStepTx(scope, ctx, item.runId, item.stepId, null, { status: "completed", exceptItemId: item.id, sleepResume: true });
    } else if (item.kind === "wait_timeout") {
      const pauseId = String(item.payload?.pauseId ?? "");
      const [gone] = await scope.tx.query(`DELETE FROM engine_pauses WHERE id = $1 RETURNING id`, [pauseId]);
      if (gone) await resolveStepTx(scope, ctx, item.runId, item.stepId, null, { status: "completed", exceptItemId: item.id });
    } else if (item.kind === "invoke_timeout") {
      const error = { name: "InngestInvokeTimeoutError", message: "the invoked function did not finish before the timeout" };
      await resolveStepTx(scope, ctx, item.runId, item.stepId, { error }, { status: "failed", exceptItemId: item.id });
    }
  });
}

async function runCalls(ctx: EngineContext, item: QueueItem, signal: AbortSignal, draining: () => boolean): Promise<void> {
  let state = await loadRunStateForCall(ctx.sql, item.runId, ctx.clock.now(), item.attempt > 0);
  if (!state || !ACTIVE.has(state.status)) {
    await inTransaction(ctx, (scope) => dropItemTx(scope, item, ctx.clock.now()));
    return;
  }
  if (!state.fn) {
    const error = { name: "FunctionNotFoundError", message: "the run's function is no longer registered with the engine" };
    await inTransaction(ctx, (scope) => finishRunTx(scope, ctx, item.runId, { status: "failed", error }));
    return;
  }
  if (item.stepId && state.steps.has(item.stepId)) {
    // A planned step that was memoized already (the item outlived a crash): nothing to run.
    await inTransaction(ctx, async (scope) => {
      if (await dropItemTx(scope, item, ctx.clock.now())) {
        const run = await lockActiveRun(scope, item.runId);
        if (run) await continueRunTx(scope, ctx, run);
      }
    });
    return;
  }
  if (!state.started) {
    // Only functions with `timeouts` get here (the load marked every other run started).
    if (!(await startRun(ctx, item, state))) return;
    state.started = true;
  }
  const checkpoints = ctx.config.checkpointing === "auto" && sdkCheckpoints(state.sdk);
  let stepId = item.stepId;
  let attempt = item.attempt;
  for (let calls = 0; ; calls++) {
    if (signal.aborted) return;
    // Shutting down: finish the call in hand, but start no new one; another process takes over.
    if (calls > 0 && draining()) return releaseItem(ctx, item);
    ctx.observe?.callStarted?.(state.id, stepId);
    const callStart = ctx.clock.now();
    const t0 = performance.now();
    // The first call after a sleep that ended a parallel group still only plans (see continueRunTx).
    const forced = calls === 0 && item.attempt === 0 && item.payload?.force_step_plan === true && !state.disableImmediate;
    const callState = forced ? { ...state, disableImmediate: true } : state;
    // The SDK checkpoints only discovery calls that may run steps inline; a planned step's call never does.
    const checkpoint = checkpoints && stepId === null && !callState.disableImmediate ? checkpointRef(item.id, item.leaseToken) : undefined;
    const result = await callSdk(ctx, { state: callState, stepId, attempt, signal, checkpoint, jobId: item.id, generation: calls + 1 });
    ctx.observe?.callFinished?.(state.fn?.id ?? "unknown", (performance.now() - t0) / 1000, result.kind);
    // A lost lease means another worker owns the run now: drop what came back, write nothing.
    if (signal.aborted) return;
    // The app going away during shutdown is not the function's failure: no attempt is spent.
    if (draining() && result.kind === "error" && result.error.name === "SdkUnreachableError") return releaseItem(ctx, item);
    if (checkpoint && result.kind === "ops" && !result.ops.every((op) => op.op === OP.RunComplete)) {
      // Steps the SDK checkpointed during the call are memoized but not in this picture of the run.
      const fresh = await loadRunState(ctx.sql, state.id);
      if (!fresh || !ACTIVE.has(fresh.status)) return;
      state = fresh;
    }
    const next = await applyResult(ctx, { item, state, stepId, attempt, callStart }, result);
    if (next.kind === "done") return;
    state = next.state;
    stepId = next.stepId;
    attempt = 0;
  }
}

/**
 * Marks a run of a function with `timeouts` started. `timeouts.start` cancels a run that waited
 * too long in the queue; `timeouts.finish` schedules its cancellation if it is still running then.
 */
async function startRun(ctx: EngineContext, item: QueueItem, state: RunState): Promise<boolean> {
  const now = ctx.clock.now();
  const timeouts = state.fn?.config.timeouts;
  const startLimit = timeouts?.start ? parseDuration(timeouts.start) : undefined;
  if (startLimit !== undefined && now - state.createdAt > startLimit) {
    await inTransaction(ctx, (scope) => finishRunTx(scope, ctx, item.runId, { status: "cancelled", reason: "timeouts.start" }));
    return false;
  }
  const finishLimit = timeouts?.finish ? parseDuration(timeouts.finish) : undefined;
  await ctx.sql.query(
    `WITH t AS (
       INSERT INTO engine_queue (run_id, kind, dedupe_key, available_at, created_at)
       SELECT $1, 'run_timeout', $1 || ':run_timeout:-', $3, $2 WHERE $3::timestamptz IS NOT NULL
       ON CONFLICT (dedupe_key) DO NOTHING)
     UPDATE engine_runs SET status = 'running', started_at = $2, updated_at = $2, retry_at = NULL WHERE id = $1 AND status = 'queued'`,
    [item.runId, at(now), finishLimit === undefined ? null : at(now + finishLimit)],
  );
  return true;
}
