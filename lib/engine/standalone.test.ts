import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/lib/db/testing";
import { until } from "./testing/harness";

const root = path.resolve(__dirname, "../..");
// node with tsx's loader (not the tsx wrapper): signals, SIGKILL included, reach the real process.
const node = (args: string[]) => [process.execPath, ["--import", "tsx", ...args]] as const;
const children: ChildProcess[] = [];
let database: TestDatabase | undefined;
let dataDir: string;
let enginePort: number;
let appPort: number;

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = net.createServer().listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

function start(args: string[], env: Record<string, string | undefined>): ChildProcess {
  const child = spawn(...node(args), { cwd: root, env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stdout?.on("data", (d) => (output += d));
  child.stderr?.on("data", (d) => (output += d));
  child.on("exit", (code) => {
    if (code && code !== 0 && code !== 143) console.error(`child ${args.join(" ")} exited ${code}:\n${output.slice(-3000)}`);
  });
  children.push(child);
  return child;
}

async function http(method: string, url: string, body?: unknown): Promise<unknown> {
  const res = await fetch(url, { method, body: body === undefined ? undefined : JSON.stringify(body) });
  return res.json();
}

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "conveyor-standalone-"));
  // PostgreSQL when tests run on it; else the standalone engine keeps PGlite in its own DATA_DIR.
  if (process.env.TEST_DATABASE_URL) database = await createTestDatabase();
  [enginePort, appPort] = [await freePort(), await freePort()];
  const base = `http://127.0.0.1:${enginePort}`;
  start(["lib/engine/cli/engine.ts", "--port", String(enginePort), "--sdk-url", `http://127.0.0.1:${appPort}/api/inngest`], {
    DATA_DIR: dataDir,
    DATABASE_URL: database?.url,
    LOG_LEVEL: "warn",
    INNGEST_DEV: undefined,
    INNGEST_BASE_URL: undefined,
    INNGEST_SIGNING_KEY: undefined,
  });
  start(["lib/engine/testing/tiny-app.ts", String(appPort)], {
    INNGEST_DEV: "1",
    INNGEST_BASE_URL: base,
    INNGEST_SIGNING_KEY: undefined,
    INNGEST_EVENT_KEY: undefined,
  });
  await until(async () => fetch(`${base}/health`).then((r) => r.ok).catch(() => false), 90_000, "the standalone engine");
  await until(async () => fetch(`http://127.0.0.1:${appPort}/results`).then((r) => r.ok).catch(() => false), 60_000, "the tiny app");
}, 180_000);

afterAll(async () => {
  for (const c of children) c.kill("SIGTERM");
  await Promise.all(children.map((c) => new Promise((r) => (c.exitCode !== null ? r(null) : c.once("exit", r)))));
  await database?.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
}, 60_000);

describe("standalone engine", () => {
  it("runs a foreign Inngest app's function (INNGEST_DEV=1, INNGEST_BASE_URL=engine): steps, sleep, waitForEvent", async () => {
    const app = `http://127.0.0.1:${appPort}`;
    // The engine syncs the app in the background; sending before that would find no function.
    await until(async () => {
      const probe = (await http("POST", `${app}/send`, { name: "tiny/hello", data: { id: "probe", name: "probe" } })) as { ids: string[] };
      return probe.ids.length === 1;
    }, 30_000);
    const sent = (await http("POST", `${app}/send`, { name: "tiny/hello", data: { id: "r1", name: "world" } })) as { ids: string[] };
    expect(sent.ids).toHaveLength(1);
    // Acknowledge after the 1 s sleep; the match on data.id picks our run.
    await new Promise((r) => setTimeout(r, 1_500));
    await until(async () => {
      await http("POST", `${app}/send`, { name: "tiny/ack", data: { id: "r1", by: "tester" } });
      const results = (await http("GET", `${app}/results`)) as Record<string, unknown>;
      return results.r1;
    }, 30_000, "the run to finish");
    const results = (await http("GET", `${app}/results`)) as Record<string, unknown>;
    expect(results.r1).toEqual({ greeting: "hello world", acked: "tester" });
  }, 90_000);

  it("without --dev, refuses to register an app at a URL it was not started with", async () => {
    const res = await fetch(`http://127.0.0.1:${enginePort}/fn/register`, {
      method: "POST",
      body: JSON.stringify({ url: "http://127.0.0.1:1/api/inngest", appName: "intruder", functions: [] }),
    });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: string }).error).toMatch(/refused/);
  });
});
