/** graphile-worker on PostgreSQL: N worker processes (graphile-worker.ts), a fresh database per configuration. */
import { randomBytes } from "node:crypto";
import pg from "pg";
import { makeWorkerUtils, runMigrations, Logger, type WorkerUtils } from "graphile-worker";
import { startChild, type Child } from "./procs";
import { CONCURRENCY, type BenchSystem, type Shape } from "./systems";

async function admin(adminUrl: string, text: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

const quiet = new Logger(() => () => {});

export function graphileSystem(adminUrl: string): BenchSystem {
  let workers: Child[] = [];
  let utils: WorkerUtils | undefined;
  let pool: pg.Pool | undefined;
  let dbName: string | undefined;
  return {
    name: "graphile-worker",
    description: "graphile-worker workers on PostgreSQL; a run of N steps is a chain of N jobs (each adds the next before completing)",
    async start(n) {
      dbName = `conveyor_bench_gw_${process.pid}_${randomBytes(3).toString("hex")}`;
      await admin(adminUrl, `CREATE DATABASE "${dbName}"`);
      const url = new URL(adminUrl);
      url.pathname = `/${dbName}`;
      const connectionString = url.toString();
      pool = new pg.Pool({ connectionString, max: 4 });
      // Dropping the database ends these connections; that must not crash the orchestrator.
      pool.on("error", () => {});
      await runMigrations({ pgPool: pool, logger: quiet });
      utils = await makeWorkerUtils({ pgPool: pool, logger: quiet });
      const env = { BENCH_DATABASE_URL: connectionString, BENCH_CONCURRENCY: String(CONCURRENCY) };
      workers = await Promise.all(Array.from({ length: n }, async (_, i) => (await startChild(`graphile-worker-${i}`, "bench/engine/graphile-worker.ts", env)).child));
    },
    async submit(shape: Shape, tokens: string[]) {
      for (let i = 0; i < tokens.length; i += 200) {
        await utils!.addJobs(tokens.slice(i, i + 200).map((token) => ({ identifier: "step", payload: { token, step: 0, steps: shape, results: [] }, maxAttempts: 4 })));
      }
    },
    recorders: () => workers,
    workers: () => workers,
    companions: () => [],
    async verify(_shape, count) {
      const rows = await utils!.withPgClient((c) => c.query<{ n: number }>(`SELECT count(*)::int AS n FROM graphile_worker.jobs WHERE last_error IS NOT NULL`));
      return { completed: count, failed: rows.rows[0]?.n ?? 0 };
    },
    async stop() {
      await Promise.all(workers.map((w) => w.stop()));
      workers = [];
      await utils?.release();
      await pool?.end();
      pool = undefined;
      if (dbName) await admin(adminUrl, `DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`);
      dbName = undefined;
    },
    async close() {},
  };
}
