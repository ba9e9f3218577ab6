/**
 * batchEvents with the real SDK: events gather per key until the batch is full or its timeout
 * passed since its first event, then one run gets them all (`events`, `event` the first); events
 * for which `if` does not hold run on their own at once.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useTestDatabase } from "@/lib/db/testing";
import { parseFunctionConfig } from "./functions";
import { executeGql } from "./gql/execute";
import { startHarness, until, type Harness } from "./testing/harness";

useTestDatabase();

let h: Harness;
const seen = (events: { data: Record<string, unknown> }[]) => events.map((e) => e.data.n);

beforeAll(async () => {
  h = await startHarness({
    functions: (inngest) => [
      inngest.createFunction(
        { id: "batched", batchEvents: { maxSize: 3, timeout: "10s" }, triggers: [{ event: "b/plain" }] },
        async ({ event, events }) => ({ first: event.data.n, all: seen(events) }),
      ),
      inngest.createFunction(
        { id: "keyed", batchEvents: { maxSize: 2, timeout: "10s", key: "event.data.user" }, triggers: [{ event: "b/keyed" }] },
        async ({ events }) => seen(events),
      ),
      inngest.createFunction(
        { id: "vip", batchEvents: { maxSize: 5, timeout: "60s", if: "event.data.vip == true" }, triggers: [{ event: "b/vip" }] },
        async ({ events }) => seen(events),
      ),
      inngest.createFunction(
        { id: "steps", batchEvents: { maxSize: 2, timeout: "10s" }, triggers: [{ event: "b/steps" }] },
        async ({ events, step }) => {
          const n = await step.run("count", () => events.length);
          return await step.run("sum", () => n + seen(events).reduce((a, b) => Number(a) + Number(b), 0));
        },
      ),
    ],
  });
}, 60_000);

afterAll(async () => h?.close());

describe("batchEvents", () => {
  it("starts one run with every event once the batch is full", async () => {
    await h.send([1, 2, 3].map((n) => ({ name: "b/plain", data: { n } })));
    const [run] = await h.waitForRuns("batched", 1);
    expect(run.output).toEqual({ first: 1, all: [1, 2, 3] });
    expect(await h.runsOf("batched")).toHaveLength(1);
  });

  it("starts a batch that did not fill up when its timeout passes, counted from its first event", async () => {
    await h.send({ name: "b/plain", data: { n: 4 } });
    await h.advance(6_000);
    await h.send({ name: "b/plain", data: { n: 5 } });
    await h.advance(3_000);
    expect((await h.runsOf("batched")).filter((r) => r.status === "completed")).toHaveLength(1);
    await h.advance(1_000);
    const runs = await h.waitForRuns("batched", 2);
    expect(runs[1].output).toEqual({ first: 4, all: [4, 5] });
    // The next event opens a new batch.
    await h.send({ name: "b/plain", data: { n: 6 } });
    await until(async () => (await h.runsOf("batched")).length === 3);
    await h.advance(10_000);
    const again = await h.waitForRuns("batched", 3);
    expect(again[2].output).toEqual({ first: 6, all: [6] });
  });

  it("keeps one batch per key", async () => {
    await h.send([
      { name: "b/keyed", data: { user: "a", n: 1 } },
      { name: "b/keyed", data: { user: "b", n: 2 } },
      { name: "b/keyed", data: { user: "a", n: 3 } },
    ]);
    const [a] = await h.waitForRuns("keyed", 1);
    expect(a.output).toEqual([1, 3]);
    await h.advance(10_000);
    const runs = await h.waitForRuns("keyed", 2);
    expect(runs.map((r) => r.output)).toEqual([[1, 3], [2]]);
  });

  it("runs events for which `if` does not hold at once and alone", async () => {
    await h.send([
      { name: "b/vip", data: { vip: true, n: 1 } },
      { name: "b/vip", data: { vip: false, n: 2 } },
      { name: "b/vip", data: { n: 3 } },
      { name: "b/vip", data: { vip: true, n: 4 } },
    ]);
    const alone = await h.waitForRuns("vip", 2);
    expect(alone.map((r) => r.output).sort()).toEqual([[2], [3]]);
    await h.advance(60_000);
    const runs = await h.waitForRuns("vip", 3);
    expect(runs.find((r) => Array.isArray(r.output) && (r.output as unknown[]).length === 2)?.output).toEqual([1, 4]);
  });

  it("gives every call of a batched run its events, and the read API all of them", async () => {
    await h.send([10, 20].map((n) => ({ name: "b/steps", data: { n } })));
    const [run] = await h.waitForRuns("steps", 1);
    expect(run.output).toBe(32);
    const batch = await h.engine.ctx.sql.query<{ events: { data: { n: number } }[] }>(`SELECT events FROM engine_runs WHERE id = $1`, [run.id]);
    expect(batch[0].events.map((e) => e.data.n)).toEqual([10, 20]);
    const out = await executeGql({ sql: h.sql }, { query: `{ runTrigger(runID: "${run.id}") { isBatch IDs payloads } }` });
    const trigger = (out.body as { data: { runTrigger: { isBatch: boolean; IDs: string[]; payloads: string[] } } }).data.runTrigger;
    expect(trigger.isBatch).toBe(true);
    expect(trigger.IDs).toHaveLength(2);
    expect(trigger.payloads.map((p) => (JSON.parse(p) as { data: { n: number } }).data.n)).toEqual([10, 20]);
  });

  it("is checked at sync as Inngest checks it", () => {
    const base = { id: "f", triggers: [{ event: "x" }], steps: { step: { id: "step", runtime: { type: "http", url: "http://a/api/inngest" } } } };
    expect(() => parseFunctionConfig({ ...base, batchEvents: { maxSize: 10, timeout: "5s", key: "event.data.a", if: "event.data.b == 1" } })).not.toThrow();
    expect(() => parseFunctionConfig({ ...base, batchEvents: { maxSize: 10, timeout: "500ms" } })).toThrow(/1s or more/);
    expect(() => parseFunctionConfig({ ...base, batchEvents: { maxSize: 2.5, timeout: "5s" } })).toThrow(/maxSize/);
    expect(() => parseFunctionConfig({ ...base, batchEvents: { maxSize: 10, timeout: "soon" } })).toThrow(/not a duration/);
    expect(() => parseFunctionConfig({ ...base, batchEvents: { maxSize: 10, timeout: "5s", key: "event.data.(" } })).toThrow(/batchEvents.key/);
  });
});
