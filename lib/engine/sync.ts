import type { EngineContext } from "./context";
import { scheduleCronsTx } from "./cron";
import { eventTriggers, maxAttemptsOf, parseFunctionConfig, runtimeUrl } from "./functions";
import { httpRequest } from "./protocol/http";
import { canonicalJson, signBody } from "./protocol/sign";
import { syncBodySchema } from "./protocol/types";
import { endpointOf } from "./registration/serve-url";
import { inTransaction } from "./store/scope";
import { at, json } from "./store/sql";

export class SyncError extends Error {
  /** `invalid`: the app's functions cannot be registered (retrying will not help); `unreachable`: try again. */
  constructor(
    message: string,
    readonly kind: "invalid" | "unreachable" = "unreachable",
  ) {
    super(message);
    this.name = "SyncError";
  }
}

export type SyncResult = { appId: string; functions: number; modified: boolean };

/**
 * Registers an app from what its SDK reported (in-band sync answer or out-of-band
 * /fn/register body). Every function config and expression is checked first: one bad function
 * fails the whole sync, loudly, and leaves the previous registration in place.
 */
export async function registerApp(ctx: EngineContext, raw: unknown, fallbackUrl?: string): Promise<SyncResult> {
  const parsed = syncBodySchema.safeParse(raw);
  if (!parsed.success) throw new SyncError(`invalid sync body: ${parsed.error.message}`, "invalid");
  const body = parsed.data;
  const appId = body.app_id ?? body.appName;
  if (!appId) throw new SyncError("the app reported no id", "invalid");
  const url = body.url ?? fallbackUrl;
  if (!url) throw new SyncError("the app reported no URL", "invalid");
  refuseForeignUrls(ctx, url, body.functions);
  const problems: string[] = [];
  const functions = body.functions.flatMap((raw) => {
    try {
      return [parseFunctionConfig(raw)];
    } catch (error) {
      problems.push((error as Error).message);
      return [];
    }
  });
  const now = ctx.clock.now();
  if (problems.length) {
    await recordSyncError(ctx, appId, url, problems.join("\n"));
    throw new SyncError(`app ${appId} cannot be registered:\n${problems.join("\n")}`, "invalid");
  }
  let modified = false;
  const sdk = body.sdk ?? (body.sdk_language ? `${body.sdk_language}:v${body.sdk_version ?? "?"}` : null);
  await inTransaction(ctx, async (scope) => {
    await scope.tx.query(
      `INSERT INTO engine_apps (id, url, sdk, framework, app_version, function_count, error, synced_at, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, NULL, $7, $7)
       ON CONFLICT (id) DO UPDATE SET url = EXCLUDED.url, sdk = EXCLUDED.sdk, framework = EXCLUDED.framework,
         app_version = EXCLUDED.app_version, function_count = EXCLUDED.function_count, error = NULL, synced_at = EXCLUDED.synced_at`,
      [appId, url, sdk, body.framework ?? null, body.appVersion ?? null, functions.length, at(now)],
    );
    for (const config of functions) {
      const def = {
        id: config.id,
        appId,
        name: config.name ?? config.id,
        url: runtimeUrl(config),
        config,
        maxAttempts: maxAttemptsOf(config),
      };
      const changed = await scope.tx.query(
        `INSERT INTO engine_functions (id, app_id, name, url, config, event_names, max_attempts, archived, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5::jsonb, $6::text[], $7, false, $8, $8)
         ON CONFLICT (id) DO UPDATE SET app_id = EXCLUDED.app_id, name = EXCLUDED.name, url = EXCLUDED.url,
           config = EXCLUDED.config, event_names = EXCLUDED.event_names, max_attempts = EXCLUDED.max_attempts,
           archived = false, updated_at = EXCLUDED.updated_at
         WHERE (engine_functions.app_id, engine_functions.name, engine_functions.url, engine_functions.config,
                engine_functions.max_attempts, engine_functions.archived)
           IS DISTINCT FROM (EXCLUDED.app_id, EXCLUDED.name, EXCLUDED.url, EXCLUDED.config, EXCLUDED.max_attempts, false)
         RETURNING id`,
        [def.id, appId, def.name, def.url, json(config), eventTriggers(config).map((t) => t.event), def.maxAttempts, at(now)],
      );
      if (changed.length) {
        modified = true;
        await scheduleCronsTx(scope, def, now);
      }
    }
    const ids = functions.map((f) => f.id);
    const archived = await scope.tx.query(
      `UPDATE engine_functions SET archived = true, updated_at = $3 WHERE app_id = $1 AND NOT archived AND NOT (id = ANY($2::text[]))
       RETURNING id`,
      [appId, ids, at(now)],
    );
    if (archived.length) modified = true;
    await scope.tx.query(
      `DELETE FROM engine_crons WHERE function_id IN (SELECT id FROM engine_functions WHERE app_id = $1 AND archived)`,
      [appId],
    );
  });
  if (modified) ctx.log.info({ app_id: appId, functions: functions.length }, "engine: app synced");
  return { appId, functions: functions.length, modified };
}

/**
 * A sync decides where the engine sends every call of the app's functions, with their event data,
 * and whose answers it takes as step results. Only the configured endpoints may be registered: a
 * sync naming another URL, for the app or for any function's runtime, changes nothing.
 */
function refuseForeignUrls(ctx: EngineContext, url: string, functions: unknown[]): void {
  if (!ctx.appEndpoints) return;
  const allowed = new Set(ctx.appEndpoints);
  const runtimeUrls = functions.flatMap((f) => {
    const steps = (f as { steps?: Record<string, { runtime?: { url?: unknown } }> }).steps ?? {};
    return Object.values(steps).map((s) => String(s?.runtime?.url ?? ""));
  });
  for (const candidate of [url, ...runtimeUrls]) {
    const endpoint = endpointOf(candidate);
    if (!endpoint || !allowed.has(endpoint)) {
      ctx.log.warn({ url: candidate.slice(0, 200) }, "engine: refused a sync naming a URL this engine does not serve");
      throw new SyncError(`refused: ${candidate.slice(0, 200)} is not an app URL this engine is configured to call`, "invalid");
    }
  }
}

async function recordSyncError(ctx: EngineContext, appId: string, url: string, error: string): Promise<void> {
  const now = at(ctx.clock.now());
  await ctx.sql.query(
    `INSERT INTO engine_apps (id, url, error, synced_at, created_at) VALUES ($1, $2, $3, $4, $4)
     ON CONFLICT (id) DO UPDATE SET error = EXCLUDED.error`,
    [appId, url, error, now],
  );
}

/**
 * Syncs the app served at `url` the way Inngest does for a known URL: an in-band PUT (signed),
 * whose answer carries the functions. An SDK that refuses in-band sync registers itself out of
 * band through the engine's /fn/register instead; both end in registerApp.
 */
export async function syncUrl(ctx: EngineContext, url: string): Promise<SyncResult> {
  const body = canonicalJson({ url });
  const headers: Record<string, string> = { "Content-Type": "application/json", "X-Inngest-Sync-Kind": "in_band" };
  if (ctx.signingKey) headers["X-Inngest-Signature"] = signBody(body, ctx.signingKey, Date.now());
  const res = await httpRequest("PUT", url, body, headers, 30_000);
  if (res.status === 401) throw new SyncError(`${url} rejected the engine's signature (check INNGEST_SIGNING_KEY)`);
  if (res.status !== 200) throw new SyncError(`${url} answered ${res.status} to sync: ${res.body.slice(0, 300)}`);
  let parsed: unknown;
  try {
    parsed = JSON.parse(res.body);
  } catch {
    throw new SyncError(`${url} answered sync with something other than JSON: is it an Inngest serve endpoint?`);
  }
  if (res.headers["x-inngest-sync-kind"] === "in_band") return registerApp(ctx, parsed, url);
  // Out of band: the SDK already called /fn/register; it answers {message, modified}.
  const reply = parsed as { message?: string; modified?: boolean };
  return { appId: "", functions: 0, modified: Boolean(reply.modified) };
}
