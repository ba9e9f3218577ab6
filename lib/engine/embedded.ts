import { getDatabase } from "@/lib/db";
import { getEnv } from "@/lib/env";
import { logger } from "@/lib/logging";
import type { EngineContext } from "./context";
import { Engine } from "./engine";
import { setMetricsDatabase } from "./metrics";
import { engineMode } from "./mode";
import { appServeUrl } from "./registration/serve-url";
import { embeddedSigningKey } from "./signing-key";
import { SyncError } from "./sync";

/** What /api/health reports about the embedded engine of this process. */
export type EmbeddedState = {
  engine?: Engine;
  startedAt?: number;
  sync: { ok: boolean; at?: number; error?: string; functions?: number; attempts: number };
  startError?: string;
  stopping?: boolean;
};

const KEY = Symbol.for("conveyor.engine.embedded");
type Holder = { [KEY]?: { state: EmbeddedState; intake?: Promise<Engine> } };

export function embeddedState(): EmbeddedState {
  const g = globalThis as Holder;
  return (g[KEY] ??= { state: { sync: { ok: false, attempts: 0 } } }).state;
}

function holder() {
  embeddedState();
  return (globalThis as Holder)[KEY]!;
}

/** Engine settings from the environment, shared by web, worker and standalone processes. */
export function engineConfigFromEnv() {
  const env = getEnv();
  return {
    concurrency: env.ENGINE_CONCURRENCY,
    leaseMs: env.ENGINE_LEASE,
    requestTimeoutMs: env.ENGINE_REQUEST_TIMEOUT,
    shutdownTimeoutMs: env.ENGINE_SHUTDOWN_TIMEOUT,
    retentionMs: env.ENGINE_RETENTION,
    checkpointing: env.ENGINE_CHECKPOINTING,
    synchronousCommit: env.ENGINE_SYNCHRONOUS_COMMIT === "on",
    retryIntervalMs: env.ENGINE_RETRY_INTERVAL,
  };
}

async function createEngine(kind: string): Promise<Engine> {
  const env = getEnv();
  const database = await getDatabase();
  setMetricsDatabase(database.sql);
  return new Engine({
    sql: database.sql,
    kind,
    signingKey: embeddedSigningKey(),
    appUrls: [embeddedSdkUrl()],
    config: engineConfigFromEnv(),
    listenUrl: database.dialect === "postgres" ? env.DATABASE_URL : undefined,
  });
}

/**
 * The context event intake uses in this process: the embedded engine's when it runs here,
 * else an intake-only engine (scripts, a web process with ENGINE_WORKER=0) whose queued work is
 * picked up by the processes that do work the queue.
 */
export async function intakeContext(): Promise<EngineContext> {
  const h = holder();
  if (h.state.engine) return h.state.engine.ctx;
  h.intake ??= createEngine("intake");
  h.intake.catch(() => (h.intake = undefined));
  return (await h.intake).ctx;
}

/** The serve URL the engine calls in embedded mode. */
export function embeddedSdkUrl(): string {
  return appServeUrl().href;
}

/**
 * Starts the embedded engine in the web process (from instrumentation.ts): syncs /api/inngest once
 * the server answers (retrying with backoff), then works the queue unless ENGINE_WORKER=0. Working
 * only after the app answers keeps a restart from spending retry attempts on calls that cannot
 * connect yet. Does nothing in external mode (Inngest runs the functions).
 */
export async function startEmbeddedEngine(): Promise<Engine | undefined> {
  const state = embeddedState();
  if (state.engine || engineMode() !== "embedded") return state.engine;
  const env = getEnv();
  let engine: Engine;
  try {
    engine = await createEngine("web");
  } catch (error) {
    state.startError = (error as Error).message;
    throw error;
  }
  state.startError = undefined;
  state.engine = engine;
  state.startedAt = Date.now();
  void syncUntilDone(engine, embeddedSdkUrl()).then(() => {
    if (env.ENGINE_WORKER && !state.stopping) return engine.start();
  });
  const stop = () => {
    if (state.stopping) return;
    state.stopping = true;
    void engine.stop().finally(() => logger().info("engine: stopped"));
  };
  process.once("SIGTERM", stop);
  process.once("SIGINT", stop);
  return engine;
}

async function syncUntilDone(engine: Engine, url: string): Promise<void> {
  const state = embeddedState();
  let delay = 250;
  while (!state.stopping) {
    state.sync.attempts++;
    try {
      const result = await engine.sync(url);
      state.sync = { ok: true, at: Date.now(), functions: result.functions, attempts: state.sync.attempts };
      return;
    } catch (error) {
      state.sync = { ...state.sync, ok: false, error: (error as Error).message };
      if (error instanceof SyncError && error.kind === "invalid") {
        // The app's own code is wrong: retrying cannot help; /api/health shows the message. The
        // server answers, so runs of the previous registration still go on.
        engine.ctx.log.error({ err: error, url }, "engine: the app's functions cannot be registered");
        return;
      }
      // The server is usually just not listening yet; only persistent failures are worth a warning.
      const level = state.sync.attempts > 8 ? "warn" : "debug";
      engine.ctx.log[level]({ err: error, url }, "engine: syncing the app failed; retrying");
    }
    await new Promise((r) => setTimeout(r, delay));
    delay = Math.min(delay * 2, 10_000);
  }
}
