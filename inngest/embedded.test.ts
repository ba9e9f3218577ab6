import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useTestDatabase } from "@/lib/db/testing";
import { resetEnvCache } from "@/lib/env";
import { embeddedState, startEmbeddedEngine } from "@/lib/engine/embedded";
import { engineHealth } from "@/lib/engine/health";
import { handleEngineApi } from "@/lib/engine/api/handle-engine-api";
import { canonicalJson, signBody } from "@/lib/engine/protocol/sign";
import { embeddedSigningKey } from "@/lib/engine/signing-key";
import { until } from "@/lib/engine/testing/harness";
import { inngest } from "./client";
import { selfTestRequested } from "./events";

const database = useTestDatabase();

let server: http.Server;
let url: string;
let dataDir: string;

/** Serves app/api/inngest/route.ts the way Next does: Request in, Response out. */
async function serveRoute(): Promise<void> {
  const route = await import("@/app/api/inngest/route");
  server = http.createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const method = (req.method ?? "GET") as "GET" | "POST" | "PUT";
    const request = new Request(`http://${req.headers.host}${req.url}`, {
      method,
      headers: req.headers as Record<string, string>,
      body: method === "GET" ? undefined : Buffer.concat(chunks),
    });
    const response = await (route[method] as (r: Request) => Promise<Response>)(request);
    res.writeHead(response.status, Object.fromEntries(response.headers));
    res.end(Buffer.from(await response.arrayBuffer()));
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/inngest`;
}

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "conveyor-embedded-"));
  await serveRoute();
  process.env.DATA_DIR = dataDir;
  process.env.ENGINE_SDK_URL = url;
  for (const k of ["INNGEST_DEV", "INNGEST_BASE_URL", "INNGEST_SIGNING_KEY", "INNGEST_EVENT_KEY", "ENGINE_MODE"]) delete process.env[k];
  resetEnvCache();
  await startEmbeddedEngine();
}, 60_000);

afterAll(async () => {
  await embeddedState().engine?.stop(2_000);
  server?.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe("the app's client in embedded mode", () => {
  it("syncs /api/inngest, takes events in-process and runs the app's functions", async () => {
    await until(async () => embeddedState().sync.ok, 30_000, "the embedded engine to sync the app");
    const { ids } = await inngest.send(selfTestRequested.create({ nonce: "n-1" }));
    expect(ids).toHaveLength(1);
    const run = await until(async () => {
      const [r] = await database().sql.query<{ status: string; output: unknown }>(
        `SELECT status, output FROM engine_runs WHERE function_id = 'conveyor-engine-self-test'`,
      );
      return r?.status === "completed" ? r : undefined;
    }, 20_000, "the self-test run");
    expect(run.output).toEqual({ ok: true, nonce: "n-1" });
  });

  it("runs the SDK in cloud mode: /api/inngest refuses unsigned calls", async () => {
    const res = await fetch(`${url}?fnId=conveyor-engine-self-test&stepId=step`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ event: { name: "x", data: {} }, events: [], steps: {}, ctx: { run_id: "r", attempt: 0 } }),
    });
    expect(res.status).toBe(401);
  });

  it("keeps the generated signing key private under DATA_DIR", () => {
    const file = path.join(dataDir, "engine", "signing-key");
    expect(fs.readFileSync(file, "utf8")).toMatch(/^signkey-prod-[0-9a-f]{64}\n$/);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
  });

  it("takes events over HTTP at /api/engine/e/{ENGINE_EVENT_KEY}, in Inngest's reply format", async () => {
    const route = await import("@/app/api/engine/e/[key]/route");
    const post = (key: string, body: unknown) =>
      route.POST(new Request(`http://app/api/engine/e/${key}`, { method: "POST", body: JSON.stringify(body) }), {
        params: Promise.resolve({ key }),
      });
    expect((await post("whatever", [])).status).toBe(404);
    process.env.ENGINE_EVENT_KEY = "k".repeat(32);
    resetEnvCache();
    try {
      expect((await post("wrong-key-wrong-key-wrong-key-00", [])).status).toBe(401);
      const ok = await post("k".repeat(32), [{ name: "conveyor/self-test.requested", data: { nonce: "http-1" } }]);
      expect(ok.status).toBe(200);
      const body = await ok.json();
      expect(body).toMatchObject({ status: 200 });
      expect(body.ids).toHaveLength(1);
      await until(async () => {
        const rows = await database().sql.query<{ output: { nonce: string } | null }>(
          `SELECT output FROM engine_runs WHERE function_id = 'conveyor-engine-self-test' AND status = 'completed'`,
        );
        return rows.some((r) => r.output?.nonce === "http-1");
      }, 20_000, "the run started over HTTP");
    } finally {
      delete process.env.ENGINE_EVENT_KEY;
      resetEnvCache();
    }
  });

  it("reports its health", async () => {
    const health = await engineHealth();
    expect(health.status).toBe("ok");
    expect(health.detail).toMatchObject({ mode: "embedded", queue_lag_seconds: 0 });
    expect(health.detail?.functions).toBeGreaterThanOrEqual(1);
    process.env.INNGEST_DEV = "1";
    resetEnvCache();
    try {
      expect((await engineHealth()).status).toBe("disabled");
    } finally {
      delete process.env.INNGEST_DEV;
      resetEnvCache();
    }
  });
});

/**
 * The engine's channel: a sync decides where every tenant's function calls (with their event data)
 * go and whose answers become step results. None of these may move it.
 */
describe("registration is bound to the configured serve URL", () => {
  const ATTACKER = "http://attacker.example:4444/api/inngest";
  const route = () => import("@/app/api/inngest/route");
  const registered = async () => {
    const apps = await database().sql.query<{ url: string }>(`SELECT url FROM engine_apps WHERE id = 'conveyor'`);
    const fns = await database().sql.query<{ url: string }>(`SELECT url FROM engine_functions WHERE app_id = 'conveyor'`);
    return { app: apps[0]?.url, functions: [...new Set(fns.map((f) => new URL(f.url).origin + new URL(f.url).pathname))] };
  };
  const expectUnmoved = async () => {
    const now = await registered();
    expect(now.app).toBe(url);
    expect(now.functions).toEqual([url]);
  };
  const runsSelfTest = async (nonce: string) => {
    await inngest.send(selfTestRequested.create({ nonce }));
    await until(async () => {
      const rows = await database().sql.query<{ output: { nonce: string } | null }>(
        `SELECT output FROM engine_runs WHERE function_id = 'conveyor-engine-self-test' AND status = 'completed'`,
      );
      return rows.some((r) => r.output?.nonce === nonce);
    }, 20_000, `the self-test run ${nonce}`);
  };
  /** What Next.js hands the route for a request whose Host header names the attacker. */
  const forged = (init: RequestInit) => new Request(ATTACKER, { method: "PUT", ...init });

  beforeAll(async () => {
    await until(async () => embeddedState().sync.ok, 30_000, "the embedded engine to sync the app");
  });

  it("refuses an unsigned PUT with a forged Host, and jobs keep running", async () => {
    const res = await (await route()).PUT(forged({}));
    expect(res.status).toBe(401);
    expect((await res.json()).error.type).toBe("UnauthorizedError");
    await expectUnmoved();
    await runsSelfTest("after-forged-host");
  });

  it("refuses an unsigned PUT to the right URL, and a stale signed one", async () => {
    expect((await (await route()).PUT(new Request(url, { method: "PUT" }))).status).toBe(401);
    const body = canonicalJson({ url: ATTACKER });
    const stale = signBody(body, embeddedSigningKey(), Date.now() - 10 * 60_000);
    const res = await (await route()).PUT(forged({ body, headers: { "x-inngest-signature": stale, "x-inngest-sync-kind": "in_band" } }));
    expect(res.status).toBe(401);
    await expectUnmoved();
  });

  it("a replayed signed sync under a forged Host still registers only the configured URL", async () => {
    const body = canonicalJson({ url: ATTACKER });
    const signature = signBody(body, embeddedSigningKey(), Date.now());
    // In band: the SDK answers with its functions; their URLs are the configured ones.
    const inBand = await (await route()).PUT(forged({ body, headers: { "x-inngest-signature": signature, "x-inngest-sync-kind": "in_band" } }));
    expect(inBand.status).toBe(200);
    const answer = (await inBand.json()) as { url: string; functions: { steps: Record<string, { runtime: { url: string } }> }[] };
    expect(answer.url.startsWith(url)).toBe(true);
    for (const fn of answer.functions) for (const s of Object.values(fn.steps)) expect(s.runtime.url.startsWith(url)).toBe(true);
    // Out of band, replayed twice: the SDK registers itself with the engine, at the pinned URL.
    for (let i = 0; i < 2; i++) {
      const outOfBand = await (await route()).PUT(forged({ body, headers: { "x-inngest-signature": signature } }));
      expect(outOfBand.status).toBe(200);
    }
    await expectUnmoved();
    await runsSelfTest("after-replay");
  });

  it("refuses a register call naming another URL, even in process", async () => {
    const body = {
      url: ATTACKER,
      appName: "conveyor",
      framework: "nextjs",
      functions: [
        {
          id: "conveyor-engine-self-test",
          name: "hijacked",
          triggers: [{ event: "conveyor/self-test.requested" }],
          steps: { step: { id: "step", name: "step", runtime: { type: "http", url: `${ATTACKER}?fnId=conveyor-engine-self-test&stepId=step` } } },
        },
      ],
    };
    const register = (payload: unknown) =>
      handleEngineApi(new Request("http://engine.conveyor.invalid/fn/register", { method: "POST", body: JSON.stringify(payload) }), { trusted: true });
    const res = await register(body);
    expect(res.status).toBe(400);
    expect((await res.json()).error).toMatch(/refused/);
    // The app URL right but a function's runtime URL elsewhere: refused as well.
    const sneaky = await register({ ...body, url });
    expect(sneaky.status).toBe(400);
    await expectUnmoved();
    await runsSelfTest("after-register");
  });
});
