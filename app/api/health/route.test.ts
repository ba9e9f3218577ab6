import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { setDatabase } from "@/lib/db";
import { useTestDatabase } from "@/lib/db/testing";
import { engineHealth, type EngineHealth } from "@/lib/engine/health";
import { LocalDiskStorage, setStorage, type Storage } from "@/lib/storage";
import { GET } from "./route";

vi.mock("@/lib/engine/health", () => ({ engineHealth: vi.fn() }));

const database = useTestDatabase();
let root: string;

beforeAll(async () => {
  root = await fs.mkdtemp(path.join(os.tmpdir(), "conveyor-health-"));
});
beforeEach(() => {
  setStorage(new LocalDiskStorage(root));
  setDatabase(database());
  vi.mocked(engineHealth).mockResolvedValue({ status: "ok", detail: { queue_depth: 3 } });
});
afterAll(async () => {
  setStorage(undefined);
  await fs.rm(root, { recursive: true, force: true });
});

const check = async () => {
  const res = await GET(new Request("http://localhost/api/health"));
  return { status: res.status, body: await res.json(), text: res.headers.get("cache-control") };
};

describe("GET /api/health", () => {
  it("answers 200 ok with every check, and leaves no probe file behind", async () => {
    const { status, body, text } = await check();
    expect(status).toBe(200);
    expect(text).toBe("no-store");
    expect(body).toEqual({
      status: "ok",
      checks: {
        database: { status: "ok", latency_ms: expect.any(Number) },
        storage: { status: "ok", latency_ms: expect.any(Number) },
        engine: { status: "ok", queue_depth: 3 },
        // The contracts aggregation, switched off here (no CONTRACTS_REGION_IDS).
        pipelines: { contracts: expect.objectContaining({ status: "off" }) },
      },
    });
    const left = (await fs.readdir(root, { recursive: true, withFileTypes: true })).filter((d) => d.isFile());
    expect(left).toEqual([]);
  });

  it("counts a disabled engine (Inngest Cloud) as healthy and a degraded one as degraded", async () => {
    vi.mocked(engineHealth).mockResolvedValue({ status: "disabled" });
    expect(await check()).toMatchObject({ status: 200, body: { status: "ok", checks: { engine: { status: "disabled" } } } });
    vi.mocked(engineHealth).mockResolvedValue({ status: "degraded", detail: { lag_ms: 9000 } });
    expect(await check()).toMatchObject({ status: 200, body: { status: "degraded" } });
  });

  it.each<[string, EngineHealth | Error]>([
    ["down", { status: "down" }],
    ["throwing", new Error("connect ECONNREFUSED 10.0.0.7:8288")],
  ])("answers 503 when the engine is %s", async (_name, engine) => {
    if (engine instanceof Error) vi.mocked(engineHealth).mockRejectedValue(engine);
    else vi.mocked(engineHealth).mockResolvedValue(engine);
    const { status, body } = await check();
    expect(status).toBe(503);
    expect(body).toMatchObject({ status: "down", checks: { engine: { status: "down" }, database: { status: "ok" } } });
    expect(body.checks.engine.problems).toEqual(["other"]);
    expect(JSON.stringify(body)).not.toContain("10.0.0.7");
  });

  it("answers 503 when storage fails, revealing no detail", async () => {
    const broken: Storage = {
      put: async () => {
        throw new Error("EACCES: permission denied, open '/srv/secret-volume/x'");
      },
      get: async () => {
        throw new Error("nope");
      },
      delete: async () => {},
      exists: async () => false,
    };
    setStorage(broken);
    const { status, body } = await check();
    expect(status).toBe(503);
    expect(body.checks.storage.status).toBe("down");
    expect(body.checks.database.status).toBe("ok");
    expect(JSON.stringify(body)).not.toMatch(/EACCES|secret-volume/);
  });

  it("answers 503 when the database fails", async () => {
    const real = database();
    setDatabase({ ...real, sql: { ...real.sql, query: async () => Promise.reject(new Error("password authentication failed for user app")) } });
    const { status, body } = await check();
    expect(status).toBe(503);
    expect(body).toMatchObject({ status: "down", checks: { database: { status: "down" }, storage: { status: "ok" } } });
    expect(JSON.stringify(body)).not.toContain("password");
  });

  it("passes only the mode and numeric and boolean engine details", async () => {
    vi.mocked(engineHealth).mockResolvedValue({
      status: "degraded",
      detail: { mode: "embedded", queue_ready: 1, worker: false, reason: "x", problems: ["sync failing: http://internal:8288"], last_sync: "2026-01-01" },
    });
    expect((await check()).body.checks.engine).toEqual({
      status: "degraded",
      mode: "embedded",
      queue_ready: 1,
      worker: false,
      problems: ["sync_failing"],
    });
  });

  it("names what is wrong with the engine by code, never in its own words", async () => {
    vi.mocked(engineHealth).mockResolvedValue({
      status: "degraded",
      detail: {
        mode: "embedded",
        problems: ["app not synced yet", "sync error: app-1: fetch failed http://10.1.2.3:3000/api/inngest", "work is due but no worker is running", "due work has waited 75 s", "weird thing"],
      },
    });
    const degraded = await check();
    expect(degraded.status).toBe(200);
    expect(degraded.body.checks.engine.problems).toEqual(["not_synced", "sync_error", "no_worker", "queue_lag", "other"]);
    expect(JSON.stringify(degraded.body)).not.toContain("10.1.2.3");
    vi.mocked(engineHealth).mockResolvedValue({ status: "down", detail: { mode: "embedded", reason: "database: connect ECONNREFUSED 10.9.9.9:5432" } });
    const down = await check();
    expect(down.status).toBe(503);
    expect(down.body.checks.engine).toEqual({ status: "down", mode: "embedded", problems: ["database_unreachable"] });
    expect(JSON.stringify(down.body)).not.toContain("10.9.9.9");
    vi.mocked(engineHealth).mockResolvedValue({ status: "down", detail: { mode: "embedded", reason: "the embedded engine has not started" } });
    expect((await check()).body.checks.engine.problems).toEqual(["not_started"]);
    vi.mocked(engineHealth).mockResolvedValue({ status: "ok", detail: { mode: "embedded", queue_ready: 0 } });
    expect((await check()).body.checks.engine).not.toHaveProperty("problems");
  });
});
