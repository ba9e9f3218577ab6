import { createHash } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/**
 * A local ESI for tests and the bench, following the OpenAPI document (2025-08-26) and ESI's
 * headers: X-Pages from page 1, ETag + If-None-Match -> 304, Expires/Last-Modified, the error
 * window (X-ESI-Error-Limit-*, 420 once spent), X-Ratelimit-* and 429 with Retry-After, 204 for the
 * items of an expired contract, 404 `{error}` for unknown ids. Faults are injected per path.
 */
export type Fault = { status: 420 | 429 | 500 | 502 | 503 | 504; retryAfterSeconds?: number } | { hang: true };

export type StandInData = {
  /** region id -> its public contracts (raw JSON, so a malformed one can be served as is). */
  regions: Map<number, unknown[]>;
  /** contract id -> its items; a contract id in `goneItems` answers 204. */
  items: Map<number, unknown[]>;
  goneItems: Set<number>;
  types: Map<number, unknown>;
  groups: Map<number, unknown>;
  categories: Map<number, unknown>;
};

export type StandIn = {
  url: string;
  data: StandInData;
  /** Every request received: path with query, and the headers that matter. */
  requests: { path: string; ifNoneMatch?: string; userAgent?: string; compatibilityDate?: string }[];
  /** Faults answered, in order, for requests whose path (without query) equals the key. */
  faults: Map<string, Fault[]>;
  /** Seconds until Expires on 200/304 answers. */
  cacheSeconds: number;
  /** Page size of paginated routes (ESI: 1,000 contracts per page). */
  pageSize: number;
  /** Regenerates a path's data (new Last-Modified) right after the given page was served, once. */
  rollAfterPage: Map<string, number>;
  /** Errors left in the window (ESI starts at 100). */
  errorRemain: number;
  close(): Promise<void>;
};

export async function startEsiStandIn(init: Partial<StandInData> = {}): Promise<StandIn> {
  const data: StandInData = {
    regions: init.regions ?? new Map(),
    items: init.items ?? new Map(),
    goneItems: init.goneItems ?? new Set(),
    types: init.types ?? new Map(),
    groups: init.groups ?? new Map(),
    categories: init.categories ?? new Map(),
  };
  const generations = new Map<string, number>();
  const started = Math.floor(Date.now() / 1000) * 1000;
  const state: Omit<StandIn, "url" | "close"> = {
    data,
    requests: [],
    faults: new Map(),
    cacheSeconds: 300,
    pageSize: 1000,
    rollAfterPage: new Map(),
    errorRemain: 100,
  };
  const windowResetSeconds = 60;

  const server: Server = createServer((req, res) => {
    try {
      handle(req, res);
    } catch (error) {
      send(res, 500, { error: String(error) });
    }
  });

  function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
    if (status >= 400 && status !== 420) state.errorRemain = Math.max(0, state.errorRemain - 1);
    res.writeHead(status, {
      "content-type": "application/json",
      "x-esi-error-limit-remain": String(state.errorRemain),
      "x-esi-error-limit-reset": String(windowResetSeconds),
      "x-ratelimit-group": "contracts",
      "x-ratelimit-limit": "150/15m",
      "x-ratelimit-remaining": "140",
      "x-ratelimit-used": "10",
      ...headers,
    });
    res.end(body === undefined ? undefined : JSON.stringify(body));
  }

  function handle(req: IncomingMessage, res: ServerResponse) {
    const url = new URL(req.url ?? "/", "http://stand-in");
    state.requests.push({
      path: url.pathname + url.search,
      ifNoneMatch: req.headers["if-none-match"] as string | undefined,
      userAgent: req.headers["user-agent"],
      compatibilityDate: req.headers["x-compatibility-date"] as string | undefined,
    });
    if (state.errorRemain <= 0) return send(res, 420, { error: "This software has exceeded the error limit for ESI." });
    const fault = state.faults.get(url.pathname)?.shift();
    if (fault && "hang" in fault) return; // never answers: the client's timeout fires
    if (fault) {
      const headers: Record<string, string> = fault.retryAfterSeconds !== undefined ? { "retry-after": String(fault.retryAfterSeconds) } : {};
      if (fault.status === 420) state.errorRemain = 0;
      return send(res, fault.status, { error: `stand-in fault ${fault.status}` }, headers);
    }
    const found = route(url.pathname);
    if (found === undefined) return send(res, 404, { error: "Not found" });
    if (found === "gone") {
      res.writeHead(204, { "x-esi-error-limit-remain": String(state.errorRemain), "x-esi-error-limit-reset": String(windowResetSeconds) });
      return res.end();
    }
    const generation = generations.get(url.pathname) ?? 0;
    const lastModified = new Date(started + generation * 1000).toUTCString();
    let body: unknown = found;
    const extra: Record<string, string> = {};
    if (found.paged) {
      const list = found.list;
      const pages = Math.max(1, Math.ceil(list.length / state.pageSize));
      const page = Number(url.searchParams.get("page") ?? "1");
      if (!Number.isInteger(page) || page < 1 || page > pages) return send(res, 404, { error: "Requested page does not exist!" });
      body = list.slice((page - 1) * state.pageSize, page * state.pageSize);
      extra["x-pages"] = String(pages);
      if (state.rollAfterPage.get(url.pathname) === page) {
        state.rollAfterPage.delete(url.pathname);
        generations.set(url.pathname, generation + 1);
      }
    } else {
      body = found.value;
    }
    const json = JSON.stringify(body);
    const etag = `"${createHash("sha1").update(`${generation}:${json}`).digest("hex")}"`;
    const headers = {
      etag,
      "last-modified": lastModified,
      expires: new Date(Date.now() + state.cacheSeconds * 1000).toUTCString(),
      "cache-control": "public",
      ...extra,
    };
    if (req.headers["if-none-match"] === etag) return send(res, 304, undefined, headers);
    return send(res, 200, body, headers);
  }

  function route(pathname: string): { paged: true; list: unknown[] } | { paged: false; value: unknown } | "gone" | undefined {
    let m = /^\/contracts\/public\/items\/(\d+)$/.exec(pathname);
    if (m) {
      const id = Number(m[1]);
      if (data.goneItems.has(id)) return "gone";
      const list = data.items.get(id);
      return list ? { paged: true, list } : "gone";
    }
    m = /^\/contracts\/public\/(\d+)$/.exec(pathname);
    if (m) {
      const list = data.regions.get(Number(m[1]));
      return list ? { paged: true, list } : undefined;
    }
    for (const [prefix, map] of [
      ["/universe/types/", data.types],
      ["/universe/groups/", data.groups],
      ["/universe/categories/", data.categories],
    ] as const) {
      m = new RegExp(`^${prefix}(\\d+)$`).exec(pathname);
      if (m) {
        const value = map.get(Number(m[1]));
        return value === undefined ? undefined : { paged: false, value };
      }
    }
    return undefined;
  }

  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return Object.assign(state, {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  });
}
