import http from "node:http";
import https from "node:https";

/**
 * Calls to SDK endpoints over keep-alive connections: one TCP connection per concurrent call is
 * reused across steps, which is most of the per-step overhead otherwise.
 */
const KEY = Symbol.for("conveyor.engine.agents");
type Agents = { http: http.Agent; https: https.Agent };
type Holder = { [KEY]?: Agents };

function agents(): Agents {
  const g = globalThis as Holder;
  return (g[KEY] ??= {
    http: new http.Agent({ keepAlive: true, maxSockets: 512, keepAliveMsecs: 10_000 }),
    https: new https.Agent({ keepAlive: true, maxSockets: 512, keepAliveMsecs: 10_000 }),
  });
}

export type HttpResponse = { status: number; headers: Record<string, string>; body: string };

export class HttpCallError extends Error {
  constructor(
    message: string,
    readonly timedOut = false,
  ) {
    super(message);
    this.name = "HttpCallError";
  }
}

/** Sends one request; rejects with HttpCallError on network failure or timeout. */
export function httpRequest(
  method: string,
  url: string,
  body: string | undefined,
  headers: Record<string, string>,
  timeoutMs: number,
  signal?: AbortSignal,
): Promise<HttpResponse> {
  return new Promise((resolve, reject) => {
    let target: URL;
    try {
      target = new URL(url);
    } catch {
      return reject(new HttpCallError(`invalid URL ${url}`));
    }
    const secure = target.protocol === "https:";
    const payload = body === undefined ? undefined : Buffer.from(body);
    const req = (secure ? https : http).request(
      target,
      {
        method,
        agent: secure ? agents().https : agents().http,
        headers: { ...headers, ...(payload ? { "Content-Length": String(payload.length) } : {}) },
        signal,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("error", (e) => reject(new HttpCallError(e.message)));
        res.on("end", () => {
          const out: Record<string, string> = {};
          for (const [k, v] of Object.entries(res.headers)) if (v !== undefined) out[k] = Array.isArray(v) ? v.join(", ") : v;
          resolve({ status: res.statusCode ?? 0, headers: out, body: Buffer.concat(chunks).toString("utf8") });
        });
      },
    );
    req.setTimeout(timeoutMs, () => req.destroy(new HttpCallError(`no response within ${timeoutMs} ms`, true)));
    req.on("error", (e) => reject(e instanceof HttpCallError ? e : new HttpCallError(describe(e, url))));
    req.end(payload);
  });
}

function describe(error: Error & { code?: string }, url: string): string {
  const origin = (() => {
    try {
      return new URL(url).origin;
    } catch {
      return url;
    }
  })();
  return `${error.code ?? "request failed"} calling ${origin}: ${error.message}`;
}
