/**
 * Serves the built app for browser tests: a throwaway DATA_DIR, and a fresh PostgreSQL database
 * when TEST_DATABASE_URL is set (PGlite otherwise). Started by Playwright's webServer.
 */
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { buildIfNeeded } from "../../tools/build-if-needed";
import { createPostgresTestDatabase } from "../../lib/db/test-databases";
import { removeServerState, writeServerState } from "./server-state";

const root = path.resolve(__dirname, "..", "..");

async function main(): Promise<void> {
  buildIfNeeded();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "conveyor-e2e-"));
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: "production",
    NEXT_TELEMETRY_DISABLED: "1",
    PORT: process.env.E2E_PORT ?? "3210",
    APP_URL: `http://127.0.0.1:${process.env.E2E_PORT ?? "3210"}`,
    DATA_DIR: dataDir,
    LOG_LEVEL: process.env.E2E_LOG_LEVEL ?? "warn",
    // Every test signs up and signs in from 127.0.0.1: the production limits (a handful per 10
    // minutes) would refuse the suite. The limits themselves are tested by the auth unit tests.
    RATE_LIMIT_SIGNUP: process.env.RATE_LIMIT_SIGNUP ?? "1000/10m",
    RATE_LIMIT_SIGNIN_IP: process.env.RATE_LIMIT_SIGNIN_IP ?? "1000/10m",
    RATE_LIMIT_API_KEYS: process.env.RATE_LIMIT_API_KEYS ?? "1000/1h",
  };
  let cleanup = async () => {};
  if (process.env.TEST_DATABASE_URL) {
    const database = await createPostgresTestDatabase(process.env.TEST_DATABASE_URL);
    env.DATABASE_URL = database.url;
    cleanup = database.drop;
  } else {
    delete env.DATABASE_URL;
  }
  writeServerState({ databaseUrl: env.DATABASE_URL ?? null, dataDir }, Number(env.PORT));
  const server = spawn(path.join(root, "node_modules", ".bin", "next"), ["start", "--port", env.PORT!, "--hostname", "127.0.0.1"], {
    cwd: root,
    stdio: "inherit",
    env,
  });
  let stopping = false;
  const stop = async (code: number) => {
    // Both our own SIGTERM and the server's exit lead here; clean up once.
    if (stopping) return;
    stopping = true;
    removeServerState(Number(env.PORT));
    if (server.exitCode === null && server.signalCode === null) {
      const exited = new Promise((resolve) => server.once("exit", resolve));
      server.kill("SIGTERM");
      await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5_000))]);
    }
    await cleanup().catch(() => {});
    fs.rmSync(dataDir, { recursive: true, force: true });
    process.exit(code);
  };
  process.on("SIGTERM", () => void stop(0));
  process.on("SIGINT", () => void stop(0));
  server.on("exit", (code) => void stop(code ?? 1));
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
