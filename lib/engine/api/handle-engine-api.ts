import { isAppError } from "@/lib/errors";
import type { EngineContext } from "../context";
import { ingestEvents } from "../events/process-events";
import { hashedSigningKey } from "../signing-key";
import { registerApp, SyncError } from "../sync";

export type EngineApiOptions = {
  /** In-process calls from this app's own client: no key checks. */
  trusted: boolean;
  /** The engine to use; embedded mode finds the process's own when omitted. */
  ctx?: EngineContext;
  /** Event keys accepted on /e/{key}; empty accepts any (like Inngest's dev server). */
  eventKeys?: string[];
  /**
   * The dev server's read API: `GET /dev` (registered functions) and `POST /v0/gql` (events, runs,
   * traces). Served by the standalone engine; with a signing key, both need it as a Bearer token.
   */
  devApi?: boolean;
};

/** Reported as the dev server's version on `GET /dev`. */
const ENGINE_VERSION = "conveyor-engine";

const json = (status: number, body: unknown, headers?: Record<string, string>) =>
  Response.json(body, { status, headers });

/**
 * The part of Inngest's server API that SDKs call: event intake (`POST /e/{key}`), out-of-band
 * registration (`POST /fn/register`), step checkpoints (`POST /v1/checkpoint/{runId}/async`), durable
 * endpoints (`POST /v1/checkpoint`, `/v1/checkpoint/{runId}/steps`, the `/v1/http/runs/{runId}/output`
 * redirect target and the run's stream: `/v1/realtime/publish/tee`, `/v1/realtime/sse`) and
 * the run-state endpoints used with `use_api`. Served by
 * the standalone engine over HTTP and, in embedded mode, called in-process by the app's client.
 */
export async function handleEngineApi(request: Request, opts: EngineApiOptions): Promise<Response> {
  const ctx = opts.ctx ?? (await import("../embedded")).intakeContext();
  const url = new URL(request.url);
  const path = url.pathname.replace(/\/+$/, "");
  try {
    const eventMatch = /^\/e\/([^/]*)$/.exec(path);
    if (eventMatch && request.method === "POST") {
      const key = decodeURIComponent(eventMatch[1]);
      if (!opts.trusted && opts.eventKeys?.length && !opts.eventKeys.includes(key)) {
        return json(401, { status: 401, error: "Event key not found" });
      }
      const body = await readJson(request);
      const ids = await ingestEvents(await ctx, body);
      return json(200, { ids, status: 200 });
    }
    if (path === "/fn/register" && request.method === "POST") {
      if (!opts.trusted && !authorized(request, await ctx)) return json(401, { status: 401, error: "Unauthorized" });
      const result = await registerApp(await ctx, await readJson(request));
      return json(200, { ok: true, modified: result.modified });
    }
    // Checkpoints: `/v1/checkpoint` (and `/v1/http/runs`, Inngest's older prefix for the same API).
    const checkpointMatch = /^\/v1\/(?:checkpoint|http\/runs)(?:\/([^/]+)\/(async|steps|output))?$/.exec(path);
    if (checkpointMatch && checkpointMatch[2] === "output") {
      // The redirect target handed to an endpoint's caller: its token is the only credential.
      const { runOutputResponse } = await import("../endpoints/http-api");
      return runOutputResponse(await ctx, decodeURIComponent(checkpointMatch[1]), url.searchParams.get("token"), request.signal);
    }
    if (checkpointMatch && request.method === "POST") {
      if (!opts.trusted && !authorized(request, await ctx)) return json(401, { status: 401, error: "Unauthorized" });
      const runId = checkpointMatch[1] === undefined ? undefined : decodeURIComponent(checkpointMatch[1]);
      const text = await readLimited(request, MAX_CHECKPOINT_BYTES);
      if (text === null) return json(413, { status: 413, error: "the body is larger than the checkpoint limit" });
      if (checkpointMatch[2] === "async") {
        const { handleCheckpoint } = await import("./checkpoint");
        const out = await handleCheckpoint(await ctx, runId as string, text);
        return json(out.status, out.body);
      }
      const { checkpointNewRun, checkpointSyncSteps } = await import("../endpoints/sync-runs");
      const out = runId === undefined ? await checkpointNewRun(await ctx, text) : await checkpointSyncSteps(await ctx, runId, text);
      return json(out.status, out.status >= 400 ? { status: out.status, ...out.body } : out.body);
    }
    if (path === "/v1/realtime/sse" && request.method === "GET") {
      const { streamSubscriptionResponse } = await import("../endpoints/http-api");
      return streamSubscriptionResponse(await ctx, url.searchParams.get("token"), request.signal);
    }
    if (path === "/v1/realtime/publish/tee" && request.method === "POST") {
      if (!opts.trusted && !authorized(request, await ctx)) return json(401, { status: 401, error: "Unauthorized" });
      const { publishTeeResponse } = await import("../endpoints/http-api");
      return publishTeeResponse(url.searchParams.get("channel"), request.body);
    }
    const metadataMatch = /^\/v1\/runs\/([^/]+)\/metadata$/.exec(path);
    if (metadataMatch && request.method === "POST") {
      if (!opts.trusted && !authorized(request, await ctx)) return json(401, { status: 401, error: "Unauthorized" });
      const out = await updateRunMetadata(await ctx, decodeURIComponent(metadataMatch[1]), await readJson(request));
      return json(out.status, out.body);
    }
    if (path === "/v1/signals" && request.method === "POST") {
      if (!opts.trusted && !authorized(request, await ctx)) return json(401, { status: 401, error: "Unauthorized" });
      const text = await readLimited(request, MAX_SIGNAL_BYTES);
      if (text === null) return json(413, { status: 413, error: "the signal is larger than 4 MiB" });
      const { sendSignal } = await import("../signals");
      const out = await sendSignal(await ctx, await parseJson(text));
      return json(out.status, out.body);
    }
    const runMatch = /^\/v0\/runs\/([^/]+)\/(actions|batch)$/.exec(path);
    if (runMatch && request.method === "GET") {
      if (!opts.trusted && !authorized(request, await ctx)) return json(401, { status: 401, error: "Unauthorized" });
      return runData(await ctx, decodeURIComponent(runMatch[1]), runMatch[2] as "actions" | "batch");
    }
    if (opts.devApi && path === "/dev" && request.method === "GET") {
      if (!authorized(request, await ctx)) return json(401, { status: 401, error: "Unauthorized" });
      const { devInfo } = await import("./dev-info");
      return json(200, await devInfo(await ctx, { version: ENGINE_VERSION }));
    }
    if (opts.devApi && path === "/v0/gql" && request.method === "POST") {
      if (!authorized(request, await ctx)) return json(401, { status: 401, error: "Unauthorized" });
      const { executeGql } = await import("../gql/execute");
      const out = await executeGql({ sql: (await ctx).sql }, (await readJson(request)) as Record<string, unknown>);
      return json(out.status, out.body);
    }
    if ((path === "/health" || path === "") && request.method === "GET") return json(200, { status: "ok" });
    return json(404, { status: 404, error: `${request.method} ${path} is not part of this engine's API` });
  } catch (error) {
    if (error instanceof SyncError) return json(400, { status: 400, error: error.message });
    if (isAppError(error)) return json(error.status, { status: error.status, error: error.message });
    (await ctx).log.error({ err: error, path }, "engine: API request failed");
    return json(500, { status: 500, error: "internal engine error" });
  }
}

/** Inngest reads at most this much of a checkpoint (consts.MaxStepInputSize plus room for the envelope). */
const MAX_CHECKPOINT_BYTES = 8 * 1024 * 1024;

/** A signal's data becomes a step output: Inngest's step output limit (consts.MaxStepOutputSize). */
const MAX_SIGNAL_BYTES = 4 * 1024 * 1024;

/** The body as text, or null when it is over `max` bytes. */
async function readLimited(request: Request, max: number): Promise<string | null> {
  if (!request.body) return "";
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > max) {
      await reader.cancel().catch(() => {});
      return null;
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString("utf8");
}

async function readJson(request: Request): Promise<unknown> {
  return parseJson(await request.text());
}

async function parseJson(text: string): Promise<unknown> {
  try {
    return JSON.parse(text);
  } catch {
    const { badRequest } = await import("@/lib/errors");
    throw badRequest("the body is not valid JSON");
  }
}

/** SDKs authenticate with `Bearer <hashed signing key>`; a plain key is accepted too. */
function authorized(request: Request, ctx: EngineContext): boolean {
  if (!ctx.signingKey) return true;
  const header = request.headers.get("authorization") ?? "";
  const given = header.replace(/^Bearer\s+/i, "");
  return given === ctx.signingKey || given === hashedSigningKey(ctx.signingKey);
}

async function runData(ctx: EngineContext, runId: string, what: "actions" | "batch"): Promise<Response> {
  if (what === "batch") {
    const [row] = await ctx.sql.query<{ event: unknown; events: unknown[] | null }>(`SELECT event, events FROM engine_runs WHERE id = $1`, [runId]);
    return row ? json(200, row.events ?? [row.event]) : json(404, { status: 404, error: "run not found" });
  }
  const rows = await ctx.sql.query<{ step_id: string; output: unknown }>(
    `SELECT step_id, output FROM engine_steps WHERE run_id = $1 AND memoized_at IS NOT NULL ORDER BY seq`,
    [runId],
  );
  return json(200, Object.fromEntries(rows.map((r) => [r.step_id, r.output])));
}

/**
 * `POST /v1/runs/{id}/metadata` (inngest-js `client.score`, `step.score`, metadata helpers):
 * `{target: {run_id, step_id?}, metadata: [{kind, op: "merge", values}]}`; a target with a
 * `step_id` (the user's step id) attaches to that step, else to the run.
 */
async function updateRunMetadata(ctx: EngineContext, runId: string, body: unknown): Promise<{ status: number; body: Record<string, unknown> }> {
  const { MetadataError, readUpdates, saveMetadata } = await import("../metadata");
  const b = (body ?? {}) as { target?: { run_id?: unknown; step_id?: unknown }; metadata?: unknown };
  if (b.target?.run_id !== undefined && b.target.run_id !== runId) return { status: 400, body: { status: 400, error: "target.run_id does not match the path" } };
  let updates;
  try {
    updates = readUpdates(b.metadata);
  } catch (error) {
    if (error instanceof MetadataError) return { status: 400, body: { status: 400, error: error.message } };
    throw error;
  }
  const [run] = await ctx.sql.query(`SELECT 1 FROM engine_runs WHERE id = $1`, [runId]);
  if (!run) return { status: 404, body: { status: 404, error: "run not found" } };
  const stepKey = typeof b.target?.step_id === "string" ? b.target.step_id : "";
  await saveMetadata(ctx.sql, runId, stepKey, updates, ctx.clock.now());
  return { status: 200, body: {} };
}
