import { describe, expect, it } from "vitest";
import { GET as nextAuthGet, POST as nextAuthPost } from "@/app/api/auth/[...nextauth]/route";
import { GET as me } from "@/app/api/v1/me/route";
import { DELETE as signOutEverywhereRoute } from "@/app/api/v1/sessions/route";
import { useTestDatabase } from "@/lib/db/testing";
import { revokeSessionToken } from "./sessions";
import { apiRequest, createTestUser, routeParams, sessionCookieFor, type TestUser } from "./testing";

const database = useTestDatabase();
const origin = "http://localhost:3000";
let ip = 0;

const cookiesOf = (res: Response) => res.headers.getSetCookie().map((c) => c.split(";")[0]);

async function csrf(cookie = ""): Promise<{ token: string; cookie: string }> {
  const res = await nextAuthGet(new Request(`${origin}/api/auth/csrf`, { headers: { cookie } }), routeParams({ nextauth: ["csrf"] }));
  return { token: (await res.json()).csrfToken, cookie: [cookie, ...cookiesOf(res)].filter(Boolean).join("; ") };
}

/** A real sign-in through next-auth's credentials callback: the session cookie a browser gets. */
async function signIn(user: TestUser): Promise<string> {
  const { token, cookie } = await csrf();
  const body = new URLSearchParams({ email: user.user.email, password: user.password!, csrfToken: token, json: "true" });
  const res = await nextAuthPost(
    new Request(`${origin}/api/auth/callback/credentials`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", cookie, "x-forwarded-for": `192.0.2.${++ip}` },
      body,
    }),
    routeParams({ nextauth: ["callback", "credentials"] }),
  );
  expect(res.status).toBe(200);
  const session = cookiesOf(res).find((c) => c.startsWith("next-auth.session-token="));
  expect(session).toBeDefined();
  return session!;
}

/** What the app shell's Sign out button sends. */
async function signOut(session: string): Promise<Response> {
  const { token, cookie } = await csrf(session);
  return nextAuthPost(
    new Request(`${origin}/api/auth/signout`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", cookie },
      body: new URLSearchParams({ csrfToken: token, json: "true" }),
    }),
    routeParams({ nextauth: ["signout"] }),
  );
}

const meStatus = async (cookie: string) => (await me(apiRequest("/api/v1/me", { headers: { cookie } }))).status;

describe("ending sessions", () => {
  it("signing out clears the cookie and ends that session even for a copy of it, and only that one", async () => {
    const user = await createTestUser({ password: "a long enough password" });
    const laptop = await signIn(user);
    const phone = await signIn(user);
    expect(await meStatus(laptop)).toBe(200);
    const res = await signOut(laptop);
    expect(res.status).toBe(200);
    expect(res.headers.getSetCookie().some((c) => /^next-auth\.session-token=;.*Max-Age=0/i.test(c))).toBe(true);
    // Someone who copied the cookie before the sign-out gets nothing.
    expect(await meStatus(laptop)).toBe(401);
    expect(await meStatus(phone)).toBe(200);
    expect(await database().prisma.revokedSession.count({ where: { userId: user.user.id } })).toBe(1);
  });

  it("signing out everywhere ends every session of the user, keeps API keys working, and a new sign-in works", async () => {
    const user = await createTestUser({ password: "a long enough password" });
    const other = await createTestUser({ password: "another long password" });
    const [a, b, otherSession] = [await signIn(user), await signIn(user), await signIn(other)];
    const res = await signOutEverywhereRoute(apiRequest("/api/v1/sessions", { method: "DELETE", headers: { cookie: a } }));
    expect(res.status).toBe(204);
    expect(res.headers.getSetCookie().some((c) => /^next-auth\.session-token=;.*Max-Age=0/.test(c))).toBe(true);
    expect(await meStatus(a)).toBe(401);
    expect(await meStatus(b)).toBe(401);
    // Tokens minted before sessions carried claims count as version 0 and end too.
    expect(await meStatus(await sessionCookieFor(user.user.id))).toBe(401);
    expect(await meStatus(otherSession)).toBe(200);
    expect((await me(apiRequest("/api/v1/me", { as: user, via: "api_key" }))).status).toBe(200);
    expect(await meStatus(await signIn(user))).toBe(200);
  });

  it("refuses to end sessions for an API key (403) or without credentials (401)", async () => {
    const user = await createTestUser();
    const byKey = await signOutEverywhereRoute(apiRequest("/api/v1/sessions", { method: "DELETE", as: user, via: "api_key" }));
    expect(byKey.status).toBe(403);
    expect((await byKey.json()).error.type).toBe("ForbiddenError");
    expect((await signOutEverywhereRoute(apiRequest("/api/v1/sessions", { method: "DELETE" }))).status).toBe(401);
    expect(await meStatus(user.cookie)).toBe(200);
  });

  it("forgets revoked sessions once their tokens would have expired anyway", async () => {
    const user = await createTestUser();
    const now = new Date("2030-01-01T00:00:00Z");
    const exp = (d: Date) => Math.floor(d.getTime() / 1000);
    await revokeSessionToken({ sub: user.user.id, sid: "old-session", exp: exp(new Date(now.getTime() + 1000)) }, new Date(now.getTime() - 1000));
    await revokeSessionToken({ sub: user.user.id, sid: "live-session", exp: exp(new Date(now.getTime() + 3_600_000)) }, now);
    const left = await database().prisma.revokedSession.findMany({ where: { userId: user.user.id } });
    expect(left.map((r) => r.id).sort()).toEqual(["live-session", "old-session"]);
    await revokeSessionToken({ sub: user.user.id, sid: "later", exp: exp(new Date(now.getTime() + 7_200_000)) }, new Date(now.getTime() + 5000));
    const after = await database().prisma.revokedSession.findMany({ where: { userId: user.user.id } });
    expect(after.map((r) => r.id).sort()).toEqual(["later", "live-session"]);
  });
});
