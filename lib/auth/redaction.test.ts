import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { GET as nextAuthGet, POST as nextAuthPost } from "@/app/api/auth/[...nextauth]/route";
import { DELETE as deleteKey } from "@/app/api/v1/api-keys/[id]/route";
import { POST as createKey } from "@/app/api/v1/api-keys/route";
import { GET as me } from "@/app/api/v1/me/route";
import { POST as signup } from "@/app/api/v1/signup/route";
import { useTestDatabase } from "@/lib/db/testing";
import { holdRateWindows } from "@/lib/rate-limit/testing";
import { resetEnvCache } from "@/lib/env";
import { setLoggerDestination } from "@/lib/logging";
import { z } from "zod";
import { apiRoute } from "@/lib/api";
import { defineOperation } from "@/lib/http/operation";
import { apiRequest, routeParams } from "./testing";

const database = useTestDatabase();
holdRateWindows();
const lines: string[] = [];

beforeAll(() => {
  vi.stubEnv("LOG_LEVEL", "trace");
  vi.stubEnv("RATE_LIMIT_SIGNIN_EMAIL", "2/10m");
  resetEnvCache();
  setLoggerDestination({ write: (line: string) => void lines.push(line) });
});
afterAll(() => {
  setLoggerDestination(undefined);
});

const PASSWORD = "Tr0ub4dor&3-very-secret";
const origin = "http://localhost:3000";

async function signIn(email: string, password: string): Promise<Response> {
  const csrf = await nextAuthGet(new Request(`${origin}/api/auth/csrf`), routeParams({ nextauth: ["csrf"] }));
  const cookie = csrf.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");
  const body = new URLSearchParams({ email, password, csrfToken: (await csrf.json()).csrfToken, json: "true" });
  return nextAuthPost(
    new Request(`${origin}/api/auth/callback/credentials`, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded", cookie }, body }),
    routeParams({ nextauth: ["callback", "credentials"] }),
  );
}

describe("secrets in logs and storage", () => {
  it("never writes a password or an API key to the logs or the database in plain text", async () => {
    const post = (body: unknown) => signup(apiRequest("/api/v1/signup", { method: "POST", body }));
    expect((await post({ email: "logs@example.com", password: PASSWORD })).status).toBe(201);
    expect((await post({ email: "logs@example.com", password: PASSWORD })).status).toBe(201);
    expect((await post({ email: "broken", password: PASSWORD })).status).toBe(422);
    expect((await post(`{"email":"x@example.com","password":"${PASSWORD}"`)).status).toBe(400);

    expect((await signIn("logs@example.com", `${PASSWORD}-wrong`)).status).toBe(401);
    const ok = await signIn("logs@example.com", PASSWORD);
    expect(ok.status).toBe(200);
    expect((await signIn("logs@example.com", PASSWORD)).status).toBe(429);

    const { prisma } = database();
    // The real session cookie next-auth set, as a browser would send it back.
    const cookie = ok.headers.getSetCookie().map((c) => c.split(";")[0]).find((c) => c.startsWith("next-auth.session-token="))!;
    const sessionToken = cookie.slice(cookie.indexOf("=") + 1);
    expect(sessionToken.length).toBeGreaterThan(40);
    const created = await createKey(
      apiRequest("/api/v1/api-keys", { method: "POST", body: { name: "logged?" }, headers: { cookie, "x-request-id": "create-key-req" } }),
    );
    const { id, key } = await created.json();
    expect(key).toMatch(/^cvk_/);
    expect((await me(apiRequest("/api/v1/me", { headers: { "x-api-key": key } }))).status).toBe(200);
    expect((await me(apiRequest("/api/v1/me", { headers: { authorization: `Bearer ${key}` } }))).status).toBe(200);
    expect((await deleteKey(apiRequest(`/api/v1/api-keys/${id}`, { method: "DELETE", headers: { cookie } }), routeParams({ id }))).status).toBe(204);
    expect((await me(apiRequest("/api/v1/me", { headers: { "x-api-key": key } }))).status).toBe(401);

    const log = lines.join("");
    if (process.env.SHOW_LOGS) console.log(log);
    // The test must be able to fail: the requests above were logged.
    expect(log).toContain('"msg":"request"');
    expect(log).toContain("user signed up");
    expect(log).toContain("rate limit reached");
    expect(log).toContain("api key created");
    expect(lines.length).toBeGreaterThan(10);
    expect(log).not.toContain(PASSWORD);
    expect(log).not.toContain(key);
    expect(log).not.toContain(key.slice(4));
    expect(log).not.toContain(sessionToken);
    expect(log).not.toContain(sessionToken.slice(0, 40));
    // Every line written while serving a request names it.
    const parsed = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    for (const line of parsed.filter((l) => l.msg === "request")) expect(line.request_id, JSON.stringify(line)).toEqual(expect.any(String));
    const createLines = parsed.filter((l) => l.request_id === "create-key-req");
    expect(createLines.map((l) => l.msg)).toEqual(expect.arrayContaining(["api key created", "request"]));

    const tables = await database().sql.query("SELECT row_to_json(u)::text AS row FROM users u");
    const dump = JSON.stringify(tables) + JSON.stringify(await prisma.apiKey.findMany()) + JSON.stringify(await prisma.rateLimitBucket.findMany());
    expect(dump).toContain("logs@example.com");
    expect(dump).not.toContain(PASSWORD);
    expect(dump).not.toContain(key.slice(12));
  });

  it("redacts secrets that reach a log line by accident: headers, bodies and error messages", async () => {
    lines.length = 0;
    const key = "cvk_" + "Q".repeat(43);
    const cookieValue = "eyJhbGciOiJkaXIiLCJlbmMiOiJBMjU2R0NNIn0..c2Vzc2lvbi10b2tlbi12YWx1ZQ.c2VjcmV0";
    const careless = apiRoute(
      defineOperation({ method: "POST", path: "/api/test/careless", summary: "t", tags: [], auth: "none", body: z.object({ password: z.string() }).loose(), responses: {} }),
      async ({ req, body, log }) => {
        log.info({ headers: Object.fromEntries(req.headers), body }, "echoing what came in");
        log.warn(`retrying with Authorization: Bearer ${key}`);
        throw new Error(`upstream refused key ${key} (password=${body.password})`);
      },
    );
    const res = await careless(
      new Request("http://localhost/api/test/careless", {
        method: "POST",
        headers: { "content-type": "application/json", "x-api-key": key, authorization: `Bearer ${key}`, cookie: `next-auth.session-token=${cookieValue}` },
        body: JSON.stringify({ password: PASSWORD, api_key: key, nested: { token: "tok-123456789", note: `key is ${key}` } }),
      }),
    );
    expect(res.status).toBe(500);
    const text = await res.text();
    expect(text).not.toContain(key);
    expect(text).not.toContain(PASSWORD);
    const log = lines.join("");
    expect(log).toContain("echoing what came in");
    expect(log).toContain("request failed");
    expect(log).toContain("[redacted]");
    for (const secret of [key, key.slice(4), PASSWORD, cookieValue, "tok-123456789"]) expect(log).not.toContain(secret);
  });
});
