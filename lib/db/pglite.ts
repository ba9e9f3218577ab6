import fs from "node:fs";
import { PGlite } from "@electric-sql/pglite";
import type { Sql, SqlRunner } from "./sql";

type Queryable = { query: PGlite["query"]; exec: PGlite["exec"] };

function runner(db: Queryable): SqlRunner {
  return {
    async query<T>(text: string, params?: unknown[]) {
      const res = await db.query<T>(text, params as unknown[] | undefined);
      return res.rows;
    },
    async exec(script: string) {
      await db.exec(script);
    },
  };
}

/**
 * Opens PGlite in `dataDir` (created if missing), or in memory when dataDir is undefined,
 * optionally starting from a dumped data directory image.
 */
export async function openPglite(dataDir: string | undefined, image?: Blob): Promise<PGlite> {
  // The database holds every tenant's data: its directory is the process user's alone.
  if (dataDir) fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const pg = new PGlite(dataDir, image ? { loadDataDir: image } : undefined);
  await pg.waitReady;
  return pg;
}

export function pgliteSql(pg: PGlite): Sql {
  return {
    dialect: "pglite",
    ...runner(pg),
    transaction: (fn) => pg.transaction((tx) => fn(runner(tx))),
    close: () => pg.close(),
  };
}
