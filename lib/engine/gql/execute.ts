import { buildSchema, GraphQLError, graphql, Kind, parse, specifiedRules, validate, type ASTVisitor, type GraphQLSchema, type ValidationContext } from "graphql";
import type { SqlRunner } from "@/lib/db";
import { functionUuid } from "../executor/call-sdk";
import { metadataOfRun } from "../metadata";
import { SCHEMA_SDL } from "./schema";
import {
  appsList,
  eventById,
  functionsList,
  listEvents,
  listRunRecords,
  outputId,
  parseOutputId,
  runById,
  runOutput,
  runsOfEvents,
  runStatus,
  runTrace,
  stepOutput,
  stepsOfRun,
  type AppRecord,
  type EventRecord,
  type FunctionRecord,
  type RunRecord,
} from "./read";

/** Limits that keep one request cheap: query text, nesting, and list sizes. */
export const GQL_LIMITS = { queryBytes: 32 * 1024, depth: 12, listItems: 1000 };

let schema: GraphQLSchema | undefined;
const getSchema = () => (schema ??= buildSchema(SCHEMA_SDL));

export type GqlRequest = { query?: unknown; variables?: unknown; operationName?: unknown };
export type GqlScope = {
  sql: SqlRunner;
  /** Embedded mode: limit what is visible to one workspace's runs (unset: everything, for operators). */
  workspaceId?: string;
};

/**
 * Executes one GraphQL request against the engine's tables. Answers `{data, errors?}` as GraphQL
 * over HTTP does; only queries (no mutations, no subscriptions) exist.
 */
export async function executeGql(scope: GqlScope, body: GqlRequest): Promise<{ status: number; body: Record<string, unknown> }> {
  if (typeof body?.query !== "string" || body.query.trim() === "") return fail(400, "the body needs a GraphQL query");
  if (Buffer.byteLength(body.query) > GQL_LIMITS.queryBytes) return fail(413, `queries are limited to ${GQL_LIMITS.queryBytes} bytes`);
  if (body.variables != null && (typeof body.variables !== "object" || Array.isArray(body.variables))) return fail(400, "variables must be an object");
  let document;
  try {
    document = parse(body.query);
  } catch (error) {
    return fail(400, (error as Error).message);
  }
  const errors = validate(getSchema(), document, [...specifiedRules, depthLimit(GQL_LIMITS.depth)]);
  if (errors.length) return { status: 400, body: { errors: errors.map((e) => ({ message: e.message, locations: e.locations })) } };
  const result = await graphql({
    schema: getSchema(),
    source: body.query,
    rootValue: root(scope),
    contextValue: scope,
    variableValues: (body.variables ?? undefined) as Record<string, unknown> | undefined,
    operationName: typeof body.operationName === "string" ? body.operationName : undefined,
  });
  return { status: 200, body: JSON.parse(JSON.stringify(result)) as Record<string, unknown> };
}

function fail(status: number, message: string) {
  return { status, body: { errors: [{ message }] } };
}

/** Refuses selections nested deeper than `max` (fragments count where they are spread). */
function depthLimit(max: number) {
  return (context: ValidationContext): ASTVisitor => {
    let depth = 0;
    return {
      SelectionSet: {
        enter(node) {
          depth++;
          if (depth > max) context.reportError(new GraphQLError(`queries may nest at most ${max} levels`, { nodes: [node] }));
        },
        leave() {
          depth--;
        },
      },
      FragmentSpread(node) {
        const fragment = context.getFragment(node.name.value);
        if (fragment && fragment.selectionSet.kind === Kind.SELECTION_SET) {
          // A spread adds its fragment's depth at this point.
          const inner = selectionDepth(fragment.selectionSet, context, new Set([node.name.value]));
          if (depth + inner > max) context.reportError(new GraphQLError(`queries may nest at most ${max} levels`, { nodes: [node] }));
        }
      },
    };
  };
}

type SelectionSetNode = { selections: readonly { kind: string; selectionSet?: SelectionSetNode; name?: { value: string } }[] };

function selectionDepth(set: SelectionSetNode, context: ValidationContext, seen: Set<string>): number {
  let deepest = 0;
  for (const sel of set.selections) {
    if (sel.kind === Kind.FRAGMENT_SPREAD && sel.name && !seen.has(sel.name.value)) {
      const fragment = context.getFragment(sel.name.value);
      if (fragment) deepest = Math.max(deepest, selectionDepth(fragment.selectionSet, context, new Set([...seen, sel.name.value])));
    } else if (sel.selectionSet) {
      deepest = Math.max(deepest, 1 + selectionDepth(sel.selectionSet, context, seen));
    }
  }
  return deepest;
}

const iso = (d: Date | null | undefined) => (d ? new Date(d).toISOString() : null);
const clamp = (n: unknown, fallback: number) => Math.min(Math.max(1, typeof n === "number" && Number.isFinite(n) ? Math.floor(n) : fallback), GQL_LIMITS.listItems);

function visible(scope: GqlScope, run: RunRecord | null): RunRecord | null {
  if (!run) return null;
  if (scope.workspaceId === undefined) return run;
  return run.workspace_id === scope.workspaceId ? run : null;
}

function root(scope: GqlScope) {
  const { sql } = scope;
  const operatorsOnly = () => {
    if (scope.workspaceId !== undefined) throw new GraphQLError("only instance operators may list events and functions");
  };
  return {
    apps: async () => {
      operatorsOnly();
      return (await appsList(sql)).map((a) => appView(sql, a));
    },
    app: async ({ id }: { id: string }) => {
      operatorsOnly();
      const [a] = await appsList(sql, id);
      return a ? appView(sql, a) : null;
    },
    functions: async () => {
      operatorsOnly();
      return (await functionsList(sql)).map((f) => functionView(sql, f));
    },
    functionBySlug: async ({ query }: { query: { functionSlug: string } }) => {
      operatorsOnly();
      const [f] = await functionsList(sql, { slug: query.functionSlug });
      return f ? functionView(sql, f) : null;
    },
    stream: async ({ query }: { query: { limit?: number; includeInternalEvents?: boolean | null; before?: string | null; after?: string | null } }) => {
      operatorsOnly();
      const events = await listEvents(sql, {
        limit: clamp(query.limit, 20),
        includeInternal: query.includeInternalEvents === true,
        before: query.before ?? undefined,
        after: query.after ?? undefined,
      });
      const runs = await runsOfEvents(sql, events.map((e) => e.internal_id));
      return events.map((e) => ({
        id: e.internal_id,
        trigger: e.name === "inngest/scheduled.timer" ? String((e.payload.data as Record<string, unknown>)?.cron ?? e.name) : e.name,
        type: e.name === "inngest/scheduled.timer" ? "CRON" : "EVENT",
        createdAt: iso(e.received_at),
        inBatch: false,
        runs: (runs.get(e.internal_id) ?? []).map((r) => functionRunView(sql, r)),
      }));
    },
    events: async ({ query }: { query: { lastEventId?: string | null } }) => {
      operatorsOnly();
      const events = await listEvents(sql, { limit: 50, includeInternal: true, before: query.lastEventId ?? undefined });
      return events.map((e) => eventView(sql, e));
    },
    event: async ({ query }: { query: { eventId: string } }) => {
      operatorsOnly();
      const e = await eventById(sql, query.eventId);
      return e ? eventView(sql, e) : null;
    },
    eventV2: async ({ id }: { id: string }) => {
      operatorsOnly();
      const e = await eventById(sql, id);
      if (!e) throw new GraphQLError(`event ${id} not found`);
      return {
        envID: "00000000-0000-0000-0000-000000000000",
        id: e.internal_id,
        // The event's own "id" field (Inngest fills it with the event's ULID when the sender gave none).
        idempotencyKey: e.id,
        name: e.name,
        occurredAt: new Date(Number(e.ts)).toISOString(),
        raw: JSON.stringify(e.payload),
        receivedAt: iso(e.received_at),
        version: typeof e.payload.v === "string" ? e.payload.v : null,
        runs: async () => (await runsOfEvents(sql, [e.internal_id])).get(e.internal_id)?.map((r) => runV2View(sql, r)) ?? [],
      };
    },
    functionRun: async ({ query }: { query: { functionRunId: string } }) => {
      const run = visible(scope, await runById(sql, query.functionRunId));
      return run ? functionRunView(sql, run) : null;
    },
    run: async ({ runID }: { runID: string }) => {
      const run = visible(scope, await runById(sql, runID));
      return run ? runV2View(sql, run) : null;
    },
    runs: async (args: {
      first: number;
      after?: string | null;
      orderBy: { field: string; direction: string }[];
      filter: { from: string; until?: string | null; timeField?: string | null; status?: string[] | null; functionIDs?: string[] | null };
    }) => {
      operatorsOnly();
      const from = Date.parse(args.filter.from);
      if (Number.isNaN(from)) throw new GraphQLError("filter.from must be a time (RFC 3339)");
      const until = args.filter.until ? Date.parse(args.filter.until) : undefined;
      const field = ({ QUEUED_AT: "created_at", STARTED_AT: "started_at", ENDED_AT: "ended_at" } as const)[(args.filter.timeField ?? "QUEUED_AT") as "QUEUED_AT"] ?? "created_at";
      let functionIds: string[] | undefined;
      if (args.filter.functionIDs?.length) {
        const wanted = new Set(args.filter.functionIDs);
        functionIds = (await functionsList(sql)).filter((f) => wanted.has(functionUuid(f.id))).map((f) => f.id);
        if (functionIds.length === 0) functionIds = ["\u0000none"];
      }
      const limit = clamp(args.first, 100);
      const rows = await listRunRecords(sql, {
        from,
        until: until !== undefined && !Number.isNaN(until) ? until : undefined,
        statuses: args.filter.status?.map((s) => s.toLowerCase()),
        functionIds,
        timeField: field,
        asc: args.orderBy[0]?.direction === "ASC",
        after: args.after ?? undefined,
        limit: limit + 1,
      });
      const page = rows.slice(0, limit);
      return {
        edges: page.map((r) => ({ node: runV2View(sql, r), cursor: r.id })),
        pageInfo: { hasNextPage: rows.length > limit, hasPreviousPage: Boolean(args.after), startCursor: page[0]?.id ?? null, endCursor: page.at(-1)?.id ?? null },
        totalCount: () => page.length + (rows.length > limit ? 1 : 0),
      };
    },
    runTraceSpanOutputByID: async ({ outputID }: { outputID: string }) => {
      const ref = parseOutputId(outputID);
      const run = ref ? visible(scope, await runById(sql, ref.runId)) : null;
      if (!ref || !run) throw new GraphQLError(`output ${outputID} not found`);
      if (ref.stepId === undefined) return { input: null, ...runOutput(run) };
      const [step] = await sql.query<{ output: unknown }>(
        `SELECT output FROM engine_steps WHERE run_id = $1 AND step_id = $2 AND memoized_at IS NOT NULL`,
        [ref.runId, ref.stepId],
      );
      if (!step) throw new GraphQLError(`output ${outputID} not found`);
      return { input: null, ...stepOutput(step.output) };
    },
    runTrigger: async ({ runID }: { runID: string }) => {
      const run = visible(scope, await runById(sql, runID));
      if (!run) throw new GraphQLError(`run ${runID} not found`);
      return triggerView(run);
    },
    runTrace: async ({ runID }: { runID: string }) => {
      const run = visible(scope, await runById(sql, runID));
      if (!run) throw new GraphQLError(`run ${runID} not found`);
      return runTrace(run, await stepsOfRun(sql, run.id), await metadataOfRun(sql, run.id));
    },
  };
}

function triggerView(run: RunRecord) {
  const cron = run.event_name === "inngest/scheduled.timer" ? String((run.event.data as Record<string, unknown>)?.cron ?? "") : null;
  return {
    eventName: run.event_name,
    IDs: run.events ? run.events.map((e) => String(e.id)) : run.event_id ? [run.event_id] : [],
    payloads: (run.events ?? [run.event]).map((e) => JSON.stringify(e)),
    timestamp: new Date(Number(run.event.ts ?? new Date(run.created_at).getTime())).toISOString(),
    isBatch: Boolean(run.events),
    batchID: null,
    cron,
  };
}

function appView(sql: SqlRunner, a: AppRecord) {
  const [language, version] = (a.sdk ?? "").split(":");
  return {
    id: functionUuid(a.id),
    externalID: a.id,
    name: a.id,
    sdkLanguage: language ?? "",
    sdkVersion: version ?? "",
    framework: a.framework,
    url: a.url,
    error: a.error,
    appVersion: a.app_version,
    connected: a.error === null,
    functionCount: a.function_count,
    autodiscovered: false,
    functions: async () => (await functionsList(sql, { appId: a.id })).map((f) => functionView(sql, f)),
  };
}

function functionView(sql: SqlRunner, f: FunctionRecord) {
  const c = f.config;
  const concurrency = c.concurrency;
  const limit = typeof concurrency === "number" ? concurrency : Array.isArray(concurrency) ? (concurrency[0]?.limit ?? 0) : (concurrency?.limit ?? 0);
  return {
    id: functionUuid(f.id),
    name: f.name,
    slug: f.id,
    config: JSON.stringify(c),
    concurrency: limit,
    url: f.url,
    appID: functionUuid(f.app_id),
    triggers: c.triggers.map((t) =>
      typeof t.cron === "string"
        ? { type: "CRON", value: t.cron, condition: null }
        : { type: "EVENT", value: String(t.event ?? ""), condition: typeof t.expression === "string" ? t.expression : null },
    ),
    app: async () => {
      const [a] = await appsList(sql, f.app_id);
      if (!a) throw new GraphQLError(`app ${f.app_id} not found`);
      return appView(sql, a);
    },
  };
}

async function functionOf(sql: SqlRunner, run: RunRecord) {
  const [f] = await functionsList(sql, { slug: run.function_id });
  return f
    ? functionView(sql, f)
    : { id: functionUuid(run.function_id), name: run.function_name ?? run.function_id, slug: run.function_id, config: "{}", concurrency: 0, url: "", appID: functionUuid(run.app_id), triggers: [], app: null };
}

function eventView(sql: SqlRunner, e: EventRecord) {
  return {
    id: e.internal_id,
    externalID: e.id !== e.internal_id ? e.id : null,
    workspace: { id: "local" },
    name: e.name,
    createdAt: iso(e.received_at),
    payload: JSON.stringify(e.payload.data ?? {}),
    raw: JSON.stringify(e.payload),
    functionRuns: async () => (await runsOfEvents(sql, [e.internal_id])).get(e.internal_id)?.map((r) => functionRunView(sql, r)) ?? [],
    totalRuns: async () => (await runsOfEvents(sql, [e.internal_id])).get(e.internal_id)?.length ?? 0,
    pendingRuns: async () => (await runsOfEvents(sql, [e.internal_id])).get(e.internal_id)?.filter((r) => r.status === "queued" || r.status === "running").length ?? 0,
    status: async () => {
      const runs = (await runsOfEvents(sql, [e.internal_id])).get(e.internal_id) ?? [];
      if (runs.length === 0) return "NO_FUNCTIONS";
      if (runs.some((r) => r.status === "queued" || r.status === "running")) return "RUNNING";
      const failed = runs.filter((r) => r.status === "failed").length;
      return failed === 0 ? "COMPLETED" : failed === runs.length ? "FAILED" : "PARTIALLY_FAILED";
    },
  };
}

function functionRunView(sql: SqlRunner, r: RunRecord) {
  return {
    id: r.id,
    functionID: r.function_id,
    function: () => functionOf(sql, r),
    workspace: { id: "local" },
    status: runStatus(r.status),
    startedAt: iso(r.started_at),
    finishedAt: iso(r.ended_at),
    output: r.status === "completed" ? JSON.stringify(r.output ?? null) : r.error ? JSON.stringify(r.error) : null,
    eventID: r.event_id ?? "",
    cron: r.event_name === "inngest/scheduled.timer" ? String((r.event.data as Record<string, unknown>)?.cron ?? "") : null,
    event: async () => {
      const e = r.event_id ? await eventById(sql, r.event_id) : null;
      return e ? eventView(sql, e) : null;
    },
    events: async () => {
      const e = r.event_id ? await eventById(sql, r.event_id) : null;
      return e ? [eventView(sql, e)] : [];
    },
  };
}

function runV2View(sql: SqlRunner, r: RunRecord) {
  const ended = ["completed", "failed", "cancelled"].includes(r.status);
  return {
    id: r.id,
    appID: functionUuid(r.app_id),
    functionID: functionUuid(r.function_id),
    function: () => functionOf(sql, r),
    app: async () => {
      const [a] = await appsList(sql, r.app_id);
      if (!a) throw new GraphQLError(`app ${r.app_id} not found`);
      return appView(sql, a);
    },
    traceID: r.id,
    queuedAt: iso(r.created_at),
    startedAt: iso(r.started_at),
    endedAt: iso(r.ended_at),
    status: runStatus(r.status),
    sourceID: r.parent_run_id,
    triggerIDs: r.event_id ? [r.event_id] : [],
    eventName: r.event_name,
    isBatch: false,
    batchCreatedAt: null,
    cronSchedule: r.event_name === "inngest/scheduled.timer" ? String((r.event.data as Record<string, unknown>)?.cron ?? "") : null,
    output: ended ? (r.status === "completed" ? JSON.stringify(r.output ?? null) : JSON.stringify(r.error ?? null)) : null,
    hasAI: false,
    isDeferred: false,
    trace: async () => runTrace(r, await stepsOfRun(sql, r.id), await metadataOfRun(sql, r.id)),
    outputID: ended ? outputId(r.id) : null,
  };
}
