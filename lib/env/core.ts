import { z } from "zod";
import { flag, int, optionalString } from "./parsers";

/** Settings every process needs: where it listens, where its data lives, how it logs. */
export const coreSettings = {
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  PORT: int(3000, 1, 65535),
  HOST: z.string().default("0.0.0.0"),
  /** Embedded database, uploads and results live here. */
  DATA_DIR: z.string().default("./.data"),
  /** PostgreSQL connection string; unset means the embedded PGlite database in DATA_DIR. */
  DATABASE_URL: optionalString().pipe(
    z.string().regex(/^postgres(ql)?:\/\//, "must be a postgresql:// URL").optional(),
  ),
  DATABASE_POOL_SIZE: int(10, 1, 200),
  /**
   * The embedded PGlite database runs on a worker thread of its own, so its queries never hold
   * the thread that serves HTTP; false runs it on that thread (one fewer thread, slower under load).
   */
  PGLITE_THREAD: flag(true),
  /** The public URL users reach the app at (links, OAuth callbacks). Defaults to http://localhost:PORT. */
  APP_URL: optionalString().pipe(z.url().optional()),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  /**
   * How many proxies of ours stand in front of the app (each appending to X-Forwarded-For): the
   * client IP for rate limits is the entry that many hops left of the TCP peer. 0/false: none,
   * the peer is the client; true means 1.
   */
  TRUST_PROXY: z
    .string()
    .trim()
    .regex(/^(true|false|\d{1,2})$/i, "must be 0, a number of proxies (1, 2, ...), true (1) or false (0)")
    .default("0")
    .transform((v) => (/^true$/i.test(v) ? 1 : /^false$/i.test(v) ? 0 : Number(v))),
};
