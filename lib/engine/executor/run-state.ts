import type { SqlRunner } from "@/lib/db";
import type { FunctionDef } from "../functions";
import type { FunctionConfig } from "../protocol/types";
import type { EventPayload } from "../events/normalize";
import { at } from "../store/sql";

/** What a call needs about a run: its trigger, settings and memoized steps (in memoization order). */
export type RunState = {
  id: string;
  status: string;
  event: EventPayload;
  /** A batch's events (batchEvents); null for a run of one event. */
  events: EventPayload[] | null;
  maxAttempts: number;
  requestVersion: number;
  disableImmediate: boolean;
  started: boolean;
  createdAt: number;
  ckeys: string[];
  climits: number[];
  parentRunId: string | null;
  /** What the app's SDK reported at sync (`js:v4.24.0`); decides whether calls may checkpoint. */
  sdk: string | null;
  /** Whether the run recorded a `ctx.defer()`: its end then takes the full path (finishRunTx). */
  hasDefers: boolean;
  /** The run's defers by hashed id, sent as `defers` so the SDK does not report them again. */
  defers: Record<string, { abortable: boolean }>;
  fn: FunctionDef | null;
  steps: Map<string, unknown>;
  /** Canonical JSON of the event and of each step, made once per process instead of once per call. */
  encoded?: { event?: string; events?: string; steps: Map<string, string> };
};

type Row = {
  id: string;
  status: string;
  function_id: string;
  event: EventPayload;
  events: EventPayload[] | string | null;
  max_attempts: number;
  request_version: number;
  disable_immediate: boolean;
  started_at: Date | null;
  created_at: Date;
  ckeys: string[];
  climits: number[];
  parent_run_id: string | null;
  app_id: string | null;
  name: string | null;
  url: string | null;
  config: FunctionConfig | null;
  sdk: string | null;
  steps: [string, unknown][] | string;
  defers: Record<string, { abortable: boolean }> | string | null;
  touched?: number;
};

const SELECT = `SELECT r.id, r.status, r.function_id, r.event, r.events, r.max_attempts, r.request_version, r.disable_immediate,
            r.started_at, r.created_at, r.ckeys, r.climits, r.parent_run_id, f.app_id, f.name, f.url, f.config, a.sdk,
            (SELECT coalesce(json_agg(json_build_array(s.step_id, s.output) ORDER BY s.seq), '[]'::json)
               FROM engine_steps s WHERE s.run_id = r.id AND s.memoized_at IS NOT NULL) AS steps,
            (SELECT json_object_agg(d.hashed_id, json_build_object('abortable', d.status = 'after_run'))
               FROM engine_defers d WHERE d.run_id = r.id) AS defers`;
const FROM = `FROM engine_runs r LEFT JOIN engine_functions f ON f.id = r.function_id LEFT JOIN engine_apps a ON a.id = f.app_id
     WHERE r.id = $1`;

/** One round trip: the run, its function and its memoized steps. */
export async function loadRunState(sql: SqlRunner, runId: string): Promise<RunState | null> {
  const [row] = await sql.query<Row>(`${SELECT} ${FROM}`, [runId]);
  return row ? toState(row) : null;
}

/**
 * loadRunState for the call that is about to be made, in the same statement: a queued run is marked
 * running (unless its function has `timeouts`, which the caller checks first), and a pending retry
 * time is cleared once the retry happens. The SELECT sees the row as it was before the update.
 */
export async function loadRunStateForCall(sql: SqlRunner, runId: string, now: number, retrying: boolean): Promise<RunState | null> {
  const [row] = await sql.query<Row>(
    `WITH touched AS (
       UPDATE engine_runs r SET status = 'running', started_at = coalesce(r.started_at, $2), updated_at = $2, retry_at = NULL
       WHERE r.id = $1 AND (
         (r.status = 'queued' AND NOT EXISTS (
            SELECT 1 FROM engine_functions f WHERE f.id = r.function_id AND f.config->'timeouts' ?| array['start', 'finish']))
         OR (r.status = 'running' AND $3::boolean AND r.retry_at IS NOT NULL))
       RETURNING r.id)
     ${SELECT}, (SELECT count(*) FROM touched)::int AS touched ${FROM}`,
    [runId, at(now), retrying],
  );
  if (!row) return null;
  const state = toState(row);
  if (row.touched && state.status === "queued") {
    state.status = "running";
    state.started = true;
  }
  return state;
}

function toState(row: Row): RunState {
  const steps = typeof row.steps === "string" ? (JSON.parse(row.steps) as [string, unknown][]) : row.steps;
  return {
    id: row.id,
    status: row.status,
    event: row.event,
    events: typeof row.events === "string" ? (JSON.parse(row.events) as EventPayload[]) : row.events,
    maxAttempts: row.max_attempts,
    requestVersion: row.request_version,
    disableImmediate: row.disable_immediate,
    started: row.started_at !== null,
    createdAt: new Date(row.created_at).getTime(),
    ckeys: row.ckeys ?? [],
    climits: row.climits ?? [],
    parentRunId: row.parent_run_id,
    sdk: row.sdk,
    hasDefers: row.defers !== null,
    defers: (typeof row.defers === "string" ? JSON.parse(row.defers) : row.defers) ?? {},
    fn:
      row.url && row.config
        ? {
            id: row.function_id,
            appId: row.app_id as string,
            name: row.name as string,
            url: row.url,
            config: row.config,
            maxAttempts: row.max_attempts,
          }
        : null,
    steps: new Map(steps),
  };
}

/**
 * Whether an SDK checkpoints against this engine: inngest-js v4 and later run steps back to back
 * within one call when the call carries `fn_id` and `qi_id`, and report each step to
 * /v1/checkpoint/{runId}/async. Other SDKs (and older inngest-js) get the classic protocol.
 */
export function sdkCheckpoints(sdk: string | null): boolean {
  const m = /^(?:js|inngest-js):v(\d+)\./.exec(sdk ?? "");
  return m !== null && Number(m[1]) >= 4;
}
