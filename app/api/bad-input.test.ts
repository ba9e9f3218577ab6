/**
 * Garbage at every operation of the catalog: malformed and oversized bodies, wrong content types,
 * ids and queries no client should send. Each answer is a 4xx in the one error shape, never a
 * 500 and never a stack trace; rate-limited operations answer 429 with Retry-After.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { apiRequest, createTestUser, type TestUser } from "@/lib/auth/testing";
import { useTestDatabase } from "@/lib/db/testing";
import { resetEnvCache } from "@/lib/env";
import { BUCKETS } from "@/lib/rate-limit";
import { catalogEntries, errorShapeProblems, exampleBody, pathParams, urlFor, type CatalogEntry } from "./contract-support";

vi.mock("@/lib/jobs/emit", () => ({ emitJobCanceled: vi.fn(async () => {}) }));

useTestDatabase();
let entries: CatalogEntry[];

beforeAll(async () => {
  // Limits would answer 429 before the body is read; they have their own test below.
  for (const name of ["RATE_LIMIT_SIGNUP", "RATE_LIMIT_API_KEYS", "RATE_LIMIT_SIGNIN_IP", "RATE_LIMIT_SIGNIN_PAIR", "RATE_LIMIT_SIGNIN_EMAIL"]) vi.stubEnv(name, "off");
  // The relay switched on (unset, its upload answers 503 before reading anything), so its input handling is tested.
  vi.stubEnv("RELAY_N8N_WEBHOOK_URL", "http://127.0.0.1:9/webhook/notion-relay");
  vi.stubEnv("RELAY_SIGNING_SECRET", "bad-input-test-signing-secret-0123456789");
  resetEnvCache();
  entries = await catalogEntries();
});
afterAll(() => {
  vi.unstubAllEnvs();
  resetEnvCache();
});

type Init = { body?: BodyInit; type?: string; params?: Record<string, string>; query?: string; as?: TestUser };

async function send(entry: CatalogEntry, init: Init): Promise<Response> {
  const params = init.params ?? pathParams(entry.op, "cunknown0000000000000000");
  const headers: Record<string, string> = init.type ? { "content-type": init.type } : {};
  const base = apiRequest(urlFor(entry.op, params, init.query).replace("http://localhost", ""), { method: entry.op.method, as: init.as, headers });
  const req = init.body === undefined ? base : new Request(base, { body: init.body, duplex: "half" } as RequestInit);
  return entry.handler(req, { params: Promise.resolve(params) });
}

/**
 * A 4xx (or, for input an operation ignores, its usual answer) in the error shape; never a 5xx
 * unless the operation documents one (health's 503 reports the server, not the request).
 */
async function expectHandled(res: Response, label: string, status?: number, entry?: CatalogEntry): Promise<void> {
  const documented5xx = res.status >= 500 && entry?.op.responses[res.status] !== undefined && res.status !== 500;
  if (!documented5xx) expect(res.status, `${label}: ${await res.clone().text().then((t) => t.slice(0, 200))}`).toBeLessThan(500);
  if (status !== undefined) expect(res.status, label).toBe(status);
  if (res.status >= 400 && !documented5xx) expect(await errorShapeProblems(res), label).toEqual([]);
  else await res.body?.cancel();
}

// Operator-only operations get an operator, so their input handling is what is tested (not the 403).
const userFor = async (entry: CatalogEntry) =>
  (entry.op.auth ?? "required") === "none" ? undefined : createTestUser({ isOperator: entry.op.operators === true });

describe("garbage in, a 4xx out", () => {
  it("JSON bodies: malformed is 400, another type 415, past the limit 413, the wrong shape 422", async () => {
    const withBody = entries.filter((e) => e.op.body);
    expect(withBody.length).toBeGreaterThanOrEqual(6);
    for (const entry of withBody) {
      const as = await userFor(entry);
      const limit = entry.op.maxBodyBytes ?? 1024 * 1024;
      await expectHandled(await send(entry, { as, body: "{nope", type: "application/json" }), `${entry.label} malformed`, 400);
      await expectHandled(await send(entry, { as, body: "name=a", type: "application/x-www-form-urlencoded" }), `${entry.label} form-encoded`, 415);
      await expectHandled(await send(entry, { as, body: "<x/>", type: "text/xml" }), `${entry.label} xml`, 415);
      const big = JSON.stringify({ ...(exampleBody(entry.op) as object), pad: "x".repeat(limit) });
      await expectHandled(await send(entry, { as, body: big, type: "application/json" }), `${entry.label} ${big.length} bytes`, 413);
      // A body streamed without Content-Length is cut off just the same.
      const stream = new ReadableStream({
        pull(controller) {
          controller.enqueue(new TextEncoder().encode(big));
          controller.close();
        },
      });
      await expectHandled(await send(entry, { as, body: stream, type: "application/json" }), `${entry.label} streamed`, 413);
      const depth = Math.min(5000, Math.floor(limit / 2) - 8);
      const deep = `${"[".repeat(depth)}${"]".repeat(depth)}`;
      for (const body of ["null", "[]", '"text"', "42", "true", "{}", deep, '{"__proto__":{"admin":true}}', '{"name":{"$gt":""}}', '{"email":["a@b.c"],"role":7}']) {
        await expectHandled(await send(entry, { as, body, type: "application/json" }), `${entry.label} ${body.slice(0, 30)}`, 422);
      }
    }
  });

  it("ids: anything that cannot be one is a 422 or a 404", async () => {
    const withIds = entries.filter((e) => e.pathParams.length > 0);
    expect(withIds.length).toBeGreaterThanOrEqual(8);
    const bad = ["\u0000", "a\u0000b", "../../../etc/passwd", "..", "x".repeat(5000), "%", "%00", "🙂", " ", "-1", "9".repeat(40), "null", "<script>", "' OR 1=1 --"];
    for (const entry of withIds) {
      const as = await userFor(entry);
      const body = exampleBody(entry.op);
      for (const id of bad) {
        const res = await send(entry, {
          as,
          params: pathParams(entry.op, id),
          ...(body !== undefined ? { body: JSON.stringify(body), type: "application/json" } : {}),
        });
        await expectHandled(res, `${entry.label} id=${JSON.stringify(id.slice(0, 20))}`);
        // A public operation authenticated by a signature (a webhook) refuses an unsigned call with 401 before
        // it looks at the id, so that caller learns nothing about which ids exist.
        const signed = (entry.op.auth ?? "required") === "none" && 401 in entry.op.responses;
        expect(signed ? [401, 404, 422] : [404, 422], `${entry.label} id=${JSON.stringify(id.slice(0, 20))}`).toContain(res.status);
      }
    }
  });

  it("queries: repeated, oversized, unknown or malformed parameters are never a 500", async () => {
    const queries = [
      "limit=-1",
      "limit=1e309",
      "limit=5&limit=6",
      "cursor=%FF%FE",
      "cursor=" + "A".repeat(5000),
      "after=abc",
      "after=" + "9".repeat(30),
      "status=done&kind=" + "k".repeat(5000),
      "status[]=queued",
      "%E0%A4%A=1",
      "unknown=1",
    ];
    for (const entry of entries.filter((e) => e.op.method === "GET")) {
      const as = await userFor(entry);
      for (const query of queries) {
        const res = await send(entry, { as, query, params: entry.pathParams.length ? pathParams(entry.op, "cunknown0000000000000000") : {} });
        await expectHandled(res, `${entry.label}?${query.slice(0, 30)}`, undefined, entry);
      }
    }
  });

  it("bodies sent to operations that take none are ignored or refused, never a 500", async () => {
    for (const entry of entries.filter((e) => !e.op.body && e.op.method !== "GET")) {
      const as = await userFor(entry);
      for (const [body, type] of [["{nope", "application/json"], ["x".repeat(2 * 1024 * 1024), "application/octet-stream"], ["a=b", "text/plain"]]) {
        await expectHandled(await send(entry, { as, body, type }), `${entry.label} ${type}`);
      }
    }
  });
});

describe("rate-limited operations", () => {
  it("answer 429 with Retry-After in the error shape once the window is full", async () => {
    const limited = entries.filter((e) => e.op.rateLimit);
    expect(limited.map((e) => e.label)).toEqual(expect.arrayContaining(["POST /api/v1/signup", "POST /api/v1/api-keys"]));
    const settings: Record<string, string> = {
      signup: "RATE_LIMIT_SIGNUP",
      "api_keys.create": "RATE_LIMIT_API_KEYS",
      "jobs.start.workspace": "RATE_LIMIT_UPLOADS_WORKSPACE",
      "jobs.start.key": "RATE_LIMIT_UPLOADS_KEY",
    };
    for (const [entry, bucket] of limited.flatMap((e) => [e.op.rateLimit!].flat().map((b) => [e, b] as const))) {
      expect(Object.keys(BUCKETS), entry.label).toContain(bucket);
      const setting = settings[bucket];
      expect(setting, `${entry.label}: add its bucket's setting to this test`).toBeDefined();
      vi.stubEnv(setting, "1/1h");
      resetEnvCache();
      const as = await userFor(entry);
      const first = await send(entry, { as, body: "{}", type: "application/json" });
      expect(first.status, entry.label).not.toBe(429);
      const second = await send(entry, { as, body: "{}", type: "application/json" });
      expect(second.status, entry.label).toBe(429);
      expect(Number(second.headers.get("retry-after")), entry.label).toBeGreaterThan(0);
      expect(await errorShapeProblems(second), entry.label).toEqual([]);
      expect((await second.json()).error.type).toBe("RateLimitError");
      vi.stubEnv(setting, "off");
      resetEnvCache();
    }
  });
});
