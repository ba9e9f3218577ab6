/**
 * A minimal SQL executor over either PGlite or a pg Pool, for code that needs SQL Prisma cannot
 * express (SKIP LOCKED claims, advisory locks, batched upserts). Both dialects are PostgreSQL.
 */
export type Dialect = "pglite" | "postgres";

export type QueryOptions = {
  /**
   * A prepared statement's name, for hot queries with a fixed text: the database parses and
   * plans it once per connection instead of on every call (the API's key lookup and job read).
   * One name, one text. On PGlite it is prepared through the wire protocol (lib/db/pglite.ts);
   * inside a transaction it runs as plain text there.
   */
  name?: string;
};

export interface SqlRunner {
  query<T = Record<string, unknown>>(text: string, params?: unknown[], options?: QueryOptions): Promise<T[]>;
  /** Runs a multi-statement script without parameters. */
  exec(script: string): Promise<void>;
}

export interface Sql extends SqlRunner {
  readonly dialect: Dialect;
  /** Runs fn in one transaction on one connection; rolls back when it throws. */
  transaction<T>(fn: (tx: SqlRunner) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}
