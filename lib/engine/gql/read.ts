import type { SqlRunner } from "@/lib/db";
import { functionUuid } from "../executor/call-sdk";
import type { MetadataEntry } from "../metadata";
import type { FunctionConfig } from "../protocol/types";

/**
 * Read models of the engine's tables in the shapes of Inngest's dev-server GraphQL API
 * (pkg/coreapi): events, runs, and a run's trace (root span, one span per step, Finalization).
 * Shared by `POST /v0/gql` in the standalone engine and the app's operator endpoint.
 */

export type RunRecord = {
  id: string;
  function_id: string;
  app_id: string;
  status: string;
  event_id: string | null;
  event_name: string;
  /** A batch's events (batchEvents); null for a run of one event. */
  events?: Record<string, unknown>[] | null;
  event: Record<string, unknown>;
  output: unknown;
  error: Record<string, unknown> | null;
  created_at: Date;
  started_at: Date | null;
  ended_at: Date | null;
  parent_run_id: string | null;
  workspace_id: string | null;
  function_name: string | null;
};

export type StepRecordRow = {
  step_id: string;
  name: string | null;
  op: string;
  status: string;
  opts: Record<string, unknown> | null;
  output: unknown;
  attempts: number;
  started_at: Date | null;
  ended_at: Date | null;
  memoized_at: Date | null;
};

export type EventRecord = {
  internal_id: string;
  id: string;
  name: string;
  payload: Record<string, unknown>;
  ts: string | number;
  received_at: Date;
};

export type FunctionRecord = { id: string; app_id: string; name: string; url: string; config: FunctionConfig };
export type AppRecord = { id: string; url: string; sdk: string | null; framework: string | null; app_version: string | null; function_count: number; error: string | null };

const RUN_COLUMNS = `r.id, r.function_id, r.app_id, r.status, r.event_id, r.event_name, r.event, r.events, r.output, r.error,
  r.created_at, r.started_at, r.ended_at, r.parent_run_id, r.workspace_id, f.name AS function_name`;
const RUN_FROM = `engine_runs r LEFT JOIN engine_functions f ON f.id = r.function_id`;

export async function runById(sql: SqlRunner, runId: string): Promise<RunRecord | null> {
  const [row] = await sql.query<RunRecord>(`SELECT ${RUN_COLUMNS} FROM ${RUN_FROM} WHERE r.id = $1`, [runId]);
  return row ?? null;
}

export async function runsOfEvents(sql: SqlRunner, eventIds: string[]): Promise<Map<string, RunRecord[]>> {
  const out = new Map<string, RunRecord[]>();
  if (eventIds.length === 0) return out;
  const rows = await sql.query<RunRecord>(
    `SELECT ${RUN_COLUMNS} FROM ${RUN_FROM} WHERE r.event_id = ANY($1::text[]) ORDER BY r.created_at, r.id`,
    [eventIds],
  );
  for (const r of rows) {
    const list = out.get(r.event_id as string) ?? [];
    list.push(r);
    out.set(r.event_id as string, list);
  }
  return out;
}

export async function listRunRecords(
  sql: SqlRunner,
  filter: { from: number; until?: number; statuses?: string[]; functionIds?: string[]; timeField: "created_at" | "started_at" | "ended_at"; asc: boolean; after?: string; limit: number },
): Promise<RunRecord[]> {
  const params: unknown[] = [new Date(filter.from).toISOString()];
  const where = [`r.${filter.timeField} >= $1`];
  if (filter.until !== undefined) where.push(`r.${filter.timeField} < $${params.push(new Date(filter.until).toISOString())}`);
  if (filter.statuses?.length) where.push(`r.status = ANY($${params.push(filter.statuses)}::text[])`);
  if (filter.functionIds?.length) where.push(`r.function_id = ANY($${params.push(filter.functionIds)}::text[])`);
  if (filter.after) where.push(`r.id ${filter.asc ? ">" : "<"} $${params.push(filter.after)}`);
  const dir = filter.asc ? "ASC" : "DESC";
  return sql.query<RunRecord>(
    `SELECT ${RUN_COLUMNS} FROM ${RUN_FROM} WHERE ${where.join(" AND ")} ORDER BY r.id ${dir} LIMIT $${params.push(filter.limit)}`,
    params,
  );
}

export async function stepsOfRun(sql: SqlRunner, runId: string): Promise<StepRecordRow[]> {
  return sql.query<StepRecordRow>(
    `SELECT step_id, name, op, status, opts, output, attempts, started_at, ended_at, memoized_at
     FROM engine_steps WHERE run_id = $1 ORDER BY coalesce(started_at, memoized_at), seq`,
    [runId],
  );
}

export async function eventById(sql: SqlRunner, internalId: string): Promise<EventRecord | null> {
  const [row] = await sql.query<EventRecord>(
    `SELECT internal_id, id, name, payload, ts, received_at FROM engine_events WHERE internal_id = $1`,
    [internalId],
  );
  return row ?? null;
}

export async function listEvents(
  sql: SqlRunner,
  opts: { limit: number; includeInternal: boolean; before?: string; after?: string },
): Promise<EventRecord[]> {
  const params: unknown[] = [];
  const where: string[] = [];
  if (!opts.includeInternal) where.push(`name NOT LIKE 'inngest/%'`);
  if (opts.before) where.push(`internal_id < $${params.push(opts.before)}`);
  if (opts.after) where.push(`internal_id > $${params.push(opts.after)}`);
  return sql.query<EventRecord>(
    `SELECT internal_id, id, name, payload, ts, received_at FROM engine_events
     ${where.length ? `WHERE ${where.join(" AND ")}` : ""}
     ORDER BY received_at DESC, internal_id DESC LIMIT $${params.push(opts.limit)}`,
    params,
  );
}

export async function functionsList(sql: SqlRunner, where: { slug?: string; appId?: string } = {}): Promise<FunctionRecord[]> {
  const params: unknown[] = [];
  const cond = ["NOT archived"];
  if (where.slug) cond.push(`id = $${params.push(where.slug)}`);
  if (where.appId) cond.push(`app_id = $${params.push(where.appId)}`);
  return sql.query<FunctionRecord>(`SELECT id, app_id, name, url, config FROM engine_functions WHERE ${cond.join(" AND ")} ORDER BY id`, params);
}

export async function appsList(sql: SqlRunner, id?: string): Promise<AppRecord[]> {
  return sql.query<AppRecord>(
    `SELECT id, url, sdk, framework, app_version, function_count, error FROM engine_apps ${id ? "WHERE id = $1" : ""} ORDER BY id`,
    id ? [id] : [],
  );
}

/** Inngest's run statuses (FunctionRunStatus). */
export function runStatus(status: string): string {
  return ({ queued: "QUEUED", running: "RUNNING", completed: "COMPLETED", failed: "FAILED", cancelled: "CANCELLED", skipped: "SKIPPED" } as Record<string, string>)[status] ?? "RUNNING";
}

/** An output id names a run's output or a step's memoized value; opaque to clients. */
export function outputId(runId: string, stepId?: string): string {
  return Buffer.from(JSON.stringify(stepId === undefined ? [runId] : [runId, stepId])).toString("base64url");
}

export function parseOutputId(id: string): { runId: string; stepId?: string } | null {
  try {
    const v = JSON.parse(Buffer.from(id, "base64url").toString("utf8")) as unknown;
    if (Array.isArray(v) && typeof v[0] === "string" && (v.length === 1 || (v.length === 2 && typeof v[1] === "string"))) {
      return { runId: v[0], stepId: v[1] as string | undefined };
    }
  } catch {
    // not one of ours
  }
  return null;
}

export type SpanOutput = { data: string | null; error: { message: string; name: string | null; stack: string | null; cause: unknown } | null };

function errorOf(value: unknown): SpanOutput["error"] {
  const e = (value && typeof value === "object" ? value : { message: String(value) }) as Record<string, unknown>;
  return {
    message: typeof e.message === "string" ? e.message : JSON.stringify(value),
    name: typeof e.name === "string" ? e.name : null,
    stack: typeof e.stack === "string" ? e.stack : null,
    cause: e.cause ?? null,
  };
}

/** A memoized step value (`{data}`, `{error}`, or a raw value: sleep `null`, an awaited event). */
export function stepOutput(output: unknown): SpanOutput {
  if (output && typeof output === "object" && !Array.isArray(output)) {
    const o = output as Record<string, unknown>;
    const keys = Object.keys(o);
    if (keys.length > 0 && keys.every((k) => k === "data" || k === "error" || k === "input")) {
      if ("error" in o && o.error !== undefined) return { data: null, error: errorOf(o.error) };
      return { data: JSON.stringify(o.data ?? null), error: null };
    }
  }
  return { data: JSON.stringify(output ?? null), error: null };
}

export function runOutput(run: RunRecord): SpanOutput {
  if (run.status === "failed" || run.status === "cancelled") {
    return { data: null, error: errorOf(run.error ?? { name: "FunctionCancelledError", message: "the run was cancelled" }) };
  }
  return { data: JSON.stringify(run.output ?? null), error: null };
}

const SPAN_STATUS: Record<string, string> = {
  completed: "COMPLETED",
  failed: "FAILED",
  running: "RUNNING",
  planned: "QUEUED",
  sleeping: "WAITING",
  waiting: "WAITING",
  invoking: "WAITING",
};

const STEP_OP: Record<string, string> = {
  StepRun: "RUN",
  Step: "RUN",
  StepFailed: "RUN",
  StepError: "RUN",
  StepPlanned: "RUN",
  Sleep: "SLEEP",
  WaitForEvent: "WAIT_FOR_EVENT",
  InvokeFunction: "INVOKE",
  AIGateway: "AI_GATEWAY",
  WaitForSignal: "WAIT_FOR_SIGNAL",
};

export type Span = {
  appID: string;
  functionID: string;
  runID: string;
  spanID: string;
  traceID: string;
  name: string;
  status: string;
  attempts: number | null;
  duration: number | null;
  outputID: string | null;
  queuedAt: string;
  startedAt: string | null;
  endedAt: string | null;
  childrenSpans: Span[];
  stepOp: string | null;
  stepID: string | null;
  stepInfo: Record<string, unknown> | null;
  stepType: string;
  isRoot: boolean;
  parentSpanID: string | null;
  isUserland: boolean;
  debugPaused: boolean;
  skipReason: string | null;
  metadata: unknown[];
};

const iso = (d: Date | null | undefined) => (d ? new Date(d).toISOString() : null);
const ms = (a: Date | null, b: Date | null) => (a && b ? Math.max(0, new Date(b).getTime() - new Date(a).getTime()) : null);

/**
 * A run's trace as Inngest's dev server renders it (pkg/coreapi/graph/loaders/trace.go): the run
 * span; under it one span per step (`stepType` RUN, SLEEP, WAIT_FOR_EVENT, INVOKE; `attempts` the
 * 0-based attempt that produced the result) in the order they started, and a `Finalization` span
 * (`stepType` FINALIZATION) once the run ended.
 */
export function runTrace(run: RunRecord, steps: StepRecordRow[], metadata: MetadataEntry[] = []): Span {
  const view = (e: MetadataEntry) => ({ scope: e.scope, kind: e.kind, values: e.values, updatedAt: e.updatedAt });
  const ofStep = (s: StepRecordRow) => metadata.filter((e) => e.stepKey !== "" && (e.stepKey === s.step_id || e.stepKey === s.name)).map(view);
  const fnUuid = functionUuid(run.function_id);
  const ended = ["completed", "failed", "cancelled"].includes(run.status);
  const base = { appID: functionUuid(run.app_id), functionID: fnUuid, runID: run.id, traceID: run.id, isUserland: false, debugPaused: false, skipReason: null, metadata: [] };
  const rootSpanId = `${run.id}:run`;
  const children: Span[] = steps.map((s) => {
    const memoized = s.memoized_at !== null;
    let status = SPAN_STATUS[s.status] ?? "RUNNING";
    if (!memoized && run.status === "cancelled") status = "CANCELLED";
    if (!memoized && status === "COMPLETED") status = "RUNNING";
    const op = STEP_OP[s.op] ?? "RUN";
    return {
      ...base,
      spanID: `${run.id}:${s.step_id}`,
      name: s.name ?? s.step_id,
      status,
      attempts: Math.max(0, (s.attempts ?? 1) - 1),
      duration: memoized ? ms(s.started_at, s.ended_at ?? s.memoized_at) : null,
      outputID: memoized ? outputId(run.id, s.step_id) : null,
      queuedAt: iso(s.started_at ?? run.created_at) as string,
      startedAt: iso(s.started_at),
      endedAt: memoized ? iso(s.ended_at ?? s.memoized_at) : null,
      childrenSpans: [],
      stepOp: op,
      stepID: s.step_id,
      stepInfo: stepInfo(op, s),
      stepType: op,
      isRoot: false,
      parentSpanID: rootSpanId,
      metadata: ofStep(s),
    };
  });
  const status = runStatus(run.status);
  if (ended && run.status !== "cancelled") {
    children.push({
      ...base,
      spanID: `${run.id}:finalization`,
      name: "Finalization",
      status,
      attempts: 0,
      duration: 0,
      outputID: outputId(run.id),
      queuedAt: iso(run.ended_at ?? run.created_at) as string,
      startedAt: iso(run.ended_at),
      endedAt: iso(run.ended_at),
      childrenSpans: [],
      stepOp: null,
      stepID: null,
      stepInfo: null,
      stepType: "FINALIZATION",
      isRoot: false,
      parentSpanID: rootSpanId,
    });
  }
  return {
    ...base,
    spanID: rootSpanId,
    name: run.function_name ?? run.function_id,
    status,
    attempts: 0,
    duration: ended ? ms(run.started_at ?? run.created_at, run.ended_at) : null,
    outputID: ended ? outputId(run.id) : null,
    queuedAt: iso(run.created_at) as string,
    startedAt: iso(run.started_at),
    endedAt: ended ? iso(run.ended_at) : null,
    childrenSpans: children,
    stepOp: null,
    stepID: null,
    stepInfo: null,
    stepType: "",
    isRoot: true,
    parentSpanID: null,
    metadata: metadata.filter((e) => e.stepKey === "").map(view),
  };
}

function stepInfo(op: string, s: StepRecordRow): Record<string, unknown> | null {
  const opts = s.opts ?? {};
  if (op === "SLEEP" && typeof opts.until === "string") return { __typename: "SleepStepInfo", sleepUntil: opts.until };
  if (op === "WAIT_FOR_EVENT") {
    return { __typename: "WaitForEventStepInfo", eventName: String(opts.event ?? ""), expression: (opts.if as string) ?? null, timeout: String(opts.timeout ?? ""), foundEventID: null, timedOut: s.memoized_at ? s.output === null : null };
  }
  if (op === "WAIT_FOR_SIGNAL") {
    return { __typename: "WaitForSignalStepInfo", signal: String(opts.signal ?? ""), timeout: String(opts.timeout ?? ""), timedOut: s.memoized_at ? s.output === null : null };
  }
  if (op === "INVOKE") {
    return { __typename: "InvokeStepInfo", triggeringEventID: "", functionID: String(opts.function_id ?? ""), timeout: String(opts.timeout ?? ""), returnEventID: null, runID: (opts.run_id as string) ?? null, timedOut: null };
  }
  if (op === "RUN") return { __typename: "RunStepInfo", type: (opts.type as string) ?? null };
  return null;
}
