/**
 * Checkpointing with the real SDK (inngest-js v4): the engine sends `fn_id`/`qi_id`, the SDK runs
 * steps back to back within one call and reports each one to /v1/checkpoint/{runId}/async. Every
 * test checks what ran (each step exactly once unless it failed) and how many calls it took.
 */
import { createHash } from "node:crypto";
import { NonRetriableError } from "inngest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useTestDatabase } from "@/lib/db/testing";
import { sdkCheckpoints } from "./executor/run-state";
import { startHarness, until, type Harness } from "./testing/harness";

useTestDatabase();

let h: Harness;
const ran: Record<string, number> = {};
const hit = (key: string) => (ran[key] = (ran[key] ?? 0) + 1);
const calls = (slug: string) => h.app.requests.filter((r) => r.method === "POST" && r.url.includes(`fnId=test-app-${slug}&`)).length;

beforeAll(async () => {
  h = await startHarness({
    functions: (inngest) => {
      const child = inngest.createFunction({ id: "child", triggers: [] }, async ({ event, step }) => {
        const x = await step.run("x", () => (hit("child:x"), Number((event.data as { n?: unknown }).n) * 2));
        return await step.run("y", () => (hit("child:y"), x + 1));
      });
      return [
        inngest.createFunction({ id: "chain", triggers: [{ event: "cp/chain" }] }, async ({ event, step }) => {
          const out: number[] = [];
          for (let i = 0; i < 5; i++) out.push(await step.run(`s${i}`, () => (hit(`chain:${event.data.k}:s${i}`), i * 10)));
          return out;
        }),
        inngest.createFunction({ id: "fan", triggers: [{ event: "cp/fan" }] }, async ({ step }) => {
          const a = await step.run("a", () => (hit("fan:a"), 1));
          const [b, c, d] = await Promise.all(["b", "c", "d"].map((id) => step.run(id, () => (hit(`fan:${id}`), id))));
          const e = await step.run("e", () => (hit("fan:e"), `${a}${b}${c}${d}`));
          return await step.run("f", () => (hit("fan:f"), `${e}!`));
        }),
        inngest.createFunction({ id: "nap", triggers: [{ event: "cp/nap" }] }, async ({ step }) => {
          await step.run("a", () => hit("nap:a"));
          await step.sleep("zz", "1h");
          await step.run("b", () => hit("nap:b"));
          return await step.run("c", () => (hit("nap:c"), "rested"));
        }),
        inngest.createFunction({ id: "fan-nap", triggers: [{ event: "cp/fan-nap" }] }, async ({ step }) => {
          await step.run("a", () => hit("fan-nap:a"));
          await Promise.all([step.run("b", () => hit("fan-nap:b")), step.sleep("zz", "1m")]);
          return await step.run("c", () => (hit("fan-nap:c"), "woke"));
        }),
        inngest.createFunction({ id: "wait", triggers: [{ event: "cp/wait" }] }, async ({ step }) => {
          await step.run("a", () => hit("wait:a"));
          const go = await step.waitForEvent("go", { event: "cp/go", timeout: "1h", match: "data.id" });
          return await step.run("b", () => (hit("wait:b"), go?.data.n ?? null));
        }),
        inngest.createFunction({ id: "flaky", retries: 2, triggers: [{ event: "cp/flaky" }] }, async ({ step, attempt }) => {
          await step.run("a", () => hit("flaky:a"));
          await step.run("b", () => {
            hit("flaky:b");
            if (attempt === 0) throw new Error("first try fails");
          });
          return await step.run("c", () => (hit("flaky:c"), "recovered"));
        }),
        inngest.createFunction({ id: "fatal", retries: 3, triggers: [{ event: "cp/fatal" }] }, async ({ step }) => {
          await step.run("a", () => hit("fatal:a"));
          let caught = "";
          try {
            await step.run("bad", () => {
              hit("fatal:bad");
              throw new NonRetriableError("unusable input");
            });
          } catch (error) {
            caught = (error as Error).message;
          }
          await step.run("after", () => hit("fatal:after"));
          throw new NonRetriableError(`gave up after: ${caught}`);
        }),
        child,
        inngest.createFunction({ id: "parent", triggers: [{ event: "cp/parent" }] }, async ({ step }) => {
          const a = await step.run("a", () => (hit("parent:a"), 20));
          const result = await step.invoke("call-child", { function: child, data: { n: a } });
          return await step.run("c", () => (hit("parent:c"), { child: result }));
        }),
      ];
    },
  });
}, 60_000);

afterAll(async () => h?.close());

describe("checkpointing", () => {
  it("runs a multi-step run in one SDK call, memoizing every step in order", async () => {
    await h.send({ name: "cp/chain", data: { k: 1 } });
    const [run] = await h.waitForRuns("chain", 1);
    expect(run.status).toBe("completed");
    expect(run.output).toEqual([0, 10, 20, 30, 40]);
    expect(calls("chain")).toBe(1);
    const steps = await h.steps(run.id);
    expect(steps.map((s) => [s.name, s.op, s.status, s.output, s.attempts])).toEqual(
      [0, 1, 2, 3, 4].map((i) => [`s${i}`, "StepRun", "completed", { data: i * 10 }, 1]),
    );
    for (let i = 0; i < 5; i++) expect(ran[`chain:1:s${i}`]).toBe(1);
  });

  it("keeps the classic protocol when checkpointing is off, and for SDKs that do not checkpoint", async () => {
    const before = calls("chain");
    h.engine.ctx.config.checkpointing = "off";
    try {
      await h.send({ name: "cp/chain", data: { k: 2 } });
      await h.waitForRuns("chain", 2);
    } finally {
      h.engine.ctx.config.checkpointing = "auto";
    }
    expect(calls("chain") - before).toBe(6); // one call per step and one to finish
    // An app whose SDK reported an older version at sync gets the classic protocol too.
    await h.sql.query(`UPDATE engine_apps SET sdk = 'js:v3.44.0' WHERE id = 'test-app'`);
    try {
      await h.send({ name: "cp/chain", data: { k: 3 } });
      await h.waitForRuns("chain", 3);
    } finally {
      await h.sql.query(`UPDATE engine_apps SET sdk = 'js:v4.24.0' WHERE id = 'test-app'`);
    }
    expect(calls("chain") - before).toBe(12);
    const runs = await h.runsOf("chain");
    expect(runs.map((r) => r.output)).toEqual([1, 2, 3].map(() => [0, 10, 20, 30, 40]));
    for (const k of [2, 3]) for (let i = 0; i < 5; i++) expect(ran[`chain:${k}:s${i}`]).toBe(1);
  });

  it("runs a parallel group after checkpointed steps, then goes on without losing a step", async () => {
    await h.send({ name: "cp/fan", data: {} });
    const [run] = await h.waitForRuns("fan", 1);
    expect(run.output).toBe("1bcd!");
    for (const id of ["a", "b", "c", "d", "e", "f"]) expect(ran[`fan:${id}`]).toBe(1);
    expect((await h.steps(run.id)).filter((s) => s.memoized_at)).toHaveLength(6);
  });

  it("sleeps between checkpointed steps and resumes with one more call", async () => {
    await h.send({ name: "cp/nap", data: {} });
    await until(async () => (await h.runsOf("nap")).length && ran["nap:a"] === 1);
    const [pending] = await h.runsOf("nap");
    await until(async () => (await h.steps(pending.id)).some((s) => s.status === "sleeping"));
    expect(ran["nap:b"]).toBeUndefined();
    await h.advance(3_600_000);
    const run = await h.waitForRun(pending.id);
    expect(run.output).toBe("rested");
    expect([ran["nap:a"], ran["nap:b"], ran["nap:c"]]).toEqual([1, 1, 1]);
    expect(calls("nap")).toBe(2);
  });

  it("plans once more after a sleep that ends a parallel group, then runs steps inline again (as Inngest)", async () => {
    await h.send({ name: "cp/fan-nap", data: {} });
    const [pending] = await until(async () => {
      const [r] = await h.runsOf("fan-nap");
      // Two calls so far: a (checkpointed) and the group's plan, then b.
      return r && calls("fan-nap") === 2 && (await h.steps(r.id)).some((s) => s.status === "sleeping") ? [r] : undefined;
    });
    const before = calls("fan-nap");
    expect(ran["fan-nap:b"]).toBe(1);
    await h.advance(60_000);
    const run = await h.waitForRun(pending.id);
    expect(run.output).toBe("woke");
    // The discovery after the sleep still only plans c (disable_immediate_execution as Inngest sends
    // it there); c runs in a call of its own, and the last discovery finishes the run.
    // No discovery between b and the sleep's end: the group is discovered once, when complete.
    const targets = h.app.requests.filter((r) => r.method === "POST" && r.url.includes("fnId=test-app-fan-nap&")).map((r) => r.headers["x-inngest-step-id"]);
    const b = createHash("sha1").update("b").digest("hex");
    const c = createHash("sha1").update("c").digest("hex");
    expect(targets).toEqual(["step", b, "step", c, "step"]);
    expect(calls("fan-nap") - before).toBe(3);
    expect([ran["fan-nap:a"], ran["fan-nap:b"], ran["fan-nap:c"]]).toEqual([1, 1, 1]);
    const [{ disable_immediate }] = await h.sql.query<{ disable_immediate: boolean }>(`SELECT disable_immediate FROM engine_runs WHERE id = $1`, [run.id]);
    expect(disable_immediate).toBe(false);
  });

  it("waits for an event between checkpointed steps", async () => {
    await h.send({ name: "cp/wait", data: { id: "w1" } });
    await until(async () => {
      const [r] = await h.runsOf("wait");
      return r && (await h.steps(r.id)).some((s) => s.status === "waiting");
    });
    await h.send({ name: "cp/go", data: { id: "w1", n: 7 } });
    const [run] = await h.waitForRuns("wait", 1);
    expect(run.output).toBe(7);
    expect([ran["wait:a"], ran["wait:b"]]).toEqual([1, 1]);
  });

  it("retries a failing step without re-running the checkpointed ones before it", async () => {
    await h.send({ name: "cp/flaky", data: {} });
    const [queued] = await until(async () => {
      const [r] = await h.runsOf("flaky");
      return r && (await h.run(r.id)).retry_at ? [r] : undefined;
    });
    await h.advance(15_000);
    const run = await h.waitForRun(queued.id);
    expect(run.output).toBe("recovered");
    expect([ran["flaky:a"], ran["flaky:b"], ran["flaky:c"]]).toEqual([1, 2, 1]);
    const b = (await h.steps(run.id)).find((s) => s.name === "b")!;
    expect(b.status).toBe("completed");
    expect(b.errors).toHaveLength(1);
  });

  it("memoizes a non-retriable step error, lets the function catch it, and fails the run at once", async () => {
    await h.send({ name: "cp/fatal", data: {} });
    const [run] = await h.waitForRuns("fatal", 1);
    expect(run.status).toBe("failed");
    expect(run.error?.message).toContain("gave up after: unusable input");
    expect([ran["fatal:a"], ran["fatal:bad"], ran["fatal:after"]]).toEqual([1, 1, 1]);
    const bad = (await h.steps(run.id)).find((s) => s.name === "bad")!;
    expect(bad.status).toBe("failed");
  });

  it("invokes a function from a checkpointed run; the invoked run checkpoints too", async () => {
    await h.send({ name: "cp/parent", data: {} });
    const [run] = await h.waitForRuns("parent", 1);
    expect(run.output).toEqual({ child: 41 });
    const [child] = await h.runsOf("child");
    expect(child.parent_run_id).toBe(run.id);
    expect(calls("child")).toBe(1);
    for (const k of ["parent:a", "parent:c", "child:x", "child:y"]) expect(ran[k]).toBe(1);
  });
});

describe("which SDKs checkpoint", () => {
  it("is inngest-js v4 and later, by what the SDK reported at sync", () => {
    expect(sdkCheckpoints("js:v4.24.0")).toBe(true);
    expect(sdkCheckpoints("js:v5.0.1")).toBe(true);
    expect(sdkCheckpoints("js:v3.44.0")).toBe(false);
    expect(sdkCheckpoints("go:v0.13.0")).toBe(false);
    expect(sdkCheckpoints("py:v0.5.0")).toBe(false);
    expect(sdkCheckpoints(null)).toBe(false);
  });
});
