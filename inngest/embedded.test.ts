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
