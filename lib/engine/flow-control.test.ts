import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useTestDatabase } from "@/lib/db/testing";
import { startHarness, until, type Harness } from "./testing/harness";

useTestDatabase();

let h: Harness;
const gauge = { now: 0, max: 0, perKey: {} as Record<string, { now: number; max: number }> };
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function tracked<T>(key: string | null, fn: () => Promise<T>): Promise<T> {
  gauge.now++;
  gauge.max = Math.max(gauge.max, gauge.now);
  const k = key ? (gauge.perKey[key] ??= { now: 0, max: 0 }) : null;
  if (k) k.max = Math.max(k.max, ++k.now);
  try {
    return await fn();
  } finally {
    gauge.now--;
    if (k) k.now--;
  }
}

beforeAll(async () => {
  h = await startHarness({
    functions: (inngest) => [
      inngest.createFunction(
        { id: "limited", concurrency: { limit: 2 }, triggers: [{ event: "test/limited" }] },
        async ({ event, step }) => {
          await step.run("one", () => tracked(null, () => pause(5)));
          await step.run("two", () => tracked(null, () => pause(5)));
          return event.data.i;
        },
      ),
      inngest.createFunction(
        { id: "per-user", concurrency: { limit: 1, key: "event.data.user" }, triggers: [{ event: "test/per-user" }] },
        async ({ event, step }) => step.run("work", () => tracked(String(event.data.user), () => pause(10))),
      ),
      inngest.createFunction(
        { id: "tick", singleton: { mode: "skip" }, triggers: [{ cron: "* * * * *" }] },
        async ({ step }) => {
          await step.sleep("long-job", "150s");
          return "ticked";
        },
      ),
      inngest.createFunction({ id: "paris", triggers: [{ cron: "TZ=Europe/Paris 0 9 * * *" }] }, async ({ event }) => event.id),
      inngest.createFunction(
        { id: "limited-rate", rateLimit: { limit: 2, period: "1m", key: "event.data.user" }, triggers: [{ event: "test/rl" }] },
        async ({ event }) => event.data.n,
      ),
      inngest.createFunction(
        { id: "throttled", throttle: { limit: 2, period: "1m" }, triggers: [{ event: "test/throttle" }] },
        async ({ event }) => event.data.n,
      ),
      inngest.createFunction(
        { id: "debounced", debounce: { period: "5m", key: "event.data.user" }, triggers: [{ event: "test/debounce" }] },
        async ({ event }) => `${event.data.user}:${event.data.n}`,
      ),
      inngest.createFunction(
        { id: "latest-wins", singleton: { key: "event.data.user", mode: "cancel" }, triggers: [{ event: "test/latest" }] },
        async ({ event, step }) => {
          await step.sleep("wait", "1h");
          return event.data.n;
        },
      ),
    ],
  });
}, 60_000);

afterAll(async () => h?.close());

describe("concurrency", () => {
  it("never runs more than `limit` steps of a function at once, and runs every queued run", async () => {
    await h.send(Array.from({ length: 50 }, (_, i) => ({ name: "test/limited", data: { i } })));
    const runs = await h.waitForRuns("limited", 50, ["completed"], 60_000);
    expect(runs).toHaveLength(50);
    expect(gauge.max).toBeLessThanOrEqual(2);
    expect(gauge.max).toBe(2);
  }, 90_000);

  it("applies the limit per key", async () => {
    await h.send(
      Array.from({ length: 12 }, (_, i) => ({ name: "test/per-user", data: { user: `u${i % 3}` } })),
    );
    await h.waitForRuns("per-user", 12, ["completed"], 30_000);
    expect(Object.keys(gauge.perKey).sort()).toEqual(["u0", "u1", "u2"]);
    for (const k of Object.values(gauge.perKey)) expect(k.max).toBe(1);
  }, 60_000);
});

describe("cron and singleton", () => {
  it("fires crons in their time zone with the scheduled time as event id", async () => {
    // The clock starts at 2030-01-01T00:00Z; 09:00 in Paris is 08:00 UTC in winter.
    await h.advance(7 * 3_600_000 + 59 * 60_000);
    expect(await h.runsOf("paris")).toHaveLength(0);
    await h.advance(60_000);
    const [run] = await h.waitForRuns("paris", 1);
    expect(run.output).toBe("2030-01-01T08:00:00Z");
    expect(run.event.name).toBe("inngest/scheduled.timer");
  });

  it("skips cron runs while one is active (singleton skip): runs never overlap", async () => {
    await h.sql.query(`DELETE FROM engine_runs WHERE function_id = 'test-app-tick'`);
    for (let i = 0; i < 12; i++) {
      await h.advance(30_000);
      await pause(30);
    }
    await until(async () => {
      const rows = await h.runsOf("tick");
      return rows.length >= 2 && rows.filter((r) => r.status === "running").length <= 1 ? rows : undefined;
    });
    await h.advance(300_000);
    await until(async () => ((await h.runsOf("tick")).every((r) => r.status !== "running") ? true : undefined));
    const rows = await h.sql.query<{ started_at: Date; ended_at: Date }>(
      `SELECT started_at, ended_at FROM engine_runs WHERE function_id = 'test-app-tick' AND status = 'completed' ORDER BY started_at`,
    );
    expect(rows.length).toBeGreaterThanOrEqual(2);
    for (let i = 1; i < rows.length; i++) {
      expect(new Date(rows[i].started_at).getTime()).toBeGreaterThanOrEqual(new Date(rows[i - 1].ended_at).getTime());
    }
  }, 60_000);

  it("cancels the active run for the same key (singleton cancel)", async () => {
    await h.send({ name: "test/latest", data: { user: "x", n: 1 } });
    const [first] = await until(async () => {
      const rows = await h.runsOf("latest-wins");
      const steps = rows[0] ? await h.steps(rows[0].id) : [];
      return steps.some((s) => s.status === "sleeping") ? rows : undefined;
    });
    await h.send({ name: "test/latest", data: { user: "x", n: 2 } });
    expect((await h.waitForRun(first.id)).status).toBe("cancelled");
    await until(async () => {
      const second = (await h.runsOf("latest-wins")).find((r) => r.id !== first.id);
      return second && (await h.steps(second.id)).some((s) => s.status === "sleeping");
    });
    await h.advance(3_600_000);
    const done = await h.waitForRuns("latest-wins", 2);
    expect(done.find((r) => r.status === "completed")?.output).toBe(2);
  });
});

describe("rateLimit, throttle, debounce", () => {
  it("rateLimit skips runs over the limit in the period, per key", async () => {
    await h.send([1, 2, 3, 4].map((n) => ({ name: "test/rl", data: { user: "a", n } })));
    await h.send({ name: "test/rl", data: { user: "b", n: 9 } });
    await h.waitForRuns("limited-rate", 3);
    await pause(100);
    expect((await h.runsOf("limited-rate")).map((r) => r.output).sort()).toEqual([1, 2, 9]);
    await h.advance(61_000);
    await h.send({ name: "test/rl", data: { user: "a", n: 5 } });
    await h.waitForRuns("limited-rate", 4);
  });

  it("throttle spaces starts at the rate and drops nothing", async () => {
    await h.send([1, 2, 3, 4].map((n) => ({ name: "test/throttle", data: { n } })));
    const starts = await until(async () => {
      const rows = await h.sql.query<{ at: Date }>(
        `SELECT q.available_at AS at FROM engine_queue q JOIN engine_runs r ON r.id = q.run_id
         WHERE r.function_id = 'test-app-throttled' ORDER BY q.available_at`,
      );
      return rows.length === 3 ? rows : undefined;
    });
    const now = h.clock.now();
    expect(starts.map((r) => new Date(r.at).getTime() - now)).toEqual([30_000, 60_000, 90_000]);
    await h.advance(90_000);
    const runs = await h.waitForRuns("throttled", 4);
    expect(runs.map((r) => r.output).sort()).toEqual([1, 2, 3, 4]);
  });

  it("debounce runs once per key with the last event, after the period without events", async () => {
    await h.send({ name: "test/debounce", data: { user: "a", n: 1 } });
    await h.advance(60_000);
    await h.send({ name: "test/debounce", data: { user: "a", n: 2 } });
    await h.send({ name: "test/debounce", data: { user: "b", n: 1 } });
    await h.advance(4 * 60_000);
    await pause(100);
    expect((await h.runsOf("debounced")).filter((r) => r.status !== "queued")).toEqual([]);
    await h.advance(60_000);
    const runs = await h.waitForRuns("debounced", 2);
    expect(runs.map((r) => r.output).sort()).toEqual(["a:2", "b:1"]);
    expect(await h.runsOf("debounced")).toHaveLength(2);
  });
});
