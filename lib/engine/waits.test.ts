import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useTestDatabase } from "@/lib/db/testing";
import { startHarness, until, type Harness } from "./testing/harness";

useTestDatabase();

let h: Harness;
const after: string[] = [];

beforeAll(async () => {
  h = await startHarness({
    functions: (inngest) => [
      inngest.createFunction({ id: "sleeper", triggers: [{ event: "test/sleep" }] }, async ({ step }) => {
        await step.sleep("nap", "1h");
        await step.run("woke", () => after.push("sleeper"));
        await step.sleepUntil("until", new Date(Date.UTC(2030, 0, 2)));
        return "rested";
      }),
      inngest.createFunction({ id: "waiter", triggers: [{ event: "test/order.created" }] }, async ({ step }) => {
        const paid = await step.waitForEvent("wait-paid", {
          event: "test/order.paid",
          timeout: "1d",
          if: "event.data.order == async.data.order && async.data.amount > 10",
        });
        return paid ? { paid: paid.data.amount } : { paid: null };
      }),
      inngest.createFunction({ id: "matcher", triggers: [{ event: "test/match.start" }] }, async ({ step }) => {
        const e = await step.waitForEvent("wait-match", { event: "test/match.done", timeout: "10m", match: "data.id" });
        return e?.data.id ?? "timeout";
      }),
      inngest.createFunction(
        {
          id: "cancellable",
          triggers: [{ event: "test/long.start" }],
          cancelOn: [{ event: "test/long.cancel", if: "event.data.id == async.data.id" }],
        },
        async ({ step }) => {
          await step.sleep("long", "2h");
          await step.run("never", () => after.push("cancellable"));
        },
      ),
    ],
  });
}, 60_000);

afterAll(async () => h?.close());

describe("sleep", () => {
  it("sleeps for a duration and until a date, in engine time", async () => {
    await h.send({ name: "test/sleep", data: {} });
    const [run] = await until(async () => {
      const rows = await h.runsOf("sleeper");
      const steps = rows[0] ? await h.steps(rows[0].id) : [];
      return steps.some((s) => s.status === "sleeping") ? rows : undefined;
    });
    await h.advance(59 * 60_000);
    await new Promise((r) => setTimeout(r, 150));
    expect(after).not.toContain("sleeper");
    await h.advance(60_000);
    await until(async () => (after.includes("sleeper") ? true : undefined));
    await until(async () => ((await h.steps(run.id)).some((s) => s.op === "Sleep" && s.status === "sleeping") ? true : undefined));
    expect((await h.run(run.id)).status).toBe("running");
    await h.advance(24 * 3_600_000);
    const done = await h.waitForRun(run.id);
    expect(done.output).toBe("rested");
  });
});

describe("waitForEvent", () => {
  it("resumes with the first later event whose expression matches", async () => {
    await h.send({ name: "test/order.created", data: { order: "o1" } });
    const [run] = await until(async () => {
      const rows = await h.runsOf("waiter");
      const steps = rows[0] ? await h.steps(rows[0].id) : [];
      return steps.some((s) => s.status === "waiting") ? rows : undefined;
    });
    await h.send({ name: "test/order.paid", data: { order: "o2", amount: 50 } });
    await h.send({ name: "test/order.paid", data: { order: "o1", amount: 5 } });
    await new Promise((r) => setTimeout(r, 100));
    expect((await h.run(run.id)).status).toBe("running");
    await h.send({ name: "test/order.paid", data: { order: "o1", amount: 25 } });
    expect((await h.waitForRun(run.id)).output).toEqual({ paid: 25 });
  });

  it("resumes with null when the timeout passes", async () => {
    await h.send({ name: "test/order.created", data: { order: "o3" } });
    const runs = await until(async () => {
      const rows = (await h.runsOf("waiter")).filter((r) => r.event.data.order === "o3");
      const steps = rows[0] ? await h.steps(rows[0].id) : [];
      return steps.some((s) => s.status === "waiting") ? rows : undefined;
    });
    await h.advance(24 * 3_600_000);
    expect((await h.waitForRun(runs[0].id)).output).toEqual({ paid: null });
  });

  it("supports `match`", async () => {
    await h.send({ name: "test/match.start", data: { id: "m1" } });
    const [run] = await until(async () => {
      const rows = await h.runsOf("matcher");
      const steps = rows[0] ? await h.steps(rows[0].id) : [];
      return steps.some((s) => s.status === "waiting") ? rows : undefined;
    });
    await h.send({ name: "test/match.done", data: { id: "other" } });
    await h.send({ name: "test/match.done", data: { id: "m1" } });
    expect((await h.waitForRun(run.id)).output).toBe("m1");
  });
});

describe("cancelOn", () => {
  it("cancels a run when a matching event arrives, and only that run", async () => {
    await h.send([
      { name: "test/long.start", data: { id: "c1" } },
      { name: "test/long.start", data: { id: "c2" } },
    ]);
    const runs = await until(async () => {
      const rows = await h.runsOf("cancellable");
      const sleeping = await Promise.all(rows.map(async (r) => (await h.steps(r.id)).some((s) => s.status === "sleeping")));
      return rows.length === 2 && sleeping.every(Boolean) ? rows : undefined;
    });
    await h.send({ name: "test/long.cancel", data: { id: "c1" } });
    const c1 = runs.find((r) => r.event.data.id === "c1")!;
    const c2 = runs.find((r) => r.event.data.id === "c2")!;
    expect((await h.waitForRun(c1.id)).status).toBe("cancelled");
    expect((await h.run(c2.id)).status).toBe("running");
    await h.advance(2 * 3_600_000);
    expect((await h.waitForRun(c2.id)).status).toBe("completed");
    expect(after.filter((a) => a === "cancellable")).toHaveLength(1);
    const [cancelledEvent] = await h.sql.query<{ payload: { data: { run_id: string } } }>(
      `SELECT payload FROM engine_events WHERE name = 'inngest/function.cancelled'`,
    );
    expect(cancelledEvent.payload.data.run_id).toBe(c1.id);
  });
});
