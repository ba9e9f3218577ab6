import type { RateCaller } from "./caller";
import { getEnv, type Env } from "@/lib/env";
import type { RateRule } from "@/lib/env/auth";
import { clientIp } from "./client-ip";

type Bucket = {
  /** The limit from the settings; null when switched off. */
  rule: (env: Env) => RateRule | null;
  /** Who is counted: an IP, a user, an email. */
  subject: (req: Request, auth: RateCaller | null) => string;
};

/**
 * Every named bucket an operation may declare with `rateLimit`. Unknown names are a programming
 * error, not a silent pass. sign-in buckets are hit from the credentials `authorize` instead,
 * which sees the email.
 */
export const BUCKETS = {
  signup: { rule: (env) => env.RATE_LIMIT_SIGNUP, subject: (req) => `ip:${clientIp(req.headers)}` },
  "api_keys.create": {
    rule: (env) => env.RATE_LIMIT_API_KEYS,
    subject: (req, auth) => (auth ? `user:${auth.user.id}` : `ip:${clientIp(req.headers)}`),
  },
  // Uploads and job starts queue background work: one workspace (and one leaked key) cannot flood the queue.
  "jobs.start.workspace": {
    rule: (env) => env.RATE_LIMIT_UPLOADS_WORKSPACE,
    subject: (req, auth) => (auth ? `workspace:${auth.workspace.id}` : `ip:${clientIp(req.headers)}`),
  },
  "jobs.start.key": {
    rule: (env) => env.RATE_LIMIT_UPLOADS_KEY,
    // A signed-in person (no key) is counted as their user under the same rule.
    subject: (req, auth) => (auth ? (auth.apiKeyId ? `key:${auth.apiKeyId}` : `user:${auth.user.id}`) : `ip:${clientIp(req.headers)}`),
  },
} satisfies Record<string, Bucket>;

export type BucketName = keyof typeof BUCKETS;

/** The longest configured window, so pruning never drops a live one. */
export function longestWindowMs(env = getEnv()): number {
  const rules = [env.RATE_LIMIT_SIGNUP, env.RATE_LIMIT_SIGNIN_IP, env.RATE_LIMIT_SIGNIN_PAIR, env.RATE_LIMIT_SIGNIN_EMAIL, env.RATE_LIMIT_API_KEYS, env.RATE_LIMIT_UPLOADS_WORKSPACE, env.RATE_LIMIT_UPLOADS_KEY];
  return Math.max(60_000, ...rules.map((r) => r?.windowMs ?? 0));
}
