/**
 * What the served app tells the tests about itself: the PostgreSQL database it runs on (when
 * TEST_DATABASE_URL is set), so tests can seed jobs through lib/jobs. PGlite cannot be shared
 * with a running server, so on PGlite there is no database URL and seeding tests skip.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

export type ServerState = { databaseUrl: string | null; dataDir: string };

export function e2ePort(): number {
  return Number(process.env.E2E_PORT ?? 3210);
}

export function serverStateFile(port = e2ePort()): string {
  return path.join(os.tmpdir(), `conveyor-e2e-${port}.json`);
}

export function writeServerState(state: ServerState, port = e2ePort()): void {
  fs.writeFileSync(serverStateFile(port), JSON.stringify(state), { mode: 0o600 });
}

export function readServerState(port = e2ePort()): ServerState | null {
  try {
    return JSON.parse(fs.readFileSync(serverStateFile(port), "utf8")) as ServerState;
  } catch {
    return null;
  }
}

export function removeServerState(port = e2ePort()): void {
  fs.rmSync(serverStateFile(port), { force: true });
}
