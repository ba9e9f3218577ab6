import http from "node:http";
import type { AddressInfo } from "node:net";

type Handler = (req: Request, ctx: { params: Promise<{ id: string }> }) => Promise<Response>;

/**
 * Serves the callback route handler on 127.0.0.1 so a stand-in workflow can call back over real
 * HTTP in tests (APP_URL points here). Only `/api/v1/relay/jobs/{id}/callback` is answered.
 */
export async function serveCallbackRoute(handler: Handler): Promise<{ url: string; close(): Promise<void> }> {
  const server = http.createServer((req, res) => {
    const match = /^\/api\/v1\/relay\/jobs\/([^/]+)\/callback$/.exec(req.url ?? "");
    if (!match || req.method !== "POST") return void res.writeHead(404).end();
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", async () => {
      const headers = new Headers();
      for (const [name, value] of Object.entries(req.headers)) if (typeof value === "string") headers.set(name, value);
      const request = new Request(`http://127.0.0.1${req.url}`, { method: "POST", headers, body: Buffer.concat(chunks) });
      const answer = await handler(request, { params: Promise.resolve({ id: decodeURIComponent(match[1]) }) });
      res.writeHead(answer.status, { "content-type": answer.headers.get("content-type") ?? "application/json" }).end(Buffer.from(await answer.arrayBuffer()));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, close: () => new Promise<void>((r) => server.close(() => r())) };
}
