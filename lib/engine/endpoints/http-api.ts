import type { EngineContext } from "../context";
import { publishStream, subscribeStream } from "./broadcaster";
import { verifyRunToken } from "./tokens";

/**
 * The three HTTP endpoints of durable endpoints that are not checkpoints (Inngest's
 * `pkg/api/apiv1/checkpoint.go` `Output` and `pkg/execution/realtime/api.go`):
 *
 * - `GET /v1/http/runs/{runId}/output?token=<output token>`: the 302 target a durable endpoint
 *   answers with once its run went async. Waits for the run to end (up to 5 minutes) and answers
 *   with the endpoint's own response (`{status, headers, body}` of its `RunComplete`); other
 *   outputs are written as JSON (`{"data": output}`, or `{"error": ...}` for a run that failed).
 * - `GET /v1/realtime/sse?token=<stream token>`: the `inngest.redirect_info` URL of a streaming
 *   endpoint. Relays, as they arrive, the bytes the SDK posts for the run: server-sent events
 *   written by the SDK (`inngest.stream`, `inngest.commit`, `inngest.response`, ...), with `:`
 *   keepalives every 15 s; closes after 15 minutes.
 * - `POST /v1/realtime/publish/tee?channel=<runId>`: where the SDK posts that stream (needs the
 *   signing key like every SDK call; at most 1 MB per request, as Inngest).
 */
export const OUTPUT_WAIT_MS = 5 * 60_000;
export const OUTPUT_POLL_MS = 250;
export const SSE_TIMEOUT_MS = 15 * 60_000;
export const SSE_KEEPALIVE_MS = 15_000;
export const TEE_MAX_BYTES = 1000 * 1024;

const jsonReply = (status: number, body: unknown) => Response.json(body, { status });

type RunRow = { status: string; output: unknown; error: unknown };

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener("abort", () => {
      clearTimeout(timer);
      resolve();
    }, { once: true });
  });
}

/** The endpoint's response when the output is one (`{status, headers?, body?}` with a status code). */
function apiResult(output: unknown): { status: number; headers: Record<string, string>; body: string } | null {
  if (!output || typeof output !== "object" || Array.isArray(output)) return null;
  const o = output as Record<string, unknown>;
  if (typeof o.status !== "number" || !Number.isInteger(o.status) || o.status < 200 || o.status > 599) return null;
  const headers: Record<string, string> = {};
  if (o.headers && typeof o.headers === "object") {
    for (const [k, v] of Object.entries(o.headers as Record<string, unknown>)) {
      // Hop-by-hop and length headers belong to the original response, not this one.
      if (typeof v === "string" && !/^(content-length|transfer-encoding|connection|keep-alive)$/i.test(k)) headers[k] = v;
    }
  }
  return { status: o.status, headers, body: typeof o.body === "string" ? o.body : "" };
}

export async function runOutputResponse(
  ctx: EngineContext,
  runId: string,
  token: string | null,
  signal?: AbortSignal,
  waitMs = OUTPUT_WAIT_MS,
): Promise<Response> {
  const claims = verifyRunToken(ctx, token, "output", ctx.clock.now());
  if (!claims || claims.runId !== runId) return jsonReply(401, { status: 401, error: "Unable to find run with auth token" });
  const until = Date.now() + waitMs;
  for (;;) {
    const [run] = await ctx.sql.query<RunRow>(`SELECT status, output, error FROM engine_runs WHERE id = $1`, [runId]);
    if (!run) return jsonReply(404, { status: 404, error: "run not found" });
    if (run.status === "completed") {
      const result = apiResult(run.output);
      if (result) return new Response(result.body, { status: result.status, headers: result.headers });
      return jsonReply(200, { data: run.output ?? null });
    }
    if (run.status === "failed" || run.status === "cancelled") return jsonReply(200, { error: run.error ?? null });
    if (signal?.aborted || Date.now() >= until) break;
    await sleep(OUTPUT_POLL_MS, signal);
  }
  return jsonReply(200, { status: "running", message: "run did not end within 5 minutes" });
}

const SSE_HEADERS = {
  "Access-Control-Allow-Origin": "*",
  "Access-Control-Expose-Headers": "Content-Type",
  "Content-Type": "text/event-stream",
  "Cache-Control": "no-cache",
  Connection: "keep-alive",
};

export function streamSubscriptionResponse(ctx: EngineContext, token: string | null, signal?: AbortSignal): Response {
  const claims = verifyRunToken(ctx, token, "stream", ctx.clock.now());
  if (!claims) return jsonReply(401, { status: 401, error: "Not authenticated" });
  const keepalive = new TextEncoder().encode(":\n\n");
  let stop = () => {};
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      let closed = false;
      const unsubscribe = subscribeStream(claims.runId, (chunk) => {
        if (!closed) controller.enqueue(chunk);
      });
      if (!unsubscribe) {
        controller.error(new Error("too many subscribers"));
        return;
      }
      const beat = setInterval(() => !closed && controller.enqueue(keepalive), SSE_KEEPALIVE_MS);
      const timeout = setTimeout(() => stop(), SSE_TIMEOUT_MS);
      beat.unref?.();
      timeout.unref?.();
      stop = () => {
        if (closed) return;
        closed = true;
        clearInterval(beat);
        clearTimeout(timeout);
        unsubscribe();
        try {
          controller.close();
        } catch {
          // already closed by the reader
        }
      };
      signal?.addEventListener("abort", () => stop(), { once: true });
    },
    cancel() {
      stop();
    },
  });
  return new Response(body, { status: 200, headers: SSE_HEADERS });
}

export async function publishTeeResponse(channel: string | null, body: ReadableStream<Uint8Array> | null): Promise<Response> {
  if (!channel) return jsonReply(400, { status: 400, error: "channel query parameter required" });
  if (!body) return new Response(null, { status: 200 });
  const reader = body.getReader();
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > TEE_MAX_BYTES) {
      await reader.cancel().catch(() => {});
      return jsonReply(413, { status: 413, error: "a stream may carry at most 1 MB per request" });
    }
    publishStream(channel, value);
  }
  return new Response(null, { status: 200 });
}
