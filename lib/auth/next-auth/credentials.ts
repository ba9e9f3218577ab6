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
 * The credentials provider's `authorize`: rate limits (counted on every attempt, before the
 * password is checked), then an argon2 verification. Returns null for any wrong email/password
 * pair, so callers cannot tell which part was wrong. Limits, in order: per client IP; per (email,
 * IP) pair, which is what stops guessing; per email alone, a slower backstop that attempts refused
 * by the pair limit never reach, so a guesser at one address cannot lock the owner out elsewhere.
 */
export async function authorizeCredentials(credentials: unknown, headers: Headers = {}): Promise<SignedInUser | null> {
  const env = getEnv();
  const byIp = await consumeRateLimit("signin.ip", `ip:${clientIp(headers)}`, env.RATE_LIMIT_SIGNIN_IP);
  if (byIp && !byIp.allowed) throw limited(byIp.retryAfterSeconds);
  const parsed = credentialsSchema.safeParse(credentials ?? {});
  if (!parsed.success) return null;
  const { email, password } = parsed.data;
  // The email is hashed so the bucket table holds no addresses.
  const emailKey = createHash("sha256").update(email).digest("hex").slice(0, 32);
  const byPair = await consumeRateLimit("signin.pair", `pair:${emailKey}:${clientIp(headers)}`, env.RATE_LIMIT_SIGNIN_PAIR);
  if (byPair && !byPair.allowed) throw limited(byPair.retryAfterSeconds);
  const byEmail = await consumeRateLimit("signin.email", `email:${emailKey}`, env.RATE_LIMIT_SIGNIN_EMAIL);
  if (byEmail && !byEmail.allowed) throw limited(byEmail.retryAfterSeconds);
  const prisma = await db();
  const user = await prisma.user.findUnique({ where: { email }, select: { id: true, email: true, name: true, passwordHash: true } });
  if (!(await verifyPassword(user?.passwordHash, password)) || !user) return null;
  return { id: user.id, email: user.email, name: user.name };
}
