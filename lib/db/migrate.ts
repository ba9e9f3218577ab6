import { createHash, randomUUID } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import type { Sql } from "./sql";

/** The folder `prisma migrate` writes; the app applies the same files itself. */
export const MIGRATIONS_DIR = path.join(process.cwd(), "prisma", "migrations");

export type Migration = { name: string; sql: string; checksum: string };

export function readMigrations(dir = MIGRATIONS_DIR): Migration[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && fs.existsSync(path.join(dir, d.name, "migration.sql")))
    .map((d) => d.name)
    .sort()
    .map((name) => {
      const sql = fs.readFileSync(path.join(dir, name, "migration.sql"), "utf8");
      return { name, sql, checksum: createHash("sha256").update(sql).digest("hex") };
    });
}

/** A fingerprint of the migration set (used to cache prepared test databases). */
export function migrationsFingerprint(migrations = readMigrations()): string {
  return createHash("sha1")
    .update(migrations.map((m) => `${m.name}:${m.checksum}`).join("\n"))
    .digest("hex")
    .slice(0, 12);
}

// Prisma's own bookkeeping table, so `prisma migrate status/deploy` agree with what we applied.
const BOOKKEEPING = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
  "id" VARCHAR(36) PRIMARY KEY NOT NULL,
  "checksum" VARCHAR(64) NOT NULL,
  "finished_at" TIMESTAMPTZ,
  "migration_name" VARCHAR(255) NOT NULL,
  "logs" TEXT,
  "rolled_back_at" TIMESTAMPTZ,
  "started_at" TIMESTAMPTZ NOT NULL DEFAULT now(),
  "applied_steps_count" INTEGER NOT NULL DEFAULT 0
)`;

// The key Prisma Migrate itself locks, so our applier and `prisma migrate deploy` never interleave.
const LOCK_KEY = 72707369;

/**
 * Applies pending migrations in order, each in its own transaction, awaiting every statement.
 * (pglite-prisma-adapter's executeScript does not await, so Prisma's path cannot be used.)
 * Returns the names applied. Safe to run from several processes at once: each migration takes
 * Prisma Migrate's advisory lock and re-checks inside its transaction.
 */
export async function applyMigrations(sql: Sql, migrations = readMigrations()): Promise<string[]> {
  await sql.exec(BOOKKEEPING).catch(async (error) => {
    // Two processes creating the table at once: the loser sees a duplicate and can carry on.
    const exists = await sql.query(`SELECT to_regclass('"_prisma_migrations"') AS t`);
    if (!exists[0]?.t) throw error;
  });
  const ran: string[] = [];
  for (const m of migrations) {
    const applied = await sql.transaction(async (tx) => {
      await tx.query("SELECT pg_advisory_xact_lock($1)", [LOCK_KEY]);
      const rows = await tx.query<{ checksum: string }>(
        `SELECT checksum FROM "_prisma_migrations"
         WHERE migration_name = $1 AND finished_at IS NOT NULL AND rolled_back_at IS NULL`,
        [m.name],
      );
      if (rows.length > 0) {
        if (rows[0].checksum !== m.checksum) throw new Error(`migration ${m.name} was changed after it was applied`);
        return false;
      }
      await tx.exec(m.sql);
      await tx.query(
        `INSERT INTO "_prisma_migrations" (id, checksum, finished_at, migration_name, applied_steps_count)
         VALUES ($1, $2, now(), $3, 1)`,
        [randomUUID(), m.checksum, m.name],
      );
      return true;
    });
    if (applied) ran.push(m.name);
  }
  return ran;
}
