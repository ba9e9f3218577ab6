import { beforeAll, describe, expect, it, vi } from "vitest";
import { GET, POST } from "@/app/api/auth/[...nextauth]/route";
import { useTestDatabase } from "@/lib/db/testing";
import { holdRateWindows } from "@/lib/rate-limit/testing";
import { resetEnvCache } from "@/lib/env";
import { resolveAuth } from "../resolve-auth";
import { createTestUser, routeParams } from "../testing";
import { authorizeCredentials } from "./credentials";

useTestDatabase();
holdRateWindows();

const origin = "http://localhost:3000";

function cookiesOf(res: Response): string[] {
  return res.headers.getSetCookie().map((c) => c.split(";")[0]);
}

async function csrf(base = origin): Promise<{ token: string; cookie: string }> {
  const res = await GET(new Request(`${base}/api/auth/csrf`), routeParams({ nextauth: ["csrf"] }));
  expect(res.status).toBe(200);
  return { token: (await res.json()).csrfToken, cookie: cookiesOf(res).join("; ") };
}

/** What next-auth/react's signIn("credentials", { redirect: false }) sends. */
async function signIn(email: string, password: string, ip = "192.0.2.10", base = origin) {
  const { token, cookie } = await csrf(base);
  const body = new URLSearchParams({ email, password, csrfToken: token, callbackUrl: `${base}/dashboard`, json: "true" });
  return POST(
    new Request(`${base}/api/auth/callback/credentials`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", cookie, "x-forwarded-for": ip },
      body,
    }),
    routeParams({ nextauth: ["callback", "credentials"] }),
  );
}

beforeAll(() => {
  vi.stubEnv("RATE_LIMIT_SIGNIN_EMAIL", "4/10m");
  vi.stubEnv("RATE_LIMIT_SIGNIN_IP", "6/10m");
  resetEnvCache();
});

describe("credentials sign-in through next-auth", () => {
  it("signs in with the right password and the session cookie resolves to the user", async () => {
    const alice = await createTestUser({ email: "alice@example.com", password: "alice-password" });
    const res = await signIn("  ALICE@example.com", "alice-password", "192.0.2.1");
    expect(res.status).toBe(200);
    expect((await res.json()).url).toBe(`${origin}/dashboard`);
    const session = cookiesOf(res).find((c) => c.startsWith("next-auth.session-token="));
    expect(session).toBeDefined();
    // Over plain http (a local APP_URL) the cookie cannot be Secure, or the browser would drop it.
    expect(res.headers.getSetCookie().find((c) => c.startsWith("next-auth.session-token="))).not.toMatch(/; Secure/i);
    const auth = await resolveAuth(new Request(`${origin}/api/v1/me`, { headers: { cookie: session! } }));
    expect(auth).toMatchObject({ user: { id: alice.user.id, email: "alice@example.com" }, workspace: { id: alice.workspace.id }, role: "owner", via: "session" });
    const me = await GET(new Request(`${origin}/api/auth/session`, { headers: { cookie: session! } }), routeParams({ nextauth: ["session"] }));
    expect((await me.json()).user).toMatchObject({ id: alice.user.id, email: "alice@example.com" });
  });

  it("refuses a wrong password and an unknown email the same way", async () => {
    await createTestUser({ email: "bob@example.com", password: "bob-password" });
    for (const [email, password] of [["bob@example.com", "not-bobs"], ["nobody@example.com", "bob-password"]]) {
      const res = await signIn(email, password, "192.0.2.2");
      expect(res.status).toBe(401);
      expect(new URL((await res.json()).url).searchParams.get("error")).toBe("CredentialsSignin");
      expect(cookiesOf(res).some((c) => c.startsWith("next-auth.session-token="))).toBe(false);
    }
  });

  it("rate limits attempts per email with 429, Retry-After and a RateLimited error code", async () => {
    await createTestUser({ email: "carol@example.com", password: "carol-password" });
    for (let i = 0; i < 4; i++) expect((await signIn("carol@example.com", "wrong", `192.0.2.${20 + i}`)).status).toBe(401);
    // Even the right password waits: the limit counts attempts, not failures.
    const res = await signIn("carol@example.com", "carol-password", "192.0.2.30");
    expect(res.status).toBe(429);
    expect(Number(res.headers.get("retry-after"))).toBeGreaterThan(0);
    const body = await res.json();
    expect(new URL(body.url, origin).searchParams.get("error")).toBe("RateLimited");
    expect(body.error.type).toBe("RateLimitError");
    expect(cookiesOf(res).some((c) => c.startsWith("next-auth.session-token="))).toBe(false);
  });

  it("rate limits attempts per client IP across emails", async () => {
    const ip = "192.0.2.99";
    for (let i = 0; i < 6; i++) expect((await signIn(`someone${i}@example.com`, "whatever1", ip)).status).toBe(401);
    expect((await signIn("someone-else@example.com", "whatever1", ip)).status).toBe(429);
    expect((await signIn("someone-else@example.com", "whatever1", "192.0.2.100")).status).toBe(401);
  });

  it("refuses a sign-in without the CSRF token", async () => {
    await createTestUser({ email: "dave@example.com", password: "dave-password" });
    const res = await POST(
      new Request(`${origin}/api/auth/callback/credentials`, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({ email: "dave@example.com", password: "dave-password", json: "true" }),
      }),
      routeParams({ nextauth: ["callback", "credentials"] }),
    );
    expect(cookiesOf(res).some((c) => c.startsWith("next-auth.session-token="))).toBe(false);
    expect(new URL((await res.json()).url).searchParams.get("csrf")).toBe("true");
  });

  it("uses __Secure- cookie names when the app is served over https", async () => {
    const frank = await createTestUser({ email: "frank@example.com", password: "frank-password" });
    vi.stubEnv("APP_URL", "https://conveyor.example.com");
    resetEnvCache();
    try {
      const res = await signIn("frank@example.com", "frank-password", "192.0.2.60", "https://conveyor.example.com");
      expect(res.status).toBe(200);
      const raw = res.headers.getSetCookie().find((c) => c.startsWith("__Secure-next-auth.session-token="));
      expect(raw).toMatch(/; Secure/i);
      expect(raw).toMatch(/; HttpOnly/i);
      expect(raw).toMatch(/; SameSite=Lax/i);
      // Every cookie next-auth sets under https is Secure; none keeps the plain name.
      for (const cookie of res.headers.getSetCookie()) expect(cookie, cookie.split("=")[0]).toMatch(/; Secure/i);
      expect(cookiesOf(res).some((c) => c.startsWith("next-auth.session-token="))).toBe(false);
      const session = raw!.split(";")[0];
      const auth = await resolveAuth(new Request("https://conveyor.example.com/api/v1/me", { headers: { cookie: session } }));
      expect(auth?.user.id).toBe(frank.user.id);
    } finally {
      vi.stubEnv("APP_URL", "");
      resetEnvCache();
    }
  });

  it("authorize returns the user for valid credentials and null otherwise", async () => {
    const erin = await createTestUser({ email: "erin@example.com", password: "erin-password" });
    const headers = { "x-forwarded-for": "192.0.2.50" };
    expect(await authorizeCredentials({ email: "Erin@Example.com", password: "erin-password" }, headers)).toEqual({
      id: erin.user.id,
      email: "erin@example.com",
      name: erin.user.name,
    });
    expect(await authorizeCredentials({ email: "erin@example.com", password: "nope-nope" }, headers)).toBeNull();
    expect(await authorizeCredentials({ email: "erin@example.com" }, headers)).toBeNull();
    // An SSO-only user has no password to match.
    const sso = await createTestUser({ email: "sso-only@example.com" });
    expect(await authorizeCredentials({ email: sso.user.email, password: "" }, headers)).toBeNull();
    expect(await authorizeCredentials({ email: sso.user.email, password: "anything-at-all" }, headers)).toBeNull();
  });

  it("a guesser at one address cannot lock the owner out from another (per email+address limit, slower per-email backstop)", async () => {
    vi.stubEnv("RATE_LIMIT_SIGNIN_PAIR", "3/10m");
    vi.stubEnv("RATE_LIMIT_SIGNIN_EMAIL", "5/10m");
    vi.stubEnv("RATE_LIMIT_SIGNIN_IP", "50/10m");
    resetEnvCache();
    try {
      await createTestUser({ email: "owner-under-attack@example.com", password: "owner-password" });
      const attacker = "198.51.100.66";
      const answers: number[] = [];
      for (let i = 0; i < 12; i++) answers.push((await signIn("owner-under-attack@example.com", `guess-${i}`, attacker)).status);
      expect(answers).toEqual([401, 401, 401, ...Array(9).fill(429)]);
      // The right password from the attacker's address waits too...
      expect((await signIn("owner-under-attack@example.com", "owner-password", attacker)).status).toBe(429);
      // ...but the owner, elsewhere, signs in.
      const owner = await signIn("owner-under-attack@example.com", "owner-password", "192.0.2.77");
      expect(owner.status).toBe(200);
      expect(cookiesOf(owner).some((c) => c.startsWith("next-auth.session-token="))).toBe(true);
    } finally {
      vi.stubEnv("RATE_LIMIT_SIGNIN_PAIR", "10/10m");
      vi.stubEnv("RATE_LIMIT_SIGNIN_EMAIL", "4/10m");
      vi.stubEnv("RATE_LIMIT_SIGNIN_IP", "6/10m");
      resetEnvCache();
    }
  });
});
