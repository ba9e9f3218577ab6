import type { RunDetail, RunSummary, StepDetail } from "@/lib/engine";
import type { RunResponse, RunStepResponse, RunSummaryResponse } from "./schemas";
import { ValueLimiter } from "./truncate";

const durationMs = (start: string | null, end: string | null) =>
  start && end ? Math.max(0, Date.parse(end) - Date.parse(start)) : null;

function errorSummary(error: unknown): RunSummaryResponse["error"] {
  if (!error || typeof error !== "object") return null;
  const e = error as { name?: unknown; message?: unknown };
  return { name: typeof e.name === "string" ? e.name : "Error", message: typeof e.message === "string" ? e.message : "" };
}

/** The public shape of a run in lists (snake_case, no payloads). */
export function toRunSummaryResponse(run: RunSummary): RunSummaryResponse {
  return {
    id: run.id,
    function_id: run.functionId,
    function_name: run.functionName,
    app_id: run.appId,
    status: run.status,
    workspace_id: run.workspaceId,
    event_name: run.eventName,
    created_at: run.createdAt,
    started_at: run.startedAt,
    ended_at: run.endedAt,
    duration_ms: durationMs(run.startedAt, run.endedAt),
    next_retry_at: run.retryAt,
    rerun_of: run.rerunOf,
    error: run.status === "failed" || run.status === "cancelled" ? errorSummary(run.error) : null,
  };
}

/**
 * A memoized step value is `{data}` or `{error}` (step.run, invoke); waits store the event itself
 * and sleeps nothing. Split it into what the step returned and what it failed with.
 */
function splitStepValue(step: StepDetail): { output: unknown; error: unknown } {
  const value = step.output;
  if (value && typeof value === "object" && !Array.isArray(value)) {
    const keys = Object.keys(value);
    if (keys.length === 1 && keys[0] === "data") return { output: (value as { data: unknown }).data ?? null, error: null };
    if ("error" in value && (step.status === "failed" || keys.length === 1)) return { output: null, error: (value as { error: unknown }).error };
  }
  return { output: value ?? null, error: null };
}

function toStepResponse(step: StepDetail, index: number, limiter: ValueLimiter): RunStepResponse {
  const { output, error } = splitStepValue(step);
  return {
    id: step.id,
    name: step.name,
    op: step.op,
    status: step.status,
    options: step.opts,
    output: limiter.limit(output, `/steps/${index}/output`),
    error: limiter.limit(error, `/steps/${index}/error`),
    attempts: step.attempts,
    attempt_errors: step.errors.map((e, i) => ({ ...e, error: limiter.limit(e.error, `/steps/${index}/attempt_errors/${i}/error`) })),
    started_at: step.startedAt,
    ended_at: step.endedAt,
    duration_ms: step.durationMs === null ? null : Math.max(0, step.durationMs),
  };
}

/** A run with its trigger event, attempts and steps; values over `maxValueBytes` are shortened. */
export function toRunResponse(run: RunDetail, opts: { maxValueBytes?: number } = {}): RunResponse {
  const limiter = new ValueLimiter(opts.maxValueBytes);
  const summary = toRunSummaryResponse({
    ...run,
    eventName: eventName(run.event),
    retryAt: run.nextRetryAt,
    error: run.error as RunSummary["error"],
  });
  return {
    ...summary,
    event: limiter.limit(run.event, "/event"),
    output: limiter.limit(run.output, "/output"),
    error: limiter.limit(run.error, "/error"),
    attempts: run.attemptErrors.map((e, i) => ({ ...e, error: limiter.limit(e.error, `/attempts/${i}/error`) })),
    pending_attempt: run.pendingAttempt,
    parent_run_id: run.parentRunId,
    cancelled_by: run.cancelledBy,
    steps: run.steps.map((s, i) => toStepResponse(s, i, limiter)),
    truncated: limiter.truncated,
  } as RunResponse;
}

function eventName(event: unknown): string {
  const name = event && typeof event === "object" ? (event as { name?: unknown }).name : undefined;
  return typeof name === "string" ? name : "";
}
