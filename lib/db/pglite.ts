import fs from "node:fs";
import { PGlite, parse, protocol } from "@electric-sql/pglite";
import type { Sql, SqlRunner } from "./sql";

type Queryable = { query: PGlite["query"]; exec: PGlite["exec"] };

/** Postgres' "prepared statement does not exist" (after a DISCARD ALL or DEALLOCATE, say). */
const NO_SUCH_STATEMENT = "26000";

function runner(db: Queryable, prepared?: (name: string, text: string, params: unknown[]) => Promise<unknown[]>): SqlRunner {
  return {
    async query<T>(text: string, params?: unknown[], options?: { name?: string }) {
      if (prepared && options?.name) return (await prepared(options.name, text, params ?? [])) as T[];
      const res = await db.query<T>(text, params as unknown[] | undefined);
      return res.rows;
    },
    async exec(script: string) {
      await db.exec(script);
    },
  };
}

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/**
 * Named prepared statements on PGlite. `PGlite.query` parses, plans and describes its text on
 * every call, in six calls into WebAssembly; a statement parsed once under its name is then one
 * call (bind, describe, execute, sync) with no parsing or planning, which is most of a small
 * query's cost (docs/benchmarks.md, "API"). It takes the same locks as `query`, so it never runs
 * inside someone else's transaction, and parses its results with PGlite's own parsers.
 */
function preparedStatements(pg: PGlite) {
  const paramTypes = new Map<string, number[]>();
  const { serialize } = protocol;

  const prepare = async (name: string, text: string): Promise<number[]> => {
    let types = paramTypes.get(name);
    if (!types) {
      const res = await pg.execProtocol(concat([serialize.parse({ name, text }), serialize.describe({ type: "S", name }), serialize.sync()]), {
        syncToFs: false,
      });
      types = parse.parseDescribeStatementResults(res.messages);
      paramTypes.set(name, types);
    }
    return types;
  };

  const run = async (name: string, text: string, params: unknown[]): Promise<unknown[]> => {
    const types = await prepare(name, text);
    const values = params.map((value, i) => {
      if (value === null || value === undefined) return null;
      const serializer = pg.serializers[types[i]];
      return serializer ? serializer(value) : String(value);
    });
    const res = await pg.execProtocol(
      concat([serialize.bind({ statement: name, values }), serialize.describe({ type: "P" }), serialize.execute({}), serialize.sync()]),
    );
    return parse.parseResults(res.messages, pg.parsers)[0]?.rows ?? [];
  };

  return (name: string, text: string, params: unknown[]) =>
    pg._runExclusiveTransaction(() =>
      pg._runExclusiveQuery(async () => {
        try {
          return await run(name, text, params);
        } catch (error) {
          if ((error as { code?: string }).code !== NO_SUCH_STATEMENT) throw error;
          paramTypes.delete(name);
          return run(name, text, params);
        }
      }),
    );
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
    ...runner(pg, preparedStatements(pg)),
    // Inside a transaction names are ignored: the statement runs as plain text on the transaction.
    transaction: (fn) => pg.transaction((tx) => fn(runner(tx))),
    close: () => pg.close(),
  };
}
