/**
 * The runs list's filters as they live in the page URL (`?function=&status=&range=&from=&to=`) and
 * as they become API queries. Pure functions: the server page and the browser share them.
 */
import { RUN_STATUS_OPTIONS, type RunStatus } from "./types";

/** Runs per page of the list. */
export const PAGE_SIZE = 25;

export const RANGES = { "15m": 15 * 60_000, "1h": 3_600_000, "24h": 86_400_000, "7d": 7 * 86_400_000 } as const;
export type RangeKey = keyof typeof RANGES;
export const RANGE_LABELS: Record<RangeKey | "" | "custom", string> = {
  "": "Any time",
  "15m": "Last 15 minutes",
  "1h": "Last hour",
  "24h": "Last 24 hours",
  "7d": "Last 7 days",
  custom: "Custom range",
};

export type RunFilters = {
  fn: string;
  statuses: RunStatus[];
  range: RangeKey | "" | "custom";
  /** ISO times, for the custom range. */
  from: string;
  to: string;
};

export const NO_FILTERS: RunFilters = { fn: "", statuses: [], range: "", from: "", to: "" };

const validTime = (v: string | undefined) => (v && !Number.isNaN(Date.parse(v)) ? new Date(v).toISOString() : "");

/** Reads filters from URL search params, dropping anything malformed (a stale link still opens). */
export function parseFilters(params: Record<string, string | string[] | undefined>): RunFilters {
  const first = (k: string) => (Array.isArray(params[k]) ? params[k][0] : params[k]);
  const all = (k: string) => (Array.isArray(params[k]) ? params[k] : params[k] ? [params[k]] : []);
  const range = first("range") ?? "";
  const from = validTime(first("from"));
  const to = validTime(first("to"));
  return {
    fn: (first("function") ?? "").slice(0, 300),
    statuses: RUN_STATUS_OPTIONS.filter((s) => all("status").includes(s)),
    range: range in RANGES || range === "custom" ? (range as RunFilters["range"]) : from || to ? "custom" : "",
    from,
    to,
  };
}

/** The page URL's query for these filters. */
export function filtersToSearch(f: RunFilters): string {
  const q = new URLSearchParams();
  if (f.fn) q.set("function", f.fn);
  for (const s of f.statuses) q.append("status", s);
  if (f.range) q.set("range", f.range);
  if (f.range === "custom") {
    if (f.from) q.set("from", f.from);
    if (f.to) q.set("to", f.to);
  }
  const s = q.toString();
  return s ? `?${s}` : "";
}

/** The API query (`GET /api/v1/runs`) for these filters at time `now`. */
export function filtersToApiQuery(f: RunFilters, now: number): { function?: string; status?: RunStatus[]; from?: string; to?: string } {
  const out: ReturnType<typeof filtersToApiQuery> = {};
  if (f.fn) out.function = f.fn;
  if (f.statuses.length) out.status = f.statuses;
  if (f.range && f.range !== "custom") out.from = new Date(now - RANGES[f.range]).toISOString();
  if (f.range === "custom") {
    if (f.from) out.from = f.from;
    if (f.to && (!f.from || Date.parse(f.to) > Date.parse(f.from))) out.to = f.to;
  }
  return out;
}

export function apiSearch(f: RunFilters, now: number, limit: number, cursor?: string | null): string {
  const q = filtersToApiQuery(f, now);
  const params = new URLSearchParams();
  if (q.function) params.set("function", q.function);
  for (const s of q.status ?? []) params.append("status", s);
  if (q.from) params.set("from", q.from);
  if (q.to) params.set("to", q.to);
  params.set("limit", String(limit));
  if (cursor) params.set("cursor", cursor);
  return params.toString();
}
