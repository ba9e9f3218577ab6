import path from "node:path";
import { threadId } from "node:worker_threads";
import { afterEach, describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import type { WorkerTask } from "./protocol";
import { tenantShare, WorkerPool } from "./pool";

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

  it("never lets one tenant hold more than its share of threads, upload checks included", { timeout: 30_000 }, async () => {
    const p = make(2);
    expect(p.maxPerTenant).toBe(1);
    type Out = { tag: string; started: number; ended: number };
    // Both threads booted first, so the victim's start does not depend on how fast one boots.
    await Promise.all(["w1", "w2"].map((tag) => p.run(task({ kind: "sleep", ms: 300, tag }), { group: tag })));
    // Workspace "a" floods with urgent checks and queued work; "b" arrives later with one task.
    const flood = [
      ...["a1", "a2", "a3"].map((tag) => p.run<Out>(task({ kind: "sleep", ms: 80, tag }), { priority: "high", tenant: "a" })),
      ...["a4", "a5"].map((tag) => p.run<Out>(task({ kind: "sleep", ms: 80, tag }), { group: "job-a", tenant: "a" })),
    ];
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(p.heldBy("a")).toBeLessThanOrEqual(1);
    const victim = await p.run<Out>(task({ kind: "sleep", ms: 10, tag: "b1" }), { priority: "high", tenant: "b" });
    const a = await Promise.all(flood);
    // a's tasks ran one at a time, and b's ran while a's were still queued, not after all of them.
    const sorted = [...a].sort((x, y) => x.started - y.started);
    for (let i = 1; i < sorted.length; i++) expect(sorted[i].started).toBeGreaterThanOrEqual(sorted[i - 1].ended);
    expect(victim.ended).toBeLessThan(sorted[sorted.length - 1].started);
    expect(p.heldBy("a")).toBe(0);
  });

  it("lets a tenant use every thread when allowed, and tasks without a tenant are not capped", { timeout: 30_000 }, async () => {
    const p = make(2, { maxPerTenant: 2 });
    type Out = { started: number; ended: number };
    const overlap = (xs: Out[]) => xs[0].started < xs[1].ended && xs[1].started < xs[0].ended;
    expect(overlap(await Promise.all(["x", "y"].map((tag) => p.run<Out>(task({ kind: "sleep", ms: 600, tag }), { tenant: "a", group: tag }))))).toBe(true);
    const q = make(2);
    expect(overlap(await Promise.all(["x", "y"].map((tag) => q.run<Out>(task({ kind: "sleep", ms: 600, tag }), { group: tag }))))).toBe(true);
    await p.close();
  });

  it("gives a tenant half the threads by default, never all of two or more", () => {
    expect([1, 2, 3, 4, 8, 16].map(tenantShare)).toEqual([1, 1, 2, 2, 4, 8]);
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
