import path from "node:path";
import { PrismaClient } from "@prisma/client";
import { getEnv } from "@/lib/env";
import { logger } from "@/lib/logging";
import { applyMigrations } from "./migrate";
import type { Notifications } from "./notifications";
import type { Dialect, Sql } from "./sql";

/** The process's database: Prisma for models, `sql` for what Prisma cannot express. */
export type Database = {
  prisma: PrismaClient;
  sql: Sql;
  dialect: Dialect;
  /**
   * PostgreSQL `LISTEN/NOTIFY` between the processes sharing the database (one connection, made
   * on first use). Null on PGlite: one process owns its data directory, so there is no one to tell.
   */
  notifications: Notifications | null;
  close(): Promise<void>;
};

/**
 * Opens the database the settings name: PostgreSQL through @prisma/adapter-pg when DATABASE_URL
 * is set, else PGlite in DATA_DIR/pgdata with migrations applied (awaited) before first use.
 * Both Prisma and `sql` share one PGlite instance: PGlite allows one per data directory.
 */
export async function openDatabase(opts: {
  url?: string;
  pgliteDir?: string;
  /** A dumped PGlite data directory to start from (tests). */
  pgliteImage?: Blob;
  /** PGlite on a worker thread of its own (./pglite-thread), so queries never hold this thread. */
  pgliteThread?: boolean;
  /** The database thread ended without being closed: every query fails from then on. */
  onLost?: (error: Error) => void;
  poolSize?: number;
}): Promise<Database> {
  if (opts.url) {
    const [{ PrismaPg }, { openPool, postgresSql }, { pgNotifications }] = await Promise.all([
      import("@prisma/adapter-pg"),
      import("./postgres"),
      import("./notifications"),
    ]);
    const pool = openPool(opts.url, opts.poolSize ?? 10);
    const sql = postgresSql(pool);
    const prisma = new PrismaClient({ adapter: new PrismaPg(pool) });
    const notifications = pgNotifications(opts.url);
    return {
      prisma,
      sql,
      dialect: "postgres",
      notifications,
      async close() {
        await notifications.close().catch(() => {});
        await prisma.$disconnect().catch(() => {});
        await sql.close().catch(() => {});
      },
    };
  }
  let sql: Sql;
  let prisma: PrismaClient;
  if (opts.pgliteThread) {
    const { PgliteThread } = await import("./pglite-thread/client");
    const thread = await PgliteThread.open(opts.pgliteDir, opts.pgliteImage, opts.onLost);
    sql = thread.sql();
    prisma = new PrismaClient({ adapter: thread.prismaAdapter() });
  } else {
    const [{ PrismaPGlite }, { openPglite, pgliteSql }] = await Promise.all([import("pglite-prisma-adapter"), import("./pglite")]);
    const pg = await openPglite(opts.pgliteDir, opts.pgliteImage);
    sql = pgliteSql(pg);
    prisma = new PrismaClient({ adapter: new PrismaPGlite(pg) });
  }
  await applyMigrations(sql);
  return {
    prisma,
    sql,
    dialect: "pglite",
    notifications: null,
    async close() {
      await prisma.$disconnect().catch(() => {});
      await sql.close().catch(() => {});
    },
  };
}

const KEY = Symbol.for("conveyor.database");
type Holder = { [KEY]?: Promise<Database> };

/**
 * The process-wide database, opened on first use. Kept on globalThis because Next.js may load
 * this module in several bundles (instrumentation, route handlers) of one process.
 */
export function getDatabase(): Promise<Database> {
  const g = globalThis as Holder;
  if (!g[KEY]) {
    const env = getEnv();
    g[KEY] = openDatabase({
      url: env.DATABASE_URL,
      pgliteDir: path.join(env.dataDir, "pgdata"),
      pgliteThread: env.PGLITE_THREAD,
      // Crash-only: the data is safe in PGlite's write-ahead log and a restart recovers it, where a
      // process left without its database would answer every request with an error.
      onLost: (error) => {
        logger().fatal({ err: error }, "the database thread ended; stopping so the process can be restarted");
        process.exit(1);
      },
      poolSize: env.DATABASE_POOL_SIZE,
    });
    // A failed open must not poison later attempts.
    g[KEY].catch(() => {
      delete g[KEY];
    });
  }
  return g[KEY];
}

/** Shorthand for the Prisma client. */
export async function db(): Promise<PrismaClient> {
  return (await getDatabase()).prisma;
}

/** Tests install their own database (a fresh PGlite or PostgreSQL database). */
export function setDatabase(database: Database | undefined): void {
  const g = globalThis as Holder;
  if (database) g[KEY] = Promise.resolve(database);
  else delete g[KEY];
}

/** Closes the process's database (shutdown). */
export async function closeDatabase(): Promise<void> {
  const g = globalThis as Holder;
  const current = g[KEY];
  delete g[KEY];
  if (current) await (await current).close();
}
