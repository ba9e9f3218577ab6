/**
 * Durable endpoints with the real SDK (`inngest.endpoint()` from inngest 4.x, cloud mode: every
 * call signed) against the engine's HTTP API as the standalone engine serves it (untrusted: the
 * SDK authenticates with the signing key). Each test checks what the endpoint's caller gets, what
 * the engine stored and that every step ran exactly as often as it should.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { Inngest } from "inngest";
import { endpointAdapter } from "inngest/node";
import { NonRetriableError, step } from "inngest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDatabase, type Sql } from "@/lib/db";
import { useTestDatabase } from "@/lib/db/testing";
import { serveEngineApi } from "../api/serve-http";
import { VirtualClock } from "../clock";
import { Engine } from "../engine";
import { hashedSigningKey } from "../signing-key";
import { TEST_SIGNING_KEY } from "../testing/sdk-app";
import { until } from "../testing/harness";
import { createRunToken, verifyRunToken } from "./tokens";

useTestDatabase();

let sql: Sql;
let clock: VirtualClock;
let engine: Engine;
let api: { url: string; close(): Promise<void> };
let server: http.Server;
let origin: string;
const ran: Record<string, number> = {};
const hit = (key: string) => (ran[key] = (ran[key] ?? 0) + 1);
const routes = new Map<string, (req: Request) => Promise<Response>>();
const auth = { Authorization: `Bearer ${hashedSigningKey(TEST_SIGNING_KEY)}` };

type RunRow = { id: string; status: string; output: unknown; error: { message: string } | null; function_id: string; retry_at: Date | null };
const runOf = async (id: string) => (await sql.query<RunRow>(`SELECT * FROM engine_runs WHERE id = $1`, [id]))[0];
const latestRun = async (path: string) =>
  (await sql.query<RunRow>(`SELECT * FROM engine_runs WHERE function_id = $1 ORDER BY created_at DESC, id DESC LIMIT 1`, [`${origin} GET ${path}`]))[0];

beforeAll(async () => {
  ({ sql } = await getDatabase());
  clock = new VirtualClock();
  // The endpoint server first: the engine is told which origin it may call.
  let handler: (req: Request) => Promise<Response> = async () => new Response("not ready", { status: 503 });
  const { serveEndpoint } = await import("inngest/node");
  server = http.createServer((req, res) => void serveEndpoint((r) => handler(r))(req, res));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  engine = new Engine({
    sql,
    clock,
    kind: "test",
    signingKey: TEST_SIGNING_KEY,
    appUrls: [`${origin}/api/inngest`],
    random: () => 0,
    config: { pollMs: 50, retryIntervalMs: 1_000 },
  });
  api = await serveEngineApi({ port: 0, host: "127.0.0.1", trusted: false, ctx: engine.ctx });
  await engine.start();
  const client = new Inngest({
    id: "endpoints-test",
    isDev: false,
    signingKey: TEST_SIGNING_KEY,
    baseUrl: `${api.url}/`,
    endpointAdapter,
    logger: { info() {}, warn() {}, error() {}, debug() {} },
  });
  const endpoint = client.endpoint(async (req: Request) => {
    const route = routes.get(new URL(req.url).pathname);
    return route ? route(req) : new Response("no route", { status: 404 });
  });
  handler = endpoint as unknown as (req: Request) => Promise<Response>;

  routes.set("/sync", async () => {
    const a = await step.run("a", () => (hit("sync:a"), 20));
    const b = await step.run("b", () => (hit("sync:b"), a + 1));
    return Response.json({ b }, { status: 201, headers: { "X-Answer": String(b) } });
  });
  // Returning a plain value works at runtime (the SDK wraps it as JSON), though the types want a Response.
  routes.set("/nap", (async () => {
    const a = await step.run("a", () => (hit("nap:a"), "hello"));
    await step.sleep("zz", "1h");
    const b = await step.run("b", () => (hit("nap:b"), "world"));
    return `${a} ${b}`;
  }) as unknown as (req: Request) => Promise<Response>);
  routes.set("/fatal", async () => {
    await step.run("a", () => hit("fatal:a"));
    await step.run("b", () => {
      hit("fatal:b");
      throw new NonRetriableError("unusable input");
    });
    return Response.json("unreachable");
  });
  routes.set("/flaky", async () => {
    await step.run("a", () => hit("flaky:a"));
    await step.run("b", () => {
      if (hit("flaky:b") === 1) throw new Error("first try fails");
    });
    return Response.json("recovered", { status: 202 });
  });
}, 60_000);

afterAll(async () => {
  await engine?.stop(2_000);
  await api?.close();
  server?.closeAllConnections();
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
});

describe("durable endpoints", () => {
  it("runs an endpoint's steps in its request and records the run with the endpoint's response", async () => {
    const res = await fetch(`${origin}/sync?x=1`);
    expect(res.status).toBe(201);
    expect(res.headers.get("x-answer")).toBe("21");
    expect(await res.json()).toEqual({ b: 21 });
    const run = await until(async () => {
      const r = await latestRun("/sync");
      return r?.status === "completed" ? r : undefined;
    });
    // The SDK hands a returned Response to the caller as is and checkpoints `null` as the result
    // (its body can be read once): the run records what the SDK reported.
    expect(run.output).toMatchObject({ status: 200, body: "null" });
    const steps = await sql.query<{ name: string; output: unknown }>(`SELECT name, output FROM engine_steps WHERE run_id = $1 ORDER BY seq`, [run.id]);
    expect(steps).toEqual([{ name: "a", output: { data: 20 } }, { name: "b", output: { data: 21 } }]);
    expect([ran["sync:a"], ran["sync:b"]]).toEqual([1, 1]);
    const [event] = await sql.query<{ name: string }>(`SELECT e.name FROM engine_events e JOIN engine_runs r ON r.event_id = e.internal_id WHERE r.id = $1`, [run.id]);
    expect(event.name).toBe("inngest/http.request");
  });

  it("goes async at a sleep: redirects to the output, re-enters the endpoint after it and answers there", async () => {
    const res = await fetch(`${origin}/nap`, { redirect: "manual" });
    expect(res.status).toBe(302);
    const location = new URL(res.headers.get("location")!);
    expect(location.origin + location.pathname).toMatch(new RegExp(`^${api.url}/v1/http/runs/[0-9A-Z]{26}/output$`));
    const runId = location.pathname.split("/")[4];
    // The caller waits at the redirect target while the run sleeps.
    const output = fetch(location);
    await until(async () => (await sql.query(`SELECT 1 FROM engine_steps WHERE run_id = $1 AND status = 'sleeping'`, [runId])).length > 0);
    expect(ran["nap:b"]).toBeUndefined();
    clock.advance(3_600_000);
    await engine.maintain();
    const answer = await output;
    expect(answer.status).toBe(200);
    expect(await answer.json()).toBe("hello world");
    expect((await runOf(runId)).status).toBe("completed");
    expect([ran["nap:a"], ran["nap:b"]]).toEqual([1, 1]);
  });

  it("retries a failing step outside the request, without repeating the steps before it", async () => {
    const res = await fetch(`${origin}/flaky`, { redirect: "manual" });
    expect(res.status).toBe(302);
    const runId = new URL(res.headers.get("location")!).pathname.split("/")[4];
    const pending = await until(async () => {
      const r = await runOf(runId);
      return r?.retry_at ? r : undefined;
    });
    expect(pending.status).toBe("running");
    clock.advance(1_000);
    await engine.maintain();
    const run = await until(async () => {
      const r = await runOf(runId);
      return r?.status === "completed" ? r : undefined;
    });
    // Re-entered, the SDK reports a returned Response as its body text wrapped in a JSON response
    // (inngest-js: "the output is double-encoded"); the redirect target serves exactly that.
    expect(run.output).toMatchObject({ status: 200, body: JSON.stringify('"recovered"') });
    expect([ran["flaky:a"], ran["flaky:b"]]).toEqual([1, 2]);
    const [b] = await sql.query<{ status: string; errors: unknown[] }>(`SELECT status, errors FROM engine_steps WHERE run_id = $1 AND name = 'b'`, [runId]);
    expect(b.status).toBe("completed");
    expect(b.errors).toHaveLength(1);
  });

  it("fails the run when a step fails for good; the redirect target then answers with the error", async () => {
    const res = await fetch(`${origin}/fatal`, { redirect: "manual" });
    expect(res.status).toBe(302);
    const location = res.headers.get("location")!;
    const runId = new URL(location).pathname.split("/")[4];
    const run = await until(async () => {
      const r = await runOf(runId);
      return r?.status === "failed" ? r : undefined;
    });
    expect(run.error?.message).toContain("unusable input");
    const answer = await fetch(location);
    expect(answer.status).toBe(200);
    expect(((await answer.json()) as { error: { message: string } }).error.message).toContain("unusable input");
    expect([ran["fatal:a"], ran["fatal:b"]]).toEqual([1, 1]);
  });
});

describe("the endpoints' access", () => {
  const newRun = (domain: string, runId = "01JAAAAAAAAAAAAAAAAAAAAAAA") =>
    JSON.stringify({
      run_id: runId,
      event: { name: "inngest/http.request", data: { domain, method: "GET", path: "/x", fn: "", body: "" } },
      steps: [{ op: "StepRun", id: "a".repeat(40), data: 1 }],
      request_version: 2,
      retries: 0,
    });

  it("needs the signing key to checkpoint or publish, as every SDK call", async () => {
    for (const [path, body] of [
      ["/v1/checkpoint", newRun(origin)],
      ["/v1/checkpoint/01JAAAAAAAAAAAAAAAAAAAAAAA/steps", "{}"],
      ["/v1/http/runs/01JAAAAAAAAAAAAAAAAAAAAAAA/steps", "{}"],
      ["/v1/realtime/publish/tee?channel=x", "data"],
    ]) {
      const res = await fetch(`${api.url}${path}`, { method: "POST", body });
      expect(res.status, path).toBe(401);
      const wrong = await fetch(`${api.url}${path}`, { method: "POST", body, headers: { Authorization: "Bearer signkey-test-00" } });
      expect(wrong.status, path).toBe(401);
    }
    expect(await sql.query(`SELECT 1 FROM engine_runs WHERE id = '01JAAAAAAAAAAAAAAAAAAAAAAA'`)).toHaveLength(0);
  });

  it("refuses a run naming an origin the engine is not configured to call", async () => {
    const res = await fetch(`${api.url}/v1/checkpoint`, { method: "POST", body: newRun("http://169.254.169.254"), headers: auth });
    expect(res.status).toBe(403);
    expect(await sql.query(`SELECT 1 FROM engine_functions WHERE app_id = 'http://169.254.169.254'`)).toHaveLength(0);
  });

  it("answers bad checkpoints with a 4xx and a duplicate run with 409", async () => {
    const bad = await fetch(`${api.url}/v1/checkpoint`, { method: "POST", body: JSON.stringify({ run_id: "nope" }), headers: auth });
    expect(bad.status).toBe(400);
    const body = newRun(origin, "01JBBBBBBBBBBBBBBBBBBBBBBB");
    const first = await fetch(`${api.url}/v1/checkpoint`, { method: "POST", body, headers: auth });
    expect(first.status).toBe(200);
    const { data } = (await first.json()) as { data: { run_id: string; token: string; realtime_token: string; fn_id: string } };
    expect(data.run_id).toBe("01JBBBBBBBBBBBBBBBBBBBBBBB");
    expect(data.fn_id).toMatch(/^[0-9a-f-]{36}$/);
    expect(verifyRunToken(engine.ctx, data.token, "output", clock.now())?.runId).toBe(data.run_id);
    const again = await fetch(`${api.url}/v1/checkpoint`, { method: "POST", body, headers: auth });
    expect(again.status).toBe(409);
    const unknown = await fetch(`${api.url}/v1/checkpoint/01JCCCCCCCCCCCCCCCCCCCCCCC/steps`, { method: "POST", body: '{"steps":[]}', headers: auth });
    expect(unknown.status).toBe(404);
  });

  it("fails an endpoint run whose request goes silent for ENGINE_REQUEST_TIMEOUT, counted from its last checkpoint", async () => {
    const runId = "01JDDDDDDDDDDDDDDDDDDDDDDD";
    expect((await fetch(`${api.url}/v1/checkpoint`, { method: "POST", body: newRun(origin, runId), headers: auth })).status).toBe(200);
    const limit = engine.ctx.config.requestTimeoutMs;
    clock.advance(limit - 60_000);
    // A checkpoint just before the limit is a sign of life: the timer starts over.
    const steps = JSON.stringify({ run_id: runId, steps: [{ op: "StepRun", id: "b".repeat(40), data: 2 }] });
    expect((await fetch(`${api.url}/v1/checkpoint/${runId}/steps`, { method: "POST", body: steps, headers: auth })).status).toBe(200);
    clock.advance(120_000);
    await engine.maintain();
    await new Promise((r) => setTimeout(r, 300));
    expect((await runOf(runId)).status).toBe("running");
    clock.advance(limit);
    await engine.maintain();
    const run = await until(async () => {
      const r = await runOf(runId);
      return r.status === "failed" ? r : undefined;
    });
    expect(run.error?.message).toMatch(/reported nothing/);
    expect(await sql.query(`SELECT 1 FROM engine_queue WHERE run_id = $1`, [runId])).toHaveLength(0);
  });

  it("leaves alone an endpoint run the engine has taken over, however long it sleeps", async () => {
    const res = await fetch(`${origin}/nap`, { redirect: "manual" });
    const runId = new URL(res.headers.get("location")!).pathname.split("/")[4];
    await until(async () => (await sql.query(`SELECT 1 FROM engine_steps WHERE run_id = $1 AND status = 'sleeping'`, [runId])).length > 0);
    // The sleep is pushed past the endpoint timer, so the timer fires first, on a run that waits.
    await sql.query(`UPDATE engine_queue SET available_at = available_at + interval '10 hours' WHERE run_id = $1 AND kind = 'sleep'`, [runId]);
    clock.advance(engine.ctx.config.requestTimeoutMs + 60_000);
    await engine.maintain();
    await until(async () => (await sql.query(`SELECT 1 FROM engine_queue WHERE run_id = $1 AND kind = 'endpoint_timeout'`, [runId])).length === 0);
    expect((await runOf(runId)).status).toBe("running");
    clock.advance(10 * 3_600_000);
    await engine.maintain();
    await until(async () => ((await runOf(runId)).status === "completed" ? true : undefined));
  });

  it("reads a run's output only with that run's output token", async () => {
    const runId = "01JBBBBBBBBBBBBBBBBBBBBBBB";
    const now = clock.now();
    const tokens = [
      null,
      "garbage",
      createRunToken(engine.ctx, "01JDDDDDDDDDDDDDDDDDDDDDDD", "output", now),
      createRunToken(engine.ctx, runId, "stream", now),
      createRunToken({ signingKey: "signkey-test-ffff" }, runId, "output", now),
      createRunToken(engine.ctx, runId, "output", now - 25 * 3_600_000),
    ];
    for (const token of tokens) {
      const res = await fetch(`${api.url}/v1/http/runs/${runId}/output${token ? `?token=${token}` : ""}`);
      expect(res.status).toBe(401);
    }
  });

  it("relays a run's stream to a subscriber holding its stream token", async () => {
    const runId = "01JEEEEEEEEEEEEEEEEEEEEEEE";
    const denied = await fetch(`${api.url}/v1/realtime/sse?token=${createRunToken(engine.ctx, runId, "output", clock.now())}`);
    expect(denied.status).toBe(401);
    const res = await fetch(`${api.url}/v1/realtime/sse?token=${createRunToken(engine.ctx, runId, "stream", clock.now())}`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/event-stream");
    const reader = res.body!.getReader();
    const chunk = 'event: inngest.stream\ndata: {"data":"hi"}\n\n';
    const published = await fetch(`${api.url}/v1/realtime/publish/tee?channel=${runId}`, { method: "POST", body: chunk, headers: auth });
    expect(published.status).toBe(200);
    const other = await fetch(`${api.url}/v1/realtime/publish/tee?channel=01JFFFFFFFFFFFFFFFFFFFFFFF`, { method: "POST", body: "not for us", headers: auth });
    expect(other.status).toBe(200);
    const { value } = await reader.read();
    expect(new TextDecoder().decode(value)).toBe(chunk);
    await reader.cancel();
  });

  it("takes at most 1 MB of stream per request", async () => {
    const res = await fetch(`${api.url}/v1/realtime/publish/tee?channel=01JGGGGGGGGGGGGGGGGGGGGGGG`, {
      method: "POST",
      body: "x".repeat(1024 * 1024 + 1),
      headers: auth,
    });
    expect(res.status).toBe(413);
  });
});

describe("run tokens", () => {
  it("are bound to a run, a kind, the signing key and a lifetime", () => {
    const ctx = { signingKey: TEST_SIGNING_KEY };
    const now = Date.UTC(2030, 0, 1);
    const token = createRunToken(ctx, "run-1", "stream", now);
    expect(verifyRunToken(ctx, token, "stream", now)).toMatchObject({ runId: "run-1", kind: "stream" });
    expect(verifyRunToken(ctx, token, "output", now)).toBeNull();
    expect(verifyRunToken(ctx, token, "stream", now + 16 * 60_000 + 1)).toBeNull();
    expect(verifyRunToken({ signingKey: `signkey-test-${"cd".repeat(32)}` }, token, "stream", now)).toBeNull();
    const [h, p, s] = token.split(".");
    const forged = Buffer.from(JSON.stringify({ sub: "run-2", knd: "stream", exp: 9e9 })).toString("base64url");
    expect(verifyRunToken(ctx, `${h}.${forged}.${s}`, "stream", now)).toBeNull();
    expect(verifyRunToken(ctx, `${h}.${p}.${s}x`, "stream", now)).toBeNull();
  });
});
