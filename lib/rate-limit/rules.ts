import type { AuthContext } from "@/lib/auth/types";
import { getEnv, type Env } from "@/lib/env";
import type { RateRule } from "@/lib/env/auth";
import { clientIp } from "./client-ip";

type Bucket = {
  /** The limit from the settings; null when switched off. */
  rule: (env: Env) => RateRule | null;
  /** Who is counted: an IP, a user, an email. */
  subject: (req: Request, auth: AuthContext | null) => string;
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
} satisfies Record<string, Bucket>;

export type BucketName = keyof typeof BUCKETS;

/** The longest configured window, so pruning never drops a live one. */
export function longestWindowMs(env = getEnv()): number {
  const rules = [env.RATE_LIMIT_SIGNUP, env.RATE_LIMIT_SIGNIN_IP, env.RATE_LIMIT_SIGNIN_PAIR, env.RATE_LIMIT_SIGNIN_EMAIL, env.RATE_LIMIT_API_KEYS];
  return Math.max(60_000, ...rules.map((r) => r?.windowMs ?? 0));
}
