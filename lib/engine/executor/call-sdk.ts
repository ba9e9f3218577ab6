import { createHash } from "node:crypto";
import type { EngineContext } from "../context";
import { HttpCallError, httpRequest } from "../protocol/http";
import { canonicalJson, signBody } from "../protocol/sign";
import { opSchema, toSerializedError, type Op, type SerializedError } from "../protocol/types";
import { newId } from "../ids";
import { endpointUrl, readHttpData, syncDriverOf } from "../endpoints/driver";
import type { RunState } from "./run-state";

/** What one call to the SDK came back with, classified. */
export type CallResult =
  | { kind: "complete"; output: unknown; version?: number }
  | { kind: "ops"; ops: Op[]; noRetry: boolean; retryAfter?: string; version?: number; bytes: number }
  | { kind: "error"; error: SerializedError; retriable: boolean; retryAfter?: string; status?: number; version?: number };

export type CallRequest = {
  state: RunState;
  stepId: string | null;
  attempt: number;
  signal?: AbortSignal;
  /** `<queue item id>:<lease token>`: sent as `qi_id` so the SDK checkpoints; unset for the classic protocol. */
  checkpoint?: string;
  /** The claimed queue item: sent as `X-Inngest-Job-Id` (Inngest's stable queue item id). */
  jobId?: string;
  /** Which call this is for the claimed item (1, 2, ...): `X-Inngest-Generation-Id`. */
  generation?: number;
};

const uuids = new Map<string, string>();

/**
 * Inngest sends its function UUID as `fn_id`; SDKs echo it in checkpoints and some (inngestgo)
 * parse it as a UUID. The engine needs nothing from it, so a stable UUID-shaped hash of the
 * function id does.
 */
export function functionUuid(functionId: string): string {
  let id = uuids.get(functionId);
  if (!id) {
    const h = createHash("sha1").update(functionId).digest("hex");
    id = `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-${((parseInt(h[16], 16) & 3) | 8).toString(16)}${h.slice(17, 20)}-${h.slice(20, 32)}`;
    if (uuids.size > 10_000) uuids.clear();
    uuids.set(functionId, id);
  }
  return id;
}

/**
 * The request body the SDK expects (request version 2), canonical JSON (RFC 8785) as the SDK
 * verifies it. The event and each memoized step are canonicalised once per run in this process
 * and spliced in: a run's body grows with its steps, and re-encoding all of it on every call made
 * the classic protocol quadratic. Keys are written in RFC 8785 order (UTF-16 code units).
 */
export function callBody(state: RunState, attempt: number, checkpoint?: string): string {
  const encoded: NonNullable<RunState["encoded"]> = (state.encoded ??= { steps: new Map<string, string>() });
  const event = (encoded.event ??= canonicalJson(state.event));
  const events = (encoded.events ??= state.events?.length ? canonicalJson(state.events) : `[${event}]`);
  const stack = [...state.steps.keys()];
  const ctx = canonicalJson({
    run_id: state.id,
    attempt,
    max_attempts: state.maxAttempts,
    disable_immediate_execution: state.disableImmediate,
    use_api: false,
    stack: { stack, current: Math.max(stack.length - 1, 0) },
    ...(checkpoint && state.fn ? { fn_id: functionUuid(state.fn.id), qi_id: checkpoint } : {}),
  });
  const steps = [...stack]
    .sort()
    .map((id) => {
      let value = encoded.steps.get(id);
      if (value === undefined) {
        value = canonicalJson(state.steps.get(id));
        encoded.steps.set(id, value);
      }
      return `${JSON.stringify(id)}:${value}`;
    })
    .join(",");
  const defers = Object.keys(state.defers ?? {}).length ? `"defers":${canonicalJson(state.defers)},` : "";
  return `{"ctx":${ctx},${defers}"event":${event},"events":${events},"steps":{${steps}},"version":${canonicalJson(state.requestVersion)}}`;
}

/**
 * The headers Inngest's HTTP driver adds to every call (pkg/execution/driver/httpdriver): the run,
 * a fresh id per outbound request, the queue item (job) and its dispatch generation, the request
 * version and the step the call is for (`step` for a discovery call). The SDK exposes the request
 * and job ids to middleware (`ctx.requestId`, `ctx.jobId`) and echoes the generation in checkpoints.
 */
export function callHeaders(req: Pick<CallRequest, "state" | "stepId" | "jobId" | "generation">): Record<string, string> {
  const headers: Record<string, string> = {
    "X-Run-ID": req.state.id,
    "X-Request-Id": newId(Date.now()),
    "X-Inngest-Req-Version": String(req.state.requestVersion),
    "X-Inngest-Step-Id": req.stepId ?? "step",
  };
  if (req.jobId) headers["X-Inngest-Job-Id"] = req.jobId;
  if (req.generation && req.generation > 0) headers["X-Inngest-Generation-Id"] = String(req.generation);
  return headers;
}

export function callUrl(fnUrl: string, stepId: string | null): string {
  const url = new URL(fnUrl);
  url.searchParams.set("stepId", stepId ?? "step");
  return url.toString();
}

export async function callSdk(ctx: EngineContext, req: CallRequest): Promise<CallResult> {
  const fn = req.state.fn;
  if (!fn) {
    return { kind: "error", retriable: false, error: { name: "FunctionNotFoundError", message: "the function is no longer registered" } };
  }
  const driver = syncDriverOf(fn.config);
  if (driver) return callEndpoint(ctx, req, driver.method);
  const body = callBody(req.state, req.attempt, req.checkpoint);
  const headers: Record<string, string> = {
    "Content-Type": "application/json",
    "User-Agent": "conveyor-engine",
    "X-Inngest-Server-Kind": ctx.signingKey ? "cloud" : "dev",
  };
  if (ctx.signingKey) headers["X-Inngest-Signature"] = signBody(body, ctx.signingKey, Date.now());
  Object.assign(headers, callHeaders(req));
  let res;
  try {
    res = await httpRequest("POST", callUrl(fn.url, req.stepId), body, headers, ctx.config.requestTimeoutMs, req.signal);
  } catch (error) {
    const message = error instanceof HttpCallError ? error.message : String(error);
    return { kind: "error", retriable: true, error: { name: "SdkUnreachableError", message } };
  }
  return classify(res.status, res.headers, res.body);
}

/**
 * Re-enters a durable endpoint whose run went async, as Inngest's HTTP v2 driver does
 * (`pkg/execution/driver/httpv2`, `sync`): the request that started the run again (its method, URL
 * with query and body), with `X-Run-ID` and a signature (empty in development: the SDK only needs
 * the header to be there), the request version, `X-Inngest-Force-Step-Plan` during a parallel
 * group and the planned step in `X-Inngest-Step-Id`. The SDK reads the run's events and steps from
 * `/v0/runs/{id}` and answers with ops, like any call.
 */
async function callEndpoint(ctx: EngineContext, req: CallRequest, method: string): Promise<CallResult> {
  const http = readHttpData(req.state.event);
  if (typeof http === "string") {
    return { kind: "error", retriable: false, error: { name: "ProtocolError", message: `the endpoint run's request cannot be read: ${http}` } };
  }
  const body = method === "GET" || method === "HEAD" ? "" : (http.body ?? "");
  const headers: Record<string, string> = {
    "Content-Type": http.content_type || "application/json",
    "User-Agent": "conveyor-engine",
    "X-Inngest-Signature": ctx.signingKey ? signBody(body, ctx.signingKey, Date.now()) : "",
    "X-Run-ID": req.state.id,
    "X-Request-Id": newId(Date.now()),
    "X-Inngest-Req-Version": String(req.state.requestVersion),
  };
  if (req.jobId) headers["X-Inngest-Job-Id"] = req.jobId;
  if (req.generation && req.generation > 0) headers["X-Inngest-Generation-Id"] = String(req.generation);
  if (req.state.disableImmediate) headers["X-Inngest-Force-Step-Plan"] = "true";
  if (req.stepId) headers["X-Inngest-Step-Id"] = req.stepId;
  let res;
  try {
    res = await httpRequest(method, endpointUrl(http), body === "" ? undefined : body, headers, ctx.config.requestTimeoutMs, req.signal);
  } catch (error) {
    const message = error instanceof HttpCallError ? error.message : String(error);
    return { kind: "error", retriable: true, error: { name: "SdkUnreachableError", message } };
  }
  return classify(res.status, res.headers, res.body);
}

/** Reads a response the way Inngest's executor does (see docs/engine.md, "Protocol"). */
export function classify(status: number, headers: Record<string, string>, text: string): CallResult {
  const fromSdk = headers["x-inngest-sdk"] !== undefined || headers["x-inngest-sdk-handled"] !== undefined;
  const noRetryHeader = headers["x-inngest-no-retry"];
  const retryAfter = headers["retry-after"];
  const versionHeader = Number(headers["x-inngest-req-version"]);
  const version = Number.isFinite(versionHeader) && headers["x-inngest-req-version"] ? versionHeader : undefined;
  const body = parseJson(text);

  if (status === 200 && fromSdk) return { kind: "complete", output: body.ok ? body.value : text, version };
  if (status === 206 && fromSdk) {
    const list = body.ok ? (Array.isArray(body.value) ? body.value : [body.value]) : [];
    const ops: Op[] = [];
    for (const raw of list) {
      const parsed = opSchema.safeParse(raw);
      if (!parsed.success) return invalid(`the SDK answered 206 with an unreadable op: ${parsed.error.message}`, version);
      ops.push(parsed.data);
    }
    if (ops.length === 0) return invalid("the SDK answered 206 without ops", version);
    return { kind: "ops", ops, noRetry: noRetryHeader === "true", retryAfter, version, bytes: text.length };
  }
  if (status === 401 && fromSdk) {
    return {
      kind: "error",
      retriable: true,
      status,
      error: { name: "SignatureRejectedError", message: "the SDK rejected the engine's signature (check INNGEST_SIGNING_KEY on both sides)" },
    };
  }
  if (status >= 200 && status < 300) {
    return { kind: "error", retriable: true, status, error: { name: "NotAnSdkError", message: `the endpoint answered ${status} without X-Inngest-SDK: is the URL an Inngest serve endpoint?` } };
  }
  const error = toSerializedError(body.ok ? body.value : text, `the SDK endpoint answered ${status}`);
  // The SDK's own header decides; otherwise any 4xx/5xx is retried, as Inngest does.
  const retriable = noRetryHeader === undefined ? true : noRetryHeader !== "true";
  return { kind: "error", retriable, retryAfter, status, error, version };
}

function invalid(message: string, version?: number): CallResult {
  return { kind: "error", retriable: true, error: { name: "ProtocolError", message }, version };
}

function parseJson(text: string): { ok: true; value: unknown } | { ok: false } {
  if (text === "") return { ok: true, value: null };
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false };
  }
}
