import type { EngineContext } from "../context";
import { functionUuid } from "../executor/call-sdk";
import type { FunctionConfig } from "../protocol/types";

type Row = { id: string; app_id: string; name: string; url: string; config: FunctionConfig; sdk: string | null; framework: string | null; app_url: string; error: string | null; synced_at: Date };

/**
 * `GET /dev`, as `inngest-cli dev` answers it (pkg/devserver/api.go, `Info`): the registered
 * functions in Inngest's function shape (`id` a UUID, `slug` the composite id, `triggers`, `steps`
 * with their `uri`) and the synced apps as `handlers`. Test suites poll it to see that the server
 * is up and an app's functions are registered.
 */
export async function devInfo(ctx: EngineContext, opts: { version: string }): Promise<Record<string, unknown>> {
  const rows = await ctx.sql.query<Row>(
    `SELECT f.id, f.app_id, f.name, f.url, f.config, a.sdk, a.framework, a.url AS app_url, a.error, a.synced_at
     FROM engine_functions f JOIN engine_apps a ON a.id = f.app_id
     WHERE NOT f.archived ORDER BY f.app_id, f.id`,
  );
  const functions = rows.map((r) => devFunction(r));
  const apps = new Map<string, Row>();
  for (const r of rows) if (!apps.has(r.app_id)) apps.set(r.app_id, r);
  return {
    version: opts.version,
    authed: false,
    startOpts: { sdkURLs: [] },
    functions,
    handlers: [...apps.values()].map((a) => ({
      url: a.app_url,
      sdk: { language: "js", version: a.sdk ?? "" },
      framework: a.framework ?? "",
      errors: a.error ?? "",
      updatedAt: new Date(a.synced_at).toISOString(),
    })),
    isSingleNodeService: false,
    isMissingSigningKey: false,
    isMissingEventKeys: false,
    features: {},
  };
}

function devFunction(r: Row): Record<string, unknown> {
  const config = r.config;
  const triggers = config.triggers.map((t) =>
    typeof t.cron === "string"
      ? { cron: t.cron, ...(typeof t.jitter === "string" ? { jitter: t.jitter } : {}) }
      : { event: t.event, ...(typeof t.expression === "string" ? { expression: t.expression } : {}) },
  );
  const steps = Object.entries(config.steps).map(([id, step]) => ({
    id,
    name: step.name ?? id,
    uri: step.runtime.url,
    ...(typeof step.retries?.attempts === "number" ? { retries: step.retries.attempts } : {}),
  }));
  const extra: Record<string, unknown> = {};
  for (const key of ["priority", "timeouts", "concurrency", "debounce", "batchEvents", "rateLimit", "throttle", "cancel", "singleton", "idempotency"] as const) {
    if (config[key] !== undefined) extra[key] = config[key];
  }
  return { id: functionUuid(r.id), name: r.name, slug: r.id, appID: r.app_id, triggers, steps, ...extra };
}
