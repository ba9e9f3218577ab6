import { afterEach, describe, expect, it, vi } from "vitest";
import { GET, POST } from "@/app/api/auth/[...nextauth]/route";
import { useTestDatabase } from "@/lib/db/testing";
import { holdRateWindows } from "@/lib/rate-limit/testing";
import { getEnv, parseEnv, resetEnvCache } from "@/lib/env";
import { createTestUser, routeParams } from "../testing";

// Sign-in limits per (email, client address) and, slower, per email: an attacker's wrong
// passwords from one address must not lock the owner out from another (issue 7).
useTestDatabase();

const origin = "http://localhost:3000";

async function signIn(email: string, password: string, forwardedFor: string) {
  const csrf = await GET(new Request(`${origin}/api/auth/csrf`), routeParams({ nextauth: ["csrf"] }));
  const cookie = csrf.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");
  const body = new URLSearchParams({ email, password, csrfToken: (await csrf.json()).csrfToken, callbackUrl: `${origin}/dashboard`, json: "true" });
  const res = await POST(
    new Request(`${origin}/api/auth/callback/credentials`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", cookie, "x-forwarded-for": forwardedFor },
      body,
    }),
    routeParams({ nextauth: ["callback", "credentials"] }),
  );
  return res.status;
}

holdRateWindows();

afterEach(() => {
  vi.unstubAllEnvs();
  resetEnvCache();
});

describe("sign-in throttling", () => {
  it("stops one attacker's wrong passwords at the (email, address) limit; the owner still signs in from elsewhere", async () => {
    // The defaults: 10 per (email, address) in 10 minutes, 100 per email in an hour.
    await createTestUser({ email: "owner@example.com", password: "owner-password" });
    const attacker = "203.0.113.66";
    for (let i = 0; i < 10; i++) expect(await signIn("owner@example.com", `guess-${i}`, attacker)).toBe(401);
    expect(await signIn("owner@example.com", `guess-10`, attacker)).toBe(429);
    // Even the right password waits at that address: the limit is no oracle.
    expect(await signIn("owner@example.com", "owner-password", attacker)).toBe(429);
    expect(await signIn("owner@example.com", "owner-password", "198.51.100.5")).toBe(200);
    // The attacker's address may still sign in to its own account.
    await createTestUser({ email: "attacker@example.com", password: "attacker-password" });
    expect(await signIn("attacker@example.com", "attacker-password", attacker)).toBe(200);
  });

  it("limits guesses spread over many addresses with the slower per-email budget", async () => {
    vi.stubEnv("RATE_LIMIT_SIGNIN_PAIR", "3/10m");
    vi.stubEnv("RATE_LIMIT_SIGNIN_EMAIL", "8/1h");
    resetEnvCache();
    await createTestUser({ email: "spread@example.com", password: "spread-password" });
    for (let i = 0; i < 8; i++) expect(await signIn("spread@example.com", `guess-${i}`, `192.0.2.${100 + (i % 4)}`)).toBe(401);
    expect(await signIn("spread@example.com", "spread-password", "192.0.2.200")).toBe(429);
  });

  it("tells addresses apart behind a trusted proxy with lib/rate-limit's client address", async () => {
    vi.stubEnv("TRUST_PROXY", "1");
    vi.stubEnv("RATE_LIMIT_SIGNIN_PAIR", "2/10m");
    resetEnvCache();
    await createTestUser({ email: "proxied@example.com", password: "proxied-password" });
    const proxy = "10.0.0.1";
    // The attacker forges entries left of the one the proxy appended; only that one counts.
    for (let i = 0; i < 2; i++) expect(await signIn("proxied@example.com", "wrong", `198.18.0.${i}, 203.0.113.9, ${proxy}`)).toBe(401);
    expect(await signIn("proxied@example.com", "wrong", `198.18.0.7, 203.0.113.9, ${proxy}`)).toBe(429);
    expect(await signIn("proxied@example.com", "proxied-password", `198.51.100.20, ${proxy}`)).toBe(200);
  });

  it("sets the per-email default above what one address can spend under the pair limit", () => {
    const env = parseEnv({});
    const pair = env.RATE_LIMIT_SIGNIN_PAIR!;
    const email = env.RATE_LIMIT_SIGNIN_EMAIL!;
    expect(email.windowMs).toBeGreaterThan(pair.windowMs);
    // Fixed windows: one per-email window overlaps at most ceil(W/w) + 1 pair windows.
    const mostFromOneAddress = (Math.ceil(email.windowMs / pair.windowMs) + 1) * pair.limit;
    expect(mostFromOneAddress).toBeLessThan(email.limit);
    expect(getEnv().RATE_LIMIT_SIGNIN_EMAIL).toEqual(email);
  });
});
