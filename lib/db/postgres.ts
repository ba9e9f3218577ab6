import pg from "pg";
import type { QueryOptions, Sql, SqlRunner } from "./sql";

type Queryable = { query: ((text: string, params?: unknown[]) => Promise<pg.QueryResult>) & ((config: pg.QueryConfig) => Promise<pg.QueryResult>) };

function runner(db: Queryable): SqlRunner {
  return {
    async query<T>(text: string, params?: unknown[], options?: QueryOptions) {
      const res = options?.name ? await db.query({ name: options.name, text, values: params }) : await db.query(text, params);
      return res.rows as T[];
    },
    async exec(script: string) {
      // Without parameters pg uses the simple query protocol, which accepts many statements.
      await db.query(script);
    },
  };
}

export function openPool(connectionString: string, max: number): pg.Pool {
  const pool = new pg.Pool({ connectionString, max, idleTimeoutMillis: 30_000 });
  // An idle client losing its connection must not crash the process; the pool replaces it.
  pool.on("error", () => {});
  return pool;
}

export function postgresSql(pool: pg.Pool): Sql {
  return {
    dialect: "postgres",
    ...runner(pool),
    async transaction(fn) {
      const client = await pool.connect();
      try {
        await client.query("BEGIN");
        const result = await fn(runner(client));
        await client.query("COMMIT");
        return result;
      } catch (error) {
        await client.query("ROLLBACK").catch(() => {});
        throw error;
      } finally {
        client.release();
      }
    },
    close: () => pool.end(),
  };
}
