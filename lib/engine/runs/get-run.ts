import { getDatabase, type SqlRunner } from "@/lib/db";
import { notFound } from "@/lib/errors";
import type { RunStatus } from "./list-runs";

export type StepDetail = {
  id: string;
  name: string | null;
  op: string;
  status: string;
  opts: Record<string, unknown> | null;
  /** The memoized value: `{data}` or `{error}` for steps, the event for waits, null for sleeps. */
  output: unknown;
  attempts: number;
  /** Failed attempts before the final outcome: [{attempt, at, error}]. */
  errors: { attempt: number; at: string; error: unknown }[];
  startedAt: string | null;
  endedAt: string | null;
  durationMs: number | null;
};

export type RunDetail = {
  id: string;
  functionId: string;
  functionName: string | null;
  appId: string;
  status: RunStatus;
  workspaceId: string | null;
  event: unknown;
  output: unknown;
  error: unknown;
  /** Failed attempts outside steps (the function body threw, the app was unreachable). */
  attemptErrors: { attempt: number; at: string; error: unknown }[];
  /** When the next attempt of a failed call happens (null when none is pending). */
  nextRetryAt: string | null;
  /** The attempt the pending call will be (0-based). */
  pendingAttempt: number | null;
  parentRunId: string | null;
  rerunOf: string | null;
  cancelledBy: string | null;
  createdAt: string;
  startedAt: string | null;
  endedAt: string | null;
  steps: StepDetail[];
};

const iso = (d: Date | string | null) => (d ? new Date(d).toISOString() : null);

/** A run with its trigger event and steps; scoped to a workspace when `workspaceId` is given. */
export async function getRun(runId: string, scope: { workspaceId?: string } = {}, sql?: SqlRunner): Promise<RunDetail> {
  const db = sql ?? (await getDatabase()).sql;
  const [r] = await db.query<Record<string, never>>(
    `SELECT r.*, f.name AS function_name,
       (SELECT json_build_object('at', q.available_at, 'attempt', q.attempt) FROM engine_queue q
        WHERE q.run_id = r.id AND q.kind = 'call' AND q.attempt > 0 AND q.lease_owner IS NULL
        ORDER BY q.available_at LIMIT 1) AS pending_retry
     FROM engine_runs r LEFT JOIN engine_functions f ON f.id = r.function_id WHERE r.id = $1`,
    [runId],
  );
  if (!r || (scope.workspaceId !== undefined && r.workspace_id !== scope.workspaceId)) throw notFound("Run");
  const steps = await db.query<Record<string, never>>(
    `SELECT * FROM engine_steps WHERE run_id = $1 ORDER BY (memoized_at IS NULL), seq`,
    [runId],
  );
  const retry = r.pending_retry as { at: string; attempt: number } | null;
  return {
    id: r.id, functionId: r.function_id, functionName: r.function_name, appId: r.app_id, status: r.status,
    workspaceId: r.workspace_id, event: r.event, output: r.output, error: r.error, attemptErrors: r.attempt_errors ?? [],
    nextRetryAt: retry ? iso(retry.at) : null, pendingAttempt: retry ? retry.attempt : null,
    parentRunId: r.parent_run_id, rerunOf: r.rerun_of, cancelledBy: r.cancelled_by,
    createdAt: iso(r.created_at)!, startedAt: iso(r.started_at), endedAt: iso(r.ended_at),
    steps: steps.map((s) => ({
      id: s.step_id, name: s.name, op: s.op, status: s.status, opts: s.opts, output: s.output, attempts: s.attempts,
      errors: s.errors ?? [], startedAt: iso(s.started_at), endedAt: iso(s.ended_at),
      durationMs: s.started_at && s.ended_at ? new Date(s.ended_at).getTime() - new Date(s.started_at).getTime() : null,
    })),
  };
}
