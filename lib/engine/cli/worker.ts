/**
 * `npm run worker [-- --metrics-port 9464 [--metrics-host 0.0.0.0]]`: a process that only works
 * the engine's queue (no web server). Several workers and web processes share one PostgreSQL
 * database; PGlite allows a single process. With --metrics-port it serves GET /metrics.
 */
import { parseArgs } from "node:util";
import { closeDatabase, getDatabase } from "@/lib/db";
import { keepDataPrivate } from "@/lib/storage/private-modes";
import { getEnv, SettingsError } from "@/lib/env";
import { loadDotenvFiles } from "@/lib/env/dotenv";
import { engineConfigFromEnv } from "../embedded";
import { Engine } from "../engine";
import { setMetricsDatabase } from "../metrics";
import { engineMode } from "../mode";
import { appServeUrl } from "../registration/serve-url";
import { embeddedSigningKey } from "../signing-key";
import { serveMetrics } from "./metrics-server";

const USAGE = "usage: npm run worker -- [--metrics-port <port>] [--metrics-host 127.0.0.1]";

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      "metrics-port": { type: "string" },
      "metrics-host": { type: "string", default: "127.0.0.1" },
      help: { type: "boolean", default: false },
    },
  });
  if (values.help) return void console.log(USAGE);
  const metricsPort = values["metrics-port"] === undefined ? undefined : Number(values["metrics-port"]);
  if (metricsPort !== undefined && !(Number.isInteger(metricsPort) && metricsPort >= 0 && metricsPort <= 65535)) {
    throw new Error(`--metrics-port must be a port number\n${USAGE}`);
  }
  loadDotenvFiles();
  const env = getEnv();
  keepDataPrivate(env.dataDir);
  if (engineMode() === "external") {
    throw new Error("Inngest runs the functions (INNGEST_* settings are set): there is nothing for a worker to do");
  }
  if (!env.DATABASE_URL) {
    throw new Error(
      "npm run worker needs PostgreSQL (DATABASE_URL): the embedded PGlite database allows one process, the web server",
    );
  }
  const database = await getDatabase();
  setMetricsDatabase(database.sql);
  const engine = new Engine({
    sql: database.sql,
    kind: "worker",
    signingKey: embeddedSigningKey(),
    appUrls: [appServeUrl().href],
    config: engineConfigFromEnv(),
    listenUrl: env.DATABASE_URL,
  });
  const metricsServer = metricsPort === undefined ? undefined : await serveMetrics(metricsPort, values["metrics-host"]!);
  await engine.start();
  engine.ctx.log.info({ worker: engine.ctx.config.workerId, metrics: metricsServer?.url }, "engine: worker started");
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    engine.ctx.log.info({ signal }, "engine: worker stopping");
    await engine.stop();
    await metricsServer?.close();
    await closeDatabase();
    process.exit(0);
  };
  process.on("SIGTERM", () => void stop("SIGTERM"));
  process.on("SIGINT", () => void stop("SIGINT"));
}

main().catch((error) => {
  console.error(error instanceof SettingsError ? error.message : `worker: ${(error as Error).message}`);
  process.exit(1);
});
