/**
 * Test-only seeding: drives jobs through lib/jobs (and stores result files through lib/storage)
 * against the very database and DATA_DIR the served app uses, in a helper process
 * (seed-worker.ts). Only possible on PostgreSQL; on PGlite the server holds the database
 * exclusively, so `openSeeding` returns null and the tests that need it skip (CI runs both).
 */
import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import path from "node:path";
import readline from "node:readline";
import { readServerState } from "./server-state";

export const NO_SEEDING_REASON =
  "Seeding jobs needs the PostgreSQL database the app runs on (set TEST_DATABASE_URL); a PGlite database cannot be shared with the running server";

type Pending = { resolve: (value: unknown) => void; reject: (error: Error) => void };

export class Seeding {
  private next = 1;
  private pending = new Map<number, Pending>();
  private constructor(private child: ChildProcessWithoutNullStreams) {}

  static async open(): Promise<Seeding | null> {
    const state = readServerState();
    if (!state?.databaseUrl) return null;
    const root = path.resolve(__dirname, "..", "..");
    const child = spawn(path.join(root, "node_modules", ".bin", "tsx"), [path.join(__dirname, "seed-worker.ts")], {
      cwd: root,
      env: { ...process.env, DATABASE_URL: state.databaseUrl, DATABASE_POOL_SIZE: "2", DATA_DIR: state.dataDir, STORAGE_DIR: "", LOG_LEVEL: "silent" },
    });
    const seeding = new Seeding(child);
    child.stderr.on("data", (chunk) => process.stderr.write(`[seed] ${chunk}`));
    const ready = new Promise<void>((resolve, reject) => {
      child.once("exit", (code) => reject(new Error(`seed worker exited (${code})`)));
      readline.createInterface({ input: child.stdout }).on("line", (line) => {
        const msg = JSON.parse(line) as { ready?: true; id?: number; result?: unknown; error?: string };
        if (msg.ready) return resolve();
        const p = seeding.pending.get(msg.id!);
        seeding.pending.delete(msg.id!);
        if (msg.error) p?.reject(new Error(msg.error));
        else p?.resolve(msg.result);
      });
    });
    await ready;
    return seeding;
  }

  private call<T>(op: string, args: object): Promise<T> {
    const id = this.next++;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      this.child.stdin.write(`${JSON.stringify({ id, op, args })}\n`);
    });
  }

  createJob(args: { workspaceId: string; createdById: string; kind: string; message?: string }) {
    return this.call<{ id: string }>("createJob", args);
  }
  startJob(jobId: string, opts: { stage: string; message?: string }) {
    return this.call<boolean>("startJob", { jobId, ...opts });
  }
  updateJobProgress(jobId: string, opts: { progress: number; stage?: string; message?: string }) {
    return this.call<boolean>("updateJobProgress", { jobId, ...opts });
  }
  failJob(jobId: string, error: { type: string; detail: string }) {
    return this.call<boolean>("failJob", { jobId, ...error });
  }
  completeWithText(jobId: string, opts: { workspaceId: string; filename: string; text: string; message?: string }) {
    return this.call<boolean>("completeWithText", { jobId, ...opts });
  }
  expireResult(jobId: string) {
    return this.call<unknown>("expireResult", { jobId });
  }

  async close(): Promise<void> {
    if (this.child.exitCode !== null) return;
    const exited = new Promise((resolve) => this.child.once("exit", resolve));
    this.child.stdin.end();
    await exited;
  }
}
