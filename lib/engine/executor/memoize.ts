import type { EngineContext } from "../context";
import type { Op } from "../protocol/types";
import type { Scope } from "../store/scope";
import { at, json, type Tx } from "../store/sql";

export type StepRecord = {
  stepId: string;
  name: string | null;
  op: string;
  status: "completed" | "failed";
  output: unknown;
  startedAt: number;
  endedAt: number;
};

/** A step result as the engine stores it, with the SDK's own timing when it sent one. */
export function stepRecord(op: Op, output: unknown, status: StepRecord["status"], callStart: number, now: number): StepRecord {
  // Times are the engine's clock; the SDK's own timing (`b`: the step's duration in ns, measured
  // on another host's clock) only narrows the start to when the step itself began rather than
  // when the call did (a checkpointed call runs many steps).
  const sdkMs = op.timing && op.timing.a > 0 ? Math.round(op.timing.b / 1e6) : undefined;
  return {
    stepId: op.id,
    name: op.displayName ?? op.userland?.id ?? op.name ?? null,
    op: op.op,
    status,
    output,
    startedAt: sdkMs === undefined ? callStart : Math.max(callStart, now - sdkMs),
    endedAt: now,
  };
}

const UPSERT = `ON CONFLICT (run_id, step_id) DO UPDATE SET name = coalesce(EXCLUDED.name, engine_steps.name),
    op = EXCLUDED.op, status = EXCLUDED.status, output = EXCLUDED.output, attempts = engine_steps.attempts + 1,
    started_at = coalesce(engine_steps.started_at, EXCLUDED.started_at), ended_at = EXCLUDED.ended_at,
    memoized_at = EXCLUDED.memoized_at, seq = nextval(pg_get_serial_sequence('engine_steps', 'seq'))
  WHERE engine_steps.memoized_at IS NULL`;

export type Fence = { itemId: string; token: string; runId: string };

export type FencedWrite = {
  /** Whether the fence held: the item exists, belongs to the run and carries this lease token. */
  held: boolean;
  /** Step ids written (a step memoized before is skipped: first write wins). */
  written: string[];
  /** Memoized steps of the run before this write (only with `maxSteps`). */
  total?: number;
  functionId?: string;
};

/**
 * The hot path: memoizes steps and renews the item's lease in a single statement (one commit).
 * Nothing is written unless the item still carries `fence.token` (fencing: a process or SDK call
 * that lost its lease can never memoize over the one that took the run over). `maxSteps` refuses
 * the write when the run would exceed it; `version` records the SDK's request version on the way.
 */
export async function memoizeFenced(
  ctx: EngineContext,
  fence: Fence,
  steps: StepRecord[],
  opts: { maxSteps?: number; version?: number; functionId?: string } = {},
): Promise<FencedWrite> {
  const now = ctx.clock.now();
  const rows = steps.map((s) => ({
    step_id: s.stepId, name: s.name, op: s.op, status: s.status, output: s.output,
    started_at: new Date(s.startedAt).toISOString(), ended_at: new Date(s.endedAt).toISOString(),
  }));
  const params: unknown[] = [fence.itemId, fence.token, at(now + ctx.config.leaseMs), fence.runId, at(now), json(rows)];
  const limit = opts.maxSteps === undefined ? "" : `AND (SELECT count(*) FROM engine_steps WHERE run_id = $4 AND memoized_at IS NOT NULL) + $${params.push(steps.length)} <= $${params.push(opts.maxSteps)}`;
  const version = opts.version === undefined ? "" : `, v AS (UPDATE engine_runs SET request_version = $${params.push(opts.version)} WHERE id = (SELECT run_id FROM lease))`;
  const [row] = await ctx.sql.query<{ held: number; written: string[] | null; total: number | null; function_id: string | null }>(
    `WITH lease AS (
       UPDATE engine_queue SET available_at = $3, attempt = 0
       WHERE id = $1::bigint AND lease_token = $2 AND run_id = $4 ${limit}
       RETURNING run_id),
     ins AS (
       INSERT INTO engine_steps (run_id, step_id, name, op, status, output, attempts, started_at, ended_at, memoized_at)
       SELECT lease.run_id, e.j->>'step_id', e.j->>'name', e.j->>'op', e.j->>'status', e.j->'output', 1,
              (e.j->>'started_at')::timestamptz, (e.j->>'ended_at')::timestamptz, $5
       FROM lease CROSS JOIN jsonb_array_elements($6::jsonb) WITH ORDINALITY AS e(j, n)
       ORDER BY e.n
       ${UPSERT}
       RETURNING step_id)${version}
     SELECT (SELECT count(*) FROM lease)::int AS held, (SELECT array_agg(step_id) FROM ins) AS written,
            ${limit ? "(SELECT count(*) FROM engine_steps WHERE run_id = $4 AND memoized_at IS NOT NULL)::int" : "NULL"} AS total,
            ${opts.functionId === undefined ? "(SELECT function_id FROM engine_runs WHERE id = $4)" : "NULL"} AS function_id
            ${ctx.config.synchronousCommit ? "" : ", set_config('synchronous_commit', 'off', true) AS relaxed"}`,
    params,
  );
  const written = row.written ?? [];
  const functionId = opts.functionId ?? row.function_id ?? "unknown";
  for (const id of written) {
    ctx.observe?.stepMemoized?.(fence.runId, id, now);
    const step = steps.find((s) => s.stepId === id);
    if (step?.op === "StepRun") ctx.observe?.stepFinished?.(functionId, (step.endedAt - step.startedAt) / 1000, step.status);
  }
  return { held: row.held > 0, written, total: row.total ?? undefined, functionId };
}

/** Memoizes inside a transaction that already checked the lease. */
export async function memoizeTx(scope: Scope, ctx: EngineContext, runId: string, step: StepRecord): Promise<boolean> {
  const now = ctx.clock.now();
  const rows = await scope.tx.query(
    `INSERT INTO engine_steps (run_id, step_id, name, op, status, output, attempts, started_at, ended_at, memoized_at)
     VALUES ($1, $2, $3, $4, $5, $6::jsonb, 1, $7, $8, $9)
     ${UPSERT}
     RETURNING step_id`,
    [runId, step.stepId, step.name, step.op, step.status, json(step.output), at(step.startedAt), at(step.endedAt), at(now)],
  );
  if (rows.length) ctx.observe?.stepMemoized?.(runId, step.stepId, now);
  return rows.length > 0;
}

/** Records a failed attempt of a step that will be retried. */
export async function recordStepAttemptTx(
  tx: Tx,
  runId: string,
  op: Op,
  error: unknown,
  attempt: number,
  now: number,
  startedAt: number,
): Promise<void> {
  const entry = json([{ attempt, at: new Date(now).toISOString(), error }]);
  await tx.query(
    `INSERT INTO engine_steps (run_id, step_id, name, op, status, errors, attempts, started_at)
     VALUES ($1, $2, $3, 'StepRun', 'running', $4::jsonb, 1, $5)
     ON CONFLICT (run_id, step_id) DO UPDATE SET errors = coalesce(engine_steps.errors, '[]'::jsonb) || $4::jsonb,
       attempts = engine_steps.attempts + 1, name = coalesce(engine_steps.name, EXCLUDED.name)
     WHERE engine_steps.memoized_at IS NULL`,
    [runId, op.id, op.displayName ?? op.userland?.id ?? op.name ?? null, entry, at(startedAt)],
  );
}

/** Records a failed attempt of a call outside any step (the function body threw, SDK unreachable). */
export async function recordRunAttemptTx(tx: Tx, runId: string, error: unknown, attempt: number, now: number, retryAt: number | null) {
  const entry = json([{ attempt, at: new Date(now).toISOString(), error }]);
  await tx.query(
    `UPDATE engine_runs SET attempt_errors = coalesce(attempt_errors, '[]'::jsonb) || $2::jsonb, retry_at = $3, updated_at = $4
     WHERE id = $1`,
    [runId, entry, retryAt === null ? null : at(retryAt), at(now)],
  );
}
