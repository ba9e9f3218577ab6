import type { EngineContext } from "../context";
import { PENDING_GROUP_MEMBER } from "../store/queue";
import type { Scope } from "../store/scope";
import { at, json } from "../store/sql";

type LockedRun = { id: string; status: string; ckeys: string[]; climits: number[] };

/** Locks an active run's row (serialises everything that resolves its steps); null if it ended. */
export async function lockActiveRun(scope: Scope, runId: string): Promise<LockedRun | null> {
  const [run] = await scope.tx.query<LockedRun>(
    `SELECT id, status, ckeys, climits FROM engine_runs WHERE id = $1 FOR UPDATE`,
    [runId],
  );
  return run && (run.status === "queued" || run.status === "running") ? run : null;
}

/**
 * Memoizes a step resolved outside a call (a sleep ended, an awaited event arrived or timed
 * out, an invoked run finished) and lets the run go on. Returns false when the run has ended or
 * the step was already resolved (an event and a timeout racing: the first one wins).
 */
export async function resolveStepTx(
  scope: Scope,
  ctx: EngineContext,
  runId: string,
  stepId: string,
  output: unknown,
  opts: { status: "completed" | "failed"; exceptItemId?: string; sleepResume?: boolean },
): Promise<boolean> {
  const run = await lockActiveRun(scope, runId);
  if (!run) return false;
  const now = ctx.clock.now();
  const rows = await scope.tx.query(
    `INSERT INTO engine_steps (run_id, step_id, op, status, output, memoized_at, started_at, ended_at)
     VALUES ($1, $2, 'Step', $3, $4::jsonb, $5, $5, $5)
     ON CONFLICT (run_id, step_id) DO UPDATE SET status = EXCLUDED.status, output = EXCLUDED.output,
       memoized_at = EXCLUDED.memoized_at, ended_at = EXCLUDED.ended_at,
       seq = nextval(pg_get_serial_sequence('engine_steps', 'seq'))
     WHERE engine_steps.memoized_at IS NULL
     RETURNING step_id, coalesce(engine_steps.opts->>'parallelMode', '') = 'race' AS race`,
    [runId, stepId, opts.status, json(output), at(now)],
  );
  if (rows.length === 0) return false;
  const race = (rows[0] as { race?: boolean }).race === true;
  ctx.observe?.stepMemoized?.(runId, stepId, now);
  await scope.tx.query(
    `DELETE FROM engine_queue WHERE run_id = $1 AND step_id = $2 AND kind <> 'call' AND id <> coalesce($3::bigint, -1)`,
    [runId, stepId, opts.exceptItemId ?? null],
  );
  await continueRunTx(scope, ctx, run, opts.exceptItemId, opts.sleepResume, !race);
  return true;
}

/**
 * Queues the run's next discovery call unless a call is already queued or running for it: one
 * discovery per run at a time, and a parallel group is discovered once its last step is in.
 *
 * `sleepResume`: the discovery follows a sleep that ended. Inngest's executor clears the forced
 * step planning of a parallel group there in its store but makes that very request with the
 * metadata it loaded before (`executor.go`, `isSleepResume`), so the SDK still only plans in it;
 * the item is marked to do the same (`force_step_plan`), and later calls plan no longer.
 */
export async function continueRunTx(
  scope: Scope,
  ctx: EngineContext,
  run: { id: string; ckeys: string[]; climits: number[] },
  exceptItemId?: string,
  sleepResume = false,
  waitForGroup = false,
): Promise<void> {
  const now = at(ctx.clock.now());
  const rows = await scope.tx.query(
    `INSERT INTO engine_queue (run_id, kind, step_id, dedupe_key, available_at, limited, ckeys, climits, created_at)
     SELECT $1, 'call', NULL, $1 || ':call:-', $2, cardinality($3::text[]) > 0, $3::text[], $4::int[], $2
     WHERE NOT EXISTS (
       SELECT 1 FROM engine_queue WHERE run_id = $1 AND kind = 'call' AND id <> coalesce($5::bigint, -1))
       AND NOT ($6::boolean AND ${PENDING_GROUP_MEMBER.replace(/\$RUN/g, () => "$1")})
     ON CONFLICT (dedupe_key) DO NOTHING
     RETURNING id`,
    [run.id, now, run.ckeys, run.climits, exceptItemId ?? null, waitForGroup],
  );
  if (rows.length) {
    scope.wake = true;
    const cleared = await endForcedPlanningTx(scope, run.id);
    if (cleared && sleepResume) {
      await scope.tx.query(`UPDATE engine_queue SET payload = '{"force_step_plan": true}'::jsonb WHERE id = $1`, [
        (rows[0] as { id: string }).id,
      ]);
    }
  }
}

/**
 * After a parallel group the run goes back to immediate execution (and so to checkpointing): when
 * a discovery is queued and no step of the run is pending any more, `disable_immediate_execution`
 * is cleared for request version 2, as Inngest's executor does (maybeResetForceStepPlan).
 */
export async function endForcedPlanningTx(scope: Scope, runId: string): Promise<boolean> {
  const rows = await scope.tx.query(
    `UPDATE engine_runs SET disable_immediate = false
     WHERE id = $1 AND disable_immediate AND request_version >= 2
       AND NOT EXISTS (SELECT 1 FROM engine_steps WHERE run_id = $1 AND memoized_at IS NULL)
     RETURNING id`,
    [runId],
  );
  return rows.length > 0;
}
