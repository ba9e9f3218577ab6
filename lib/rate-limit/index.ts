import type { RateCaller } from "./caller";
import { getEnv } from "@/lib/env";
import type { RateRule } from "@/lib/env/auth";
import { rateLimited } from "@/lib/errors";
import { logger } from "@/lib/logging";
import { registerOnce } from "@/lib/metrics";
import { Counter } from "prom-client";
import { hitRateLimit, pruneRateLimits, type RateLimitResult } from "./fixed-window";
import { BUCKETS, longestWindowMs } from "./rules";

export { clientIp } from "./client-ip";
export { hitRateLimit, pruneRateLimits, type RateLimitResult } from "./fixed-window";
export { BUCKETS, type BucketName } from "./rules";

const limitedTotal = () =>
  registerOnce(
    "conveyor_rate_limited_total",
    (registry) =>
      new Counter({
        name: "conveyor_rate_limited_total",
        help: "Requests refused by a rate limit, by bucket",
        labelNames: ["bucket"] as const,
        registers: [registry],
      }),
  );

/**
 * Counts a hit for `subject` in bucket `name` under `rule`; null rule means the limit is off.
 * Returns the result instead of throwing, for callers that report limits their own way.
 */
export async function consumeRateLimit(name: string, subject: string, rule: RateRule | null): Promise<RateLimitResult | null> {
  if (!rule) return null;
  const result = await hitRateLimit(`${name}:${subject}`, rule);
  if (!result.allowed) {
    limitedTotal().inc({ bucket: name });
    logger().warn({ bucket: name, limit: rule.limit, window_ms: rule.windowMs }, "rate limit reached");
  }
  void pruneRateLimits(longestWindowMs()).catch((error) => logger().warn({ err: error }, "rate limit pruning failed"));
  return result;
}

/**
 * Called by apiRoute for operations that declare `rateLimit`: 429 with Retry-After once the
 * caller's window is full.
 */
export async function enforceRateLimit(name: string, req: Request, auth: RateCaller | null): Promise<void> {
  const bucket = (BUCKETS as Record<string, (typeof BUCKETS)[keyof typeof BUCKETS]>)[name];
  if (!bucket) throw new Error(`Unknown rate limit bucket "${name}"; add it to lib/rate-limit/rules.ts`);
  const result = await consumeRateLimit(name, bucket.subject(req, auth), bucket.rule(getEnv()));
  if (result && !result.allowed) throw rateLimited(result.retryAfterSeconds);
}
