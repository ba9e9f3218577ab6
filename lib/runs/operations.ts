import { defineOperation } from "@/lib/http/operation";
import {
  cancelRunResultSchema,
  engineGqlBodySchema,
  engineGqlResultSchema,
  getRunQuerySchema,
  listRunsQuerySchema,
  runFunctionListSchema,
  runIdParamsSchema,
  runListSchema,
  runSchema,
  runSummarySchema,
} from "./schemas";

const ACCESS =
  "Workspace owners (permission `runs.read`; `runs.manage` to cancel or rerun) see the runs whose trigger event " +
  "carried their workspace's `workspace_id`. Instance operators (OPERATOR_EMAILS) see every run, including other " +
  "apps' runs that belong to no workspace. Members get 403. Step outputs can hold user data, so a run of another " +
  "workspace is never shown: it answers 404.";

const forbiddenRuns = { description: "Not a workspace owner or operator" };
const notFoundRun = { description: "No such run visible to the caller (also for other workspaces' runs)" };

export const listRunsOperation = defineOperation({
  method: "GET",
  path: "/api/v1/runs",
  summary: "List runs",
  description:
    "Runs of the engine's durable functions, newest first, filtered by function, status and creation time. " +
    `Cursor-paginated (stable while new runs arrive). ${ACCESS}`,
  tags: ["Runs"],
  query: listRunsQuerySchema,
  responses: {
    200: { description: "A page of runs", schema: runListSchema },
    400: { description: "The cursor is not one this API returned" },
    403: forbiddenRuns,
  },
});

export const getRunOperation = defineOperation({
  method: "GET",
  path: "/api/v1/runs/{id}",
  summary: "Get a run",
  description:
    "One run: its trigger event, output or error, failed attempts, the next retry time, and every step with its " +
    "timing, output and error. Pass `max_value_bytes` to shorten big values (the UI does). " +
    ACCESS,
  tags: ["Runs"],
  params: runIdParamsSchema,
  query: getRunQuerySchema,
  responses: { 200: { description: "The run", schema: runSchema }, 403: forbiddenRuns, 404: notFoundRun },
});

export const cancelRunOperation = defineOperation({
  method: "POST",
  path: "/api/v1/runs/{id}/cancel",
  summary: "Cancel a run",
  description:
    "Stops a queued or running run at once: a step in flight is abandoned and its result dropped, " +
    "`inngest/function.cancelled` is emitted and onFailure handlers do not run. Cancelling a cancelled run " +
    `changes nothing (\`cancelled: false\`). ${ACCESS}`,
  tags: ["Runs"],
  params: runIdParamsSchema,
  responses: {
    200: { description: "The run after cancelling", schema: cancelRunResultSchema },
    403: forbiddenRuns,
    404: notFoundRun,
    409: { description: "The run already completed or failed, or Inngest (external mode) runs the functions" },
  },
});

export const rerunRunOperation = defineOperation({
  method: "POST",
  path: "/api/v1/runs/{id}/rerun",
  summary: "Rerun a run",
  description:
    "Starts a new run of the same function with the same trigger event (`rerun_of` points back). Event-id " +
    `deduplication and idempotency keys do not apply to reruns; concurrency and singleton limits do. ${ACCESS}`,
  tags: ["Runs"],
  params: runIdParamsSchema,
  responses: {
    201: { description: "The new run", schema: runSummarySchema },
    403: forbiddenRuns,
    404: notFoundRun,
    409: {
      description:
        "The function is no longer registered, a singleton run of it is active, or Inngest (external mode) runs the functions",
    },
  },
});

export const listRunFunctionsOperation = defineOperation({
  method: "GET",
  path: "/api/v1/functions",
  summary: "List functions",
  description:
    "The durable functions registered with the engine, with their triggers: the values of the runs list's " +
    "`function` filter. Workspace owners see Conveyor's own registered functions; operators see every app's, " +
    "removed (`archived`) ones included. Members get 403.",
  tags: ["Runs"],
  responses: { 200: { description: "Functions by name", schema: runFunctionListSchema }, 403: forbiddenRuns },
});

export const queryEngineGraphOperation = defineOperation({
  operators: true,
  method: "POST",
  path: "/api/v1/engine/gql",
  summary: "Query the engine (GraphQL)",
  description:
    "The engine's read API in the shape of Inngest's dev server (`POST /v0/gql`): `stream`, `events`, `event`, " +
    "`eventV2`, `functions`, `functionBySlug`, `apps`, `runs`, `run` with its `trace` (spans with `stepType`, " +
    "`attempts`, `status`, `outputID`), `runTraceSpanOutputByID`, `runTrigger`, `runTrace`. Read from the engine's " +
    "tables; queries only. Query errors come back as GraphQL `errors` with status 400. Instance operators only " +
    "(OPERATOR_EMAILS), embedded mode only.",
  tags: ["Runs"],
  body: engineGqlBodySchema,
  maxBodyBytes: 64 * 1024,
  responses: {
    200: { description: "The GraphQL result (`data`, and `errors` for fields that failed)", schema: engineGqlResultSchema },
    400: { description: "The query does not parse or does not match the schema (GraphQL `errors`)" },
    403: { description: "Not an operator" },
    409: { description: "Inngest (external mode) runs the functions" },
    413: { description: "The query is over 32 KiB" },
  },
});
