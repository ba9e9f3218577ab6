import { validateExpression } from "../cel";
import type { EngineContext } from "../context";
import { insertEventsTx } from "../events/emit-events";
import { normalizeEvents } from "../events/normalize";
import { functionById } from "../functions";
import { newId } from "../ids";
import type { Op } from "../protocol/types";
import { createRunsTx } from "../runs/create-runs";
import type { Scope } from "../store/scope";
import { at, json } from "../store/sql";
import { parseTimeTarget } from "../util/duration";
import type { RunState } from "./run-state";

const DAY_MS = 86_400_000;
const MAX_SLEEP_MS = 366 * DAY_MS;
const DEFAULT_INVOKE_TIMEOUT_MS = 365 * DAY_MS;

/** What planning an op led to: work scheduled, nothing new (already planned), or a value to memoize now. */
export type Planned = { kind: "scheduled" } | { kind: "known" } | { kind: "resolve"; output: unknown; failed: boolean };

/** Steps of a `Promise.race` group are marked: the run goes on after each of them, not after all. */
const raceOf = (op: Op) => (op.opts?.parallelMode === "race" ? { parallelMode: "race" } : {});

const stepName = (op: Op) => op.displayName ?? op.userland?.id ?? null;

function failure(name: string, message: string): Planned {
  return { kind: "resolve", output: { error: { name, message } }, failed: true };
}

/** Inserts the pending step row; false when the step already exists (planned before or memoized). */
async function insertPendingStep(scope: Scope, runId: string, op: Op, status: string, opts: unknown, now: number) {
  const rows = await scope.tx.query(
    `INSERT INTO engine_steps (run_id, step_id, name, op, status, opts, started_at)
     VALUES ($1, $2, $3, $4, $5, $6::jsonb, $7) ON CONFLICT (run_id, step_id) DO NOTHING RETURNING step_id`,
    [runId, op.id, stepName(op), op.op, status, json(opts), at(now)],
  );
  return rows.length > 0;
}

async function insertItem(
  scope: Scope,
  state: RunState,
  kind: string,
  stepId: string,
  when: number,
  now: number,
  payload?: unknown,
) {
  await scope.tx.query(
    `INSERT INTO engine_queue (run_id, kind, step_id, dedupe_key, available_at, limited, ckeys, climits, payload, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7::text[], $8::int[], $9::jsonb, $10) ON CONFLICT (dedupe_key) DO NOTHING`,
    [
      state.id, kind, stepId, `${state.id}:${kind}:${stepId}`, at(when), kind === "call" && state.ckeys.length > 0,
      kind === "call" ? state.ckeys : [], kind === "call" ? state.climits : [], payload === undefined ? null : json(payload),
      at(now),
    ],
  );
  scope.wake = true;
}

export async function planStep(scope: Scope, ctx: EngineContext, state: RunState, op: Op): Promise<Planned> {
  const now = ctx.clock.now();
  if (!(await insertPendingStep(scope, state.id, op, "running", null, now))) {
    const [row] = await scope.tx.query<{ memoized: boolean }>(
      `SELECT memoized_at IS NOT NULL AS memoized FROM engine_steps WHERE run_id = $1 AND step_id = $2`,
      [state.id, op.id],
    );
    if (row?.memoized) return { kind: "known" };
  }
  await insertItem(scope, state, "call", op.id, now, now);
  return { kind: "scheduled" };
}

export async function planSleep(scope: Scope, ctx: EngineContext, state: RunState, op: Op): Promise<Planned> {
  const now = ctx.clock.now();
  const text = typeof op.opts?.duration === "string" ? op.opts.duration : (op.name ?? "");
  const until = parseTimeTarget(text, now);
  if (until === undefined) return failure("InvalidSleepError", `cannot read sleep duration or time ${JSON.stringify(text)}`);
  if (until - now > MAX_SLEEP_MS) return failure("InvalidSleepError", "sleeps are limited to 366 days");
  if (until <= now) return { kind: "resolve", output: null, failed: false };
  if (!(await insertPendingStep(scope, state.id, op, "sleeping", { until: new Date(until).toISOString(), ...raceOf(op) }, now))) {
    return { kind: "known" };
  }
  await insertItem(scope, state, "sleep", op.id, until, now);
  return { kind: "scheduled" };
}

export async function planWait(scope: Scope, ctx: EngineContext, state: RunState, op: Op): Promise<Planned> {
  const now = ctx.clock.now();
  const eventName = typeof op.opts?.event === "string" ? op.opts.event : op.name;
  if (!eventName) return failure("InvalidWaitError", "waitForEvent needs an event name");
  const expression = typeof op.opts?.if === "string" && op.opts.if.trim() ? op.opts.if : null;
  if (expression) {
    try {
      validateExpression(expression);
    } catch (error) {
      return failure("UnsupportedExpressionError", (error as Error).message);
    }
  }
  const timeout = typeof op.opts?.timeout === "string" ? op.opts.timeout : "";
  const expires = parseTimeTarget(timeout, now);
  if (expires === undefined) return failure("InvalidWaitError", `cannot read timeout ${JSON.stringify(timeout)}`);
  const opts = { event: eventName, if: expression, timeout: new Date(expires).toISOString(), ...raceOf(op) };
  if (!(await insertPendingStep(scope, state.id, op, "waiting", opts, now))) return { kind: "known" };
  const pauseId = newId(now);
  await scope.tx.query(
    `INSERT INTO engine_pauses (id, run_id, kind, step_id, event_name, expression, created_at, expires_at)
     VALUES ($1, $2, 'wait', $3, $4, $5, $6, $7)`,
    [pauseId, state.id, op.id, eventName, expression, at(now), at(expires)],
  );
  await insertItem(scope, state, "wait_timeout", op.id, expires, now, { pauseId });
  return { kind: "scheduled" };
}

/** Serialises everything that claims or delivers one signal name (waits and `/v1/signals`). */
export async function lockSignalTx(scope: Scope, signal: string): Promise<void> {
  await scope.tx.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [`engine-signal:${signal}`]);
}

/**
 * `step.waitForSignal`: a pause of kind `signal` whose `event_name` is the signal. A signal has at
 * most one waiter (kind `signal`): `conflict: "replace"` takes the name over, and the older wait
 * (kind `signal_replaced`) stays pending until its own timeout; otherwise the step fails.
 */
export async function planSignalWait(scope: Scope, ctx: EngineContext, state: RunState, op: Op): Promise<Planned> {
  const now = ctx.clock.now();
  const signal = typeof op.opts?.signal === "string" ? op.opts.signal : op.name;
  if (!signal) return failure("InvalidWaitError", "waitForSignal needs a signal name");
  const timeout = typeof op.opts?.timeout === "string" ? op.opts.timeout : "";
  const expires = parseTimeTarget(timeout, now);
  if (expires === undefined) return failure("InvalidWaitError", `cannot read timeout ${JSON.stringify(timeout)}`);
  const replace = op.opts?.conflict === "replace";
  // Planned before (a parallel group discovered again): the wait is in place, or was replaced.
  const [planned] = await scope.tx.query(`SELECT 1 FROM engine_steps WHERE run_id = $1 AND step_id = $2`, [state.id, op.id]);
  if (planned) return { kind: "known" };
  await lockSignalTx(scope, signal);
  const holders = await scope.tx.query<{ id: string; live: boolean }>(
    `SELECT id, expires_at > $4 AS live FROM engine_pauses
     WHERE kind = 'signal' AND event_name = $1 AND NOT (run_id = $2 AND step_id = $3)`,
    [signal, state.id, op.id, at(now)],
  );
  if (holders.some((h) => h.live) && !replace) {
    // Inngest's executor fails the step on state.ErrSignalConflict.
    return failure("SignalConflictError", `Signal conflict: another run is already waiting for signal ${JSON.stringify(signal)}`);
  }
  const opts = { signal, timeout: new Date(expires).toISOString(), conflict: replace ? "replace" : "fail", ...raceOf(op) };
  if (!(await insertPendingStep(scope, state.id, op, "waiting", opts, now))) return { kind: "known" };
  if (holders.length > 0) {
    await scope.tx.query(`UPDATE engine_pauses SET kind = 'signal_replaced' WHERE id = ANY($1::text[])`, [holders.map((h) => h.id)]);
  }
  const pauseId = newId(now);
  await scope.tx.query(
    `INSERT INTO engine_pauses (id, run_id, kind, step_id, event_name, expression, created_at, expires_at)
     VALUES ($1, $2, 'signal', $3, $4, NULL, $5, $6)`,
    [pauseId, state.id, op.id, signal, at(now), at(expires)],
  );
  await insertItem(scope, state, "wait_timeout", op.id, expires, now, { pauseId });
  return { kind: "scheduled" };
}

export async function planInvoke(scope: Scope, ctx: EngineContext, state: RunState, op: Op): Promise<Planned> {
  const now = ctx.clock.now();
  const functionId = typeof op.opts?.function_id === "string" ? op.opts.function_id : undefined;
  if (!functionId) return failure("InngestInvokeError", "step.invoke needs a function id");
  const target = await functionById(scope.tx, functionId);
  // Inngest's runner answers an unknown target with a plain Error (pkg/execution/runner/runner.go).
  if (!target) return failure("Error", `could not find function with ID: ${functionId}`);
  const payload = (op.opts?.payload ?? {}) as { data?: Record<string, unknown>; user?: unknown; meta?: unknown };
  const timeout = typeof op.opts?.timeout === "string" ? op.opts.timeout : undefined;
  const expires = timeout ? parseTimeTarget(timeout, now) : now + DEFAULT_INVOKE_TIMEOUT_MS;
  if (expires === undefined) return failure("InngestInvokeError", `cannot read timeout ${JSON.stringify(timeout)}`);
  const opts = { function_id: functionId, timeout: new Date(expires).toISOString(), ...raceOf(op) };
  if (!(await insertPendingStep(scope, state.id, op, "invoking", opts, now))) return { kind: "known" };
  const [event] = normalizeEvents(
    {
      name: "inngest/function.invoked",
      data: { ...(payload.data ?? {}), _inngest: { fn_id: functionId, correlation_id: `${state.id}.${op.id}`, source_fn_id: state.fn?.id, source_run_id: state.id } },
      ...(payload.user ? { user: payload.user } : {}),
      // Sessions the SDK stamped from this run (meta.propagated_sessions) carry over to the invoked run.
      ...(payload.meta ? { meta: payload.meta } : {}),
    },
    now,
    { internal: true },
  );
  await insertEventsTx(scope, ctx, [event], true);
  const [childId] = await createRunsTx(scope, ctx, [
    { fn: target, event: event.payload, eventInternalId: event.internalId, parent: { runId: state.id, stepId: op.id } },
  ]);
  await scope.tx.query(`UPDATE engine_steps SET opts = opts || $3::jsonb WHERE run_id = $1 AND step_id = $2`, [
    state.id, op.id, json({ run_id: childId ?? null }),
  ]);
  if (!childId) return failure("InngestInvokeError", `function ${functionId} skipped the invocation (singleton)`);
  await insertItem(scope, state, "invoke_timeout", op.id, expires, now);
  return { kind: "scheduled" };
}
