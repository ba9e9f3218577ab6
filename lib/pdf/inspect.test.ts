import { describe, expect, it } from "vitest";
import { inspectPdfOnPool, reopenPdfOnPool } from "./inspect";
import type { RunOptions, WorkerPool } from "./worker/pool";

/** A pool that records what it was asked to run. */
function recordingPool() {
  const calls: { task: { kind: string }; options: RunOptions }[] = [];
  const pool = { run: async (task: { kind: string }, options: RunOptions) => (calls.push({ task, options }), task.kind === "reopen" ? 1 : { pageCount: 1 }) };
  return { pool: pool as unknown as WorkerPool, calls };
}

describe("upload checks on the pool", () => {
  it("jump the queue but count against the workspace's share of threads", async () => {
    const { pool, calls } = recordingPool();
    await inspectPdfOnPool(pool, new Uint8Array([1, 2, 3]), { maxPages: 5 }, "ws-1");
    await reopenPdfOnPool(pool, new Uint8Array([1, 2, 3]), 1, "ws-1");
    expect(calls.map((c) => [c.task.kind, c.options.priority, c.options.tenant])).toEqual([
      ["inspect", "high", "ws-1"],
      ["reopen", "high", "ws-1"],
    ]);
  });
});
