/**
 * Crash test: several worker processes work hundreds of multi-step runs (a chain of steps, then a
 * parallel group) while being SIGKILLed at
 * random and restarted. Every run must complete with the right output, and no step may start
 * executing after its result was memoized (memoized steps never run again). Re-executions of
 * steps interrupted mid-run (at-least-once) are counted and reported.
 *
 * Sizes: CRASH_RUNS (200), CRASH_STEPS (5), CRASH_WORKERS (3), CRASH_KILL_EVERY_MS (700),
 * CRASH_MIN_UPTIME_MS (500: how long a worker works after starting before it may be killed).
 * PostgreSQL only: PGlite allows one process per database.
 */
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/lib/db/testing";
import { serveEngineApi } from "./api/serve-http";
import { Engine } from "./engine";
import { TEST_SIGNING_KEY } from "./testing/sdk-app";
import { GROUP } from "./testing/crash-group";
import { until } from "./testing/harness";

const RUNS = Number(process.env.CRASH_RUNS ?? 200);
const STEPS = Number(process.env.CRASH_STEPS ?? 5);
const WORKERS = Number(process.env.CRASH_WORKERS ?? 3);
const KILL_EVERY_MS = Number(process.env.CRASH_KILL_EVERY_MS ?? 700);
const MIN_UPTIME_MS = Number(process.env.CRASH_MIN_UPTIME_MS ?? 500);
const onPostgres = Boolean(process.env.TEST_DATABASE_URL);

const root = path.resolve(__dirname, "../..");
// node with tsx's loader (not the tsx wrapper): signals, SIGKILL included, reach the real process.
const node = (args: string[]) => [process.execPath, ["--import", "tsx", ...args]] as const;
let database: TestDatabase;
let app: ChildProcess;
let logFile: string;
let appUrl: string;
let api: { url: string; close(): Promise<void> } | undefined;
const workers = new Map<ChildProcess, number>();

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = net.createServer().listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

function startWorker(): ChildProcess {
  const child = spawn(...node(["lib/engine/cli/worker.ts"]), {
    cwd: root,
    stdio: process.env.CRASH_DEBUG ? "inherit" : "ignore",
    env: {
      ...process.env,
      DATABASE_URL: database.url,
      DATABASE_POOL_SIZE: "4",
      INNGEST_SIGNING_KEY: TEST_SIGNING_KEY,
      ENGINE_LEASE: "2s",
      ENGINE_CONCURRENCY: "8",
      ENGINE_SHUTDOWN_TIMEOUT: "2s",
      LOG_LEVEL: process.env.CRASH_DEBUG ? "info" : "silent",
      NODE_ENV: "production",
    },
  });
  workers.set(child, 0); // set to the time it was seen ready
  child.once("exit", () => workers.delete(child));
  return child;
}

describe.skipIf(!onPostgres)("crash safety (PostgreSQL; PGlite allows a single process, so this runs with TEST_DATABASE_URL)", () => {
  beforeAll(async () => {
    database = await createTestDatabase();
    logFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "conveyor-crash-")), "executions.jsonl");
    fs.writeFileSync(logFile, "");
    const port = await freePort();
    appUrl = `http://127.0.0.1:${port}/api/inngest`;
    const engine = new Engine({ sql: database.sql, kind: "test", signingKey: TEST_SIGNING_KEY, appUrls: [appUrl] });
    // The Inngest server API the app's SDK checkpoints to (a web process serves it in production):
    // each step is memoized there, fenced by the lease of the worker whose call runs it.
    api = await serveEngineApi({ port: 0, host: "127.0.0.1", trusted: false, ctx: engine.ctx });
    app = spawn(...node(["lib/engine/testing/crash-app.ts", String(port), logFile, String(STEPS)]), {
      cwd: root,
      stdio: "ignore",
      env: { ...process.env, INNGEST_BASE_URL: api.url },
    });
    await until(() => engine.sync(appUrl).then(() => true).catch(() => false), 60_000, "the crash app");
    await engine.send(Array.from({ length: RUNS }, (_, k) => ({ name: "crash/chain", data: { k } })));
  }, 120_000);

  afterAll(async () => {
    for (const w of workers.keys()) w.kill("SIGKILL");
    app?.kill("SIGKILL");
    await api?.close();
    await database?.close();
  });

  it(`completes ${RUNS} runs of ${STEPS} steps and a parallel group while workers are SIGKILLed, never re-running a memoized step`, async () => {
    for (let i = 0; i < WORKERS; i++) startWorker();
    const started = Date.now();
    let kills = 0;
    const done = async () => {
      const [row] = await database.sql.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM engine_runs WHERE status IN ('completed', 'failed', 'cancelled')`,
      );
      return row.n >= RUNS;
    };
    while (!(await done())) {
      if (Date.now() - started > 150_000) {
        const counts = await database.sql.query(`SELECT status, count(*)::int AS n FROM engine_runs GROUP BY status`);
        throw new Error(`runs did not complete in time: ${JSON.stringify(counts)}, ${kills} kills`);
      }
      await new Promise((r) => setTimeout(r, KILL_EVERY_MS * (0.5 + Math.random())));
      if (await done()) break;
      // Only workers that are up (registered themselves) and had a moment to claim work are worth killing.
      const ready = new Set(
        (await database.sql.query<{ id: string }>(`SELECT id FROM engine_workers`)).map((r) => Number(r.id.split("-")[1])),
      );
      for (const [w, at] of workers) if (at === 0 && w.pid && ready.has(w.pid)) workers.set(w, Date.now());
      const up = [...workers].filter(([, at]) => at > 0);
      const victims = up.filter(([, at]) => Date.now() - at > MIN_UPTIME_MS).map(([w]) => w);
      // Keep one worker up, so killing (not starting processes) is what the test measures.
      const victim = up.length >= 2 ? victims[Math.floor(Math.random() * victims.length)] : undefined;
      if (victim) {
        victim.kill("SIGKILL");
        kills++;
        startWorker();
      }
    }
    const seconds = (Date.now() - started) / 1000;

    const runs = await database.sql.query<{ id: string; status: string; output: string[]; event: { data: { k: number } } }>(
      `SELECT id, status, output, event FROM engine_runs`,
    );
    expect(runs).toHaveLength(RUNS);
    for (const run of runs) {
      expect(run.status).toBe("completed");
      expect(run.output).toEqual([
        ...Array.from({ length: STEPS }, (_, i) => `${i}:${run.event.data.k}`),
        ...GROUP.map((id) => `${id}:${run.event.data.k}`),
      ]);
    }

    const memoized = new Map<string, number>();
    const steps = await database.sql.query<{ run_id: string; name: string; memoized_at: Date }>(
      `SELECT run_id, name, memoized_at FROM engine_steps`,
    );
    for (const s of steps) memoized.set(`${s.run_id}/${s.name}`, new Date(s.memoized_at).getTime());
    expect(memoized.size).toBe(RUNS * (STEPS + GROUP.length));

    const executions = fs
      .readFileSync(logFile, "utf8")
      .split("\n")
      .filter(Boolean)
      .map((line) => JSON.parse(line) as { run: string; step: string; at: number });
    const late = executions.filter((e) => e.at > (memoized.get(`${e.run}/${e.step}`) ?? Infinity));
    expect(late).toEqual([]);
    const reexecuted = executions.length - memoized.size;
    console.log(
      `crash test: ${RUNS} runs x (${STEPS} steps + a group of ${GROUP.length}), ${kills} SIGKILLs, ${seconds.toFixed(1)} s, ` +
        `${executions.length} step executions, ${reexecuted} at-least-once re-executions, 0 after memoization`,
    );
  }, 200_000);
});
