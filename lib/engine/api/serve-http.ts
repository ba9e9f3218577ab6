import http from "node:http";
import type { AddressInfo } from "node:net";
import { handleEngineApi, type EngineApiOptions } from "./handle-engine-api";

/** Inngest's limit for one request of events (sync bodies are far smaller). */
const MAX_BODY = 3 * 1024 * 1024;

/** Serves the engine's Inngest-server API on a port (the standalone engine, tests). */
export async function serveEngineApi(
  opts: EngineApiOptions & { port: number; host: string },
): Promise<{ url: string; close(): Promise<void> }> {
  const server = http.createServer(async (req, res) => {
    try {
      const chunks: Buffer[] = [];
      let size = 0;
      for await (const chunk of req) {
        size += (chunk as Buffer).length;
        if (size > MAX_BODY) {
          res.writeHead(413, { "Content-Type": "application/json" }).end(JSON.stringify({ status: 413, error: "body too large" }));
          return;
        }
        chunks.push(chunk as Buffer);
      }
      const body = ["GET", "HEAD"].includes(req.method ?? "GET") ? undefined : Buffer.concat(chunks);
      const headers = new Headers();
      for (const [k, v] of Object.entries(req.headers)) if (typeof v === "string") headers.set(k, v);
      const request = new Request(`http://${req.headers.host ?? "localhost"}${req.url ?? "/"}`, {
        method: req.method,
        headers,
        body,
      });
      const response = await handleEngineApi(request, opts);
      res.writeHead(response.status, Object.fromEntries(response.headers));
      res.end(Buffer.from(await response.arrayBuffer()));
    } catch {
      if (!res.headersSent) res.writeHead(500, { "Content-Type": "application/json" });
      res.end(JSON.stringify({ status: 500, error: "internal engine error" }));
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
