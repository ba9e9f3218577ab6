/**
 * Conveyor's engine under test: a real Inngest app (serve() over HTTP, its own process), event
 * intake in this process (as a web process with ENGINE_WORKER=0 does), and N `npm run worker`
 * processes (lib/engine/cli/worker.ts) on a fresh PostgreSQL database.
 */
import { createPostgresTestDatabase } from "@/lib/db/test-databases";
import { openPool, postgresSql } from "@/lib/db/postgres";
import type { Sql } from "@/lib/db";
import type { EngineApiOptions } from "@/lib/engine/api/handle-engine-api";
import { serveEngineApi } from "@/lib/engine/api/serve-http";
import { Engine } from "@/lib/engine/engine";
import { startChild, type Child } from "./procs";
import { CONCURRENCY, SIGNING_KEY, type BenchSystem, type Shape } from "./systems";

export type ConveyorOptions = {
  adminUrl: string;
  /** Profiling: an instrumented worker (with IPC) instead of the CLI, and Node flags such as --cpu-prof. */
  workerScript?: string;
  workerNodeArgs?: string[];
  workerEnv?: Record<string, string>;
  appNodeArgs?: string[];
  /** Start the Inngest app with only PATH and HOME in its environment (the SDK copies the environment on every lookup). */
  appMinimalEnv?: boolean;
  /** Answer step calls with a protocol stub instead of the SDK: the engine's own ceiling (see sdk-app.ts). */
  stubSdk?: boolean;
  /** The app serves its SDK's engine API (checkpoints) in process, as in Conveyor's embedded mode. */
  inProcessApi?: boolean;
};

export async function conveyorSystem(opts: ConveyorOptions): Promise<BenchSystem & { sql(): Sql; appUrl: string }> {
  // The Inngest server API the app's SDK calls (checkpoints of steps run back to back), as a web
  // process serves it at /api/engine; it follows the engine of the current configuration.
  const apiOptions: EngineApiOptions & { port: number; host: string } = { port: 0, host: "127.0.0.1", trusted: false };
  const api = await serveEngineApi(apiOptions);
  const startApp = async (databaseUrl?: string) => {
    const env: Record<string, string> = { BENCH_SIGNING_KEY: SIGNING_KEY, BENCH_STUB_SDK: opts.stubSdk ? "1" : "0", INNGEST_BASE_URL: api.url };
    if (databaseUrl) env.BENCH_ENGINE_DATABASE_URL = databaseUrl;
    const { child, readyLine } = await startChild("sdk-app", "bench/engine/sdk-app.ts", env, { nodeArgs: opts.appNodeArgs, inheritEnv: !opts.appMinimalEnv });
    return { child, port: Number(readyLine.split(" ")[1]) };
  };
  // With the API in the app's process, the app needs the configuration's database: one app per configuration.
  const first = opts.inProcessApi ? undefined : await startApp();
  let app: Child | undefined = first?.child;
  let appUrl = first ? `http://127.0.0.1:${first.port}/api/inngest` : "";
  let db: { url: string; drop(): Promise<void> } | undefined;
  let sql: Sql | undefined;
  let intake: Engine | undefined;
  let workers: Child[] = [];

  return {
    name: opts.stubSdk ? "conveyor-stub-sdk" : opts.inProcessApi ? "conveyor-embedded-api" : "conveyor",
    description: opts.stubSdk
      ? "Conveyor engine workers as above, with step calls answered by a protocol stub instead of the SDK (the engine's own ceiling; not a real app)"
      : opts.inProcessApi
        ? "Conveyor engine workers as above; the Inngest app answers its SDK's checkpoints in its own process, as the Next.js app does in embedded mode"
        : "Conveyor engine workers (lib/engine/cli/worker.ts) on PostgreSQL; steps run in an Inngest SDK app (serve() over HTTP)",
    get appUrl() {
      return appUrl;
    },
    sql: () => sql!,
    async start(n) {
      db = await createPostgresTestDatabase(opts.adminUrl);
      // As a web process with the default DATABASE_POOL_SIZE: it also memoizes the checkpointed steps.
      sql = postgresSql(openPool(db.url, 10));
      intake = new Engine({ sql, kind: "intake", signingKey: SIGNING_KEY, appUrls: "any", listenUrl: db.url });
      apiOptions.ctx = intake.ctx;
      if (opts.inProcessApi) {
        const started = await startApp(db.url);
        app = started.child;
        appUrl = `http://127.0.0.1:${started.port}/api/inngest`;
      }
      await intake.sync(appUrl);
      const env = {
        DATABASE_URL: db.url,
        INNGEST_SIGNING_KEY: SIGNING_KEY,
        ENGINE_MODE: "embedded",
        ENGINE_CONCURRENCY: String(CONCURRENCY),
        LOG_LEVEL: "info",
        NODE_ENV: "production",
        ...opts.workerEnv,
      };
      workers = await Promise.all(
        Array.from({ length: n }, async (_, i) =>
          (await startChild(`conveyor-worker-${i}`, opts.workerScript ?? "lib/engine/cli/worker.ts", env, { ipc: !!opts.workerScript, nodeArgs: opts.workerNodeArgs })).child,
        ),
      );
    },
    async submit(shape: Shape, tokens: string[]) {
      for (let i = 0; i < tokens.length; i += 200) {
        await intake!.send(tokens.slice(i, i + 200).map((token) => ({ name: `bench/steps-${shape}`, data: { token } })));
      }
    },
    recorders: () => [app!],
    workers: () => workers,
    companions: () => [app!],
    async verify(shape, count) {
      const [row] = await sql!.query<{ completed: number; failed: number }>(
        `SELECT count(*) FILTER (WHERE status = 'completed')::int AS completed, count(*) FILTER (WHERE status IN ('failed', 'cancelled'))::int AS failed
         FROM (SELECT status FROM engine_runs WHERE function_id = $1 ORDER BY created_at DESC LIMIT $2) r`,
        [`bench-steps-${shape}`, count],
      );
      return row;
    },
    async stop() {
      await Promise.all(workers.map((w) => w.stop()));
      workers = [];
      await intake?.stop();
      if (opts.inProcessApi) {
        await app?.stop();
        app = undefined;
      }
      await sql?.close();
      await db?.drop();
      db = undefined;
    },
    async close() {
      await app?.stop();
      await api.close();
    },
  };
}
