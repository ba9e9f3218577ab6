/**
 * `npm run engine -- --sdk-url <serve URL> [--sdk-url ...] [--port 8288] [--dev]`: the engine as its
 * own process, serving Inngest's server API so any Inngest app started with INNGEST_DEV=1 and
 * INNGEST_BASE_URL=http://127.0.0.1:8288 runs its functions here. Only the --sdk-url endpoints may
 * be registered, unless --dev lets any app register itself (as `inngest-cli dev` does).
 */
import { parseArgs } from "node:util";
import { closeDatabase, getDatabase } from "@/lib/db";
import { keepDataPrivate } from "@/lib/storage/private-modes";
import { getEnv, SettingsError } from "@/lib/env";
import { loadDotenvFiles } from "@/lib/env/dotenv";
import { serveEngineApi } from "../api/serve-http";
import { engineConfigFromEnv } from "../embedded";
import { Engine } from "../engine";
import { setMetricsDatabase } from "../metrics";

const USAGE = `usage: npm run engine -- --sdk-url <url> [--sdk-url <url> ...] [--port 8288] [--host 127.0.0.1]
                           [--signing-key <key>] [--event-key <key> ...] [--dev]
  --dev  let any app register itself at /fn/register (development only, like inngest-cli dev);
         without it only the --sdk-url endpoints can be registered`;

async function main(): Promise<void> {
  loadDotenvFiles();
  const { values } = parseArgs({
    options: {
      "sdk-url": { type: "string", multiple: true, default: [] },
      port: { type: "string", default: "8288" },
      host: { type: "string", default: "127.0.0.1" },
      "signing-key": { type: "string" },
      "event-key": { type: "string", multiple: true, default: [] },
      dev: { type: "boolean", default: false },
      help: { type: "boolean", default: false },
    },
  });
  if (values.help) return void console.log(USAGE);
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port must be a port number\n${USAGE}`);
  for (const url of values["sdk-url"]) {
    if (!/^https?:\/\//.test(url)) throw new Error(`--sdk-url ${url} is not an http(s) URL\n${USAGE}`);
  }
  const env = getEnv();
  keepDataPrivate(env.dataDir);
  const database = await getDatabase();
  setMetricsDatabase(database.sql);
  const engine = new Engine({
    sql: database.sql,
    kind: "standalone",
    // SDKs in dev mode ignore signatures; one in cloud mode needs its key here too.
    signingKey: values["signing-key"] ?? env.INNGEST_SIGNING_KEY,
    appUrls: values.dev ? "any" : values["sdk-url"],
    config: engineConfigFromEnv(),
    listenUrl: database.dialect === "postgres" ? env.DATABASE_URL : undefined,
  });
  const api = await serveEngineApi({ port, host: values.host, trusted: false, ctx: engine.ctx, eventKeys: values["event-key"], devApi: true });
  await engine.start();
  engine.ctx.log.info({ url: api.url, apps: values["sdk-url"] }, "engine: standalone engine listening");
  console.log(`Conveyor engine listening on ${api.url} (INNGEST_BASE_URL=${api.url})`);

  // Like Inngest's dev server: keep syncing the given apps, so restarts and changes are picked up.
  const timers = values["sdk-url"].map((url) => keepSynced(engine, url));
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    engine.ctx.log.info({ signal }, "engine: stopping");
    for (const t of timers) clearInterval(t);
    await api.close();
    await engine.stop();
    await closeDatabase();
    process.exit(0);
  };
  process.on("SIGTERM", () => void stop("SIGTERM"));
  process.on("SIGINT", () => void stop("SIGINT"));
}

function keepSynced(engine: Engine, url: string): NodeJS.Timeout {
  let failing = false;
  const attempt = async () => {
    try {
      const result = await engine.sync(url);
      if (failing || result.modified) engine.ctx.log.info({ url, functions: result.functions }, "engine: app synced");
      failing = false;
    } catch (error) {
      if (!failing) engine.ctx.log.warn({ url, err: error }, "engine: app not reachable or not syncable yet; retrying");
      failing = true;
    }
  };
  void attempt();
  return setInterval(() => void attempt(), 5_000);
}

main().catch((error) => {
  console.error(error instanceof SettingsError ? error.message : `engine: ${(error as Error).message}`);
  process.exit(1);
});
