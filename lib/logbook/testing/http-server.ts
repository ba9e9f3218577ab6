import http from "node:http";
import type { AddressInfo } from "node:net";

export type StandInHandler = (req: http.IncomingMessage, body: string, res: http.ServerResponse) => void | Promise<void>;
export type RunningStandIn = { url: string; requests: string[]; close(): Promise<void> };

/** A stand-in site on 127.0.0.1 (an ephemeral port unless one is given); records each request line. */
export async function startStandIn(handler: StandInHandler, port = 0): Promise<RunningStandIn> {
  const requests: string[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      requests.push(`${req.method} ${req.url}`);
      Promise.resolve(handler(req, Buffer.concat(chunks).toString("utf8"), res)).catch(() => {
        if (!res.headersSent) res.writeHead(500);
        res.end();
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  const { port: bound } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${bound}`,
    requests,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
