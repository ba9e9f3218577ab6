import { z } from "zod";
import { RUN_STATUSES } from "@/lib/engine";

/** An ISO 8601 UTC timestamp in responses (documented as date-time without zod's long pattern). */
const timestamp = (description?: string) =>
  z.string().meta({ format: "date-time", example: "2026-03-01T10:00:00.000Z", ...(description ? { description } : {}) });

/** Any JSON value (step outputs, events, errors are whatever the function produced). */
const anyJson = (description: string) => z.unknown().meta({ description });

export const runStatusSchema = z.enum(RUN_STATUSES).meta({ id: "RunStatus", description: "Lifecycle state of a run" });

const runIdSchema = z
  .string()
  .regex(/^[0-9A-Za-z_-]{1,64}$/, "not a run id")
  .meta({ description: "The run id (a ULID)", example: "01JQ8Z6Y2F3K4M5N6P7Q8R9S0T" });

export const runIdParamsSchema = z.object({ id: runIdSchema });

const errorSummarySchema = z
  .object({
    name: z.string().meta({ example: "TypeError" }),
    message: z.string().meta({ example: "cannot read the input" }),
  })
  .meta({ id: "RunErrorSummary" });

const attemptSchema = z
  .object({
    attempt: z.number().int().meta({ description: "0-based attempt number", example: 0 }),
    at: timestamp("When the attempt failed"),
    error: anyJson("The error as the SDK reported it: `{name, message, stack?}`"),
  })
  .meta({ id: "RunAttempt" });

const summaryShape = {
  id: runIdSchema,
  function_id: z.string().meta({ description: "`<app id>-<function id>`", example: "conveyor-forms-process" }),
  function_name: z.string().nullable().meta({ description: "The function's display name", example: "Process a form" }),
  app_id: z.string().meta({ example: "conveyor" }),
  status: runStatusSchema,
  workspace_id: z.string().nullable().meta({ description: "The workspace the trigger event named; null for other apps' runs (operators only)" }),
  event_name: z.string().meta({ description: "The trigger event's name", example: "forms/form.submitted" }),
  created_at: timestamp("When the run was created (its trigger event arrived)"),
  started_at: timestamp("When its first call started").nullable(),
  ended_at: timestamp("When it finished").nullable(),
  duration_ms: z.number().int().nullable().meta({ description: "ended_at - started_at; null while active" }),
  next_retry_at: timestamp("When a failed call is retried; null when no retry is pending").nullable(),
  rerun_of: z.string().nullable().meta({ description: "The run this one repeats (reruns)" }),
  error: errorSummarySchema.nullable().meta({ description: "Why it failed (failed runs)" }),
};

export const runSummarySchema = z.object(summaryShape).meta({ id: "RunSummary" });
export type RunSummaryResponse = z.infer<typeof runSummarySchema>;

export const runStepSchema = z
  .object({
    id: z.string().meta({ description: "The SDK's hashed step id" }),
    name: z.string().nullable().meta({ description: "The step id in code (`step.run(\"load\", ...)`)", example: "load" }),
    op: z.string().meta({ description: "StepRun, Sleep, WaitForEvent, WaitForSignal, InvokeFunction, ...", example: "StepRun" }),
    status: z.string().meta({ description: "running, sleeping, waiting, invoking, completed, failed, cancelled", example: "completed" }),
    options: z.record(z.string(), z.unknown()).nullable().meta({ description: "Op details: sleep end, awaited event and expression, invoked function" }),
    output: anyJson("What the step returned (the awaited event for waits); null when it failed or has not finished"),
    error: anyJson("The error it failed with for good; null otherwise"),
    attempts: z.number().int().meta({ description: "Attempts made (1 when it succeeded first time)" }),
    attempt_errors: z.array(attemptSchema).meta({ description: "Failed attempts before the final outcome" }),
    started_at: timestamp().nullable(),
    ended_at: timestamp().nullable(),
    duration_ms: z.number().int().nullable(),
  })
  .meta({ id: "RunStep" });
export type RunStepResponse = z.infer<typeof runStepSchema>;

export const runSchema = z
  .object({
    ...summaryShape,
    event: anyJson("The trigger event exactly as the function received it: `{id, name, data, ts, ...}`"),
    output: anyJson("The function's return value (completed runs)"),
    error: anyJson("The full error (`{name, message, stack?}`) of a failed run; `{reason}` of a cancelled one"),
    attempts: z.array(attemptSchema).meta({ description: "Failed attempts outside steps (the function body threw, the app was unreachable)" }),
    pending_attempt: z.number().int().nullable().meta({ description: "The 0-based attempt the pending retry will be" }),
    parent_run_id: z.string().nullable().meta({ description: "The run that invoked this one (step.invoke)" }),
    cancelled_by: z.string().nullable().meta({ description: "What cancelled it: api, an event id, timeout, singleton" }),
    steps: z.array(runStepSchema).meta({ description: "Steps in the order they were memoized, then those still pending" }),
    truncated: z.array(z.string()).meta({
      description:
        "JSON pointers (`/steps/3/output`) of values longer than `max_value_bytes`: each holds a string with the start of its pretty-printed JSON",
    }),
  })
  .meta({ id: "Run" });
export type RunResponse = z.infer<typeof runSchema>;

export const runListSchema = z
  .object({
    data: z.array(runSummarySchema),
    next_cursor: z.string().nullable().meta({ description: "Pass as `cursor` for the next page; null on the last page" }),
  })
  .meta({ id: "RunList" });

const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;
/** An ISO 8601 time with a zone; documented as date-time without zod's long pattern. */
const isoTime = (description: string) =>
  z
    .string()
    .max(40)
    .refine((v) => ISO_TIME.test(v) && !Number.isNaN(Date.parse(v)), "must be an ISO 8601 date-time with a time zone")
    .meta({ format: "date-time", description, example: "2026-03-01T10:00:00Z" });

export const listRunsQuerySchema = z
  .object({
    function: z.string().min(1).max(300).optional().meta({ description: "Only runs of this function id (see GET /api/v1/functions)" }),
    status: z
      .union([runStatusSchema, z.array(runStatusSchema).max(RUN_STATUSES.length)])
      .optional()
      .meta({ description: "Only runs in this status; repeat the parameter for several (`status=failed&status=cancelled`)" }),
    from: isoTime("Only runs created at or after this time").optional(),
    to: isoTime("Only runs created before this time").optional(),
    cursor: z.string().max(200).optional().meta({ description: "`next_cursor` from the previous page" }),
    limit: z.coerce.number().int().min(1).max(100).default(20).meta({ description: "Page size, 1..100" }),
  })
  .refine((q) => !q.from || !q.to || Date.parse(q.from) < Date.parse(q.to), { message: "must be after `from`", path: ["to"] });
export type ListRunsQueryInput = z.infer<typeof listRunsQuerySchema>;

export const getRunQuerySchema = z.object({
  max_value_bytes: z.coerce
    .number()
    .int()
    .min(256)
    .max(16 * 1024 * 1024)
    .optional()
    .meta({ description: "Shorten each value (event, output, error, step outputs) longer than this many bytes of JSON; see `truncated`" }),
});

export const cancelRunResultSchema = z
  .object({
    cancelled: z.boolean().meta({ description: "false when the run had already been cancelled" }),
    run: runSummarySchema,
  })
  .meta({ id: "RunCancelResult" });

export const runFunctionSchema = z
  .object({
    id: z.string().meta({ description: "Pass as `function` to GET /api/v1/runs", example: "conveyor-forms-process" }),
    name: z.string().meta({ example: "Process a form" }),
    app_id: z.string().meta({ example: "conveyor" }),
    triggers: z
      .array(z.object({ event: z.string().optional(), cron: z.string().optional(), expression: z.string().optional() }))
      .meta({ description: "Events (with their `if` expression) and cron schedules that start it" }),
    archived: z.boolean().meta({ description: "Removed from its app; its runs are kept (operators only)" }),
    updated_at: timestamp("When the app last registered it"),
  })
  .meta({ id: "RunFunction" });
export type RunFunctionResponse = z.infer<typeof runFunctionSchema>;

export const runFunctionListSchema = z.object({ data: z.array(runFunctionSchema) }).meta({ id: "RunFunctionList" });

export const engineGqlBodySchema = z
  .object({
    query: z.string().min(1).max(32 * 1024).meta({ description: "A GraphQL query document", example: "{ stream(query: {limit: 5}) { id trigger runs { id status } } }" }),
    variables: z.record(z.string(), z.unknown()).nullish().meta({ description: "Values for the query's variables" }),
    operationName: z.string().max(200).nullish(),
  })
  .meta({ id: "EngineGqlRequest" });

export const engineGqlResultSchema = z
  .object({
    data: z.unknown().optional(),
    errors: z.array(z.object({ message: z.string() }).passthrough()).optional(),
  })
  .meta({ id: "EngineGqlResult" });
