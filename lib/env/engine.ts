import { z } from "zod";
import { duration, flag, int, optionalString } from "./parsers";

/**
 * The engine's settings. The INNGEST_* variables are Inngest's own; they are read here only to
 * decide whether the embedded engine runs (the SDK reads them itself in external mode).
 */
export const engineSettings = {
  /** auto: embedded unless Inngest settings are present; embedded; external (Inngest runs the functions). */
  ENGINE_MODE: z.enum(["auto", "embedded", "external"]).default("auto"),
  /** The serve URL the engine calls; default http://127.0.0.1:PORT/api/inngest. */
  ENGINE_SDK_URL: optionalString().pipe(z.url().optional()),
  /** Whether this web process also works the queue (0 leaves it to `npm run worker` processes). */
  ENGINE_WORKER: flag(true),
  /** Requests in flight per process. */
  ENGINE_CONCURRENCY: int(32, 1, 1000),
  /** How long a claim holds a queue item without a heartbeat before another process may take it. */
  ENGINE_LEASE: duration("30s"),
  /** Longest call to an SDK endpoint (Inngest allows 2 hours). */
  ENGINE_REQUEST_TIMEOUT: duration("2h"),
  /** How long SIGTERM waits for in-flight calls before releasing their claims. */
  ENGINE_SHUTDOWN_TIMEOUT: duration("25s"),
  /**
   * Secret key for POST /api/engine/e/{key}: other systems send events to the embedded engine
   * the way they would to Inngest (INNGEST_EVENT_KEY=<this>). Unset turns that endpoint off.
   */
  ENGINE_EVENT_KEY: optionalString().pipe(z.string().min(16, "must be at least 16 characters").optional()),
  /** Finished runs and events older than this are deleted. */
  ENGINE_RETENTION: duration("7d"),
  /** auto: SDKs that checkpoint (inngest-js v4+) run steps back to back in one call; off: one call per step. */
  ENGINE_CHECKPOINTING: z.enum(["auto", "off"]).default("auto"),
  /**
   * A fixed delay before every retry, for development and tests (like `inngest dev --retry-interval`);
   * 0 (the default) keeps Inngest's backoff. A Retry-After from the function still wins.
   */
  ENGINE_RETRY_INTERVAL: duration("0"),
  /** off: memoize steps without waiting for the WAL flush (a PostgreSQL crash may re-run the last ~0.6 s of steps). */
  ENGINE_SYNCHRONOUS_COMMIT: z.enum(["on", "off"]).default("on"),
  INNGEST_DEV: optionalString(),
  INNGEST_BASE_URL: optionalString(),
  INNGEST_API_BASE_URL: optionalString(),
  INNGEST_EVENT_API_BASE_URL: optionalString(),
  INNGEST_EVENT_KEY: optionalString(),
  INNGEST_SIGNING_KEY: optionalString().pipe(
    z
      .string()
      .regex(/^(signkey-\w+-)?([0-9a-f]{2})+$/i, "must be signkey-<env>-<hex> (an Inngest signing key)")
      .optional(),
  ),
  INNGEST_SIGNING_KEY_FALLBACK: optionalString(),
};

/**
 * `next build` imports route modules while collecting page data; nothing may touch the disk or
 * the database then. Read apart from getEnv() because it must work before settings are valid.
 */
export function isBuildPhase(): boolean {
  return process.env.NEXT_PHASE === "phase-production-build";
}
