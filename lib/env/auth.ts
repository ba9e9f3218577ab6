import { z } from "zod";
import { duration, flag, int, optionalString, parseDurationMs } from "./parsers";

/** A fixed-window limit: at most `limit` hits per `windowMs`. */
export type RateRule = { limit: number; windowMs: number };

/** "5/10m" -> 5 per 10 minutes; "off" disables the limit (null). */
export function parseRateRule(text: string): RateRule | null | undefined {
  const trimmed = text.trim().toLowerCase();
  if (trimmed === "off" || trimmed === "0") return null;
  const m = /^(\d+)\s*\/\s*(.+)$/.exec(trimmed);
  if (!m) return undefined;
  const limit = Number(m[1]);
  const windowMs = parseDurationMs(m[2]);
  if (!Number.isSafeInteger(limit) || limit < 1 || !windowMs || windowMs < 1000) return undefined;
  return { limit, windowMs };
}

const rateRule = (fallback: string) =>
  z
    .string()
    .default(fallback)
    .transform((text, ctx) => {
      const rule = parseRateRule(text);
      if (rule === undefined) {
        ctx.addIssue({ code: "custom", message: `expected a limit like 5/10m or "off", got "${text}"` });
        return z.NEVER;
      }
      return rule;
    });

const secret = () =>
  optionalString().pipe(z.string().min(32, "must be at least 32 characters (try `openssl rand -base64 48`)").optional());

/** Accounts, sessions, SSO and the limits on the endpoints that create them. */
export const authSettings = {
  /** Signs and encrypts session tokens. Unset: generated once and kept in DATA_DIR/auth-secret. */
  AUTH_SECRET: secret(),
  /** Accepted for next-auth compatibility when AUTH_SECRET is unset. */
  NEXTAUTH_SECRET: secret(),
  /** How long a sign-in lasts. */
  SESSION_MAX_AGE: duration("30d"),
  /** Off: only emails with a pending invitation may create a password account. */
  SIGNUP_ENABLED: flag(true),
  /**
   * The lowest zxcvbn score (0..4) a new password may have: 3 is "safely unguessable", about
   * 10^10 guesses, which an attacker holding a stolen argon2id hash still cannot afford.
   */
  PASSWORD_MIN_SCORE: int(3, 0, 4),
  /** How long an invitation link works. */
  INVITATION_TTL: duration("7d"),
  /** Comma-separated emails that are instance operators (see every workspace's engine runs). */
  OPERATOR_EMAILS: optionalString().transform((v) =>
    (v ?? "")
      .split(",")
      .map((e) => e.trim().toLowerCase())
      .filter(Boolean),
  ),
  /** OpenID Connect SSO: all three of issuer, client id and secret switch it on. */
  OIDC_ISSUER: optionalString().pipe(z.url().optional()),
  OIDC_CLIENT_ID: optionalString(),
  OIDC_CLIENT_SECRET: optionalString(),
  /** The button label: "Sign in with <OIDC_NAME>". */
  OIDC_NAME: optionalString().transform((v) => v ?? "SSO"),
  /** Sign-ups per client IP. */
  RATE_LIMIT_SIGNUP: rateRule("5/10m"),
  /** Sign-in attempts per client IP. */
  RATE_LIMIT_SIGNIN_IP: rateRule("30/10m"),
  /** Sign-in attempts per email address from one client IP: what stops guessing from one place. */
  RATE_LIMIT_SIGNIN_PAIR: rateRule("10/10m"),
  /**
   * Sign-in attempts per email address from all addresses together: a slower backstop against
   * guessing spread over many addresses. Attempts refused by the pair limit do not count, so one
   * address alone can never use it up and lock the owner out elsewhere.
   */
  RATE_LIMIT_SIGNIN_EMAIL: rateRule("100/1h"),
  /** API keys created per user. */
  RATE_LIMIT_API_KEYS: rateRule("20/1h"),
};

type OidcFields = { OIDC_ISSUER?: string; OIDC_CLIENT_ID?: string; OIDC_CLIENT_SECRET?: string };

/** Cross-field rule: SSO needs its issuer, client id and secret together (one missing names itself). */
export function checkAuthSettings(env: OidcFields, ctx: z.RefinementCtx): void {
  const keys = ["OIDC_ISSUER", "OIDC_CLIENT_ID", "OIDC_CLIENT_SECRET"] as const;
  const set = keys.filter((k) => env[k]);
  if (set.length === 0 || set.length === keys.length) return;
  for (const key of keys) {
    if (!env[key]) ctx.addIssue({ code: "custom", path: [key], message: `required when ${set.join(", ")} is set` });
  }
}

/**
 * next-auth reads NEXTAUTH_URL itself to build callback and redirect URLs; it must be the app's
 * public URL, so it follows APP_URL whatever the environment says.
 */
export function exportNextAuthUrl(appUrl: string): void {
  process.env.NEXTAUTH_URL = `${appUrl}/api/auth`;
}
