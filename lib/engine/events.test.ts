import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useTestDatabase } from "@/lib/db/testing";
import { startHarness, until, type Harness } from "./testing/harness";

useTestDatabase();

let h: Harness;

beforeAll(async () => {
  h = await startHarness({
    functions: (inngest) => {
      const child = inngest.createFunction({ id: "child", retries: 0, triggers: [] }, async ({ event }) => {
        const data = event.data as { n: number; fail?: boolean };
        if (data.fail) throw new Error("child failed");
        return { doubled: Number(data.n) * 2 };
      });
      const sleepyChild = inngest.createFunction({ id: "sleepy-child", triggers: [] }, async ({ step }) => {
        await step.sleep("zz", "1h");
        return "late";
      });
      return [
        child,
        sleepyChild,
        inngest.createFunction({ id: "fanout-sender", triggers: [{ event: "test/fanout" }] }, async ({ step }) => {
          const sent = await step.sendEvent("emit", [
            { name: "test/item", data: { i: 1, workspace_id: "ws_1" } },
            { name: "test/item", data: { i: 2, workspace_id: "ws_2" } },
          ]);
          return sent.ids.length;
        }),
        inngest.createFunction({ id: "item-a", triggers: [{ event: "test/item" }] }, async ({ event }) => `a${event.data.i}`),
        inngest.createFunction({ id: "item-b", triggers: [{ event: "test/item" }] }, async ({ event }) => `b${event.data.i}`),
        inngest.createFunction(
          { id: "only-big", triggers: [{ event: "test/item", if: "event.data.i > 1" }] },
          async ({ event }) => `big${event.data.i}`,
        ),
        inngest.createFunction({ id: "wildcard", triggers: [{ event: "test/wild.*" }] }, async ({ event }) => event.name),
        inngest.createFunction({ id: "dedupe", triggers: [{ event: "test/dedupe" }] }, async ({ event }) => event.id),
        inngest.createFunction(
          { id: "idem", idempotency: "event.data.user", triggers: [{ event: "test/idem" }] },
          async ({ event }) => event.data.user,
        ),
        inngest.createFunction({ id: "parent", triggers: [{ event: "test/invoke" }] }, async ({ event, step }) => {
          try {
            const r = await step.invoke("call-child", { function: child, data: { n: event.data.n, fail: event.data.fail } });
            return { ok: r };
          } catch (e) {
            return { error: (e as Error).message };
          }
        }),
        inngest.createFunction({ id: "impatient", triggers: [{ event: "test/impatient" }] }, async ({ step }) => {
          try {
            await step.invoke("call-sleepy", { function: sleepyChild, data: {}, timeout: "10m" });
            return "finished";
          } catch (e) {
            return (e as Error).name;
          }
        }),
      ];
    },
  });
}, 60_000);

afterAll(async () => h?.close());

describe("events", () => {
  it("step.sendEvent fans each event out to every matching function and records workspaces", async () => {
    await h.send({ name: "test/fanout", data: {} });
    const [sender] = await h.waitForRuns("fanout-sender", 1);
    expect(sender.output).toBe(2);
    const a = await h.waitForRuns("item-a", 2);
    const b = await h.waitForRuns("item-b", 2);
    expect(a.map((r) => r.output).sort()).toEqual(["a1", "a2"]);
    expect(b.map((r) => r.output).sort()).toEqual(["b1", "b2"]);
    expect(a.map((r) => r.workspace_id).sort()).toEqual(["ws_1", "ws_2"]);
    expect(sender.workspace_id).toBeNull();
    const big = await h.waitForRuns("only-big", 1);
    expect(big.map((r) => r.output)).toEqual(["big2"]);
  });

  it("matches wildcard triggers", async () => {
    await h.send({ name: "test/wild.card", data: {} });
    const [run] = await h.waitForRuns("wildcard", 1);
    expect(run.output).toBe("test/wild.card");
  });

  it("starts at most one run per function for a repeated event id", async () => {
    const first = await h.send({ id: "evt-1", name: "test/dedupe", data: {} });
    const second = await h.send({ id: "evt-1", name: "test/dedupe", data: {} });
    expect(first.ids).toHaveLength(1);
    expect(second.ids).toHaveLength(1);
    await h.waitForRuns("dedupe", 1);
    await new Promise((r) => setTimeout(r, 150));
    const runs = await h.runsOf("dedupe");
    expect(runs).toHaveLength(1);
    expect(runs[0].output).toBe("evt-1");
  });

  it("honours an idempotency expression for 24 hours", async () => {
    await h.send([
      { name: "test/idem", data: { user: "u1" } },
      { name: "test/idem", data: { user: "u1" } },
      { name: "test/idem", data: { user: "u2" } },
    ]);
    await h.waitForRuns("idem", 2);
    await h.advance(25 * 3_600_000);
    await h.send({ name: "test/idem", data: { user: "u1" } });
    const runs = await h.waitForRuns("idem", 3);
    expect(runs.map((r) => r.output).sort()).toEqual(["u1", "u1", "u2"]);
  });

  it("rejects events named inngest/* from senders", async () => {
    await expect(h.send({ name: "inngest/function.failed", data: {} })).rejects.toThrow();
  });
});

describe("step.invoke", () => {
  it("runs the target function and returns its result", async () => {
    await h.send({ name: "test/invoke", data: { n: 21 } });
    const parent = (await h.waitForRuns("parent", 1))[0];
    expect(parent.output).toEqual({ ok: { doubled: 42 } });
    const [childRun] = await h.waitForRuns("child", 1);
    expect(childRun.parent_run_id).toBe(parent.id);
    expect(childRun.event.name).toBe("inngest/function.invoked");
  });

  it("throws the target's error in the caller", async () => {
    await h.send({ name: "test/invoke", data: { n: 1, fail: true } });
    const runs = await h.waitForRuns("parent", 2);
    const failed = runs.find((r) => (r.output as { error?: string }).error);
    expect((failed?.output as { error: string }).error).toContain("child failed");
  });

  it("times out with InngestInvokeTimeoutError", async () => {
    await h.send({ name: "test/impatient", data: {} });
    const [run] = await until(async () => {
      const rows = await h.runsOf("impatient");
      const steps = rows[0] ? await h.steps(rows[0].id) : [];
      return steps.some((s) => s.status === "invoking") ? rows : undefined;
    });
    await h.advance(10 * 60_000);
    expect((await h.waitForRun(run.id)).output).toBe("InngestInvokeTimeoutError");
  });
});
