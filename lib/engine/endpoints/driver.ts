import type { FunctionConfig } from "../protocol/types";

/** The request an endpoint run started from (`inngest/http.request`, Inngest's `NewAPIRunData`). */
export type HttpRunData = {
  domain: string;
  method: string;
  path: string;
  fn?: string;
  query_params?: string;
  content_type?: string;
  body?: string;
};

/** The `driver` a sync function's config carries (Inngest: `Driver.Metadata`). */
export type SyncDriver = { type: "sync"; method: string };

export function syncDriverOf(config: FunctionConfig): SyncDriver | null {
  const driver = (config as { driver?: { type?: unknown; method?: unknown } }).driver;
  return driver?.type === "sync" ? { type: "sync", method: typeof driver.method === "string" && driver.method ? driver.method : "POST" } : null;
}

export function readHttpData(event: unknown): HttpRunData | string {
  const data = (event as { data?: Record<string, unknown> } | null)?.data;
  if (!data || typeof data !== "object") return "event.data must be an object";
  const { domain, method, path } = data;
  if (typeof domain !== "string" || !/^https?:\/\/[^/]+$/.test(domain)) return "event.data.domain must be a scheme and host (http://host:port)";
  if (typeof method !== "string" || !/^[A-Z]{1,16}$/.test(method)) return "event.data.method must be an HTTP method";
  if (typeof path !== "string" || !path.startsWith("/")) return "event.data.path must start with /";
  const str = (v: unknown) => (typeof v === "string" ? v : undefined);
  return { domain, method, path, fn: str(data.fn), query_params: str(data.query_params), content_type: str(data.content_type), body: str(data.body) };
}

/** Where the engine re-enters an endpoint run: the request's URL with its query (Inngest: `URL()` plus the event's query params). */
export function endpointUrl(data: HttpRunData): string {
  const url = new URL(data.path, data.domain);
  if (data.query_params) url.search = url.search ? `${url.search.slice(1)}&${data.query_params}` : data.query_params;
  return url.toString();
}

