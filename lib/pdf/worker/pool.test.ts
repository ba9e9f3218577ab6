import path from "node:path";
import { threadId } from "node:worker_threads";
import { afterEach, describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import type { WorkerTask } from "./protocol";
import { WorkerPool } from "./pool";

const entry = path.join(__dirname, "fixtures", "test-worker.ts");
let pool: WorkerPool | undefined;
const make = (size: number, extra: Partial<ConstructorParameters<typeof WorkerPool>[0]> = {}) => (pool = new WorkerPool({ size, entry, ...extra }));
const task = (t: object) => t as unknown as WorkerTask;

afterEach(async () => {
  await pool?.close();
  pool = undefined;
});

describe("forms worker pool", () => {
  it("runs tasks on another thread while the caller's event loop stays free", { timeout: 30_000 }, async () => {
    const shared = new SharedArrayBuffer(4);
    const running = make(1).run<{ threadId: number }>(task({ kind: "block", shared }));
    // The worker is blocked until this thread, still running, releases it.
    await new Promise((resolve) => setTimeout(resolve, 20));
    Atomics.store(new Int32Array(shared), 0, 1);
    Atomics.notify(new Int32Array(shared), 0);
    expect((await running).threadId).not.toBe(threadId);
  });

  it("never runs more tasks at once than its size", { timeout: 30_000 }, async () => {
    const p = make(2);
    const results = await Promise.all(
      ["a1", "a2", "a3", "b1", "b2"].map((tag) => p.run<{ tag: string; started: number; ended: number }>(task({ kind: "sleep", ms: 40, tag }), { group: tag[0] })),
    );
    // At any task's start, at most `size` tasks (itself included) are running.
    for (const r of results) expect(results.filter((o) => o.started <= r.started && r.started < o.ended).length).toBeLessThanOrEqual(2);
  });

  it("lets groups take turns, so one big job does not starve the next", { timeout: 30_000 }, async () => {
    // One thread runs tasks strictly in dispatch order, so start times show the order without
    // depending on how fast a second thread boots.
    const p = make(1);
    const results = await Promise.all([
      ...["a1", "a2", "a3", "a4"].map((tag) => p.run<{ tag: string; started: number }>(task({ kind: "sleep", ms: 5, tag }), { group: "a" })),
      ...["b1", "b2"].map((tag) => p.run<{ tag: string; started: number }>(task({ kind: "sleep", ms: 5, tag }), { group: "b" })),
    ]);
    const order = [...results].sort((x, y) => x.started - y.started).map((r) => r.tag);
    expect(order).toEqual(["a1", "a2", "b1", "a3", "b2", "a4"]);
  });

  it("rebuilds typed errors, and survives a worker that crashes", { timeout: 30_000 }, async () => {
    const p = make(1);
    const failed = await p.run(task({ kind: "fail" })).catch((e) => e);
    expect(failed).toBeInstanceOf(AppError);
    expect(failed).toMatchObject({ type: "PdfParseError", status: 422 });
    await expect(p.run(task({ kind: "crash" }))).rejects.toThrow(/exited/);
    await expect(p.run(task({ kind: "sleep", ms: 1, tag: "after" }))).resolves.toMatchObject({ tag: "after" });
  });

  it("stops a task that runs past its time limit", { timeout: 30_000 }, async () => {
    const p = make(1, { taskTimeoutMs: 200 });
    await expect(p.run(task({ kind: "sleep", ms: 60_000, tag: "slow" }))).rejects.toMatchObject({ type: "PdfTooComplexError" });
    await expect(p.run(task({ kind: "sleep", ms: 1, tag: "next" }))).resolves.toMatchObject({ tag: "next" });
  });

  it("fails queued tasks of a cancelled group and everything when closed", { timeout: 30_000 }, async () => {
    const p = make(1);
    const first = p.run(task({ kind: "sleep", ms: 50, tag: "first" }), { group: "x" });
    const queued = p.run(task({ kind: "sleep", ms: 1, tag: "queued" }), { group: "x" });
    p.cancel("x");
    await expect(queued).rejects.toThrow(/Cancelled/);
    await expect(first).resolves.toMatchObject({ tag: "first" });
    const pending = expect(p.run(task({ kind: "sleep", ms: 5_000, tag: "pending" }))).rejects.toThrow(/closed/);
    await p.close();
    await pending;
  });
});
