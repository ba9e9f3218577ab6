/**
 * Fresh, migrated databases for tests and browser-test servers: a PostgreSQL database cloned
 * from a migrated template when an admin URL (TEST_DATABASE_URL) is given, else an in-memory
 * PGlite loaded from a cached, already-migrated image. No Vitest here, so tsx scripts can use it.
 */
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import pg from "pg";
import { openDatabase, type Database } from "./database";
import { applyMigrations, migrationsFingerprint } from "./migrate";
import { openPool, postgresSql } from "./postgres";

export type TestDatabase = Database & { url?: string; name?: string };

const CACHE_DIR = path.join(process.cwd(), "node_modules", ".cache", "conveyor");

function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

async function adminQuery(adminUrl: string, text: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

/** A template database with every migration applied, made once per migration set. */
async function ensureTemplate(adminUrl: string): Promise<string> {
  const name = `conveyor_tpl_${migrationsFingerprint()}`;
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query("SELECT pg_advisory_lock(727073)");
    const exists = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [name]);
    if (exists.rowCount === 0) {
      await client.query(`DROP DATABASE IF EXISTS "${name}_building" WITH (FORCE)`);
      await client.query(`CREATE DATABASE "${name}_building"`);
      const pool = openPool(withDatabase(adminUrl, `${name}_building`), 1);
      try {
        await applyMigrations(postgresSql(pool));
      } finally {
        await pool.end();
      }
      await client.query(`ALTER DATABASE "${name}_building" RENAME TO "${name}"`);
    }
    return name;
  } finally {
    await client.query("SELECT pg_advisory_unlock(727073)").catch(() => {});
    await client.end();
  }
}

/** Creates an empty-but-migrated PostgreSQL database; the caller opens and drops it. */
export async function createPostgresTestDatabase(adminUrl: string): Promise<{ url: string; name: string; drop(): Promise<void> }> {
  const template = await ensureTemplate(adminUrl);
  // The pid in the name lets a later run drop databases whose process is gone.
  const name = `conveyor_t_${process.pid}_${randomBytes(4).toString("hex")}`;
  await adminQuery(adminUrl, `CREATE DATABASE "${name}" TEMPLATE "${template}"`);
  return {
    url: withDatabase(adminUrl, name),
    name,
    drop: () => adminQuery(adminUrl, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`),
  };
}

function pgliteImagePath(): string {
  return path.join(CACHE_DIR, `pglite-${migrationsFingerprint()}.tar`);
}

/**
 * Writes a migrated PGlite data directory image once per migration set: initdb costs seconds
 * per instance, loading an image a fraction of that. Safe to call concurrently.
 */
export async function preparePgliteImage(): Promise<string> {
  const target = pgliteImagePath();
  if (fs.existsSync(target)) return target;
  const { openPglite, pgliteSql } = await import("./pglite");
  const pglite = await openPglite(undefined);
  try {
    await applyMigrations(pgliteSql(pglite));
    const image = await pglite.dumpDataDir("none");
    fs.mkdirSync(CACHE_DIR, { recursive: true });
    const tmp = `${target}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, Buffer.from(await image.arrayBuffer()));
    fs.renameSync(tmp, target);
  } finally {
    await pglite.close();
  }
  return target;
}

export async function createTestDatabase(adminUrl = process.env.TEST_DATABASE_URL): Promise<TestDatabase> {
  if (!adminUrl) {
    const image = fs.existsSync(pgliteImagePath()) ? fs.readFileSync(pgliteImagePath()) : undefined;
    // TEST_PGLITE_THREAD=1 runs a suite against the database thread the server uses.
    return openDatabase({ pgliteImage: image ? new Blob([image]) : undefined, pgliteThread: process.env.TEST_PGLITE_THREAD === "1" });
  }
  const created = await createPostgresTestDatabase(adminUrl);
  const database = await openDatabase({ url: created.url, poolSize: 5 });
  return {
    ...database,
    url: created.url,
    name: created.name,
    async close() {
      await database.close();
      await created.drop().catch(() => {});
    },
  };
}

/** Drops test databases left by processes that no longer exist (a crashed or killed run). */
export async function dropStaleTestDatabases(adminUrl: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const rows = await client.query<{ datname: string }>(
      "SELECT datname FROM pg_database WHERE datname LIKE 'conveyor\\_t\\_%'",
    );
    for (const { datname } of rows.rows) {
      const pid = Number(datname.split("_")[2]);
      if (!Number.isFinite(pid) || isAlive(pid)) continue;
      await client.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`).catch(() => {});
    }
  } finally {
    await client.end();
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
