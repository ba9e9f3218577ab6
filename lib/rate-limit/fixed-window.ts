import { getDatabase } from "@/lib/db";
import type { RateRule } from "@/lib/env/auth";

export type RateLimitResult = { allowed: boolean; count: number; limit: number; retryAfterSeconds: number };

// Timestamps go in as UTC ISO strings converted in SQL: the column is `timestamp` without a zone
// (Prisma's default), so the session time zone of the server must not matter.
const HIT = `INSERT INTO rate_limit_buckets (key, window_start, count)
VALUES ($1, ($2::timestamptz AT TIME ZONE 'UTC'), 1)
ON CONFLICT (key, window_start) DO UPDATE SET count = rate_limit_buckets.count + 1
RETURNING count`;

const PRUNE = `DELETE FROM rate_limit_buckets WHERE window_start < ($1::timestamptz AT TIME ZONE 'UTC')`;

const PRUNED_AT = Symbol.for("conveyor.rate-limit.pruned-at");
type Holder = { [PRUNED_AT]?: number };
const PRUNE_EVERY_MS = 5 * 60_000;

/**
 * Counts one hit against `key` in the current fixed window (one upsert, atomic across processes
 * on PGlite and PostgreSQL) and says whether it is within the rule.
 */
export async function hitRateLimit(key: string, rule: RateRule, now = Date.now()): Promise<RateLimitResult> {
  const windowStart = Math.floor(now / rule.windowMs) * rule.windowMs;
  const { sql } = await getDatabase();
  const rows = await sql.query<{ count: number }>(HIT, [key, new Date(windowStart).toISOString()]);
  const count = Number(rows[0]?.count ?? 1);
  const retryAfterSeconds = Math.max(1, Math.ceil((windowStart + rule.windowMs - now) / 1000));
  return { allowed: count <= rule.limit, count, limit: rule.limit, retryAfterSeconds };
}

/** Drops windows that ended before `olderThanMs` ago; at most every few minutes per process. */
export async function pruneRateLimits(olderThanMs: number, now = Date.now(), force = false): Promise<void> {
  const g = globalThis as Holder;
  if (!force && g[PRUNED_AT] && now - g[PRUNED_AT] < PRUNE_EVERY_MS) return;
  g[PRUNED_AT] = now;
  const { sql } = await getDatabase();
  await sql.query(PRUNE, [new Date(now - olderThanMs).toISOString()]);
}
