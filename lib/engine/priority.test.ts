/**
 * priority.run: a run's start is queued that many seconds ahead of (or behind) its actual time,
 * as Inngest's queue does, so under a backlog higher-priority runs start first.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useTestDatabase } from "@/lib/db/testing";
import { parseFunctionConfig } from "./functions";
import { startHarness, until, type Harness } from "./testing/harness";

useTestDatabase();

let h: Harness;
const order: unknown[] = [];

beforeAll(async () => {
  h = await startHarness({
    start: false,
    // One call at a time: runs start in the order the queue hands them out.
    config: { concurrency: 1 },
    functions: (inngest) => [
      inngest.createFunction({ id: "ranked", priority: { run: "event.data.p" }, triggers: [{ event: "p/run" }] }, async ({ event }) => {
        order.push(event.data.n);
        return event.data.n;
      }),
    ],
  });
}, 60_000);

afterAll(async () => h?.close());

describe("priority.run", () => {
  it("queues a run's start ahead of or behind its time by the factor, within 12 hours, 0 when not a whole number", async () => {
    const now = h.clock.now();
    await h.send([
      { name: "p/run", data: { n: "high", p: 60 } },
      { name: "p/run", data: { n: "low", p: -30 } },
      { name: "p/run", data: { n: "huge", p: 999_999 } },
      { name: "p/run", data: { n: "text", p: "soon" } },
      { name: "p/run", data: { n: "none" } },
    ]);
    const rows = await h.sql.query<{ n: string; at: Date }>(
      `SELECT r.event->'data'->>'n' AS n, q.available_at AS at FROM engine_queue q JOIN engine_runs r ON r.id = q.run_id
       WHERE r.function_id = 'test-app-ranked'`,
    );
    const offset = Object.fromEntries(rows.map((r) => [r.n, new Date(r.at).getTime() - now]));
    expect(offset).toEqual({ high: -60_000, low: 30_000, huge: -43_200_000, text: 0, none: 0 });
  });

  it("starts higher-priority runs first", async () => {
    await h.engine.start();
    await h.waitForRuns("ranked", 4);
    expect(order.slice(0, 2)).toEqual(["huge", "high"]);
    expect(order).not.toContain("low");
    await h.advance(30_000);
    await until(async () => (await h.runsOf("ranked")).every((r) => r.status === "completed"));
    expect(order.at(-1)).toBe("low");
  });

  it("is checked at sync, and cannot go with batchEvents (as Inngest)", () => {
    const base = { id: "f", triggers: [{ event: "x" }], steps: { step: { id: "step", runtime: { type: "http", url: "http://a/api/inngest" } } } };
    expect(() => parseFunctionConfig({ ...base, priority: { run: "event.data.(" } })).toThrow(/priority.run/);
    expect(() => parseFunctionConfig({ ...base, priority: { run: "1" }, batchEvents: { maxSize: 2, timeout: "5s" } })).toThrow(/together/);
  });
});
