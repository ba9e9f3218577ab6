import { createHash } from "node:crypto";
import { isAppError } from "@/lib/errors";
import type { EngineContext } from "../context";
import { LAZY_OPS, saveDeferOps } from "../defers";
import { insertEventsTx } from "../events/emit-events";
import { normalizeEvents, workspaceOf, type EventPayload } from "../events/normalize";
import { keepOpMetadata, retryDelay } from "../executor/apply-result";
import { functionUuid } from "../executor/call-sdk";
import { MAX_OUTPUT_BYTES, MAX_STEPS } from "../executor/limits";
import { memoizeTx, recordRunAttemptTx, recordStepAttemptTx, stepRecord } from "../executor/memoize";
import { planOp } from "../executor/plan-op";
import { loadRunState } from "../executor/run-state";
import { DEFAULT_RETRIES } from "../functions";
import { endpointOf } from "../registration/serve-url";
import { OP, opSchema, toSerializedError, type Op } from "../protocol/types";
import { finishRunTx } from "../runs/finish-run";
import { continueRunTx, lockActiveRun } from "../runs/resolve-step";
import { inTransaction, type Scope } from "../store/scope";
import { at, json } from "../store/sql";
import { readHttpData, type SyncDriver } from "./driver";
import { createRunToken } from "./tokens";

/**
 * Durable endpoints (`inngest.endpoint()`, inngest-js `createSyncHandler`): an ordinary HTTP handler
 * of the app whose steps run in the request itself. The SDK makes the run id, runs the steps and
 * reports them here, as Inngest's checkpoint API takes them (`pkg/api/apiv1/checkpoint.go`,
 * `pkg/execution/checkpoint`):
 *
 * - `POST /v1/checkpoint` (`checkpointNewRun`) creates the run, with the steps done so far, and the
 *   app and function on first use (app: the request's domain; function: `data.fn`, else
 *   `"<METHOD> <path>"`). It answers `{data: {fn_id, app_id, run_id, token?, realtime_token}}`:
 *   `token` reads the output at `/v1/http/runs/{id}/output` (only when steps came along, as
 *   Inngest), `realtime_token` subscribes to the run's stream at `/v1/realtime/sse`.
 * - `POST /v1/checkpoint/{runId}/steps` (`checkpointSteps`) adds steps while the request runs.
 *   A `StepRun` is memoized; a `RunComplete` ends the run with the endpoint's response
 *   (`{status, headers, body}`). Anything the request cannot finish itself makes the run async:
 *   a retriable `StepError` queues a retry, a sleep, wait, invoke or parallel group is planned as
 *   for any run, a `StepFailed` is memoized, and the engine then re-enters the endpoint as Inngest's
 *   HTTP v2 driver does (the same method and URL, headers `X-Run-ID` and a signature; the SDK reads
 *   the run's state from `/v0/runs/{id}`).
 */
export type SyncReply = { status: number; body: Record<string, unknown> };

const reply = (status: number, body: Record<string, unknown> = {}): SyncReply => ({ status, body });

/** The hashed id of `"complete"`: the SDK's id for ops about the function itself, not a step. */
export const RUN_OP_ID = createHash("sha1").update("complete").digest("hex");

const ULID = /^[0-9A-HJKMNP-TV-Z]{26}$/;
const RESULT_OPS = new Set<string>([OP.StepRun, OP.Step]);
/** Waits first (an event may already be due), results before plans. */
const ORDER: Record<string, number> = { WaitForEvent: 0, StepRun: 1, Step: 1, StepFailed: 1, StepError: 1 };

/**
 * The engine calls whatever URL an endpoint run names: only the origins of the app endpoints it is
 * configured for qualify (any, with `--dev`), as for registration.
 */
function allowedDomain(ctx: EngineContext, domain: string): boolean {
  if (!ctx.appEndpoints) return true;
  return ctx.appEndpoints.some((e) => {
    const endpoint = endpointOf(e);
    return endpoint !== undefined && new URL(endpoint).origin === new URL(domain).origin;
  });
}

function parseOps(raw: unknown): Op[] | string {
  if (raw === undefined || raw === null) return [];
  if (!Array.isArray(raw)) return "steps must be an array";
  const ops: Op[] = [];
  for (const [i, item] of raw.entries()) {
    const parsed = opSchema.safeParse(item);
    if (!parsed.success) return `steps[${i}] needs an op and an id`;
    ops.push(parsed.data);
  }
  return ops;
}

function parseBody(text: string): Record<string, unknown> | string {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return "the body is not valid JSON";
  }
  return body && typeof body === "object" && !Array.isArray(body) ? (body as Record<string, unknown>) : "the body must be an object";
}

/** `POST /v1/checkpoint`: a durable endpoint's run starts (see the module comment). */
export async function checkpointNewRun(ctx: EngineContext, text: string): Promise<SyncReply> {
  const body = parseBody(text);
  if (typeof body === "string") return reply(400, { error: body });
  const runId = body.run_id;
  if (typeof runId !== "string" || !ULID.test(runId)) return reply(400, { error: "run_id must be a ULID" });
  const http = readHttpData(body.event);
  if (typeof http === "string") return reply(400, { error: http });
  const ops = parseOps(body.steps);
  if (typeof ops === "string") return reply(400, { error: ops });
  if (!allowedDomain(ctx, http.domain)) {
    ctx.log.warn({ domain: http.domain.slice(0, 200) }, "engine: refused an endpoint run naming an origin this engine does not serve");
    return reply(403, { error: `refused: ${http.domain.slice(0, 200)} is not an app origin this engine is configured to call` });
  }
  let event: EventPayload;
  let eventInternalId: string;
  const now = ctx.clock.now();
  try {
    const [stored] = normalizeEvents(body.event, now, { internal: true });
    event = stored.payload;
    eventInternalId = stored.internalId;
  } catch (error) {
    if (isAppError(error)) return reply(400, { error: error.message });
    throw error;
  }
  const retries = typeof body.retries === "number" && Number.isInteger(body.retries) && body.retries >= 0 ? Math.min(body.retries, 20) : DEFAULT_RETRIES;
  const version = typeof body.request_version === "number" && Number.isInteger(body.request_version) ? body.request_version : -1;
  const fnSlug = http.fn || `${http.method} ${http.path}`;
  const appId = http.domain;
  const functionId = `${appId} ${fnSlug}`;
  const config = {
    id: functionId,
    name: fnSlug,
    triggers: [],
    steps: { step: { id: "step", name: fnSlug, runtime: { type: "http", url: http.domain }, retries: { attempts: retries } } },
    driver: { type: "sync", method: http.method } satisfies SyncDriver,
  };

  const created = await inTransaction(ctx, async (scope) => {
    await scope.tx.query(
      `INSERT INTO engine_apps (id, url, sdk, framework, function_count, error, synced_at, created_at)
       VALUES ($1, $1, NULL, 'endpoint', 1, NULL, $2, $2)
       ON CONFLICT (id) DO UPDATE SET synced_at = EXCLUDED.synced_at, error = NULL`,
      [appId, at(now)],
    );
    await scope.tx.query(
      `INSERT INTO engine_functions (id, app_id, name, url, config, event_names, max_attempts, archived, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5::jsonb, '{}', $6, false, $7, $7)
       ON CONFLICT (id) DO UPDATE SET config = EXCLUDED.config, max_attempts = EXCLUDED.max_attempts, archived = false,
         updated_at = EXCLUDED.updated_at
       WHERE (engine_functions.config, engine_functions.max_attempts, engine_functions.archived)
         IS DISTINCT FROM (EXCLUDED.config, EXCLUDED.max_attempts, false)`,
      [functionId, appId, fnSlug, http.domain, json(config), retries + 1, at(now)],
    );
    const rows = await scope.tx.query(
      `INSERT INTO engine_runs (id, function_id, app_id, status, workspace_id, event_id, event_name, event, max_attempts,
         request_version, ckeys, climits, created_at, started_at, updated_at)
       VALUES ($1, $2, $3, 'running', $4, $5, $6, $7::jsonb, $8, $9, '{}', '{}', $10, $10, $10)
       ON CONFLICT (id) DO NOTHING RETURNING id`,
      [runId, functionId, appId, workspaceOf(event), eventInternalId, event.name, json(event), retries + 1, version, at(now)],
    );
    if (rows.length === 0) return false;
    await armEndpointTimeoutTx(scope, ctx, runId, now);
    // The request is the run's trigger: kept as an event (handled: it triggers nothing) for the read API.
    await insertEventsTx(scope, ctx, [{ internalId: eventInternalId, payload: event }], true);
    return true;
  });
  if (!created) return reply(409, { error: "Run already exists" });
  ctx.log.debug({ run_id: runId, function_id: functionId }, "engine: endpoint run started");

  if (ops.length) {
    const applied = await applySyncOps(ctx, runId, ops);
    if (applied.status !== 200) ctx.log.warn({ run_id: runId, error: applied.body.error }, "engine: an endpoint run's first checkpoint was not kept");
  }
  return reply(200, {
    data: {
      fn_id: functionUuid(functionId),
      app_id: functionUuid(appId),
      run_id: runId,
      ...(ops.length ? { token: createRunToken(ctx, runId, "output", now) } : {}),
      realtime_token: createRunToken(ctx, runId, "stream", now),
    },
  });
}

/** `POST /v1/checkpoint/{runId}/steps`: steps of an endpoint run still in its request. */
export async function checkpointSyncSteps(ctx: EngineContext, runId: string, text: string): Promise<SyncReply> {
  const body = parseBody(text);
  if (typeof body === "string") return reply(400, { error: body });
  if (body.run_id !== undefined && body.run_id !== runId) return reply(400, { error: "run_id does not match the path" });
  const ops = parseOps(body.steps);
  if (typeof ops === "string") return reply(400, { error: ops });
  return applySyncOps(ctx, runId, ops);
}

/**
 * Applies what a durable endpoint reported, under the run's lock. The SDK goes on by itself after
 * a `StepRun`; for everything else it stops and the engine takes the run over (see the module
 * comment). Sync checkpoints are a request's first attempt, so attempt 0 throughout.
 */
export async function applySyncOps(ctx: EngineContext, runId: string, ops: Op[]): Promise<SyncReply> {
  for (const op of ops) {
    if (RESULT_OPS.has(op.op) && (JSON.stringify(op.data ?? null)?.length ?? 0) > MAX_OUTPUT_BYTES) {
      return reply(413, { error: `step ${op.id}: output is larger than 4 MB` });
    }
  }
  return inTransaction(ctx, async (scope): Promise<SyncReply> => {
    const run = await lockActiveRun(scope, runId);
    if (!run) {
      const [known] = await scope.tx.query(`SELECT 1 FROM engine_runs WHERE id = $1`, [runId]);
      return known ? reply(409, { error: "the run has ended" }) : reply(404, { error: "run not found" });
    }
    const state = await loadRunState(scope.tx, runId);
    if (!state) return reply(404, { error: "run not found" });
    const now = ctx.clock.now();
    // The request is alive: its silence is counted again from now.
    await armEndpointTimeoutTx(scope, ctx, runId, now);
    const lazy = ops.filter((op) => LAZY_OPS.has(op.op));
    if (lazy.length) await saveDeferOps(scope.tx, runId, lazy, now);
    const rest = ops.filter((op) => !LAZY_OPS.has(op.op));
    if (state.steps.size + rest.length > MAX_STEPS) {
      await finishRunTx(scope, ctx, runId, { status: "failed", error: { name: "StepLimitError", message: `a run may have at most ${MAX_STEPS} steps` } });
      return reply(400, { error: `a run may have at most ${MAX_STEPS} steps` });
    }
    // More than one op at once is a parallel group: from now on every step is planned first.
    if (rest.length > 1 && !state.disableImmediate) {
      state.disableImmediate = true;
      await scope.tx.query(`UPDATE engine_runs SET disable_immediate = true WHERE id = $1`, [runId]);
    }
    let discover = false;
    let scheduled = 0;
    for (const op of [...rest].sort((a, b) => (ORDER[a.op] ?? 2) - (ORDER[b.op] ?? 2))) {
      if (op.op === OP.RunComplete) {
        await finishRunTx(scope, ctx, runId, { status: "completed", output: op.data ?? null });
        return reply(200);
      }
      if (op.op === OP.DiscoveryRequest) {
        discover = true;
        continue;
      }
      if (op.op === OP.StepError && state.maxAttempts > 1) {
        const error = toSerializedError(op.error);
        const retryAt = now + retryDelay(ctx, 0);
        if (op.id === RUN_OP_ID) await recordRunAttemptTx(scope.tx, runId, error, 0, now, retryAt);
        else {
          await recordStepAttemptTx(scope.tx, runId, op, error, 0, now, now);
          await scope.tx.query(`UPDATE engine_runs SET retry_at = $2, updated_at = $3 WHERE id = $1`, [runId, at(retryAt), at(now)]);
        }
        await queueRetryTx(scope, state, retryAt, now);
        return reply(200);
      }
      if ((op.op === OP.StepError || op.op === OP.StepFailed) && op.id === RUN_OP_ID) {
        // The function itself failed for good in the request.
        await finishRunTx(scope, ctx, runId, { status: "failed", error: toSerializedError(op.error) });
        return reply(200);
      }
      // Outputs over the limit were refused above, so no op here needs measuring again.
      const decided = planOp(op, state.steps.has(op.id), 0);
      const planned = decided.kind === "plan" ? await decided.plan(scope, ctx, state, op) : decided;
      if (planned.kind === "scheduled") scheduled++;
      if (planned.kind === "resolve") {
        const record = stepRecord(op, planned.output, planned.failed ? "failed" : "completed", now, now);
        if (await memoizeTx(scope, ctx, runId, record)) await keepOpMetadata(ctx, runId, [op], scope.tx);
        state.steps.set(op.id, planned.output);
        // A step.run result lets the request go on; anything else resolved here hands the run to the engine.
        if (!RESULT_OPS.has(op.op)) discover = true;
      }
    }
    if (discover && scheduled === 0) await continueRunTx(scope, ctx, run);
    return reply(200);
  });
}

const endpointTimeoutKey = (runId: string) => `${runId}:endpoint_timeout:-`;

/**
 * A durable endpoint's run lives in the app's request until it goes async, and nothing else knows
 * about it: an app that crashes or hangs there would leave the run `running` for good. Each
 * checkpoint moves this timer to `ENGINE_REQUEST_TIMEOUT` (the longest the engine waits for any
 * call to an SDK) past itself; when it fires, endpointTimedOutTx decides.
 */
async function armEndpointTimeoutTx(scope: Scope, ctx: EngineContext, runId: string, now: number): Promise<void> {
  await scope.tx.query(
    `INSERT INTO engine_queue (run_id, kind, dedupe_key, available_at, created_at)
     VALUES ($1, 'endpoint_timeout', $2, $3, $4)
     ON CONFLICT (dedupe_key) DO UPDATE SET available_at = EXCLUDED.available_at WHERE engine_queue.lease_owner IS NULL`,
    [runId, endpointTimeoutKey(runId), at(now + ctx.config.requestTimeoutMs), at(now)],
  );
}

/**
 * The timer fired on a run the caller has locked. A run the engine has taken over (a call, sleep,
 * wait, invoke or signal of its own is pending) is not stuck in a request and is left alone; one
 * with nothing pending has had no sign of life for the whole timeout and fails, so its caller at
 * the redirect target gets an answer and its concurrency is given back.
 */
export async function endpointTimedOutTx(scope: Scope, ctx: EngineContext, runId: string): Promise<void> {
  const [pending] = await scope.tx.query(
    `SELECT 1 FROM engine_queue WHERE run_id = $1 AND kind <> 'endpoint_timeout'
     UNION ALL SELECT 1 FROM engine_pauses WHERE run_id = $1 LIMIT 1`,
    [runId],
  );
  if (pending) return;
  const limit = `${Math.round(ctx.config.requestTimeoutMs / 60_000)} min`;
  const error = { name: "EndpointTimeoutError", message: `the endpoint's request reported nothing for ${limit} (ENGINE_REQUEST_TIMEOUT) before the run finished` };
  ctx.log.warn({ run_id: runId }, "engine: an endpoint run went silent in its request and was failed");
  await finishRunTx(scope, ctx, runId, { status: "failed", error });
}

/** The endpoint's retry: a call (discovery) at attempt 1, as Inngest's checkpointer enqueues it. */
async function queueRetryTx(scope: Scope, state: { id: string; ckeys: string[]; climits: number[] }, retryAt: number, now: number) {
  await scope.tx.query(
    `INSERT INTO engine_queue (run_id, kind, step_id, dedupe_key, available_at, attempt, limited, ckeys, climits, created_at)
     VALUES ($1, 'call', NULL, $1 || ':call:-', $2, 1, cardinality($3::text[]) > 0, $3::text[], $4::int[], $5)
     ON CONFLICT (dedupe_key) DO NOTHING`,
    [state.id, at(retryAt), state.ckeys, state.climits, at(now)],
  );
  scope.wake = true;
}
