import http from "node:http";
import type { AddressInfo } from "node:net";
import { isAppError } from "@/lib/errors";
import { metrics } from "@/lib/metrics";
import { authorizeScrape } from "@/lib/metrics/scrape";
import { engineMetrics } from "../metrics";

/**
 * `GET /metrics` for processes without a web server (`npm run worker -- --metrics-port 9464`):
 * the process registry in Prometheus text, engine metrics included. METRICS_TOKEN, when set, is
 * required as a bearer token, as on /api/metrics.
 */
export async function serveMetrics(port: number, host: string): Promise<{ url: string; close(): Promise<void> }> {
  engineMetrics();
  const server = http.createServer(async (req, res) => {
    const path = (req.url ?? "/").split("?")[0];
    if (req.method !== "GET" || (path !== "/metrics" && path !== "/")) {
      res.writeHead(404, { "content-type": "text/plain" }).end("GET /metrics\n");
      return;
    }
    try {
      const headers = new Headers();
      if (req.headers.authorization) headers.set("authorization", req.headers.authorization);
      authorizeScrape(new Request("http://worker/metrics", { headers }));
      const { registry } = metrics();
      const body = await registry.metrics();
      res.writeHead(200, { "content-type": registry.contentType, "cache-control": "no-store" }).end(body);
    } catch (error) {
      const status = isAppError(error) ? error.status : 500;
      res.writeHead(status, { "content-type": "text/plain", ...(status === 401 ? { "www-authenticate": 'Bearer realm="metrics"' } : {}) });
      res.end(status === 401 ? "unauthorized\n" : "metrics unavailable\n");
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, resolve);
  });
  const { port: bound } = server.address() as AddressInfo;
  return {
    url: `http://${host.includes(":") ? `[${host}]` : host}:${bound}/metrics`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
