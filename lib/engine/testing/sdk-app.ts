import http from "node:http";
import type { AddressInfo } from "node:net";
import { Inngest, type InngestFunction } from "inngest";
import { serve } from "inngest/node";

/** A signing key for tests (hex after the prefix, as the SDK expects). */
export const TEST_SIGNING_KEY = `signkey-test-${"ab12".repeat(16)}`;

export type SdkApp = {
  client: Inngest;
  url: string;
  /** Requests the SDK endpoint answered, by method (to assert what the engine sent). */
  requests: { method: string; url: string; status: number; headers: http.IncomingHttpHeaders }[];
  close(): Promise<void>;
};

/**
 * A real Inngest app over HTTP: a plain Node server hosting `serve()` with the given functions,
 * in cloud mode (signature checks on) unless `dev` is set. The client sends events through
 * `fetch` (tests point it at the engine's API in-process).
 */
export async function startSdkApp(opts: {
  id?: string;
  functions: (client: Inngest) => InngestFunction.Any[];
  fetch: typeof fetch;
  signingKey?: string;
  dev?: boolean;
}): Promise<SdkApp> {
  const client = new Inngest({
    id: opts.id ?? "test-app",
    isDev: opts.dev ?? false,
    signingKey: opts.dev ? undefined : (opts.signingKey ?? TEST_SIGNING_KEY),
    eventKey: "test-event-key",
    baseUrl: "http://engine.test.invalid/",
    fetch: opts.fetch,
    logger: { info() {}, warn() {}, error() {}, debug() {} },
  });
  const handler = serve({ client, functions: opts.functions(client) });
  const requests: SdkApp["requests"] = [];
  const server = http.createServer((req, res) => {
    res.on("finish", () => requests.push({ method: req.method ?? "", url: req.url ?? "", status: res.statusCode, headers: req.headers }));
    void handler(req, res);
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    client,
    url: `http://127.0.0.1:${port}/api/inngest`,
    requests,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
