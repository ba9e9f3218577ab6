/**
 * One production server (`next start` of the build in NEXT_DIST_DIR) on a fresh store: a new
 * PostgreSQL database cloned from the migrated template, or PGlite in a throwaway DATA_DIR. Also
 * makes the account and API key the benchmark calls with, through the public HTTP API.
 */
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createPostgresTestDatabase } from "@/lib/db/test-databases";

const root = path.resolve(__dirname, "..", "..");

export type Store = "postgres" | "pglite";

export type Server = {
  store: Store;
  port: number;
  base: string;
  pid: number;
  stop: () => Promise<void>;
};

async function waitForHealth(base: string, child: ChildProcess, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`);
    try {
      const res = await fetch(`${base}/api/health`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error("server did not become healthy in time");
}

export async function startServer(
  store: Store,
  opts: {
    port: number;
    adminUrl?: string;
    distDir: string;
    cpuProfileDir?: string;
    /** Another checkout's build (compare.ts). */
    root?: string;
    /** Settings for this server only, over the benchmark's (compare.ts --env-other/--env-this). */
    env?: Record<string, string>;
  },
): Promise<Server> {
  const dir = opts.root ?? root;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "conveyor-bench-api-"));
  const base = `http://127.0.0.1:${opts.port}`;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: "production",
    NEXT_TELEMETRY_DISABLED: "1",
    NEXT_DIST_DIR: opts.distDir,
    PORT: String(opts.port),
    APP_URL: base,
    DATA_DIR: dataDir,
    LOG_LEVEL: "warn",
    // The benchmark signs up once and makes one key; uploads are what it measures.
    RATE_LIMIT_SIGNUP: "1000/10m",
    RATE_LIMIT_SIGNIN_IP: "1000/10m",
    RATE_LIMIT_API_KEYS: "1000/1h",
    ...opts.env,
  };
  let drop = async () => {};
  if (store === "postgres") {
    if (!opts.adminUrl) throw new Error("the postgres store needs BENCH_DATABASE_URL or TEST_DATABASE_URL");
    const database = await createPostgresTestDatabase(opts.adminUrl);
    env.DATABASE_URL = database.url;
    drop = database.drop;
  } else {
    delete env.DATABASE_URL;
  }
  // Node itself runs Next's CLI so that --cpu-prof (not allowed in NODE_OPTIONS) reaches the server.
  const profiling = opts.cpuProfileDir ? ["--cpu-prof", `--cpu-prof-dir=${opts.cpuProfileDir}`] : [];
  const nextBin = path.join(dir, "node_modules", "next", "dist", "bin", "next");
  const child = spawn(process.execPath, [...profiling, nextBin, "start", "--port", String(opts.port), "--hostname", "127.0.0.1"], {
    cwd: dir,
    env,
    stdio: ["ignore", "inherit", "inherit"],
  });
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((r) => child.once("exit", r));
      // A graceful exit lets --cpu-prof write the main thread's profile (it can take a while).
      child.kill("SIGTERM");
      await Promise.race([exited, new Promise((r) => setTimeout(r, 30_000))]);
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
    }
    await drop().catch(() => {});
    fs.rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    await waitForHealth(base, child);
  } catch (error) {
    await stop();
    throw error;
  }
  return { store, port: opts.port, base, pid: child.pid!, stop };
}

/** Signs up, signs in (next-auth credentials) and creates an API key; returns the key. */
export async function makeApiKey(base: string): Promise<string> {
  const email = `bench-${Date.now()}@example.com`;
  const password = "correct horse battery staple 42";
  const signup = await fetch(`${base}/api/v1/signup`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email, password, name: "Bench" }),
  });
  if (signup.status !== 201) throw new Error(`signup: ${signup.status} ${await signup.text()}`);
  const jar = new Map<string, string>();
  const keep = (res: Response) => {
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(";");
      const i = pair.indexOf("=");
      jar.set(pair.slice(0, i), pair.slice(i + 1));
    }
  };
  const cookie = () => [...jar].map(([k, v]) => `${k}=${v}`).join("; ");
  const csrf = await fetch(`${base}/api/auth/csrf`);
  keep(csrf);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const signin = await fetch(`${base}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: cookie() },
    body: new URLSearchParams({ csrfToken, email, password, json: "true", callbackUrl: "/dashboard" }),
  });
  keep(signin);
  if (![...jar.keys()].some((k) => k.endsWith("next-auth.session-token"))) throw new Error(`sign-in failed: ${signin.status}`);
  const created = await fetch(`${base}/api/v1/api-keys`, {
    method: "POST",
    headers: { "content-type": "application/json", cookie: cookie(), origin: base },
    body: JSON.stringify({ name: "bench" }),
  });
  if (created.status !== 201) throw new Error(`api key: ${created.status} ${await created.text()}`);
  return ((await created.json()) as { key: string }).key;
}
