import http from "node:http";
import { Readable } from "node:stream";
import type { AddressInfo } from "node:net";
import { handleEngineApi, type EngineApiOptions } from "./handle-engine-api";

/** Inngest's limit for one request of events (sync bodies are far smaller). */
const MAX_BODY = 3 * 1024 * 1024;
/** Checkpoints carry step outputs (4 MB each at most). */
const MAX_CHECKPOINT_BODY = 8 * 1024 * 1024;
/** Paths whose request body is handed on as a stream. */
const STREAMED = /^\/v1\/realtime\/publish\/tee\/?$/;

/** Serves the engine's Inngest-server API on a port (the standalone engine, tests). */
export async function serveEngineApi(
  opts: EngineApiOptions & { port: number; host: string },
): Promise<{ url: string; close(): Promise<void> }> {
  const server = http.createServer(async (req, res) => {
    // A client that goes away (an SSE subscriber, a caller waiting for a run's output) aborts its request.
    const aborted = new AbortController();
    res.on("close", () => aborted.abort());
    try {
      const path = (req.url ?? "/").split("?")[0];
      const hasBody = !["GET", "HEAD"].includes(req.method ?? "GET");
      let body: BodyInit | undefined;
      if (hasBody && STREAMED.test(path)) {
        // A durable endpoint's stream is relayed as it arrives (the SDK posts it while it runs).
        body = Readable.toWeb(req) as ReadableStream<Uint8Array>;
      } else if (hasBody) {
        const limit = /^\/v1\/(checkpoint|http\/runs)/.test(path) ? MAX_CHECKPOINT_BODY : MAX_BODY;
        const chunks: Buffer[] = [];
        let size = 0;
        for await (const chunk of req) {
          size += (chunk as Buffer).length;
          if (size > limit) {
            res.writeHead(413, { "Content-Type": "application/json" }).end(JSON.stringify({ status: 413, error: "body too large" }));
            return;
          }
          chunks.push(chunk as Buffer);
        }
        body = Buffer.concat(chunks);
      }
      const headers = new Headers();
      for (const [k, v] of Object.entries(req.headers)) if (typeof v === "string") headers.set(k, v);
      const request = new Request(`http://${req.headers.host ?? "localhost"}${req.url ?? "/"}`, {
        method: req.method,
        headers,
        body,
        signal: aborted.signal,
        ...(body instanceof ReadableStream ? { duplex: "half" } : {}),
      } as RequestInit);
      const response = await handleEngineApi(request, opts);
      res.writeHead(response.status, Object.fromEntries(response.headers));
      if (!response.body) {
        res.end();
        return;
      }
      // Streamed out chunk by chunk (server-sent events must not wait for the end).
      res.flushHeaders();
      const reader = response.body.getReader();
      aborted.signal.addEventListener("abort", () => void reader.cancel().catch(() => {}), { once: true });
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        res.write(value);
      }
      res.end();
    } catch {
      if (!res.headersSent) res.writeHead(500, { "Content-Type": "application/json" });
      if (!res.writableEnded) res.end(res.headersSent ? undefined : JSON.stringify({ status: 500, error: "internal engine error" }));
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(opts.port, opts.host, resolve);
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${opts.host === "0.0.0.0" ? "127.0.0.1" : opts.host}:${port}`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
