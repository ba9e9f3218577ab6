import { createHash } from "node:crypto";
import { z } from "zod";
import { db } from "@/lib/db";
import { getEnv } from "@/lib/env";
import { clientIp, consumeRateLimit } from "@/lib/rate-limit";
import { verifyPassword } from "../password";
import { emailSchema, PASSWORD_MAX } from "../schemas";
import { currentSignInAttempt, RATE_LIMITED } from "./sign-in-attempt";

const credentialsSchema = z.object({ email: emailSchema, password: z.string().min(1).max(PASSWORD_MAX) });

type Headers = Record<string, string | string[] | undefined>;
export type SignedInUser = { id: string; email: string; name: string | null };

/** next-auth turns a thrown error's message into `?error=`; this one says "wait". */
function limited(retryAfterSeconds: number): Error {
  const attempt = currentSignInAttempt();
  if (attempt) attempt.retryAfterSeconds = retryAfterSeconds;
  return new Error(RATE_LIMITED);
}

/**
 * The credentials provider's `authorize`: rate limits, then an argon2 verification. Returns null
 * for any wrong email/password pair, so callers cannot tell which part was wrong.
 *
 * Three budgets, each counted on every attempt before the password is checked (so even the right
 * password waits once one is spent, and the answer is no oracle): per client address across
 * emails (one address spraying many accounts); per (email, client address), which is what stops
 * one attacker guessing one account; and per email from anywhere, a larger, slower budget
 * against guesses spread over many addresses. The per-email budget is set above what a single
 * address can spend under the pair limit, so one attacker's wrong passwords never lock the
 * owner out from another address. The client address is lib/rate-limit's (TRUST_PROXY-aware).
 */
export async function authorizeCredentials(credentials: unknown, headers: Headers = {}): Promise<SignedInUser | null> {
  const env = getEnv();
  const ip = clientIp(headers);
  const byIp = await consumeRateLimit("signin.ip", `ip:${ip}`, env.RATE_LIMIT_SIGNIN_IP);
  if (byIp && !byIp.allowed) throw limited(byIp.retryAfterSeconds);
  const parsed = credentialsSchema.safeParse(credentials ?? {});
  if (!parsed.success) return null;
  const { email, password } = parsed.data;
  // Hashed so the bucket table holds no addresses; the pair key keeps each part hashed too.
  const emailKey = digest(email);
  const byPair = await consumeRateLimit("signin.pair", `pair:${emailKey}:${digest(ip)}`, env.RATE_LIMIT_SIGNIN_PAIR);
  if (byPair && !byPair.allowed) throw limited(byPair.retryAfterSeconds);
  const byEmail = await consumeRateLimit("signin.email", `email:${emailKey}`, env.RATE_LIMIT_SIGNIN_EMAIL);
  if (byEmail && !byEmail.allowed) throw limited(byEmail.retryAfterSeconds);
  const prisma = await db();
  const user = await prisma.user.findUnique({ where: { email }, select: { id: true, email: true, name: true, passwordHash: true } });
  if (!(await verifyPassword(user?.passwordHash, password)) || !user) return null;
  return { id: user.id, email: user.email, name: user.name };
}

const digest = (value: string) => createHash("sha256").update(value).digest("hex").slice(0, 32);
