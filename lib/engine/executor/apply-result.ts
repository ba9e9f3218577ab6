import type { SqlRunner } from "@/lib/db";
import type { EngineContext } from "../context";
import { LAZY_OPS, saveDeferOps } from "../defers";
import { opMetadata, saveMetadata } from "../metadata";
import { OP, type Op, type SerializedError, toSerializedError } from "../protocol/types";
import { completeRunFenced, finishRunTx, type RunOutcome } from "../runs/finish-run";
import { endForcedPlanningTx, lockActiveRun } from "../runs/resolve-step";
import { dropItemTx, holdsLeaseTx, repurposeItemTx, rescheduleItemTx, type QueueItem } from "../store/queue";
import { inTransaction, type Scope } from "../store/scope";
import { backoffDelay, retryAfterDelay } from "../util/duration";
import type { CallResult } from "./call-sdk";
import { memoizeFenced, memoizeTx, recordRunAttemptTx, recordStepAttemptTx, stepRecord } from "./memoize";
import { planOp } from "./plan-op";
import { MAX_STEPS } from "./limits";
import { loadRunState, type RunState } from "./run-state";

/** After a call: make the next call at once with the same item, or stop (the queue has the rest). */
export type Next = { kind: "continue"; state: RunState; stepId: string | null } | { kind: "done" };

export type Applied = {
  item: QueueItem;
  state: RunState;
  stepId: string | null;
  attempt: number;
  callStart: number;
  /** A request version the SDK reported that is not stored yet. */
  version?: number;
};

const DONE: Next = { kind: "done" };
const RESULT_OPS = new Set<string>([OP.StepRun, OP.Step, OP.StepFailed]);

export async function applyResult(ctx: EngineContext, call: Applied, result: CallResult): Promise<Next> {
  const { state } = call;
  // A new request version is recorded with the next write to the run (see pendingVersion).
  if (result.version !== undefined && result.version !== state.requestVersion) {
    state.requestVersion = result.version;
    call.version = result.version;
  }
  if (result.kind === "complete") return complete(ctx, call, result.output);
  if (result.kind === "error") return failAttempt(ctx, await recordVersion(ctx, call), result.error, result.retriable, result.retryAfter);
  if (result.ops.some((op) => LAZY_OPS.has(op.op))) {
    // Defers are recorded and need nothing else; a response of nothing but them means "discover again".
    const lazy = result.ops.filter((op) => LAZY_OPS.has(op.op));
    await saveDeferOps(ctx.sql, state.id, lazy, ctx.clock.now());
    state.hasDefers = true;
    for (const op of lazy) {
      const target = op.op === "DeferAdd" ? op.id : String((op.opts ?? {}).target_hashed_id ?? "");
      if (target) state.defers = { ...state.defers, [target]: { abortable: op.op === "DeferAdd" && state.defers?.[target]?.abortable !== false } };
    }
    const rest = result.ops.filter((op) => !LAZY_OPS.has(op.op));
    if (rest.length === 0) return { kind: "continue", state, stepId: null };
    result = { ...result, ops: rest };
  }
  if (state.steps.size >= MAX_STEPS) {
    return finish(ctx, call.item, state.id, { status: "failed", error: { name: "StepLimitError", message: `a run may have at most ${MAX_STEPS} steps` } });
  }
  const [only] = result.ops;
  if (result.ops.length === 1 && only.op === OP.RunComplete) return complete(ctx, call, only.data ?? null);
  if (result.ops.length === 1 && RESULT_OPS.has(only.op) && (call.stepId === null || call.stepId === only.id)) {
    return memoizeOne(ctx, call, only, result.bytes);
  }
  return applyOps(ctx, await recordVersion(ctx, call), result.ops, result.noRetry, result.retryAfter, result.bytes);
}

/** Writes a request version that no cheaper statement carried. */
async function recordVersion(ctx: EngineContext, call: Applied): Promise<Applied> {
  if (call.version !== undefined) {
    await ctx.sql.query(`UPDATE engine_runs SET request_version = $2 WHERE id = $1`, [call.state.id, call.version]);
    call.version = undefined;
  }
  return call;
}

/** The run returned: most runs end in one statement; invoked or concurrency-limited ones need the full path. */
async function complete(ctx: EngineContext, call: Applied, output: unknown): Promise<Next> {
  const { item, state } = call;
  if (state.parentRunId || state.ckeys.length || !state.fn || state.hasDefers || state.events) {
    return finish(ctx, item, state.id, { status: "completed", output }, call.version);
  }
  const done = await completeRunFenced(ctx, { itemId: item.id, token: item.leaseToken }, { id: state.id, functionId: state.fn.id, event: state.event }, output, call.version);
  if (done === "defers") return finish(ctx, item, state.id, { status: "completed", output }, call.version);
  return DONE;
}

/** The value a result op (StepRun, Step, StepFailed, StepError) memoizes. */
function resultOf(op: Op, bytes: number): { output: unknown; failed: boolean } {
  const planned = planOp(op, false, bytes);
  if (planned.kind !== "resolve") throw new Error(`${op.op} is not a result op`);
  return planned;
}

/** The hot path: one step came back; memoize it and go straight on with the next call. */
async function memoizeOne(ctx: EngineContext, call: Applied, op: Op, bytes: number): Promise<Next> {
  const { item, state } = call;
  const { output, failed } = resultOf(op, bytes);
  const record = stepRecord(op, output, failed ? "failed" : "completed", call.callStart, ctx.clock.now());
  if (call.stepId === null) {
    const fence = { itemId: item.id, token: item.leaseToken, runId: state.id };
    const write = await memoizeFenced(ctx, fence, [record], { version: call.version, functionId: state.fn?.id });
    call.version = undefined;
    if (write.written.length) {
      await keepOpMetadata(ctx, state.id, [op]);
      state.steps.set(op.id, output);
      return { kind: "continue", state, stepId: null };
    }
    return write.held ? recover(ctx, state) : DONE;
  }
  // A planned step finished: the run's next discovery waits for its parallel siblings.
  await recordVersion(ctx, call);
  return inTransaction(ctx, async (scope) => {
    if (!(await lockActiveRun(scope, state.id)) || !(await holdsLeaseTx(scope, item))) return DONE;
    if (await memoizeTx(scope, ctx, state.id, record)) await keepOpMetadata(ctx, state.id, [op], scope.tx);
    state.steps.set(op.id, output);
    return handOver(scope, ctx, item, state, op.opts?.parallelMode !== "race");
  });
}

/** The lease holds but the step was memoized already: our picture of the run is stale. */
async function recover(ctx: EngineContext, state: RunState): Promise<Next> {
  const fresh = await loadRunState(ctx.sql, state.id);
  if (!fresh || (fresh.status !== "queued" && fresh.status !== "running")) return DONE;
  return { kind: "continue", state: fresh, stepId: null };
}

/**
 * Continue with a discovery in this worker, or leave the run to the calls still outstanding.
 * The discovery must carry every memoized step: siblings of a parallel group may have been
 * memoized by other workers while this call was in flight, and a request without them makes the
 * SDK plan (and the engine run) them again. So the state is reloaded here, under the run's lock
 * and after the claim: from now on no other call of the run exists to memoize anything.
 */
async function handOver(scope: Scope, ctx: EngineContext, item: QueueItem, state: RunState, waitForGroup = false): Promise<Next> {
  if (await repurposeItemTx(scope, ctx, item, null, { waitForGroup })) {
    await endForcedPlanningTx(scope, state.id);
    const fresh = await loadRunState(scope.tx, state.id);
    return fresh ? { kind: "continue", state: fresh, stepId: null } : DONE;
  }
  await dropItemTx(scope, item, ctx.clock.now());
  return DONE;
}

/** Whether a step is memoized in the database, whatever this worker's picture of the run says. */
async function memoizedTx(scope: Scope, runId: string, stepId: string): Promise<boolean> {
  const rows = await scope.tx.query(`SELECT 1 FROM engine_steps WHERE run_id = $1 AND step_id = $2 AND memoized_at IS NOT NULL`, [runId, stepId]);
  return rows.length > 0;
}

async function finish(ctx: EngineContext, item: QueueItem, runId: string, outcome: RunOutcome, version?: number): Promise<Next> {
  await inTransaction(ctx, async (scope) => {
    const done = await finishRunTx(scope, ctx, runId, outcome, { itemId: item.id, token: item.leaseToken });
    if (done && version !== undefined) await scope.tx.query(`UPDATE engine_runs SET request_version = $2 WHERE id = $1`, [runId, version]);
  });
  return DONE;
}

/** A failed call: retry after Inngest's backoff (or Retry-After), or fail the run on the last attempt. */
async function failAttempt(
  ctx: EngineContext,
  call: Applied,
  error: SerializedError,
  retriable: boolean,
  retryAfter: string | undefined,
): Promise<Next> {
  const { item, state, attempt } = call;
  if (!retriable || attempt + 1 >= state.maxAttempts) return finish(ctx, item, state.id, { status: "failed", error });
  const now = ctx.clock.now();
  const retryAt = now + (retryAfterDelay(retryAfter, now) ?? retryDelay(ctx, attempt));
  await inTransaction(ctx, async (scope) => {
    if (!(await lockActiveRun(scope, state.id))) return;
    await recordRunAttemptTx(scope.tx, state.id, error, attempt, now, retryAt);
    await rescheduleItemTx(scope, item, retryAt, attempt + 1);
  });
  return DONE;
}

// Results are stored before anything is planned; waits before the rest (an event may already be due).
const ORDER: Record<string, number> = { StepRun: 0, Step: 0, StepFailed: 0, StepError: 0, RunComplete: 1, WaitForEvent: 2 };

async function applyOps(
  ctx: EngineContext,
  call: Applied,
  ops: Op[],
  noRetry: boolean,
  retryAfter: string | undefined,
  bytes: number,
): Promise<Next> {
  const { item, state, attempt } = call;
  const now = ctx.clock.now();
  // A lone planned step is made right away by this worker (no queue round trip), unless the
  // database says it is memoized already (the picture this call was made with was stale): then
  // the run is discovered again with the stored steps, and the step is never run twice.
  if (ops.length === 1 && ops[0].op === OP.StepPlanned && !state.steps.has(ops[0].id)) {
    const planned = await inTransaction(ctx, async (scope): Promise<Next | "plan"> => {
      if (!(await lockActiveRun(scope, state.id))) return DONE;
      if (await memoizedTx(scope, state.id, ops[0].id)) return handOver(scope, ctx, item, state);
      return (await repurposeItemTx(scope, ctx, item, ops[0].id)) ? { kind: "continue", state, stepId: ops[0].id } : "plan";
    });
    if (planned !== "plan") return planned;
  }
  return inTransaction(ctx, async (scope): Promise<Next> => {
    if (!(await lockActiveRun(scope, state.id)) || !(await holdsLeaseTx(scope, item))) return DONE;
    if (ops.length > 1 && !state.disableImmediate) {
      state.disableImmediate = true;
      await scope.tx.query(`UPDATE engine_runs SET disable_immediate = true WHERE id = $1`, [state.id]);
    }
    let memoized = 0;
    let scheduled = 0;
    let discover = false;
    let retryOp: Op | undefined;
    const sorted = [...ops].sort((a, b) => (ORDER[a.op] ?? 3) - (ORDER[b.op] ?? 3));
    for (const op of sorted) {
      if (op.op === OP.RunComplete) {
        await finishRunTx(scope, ctx, state.id, { status: "completed", output: op.data ?? null });
        return DONE;
      }
      if (op.op === OP.DiscoveryRequest) {
        discover = true;
        continue;
      }
      if (op.op === OP.StepError && !noRetry && attempt + 1 < state.maxAttempts) {
        retryOp = op;
        await recordStepAttemptTx(scope.tx, state.id, op, toSerializedError(op.error), attempt, now, call.callStart);
        continue;
      }
      const decided = planOp(op, state.steps.has(op.id), bytes);
      const planned = decided.kind === "plan" ? await decided.plan(scope, ctx, state, op) : decided;
      if (planned.kind === "scheduled") scheduled++;
      if (planned.kind === "resolve") {
        const record = stepRecord(op, planned.output, planned.failed ? "failed" : "completed", call.callStart, now);
        if (await memoizeTx(scope, ctx, state.id, record)) {
          memoized++;
          await keepOpMetadata(ctx, state.id, [op], scope.tx);
        }
        state.steps.set(op.id, planned.output);
      }
    }
    if (retryOp) {
      const retryAt = now + (retryAfterDelay(retryAfter, now) ?? retryDelay(ctx, attempt));
      await scope.tx.query(`UPDATE engine_runs SET retry_at = $2 WHERE id = $1`, [state.id, new Date(retryAt)]);
      await rescheduleItemTx(scope, item, retryAt, attempt + 1);
      return DONE;
    }
    if (memoized > 0 || discover) return scheduled > 0 ? drop(scope, ctx, item) : handOver(scope, ctx, item, state);
    if (scheduled > 0) return drop(scope, ctx, item);
    // Nothing new: either the run now waits (timers, events, invokes), or another path resolved a
    // step we did not know about; then discover again with the fresh state.
    const [count] = await scope.tx.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM engine_steps WHERE run_id = $1 AND memoized_at IS NOT NULL`,
      [state.id],
    );
    if (count.n > state.steps.size) {
      const fresh = await loadRunState(scope.tx, state.id);
      if (fresh && (await repurposeItemTx(scope, ctx, item, null))) return { kind: "continue", state: fresh, stepId: null };
    }
    return drop(scope, ctx, item);
  });
}

/** Step metadata a result op carries (`metadata`: AI attributes, step scores), kept for the trace. */
export async function keepOpMetadata(ctx: EngineContext, runId: string, ops: Op[], sql: SqlRunner = ctx.sql): Promise<void> {
  for (const op of ops) {
    const updates = opMetadata(op);
    if (updates.length) await saveMetadata(sql, runId, op.id, updates, ctx.clock.now());
  }
}

/** Inngest's backoff, or the fixed ENGINE_RETRY_INTERVAL when one is set (as `inngest dev --retry-interval`). */
export function retryDelay(ctx: EngineContext, failedAttempt: number): number {
  return ctx.config.retryIntervalMs > 0 ? ctx.config.retryIntervalMs : backoffDelay(failedAttempt, ctx.random);
}

async function drop(scope: Scope, ctx: EngineContext, item: QueueItem): Promise<Next> {
  await dropItemTx(scope, item, ctx.clock.now());
  return DONE;
}
