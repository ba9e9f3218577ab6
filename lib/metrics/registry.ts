import client from "prom-client";

const KEY = Symbol.for("conveyor.metrics");
type Metrics = { registry: client.Registry; httpDuration: client.Histogram<"method" | "route" | "status"> };
type Holder = { [KEY]?: Metrics };

function create(): Metrics {
  const registry = new client.Registry();
  client.collectDefaultMetrics({ register: registry, prefix: "conveyor_process_" });
  const httpDuration = new client.Histogram({
    name: "conveyor_http_request_duration_seconds",
    help: "HTTP request duration by method, route template and status",
    labelNames: ["method", "route", "status"] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  return { registry, httpDuration };
}

/** The process's metrics, shared by every bundle Next.js loads. */
export function metrics(): Metrics {
  const g = globalThis as Holder;
  return (g[KEY] ??= create());
}

/**
 * Registers a metric once per process (modules may be evaluated more than once under Next.js).
 * Returns the existing metric when the name is already registered.
 */
export function registerOnce<T extends client.Metric>(name: string, make: (registry: client.Registry) => T): T {
  const { registry } = metrics();
  return (registry.getSingleMetric(name) as T | undefined) ?? make(registry);
}
