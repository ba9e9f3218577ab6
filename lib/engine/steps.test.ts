import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useTestDatabase } from "@/lib/db/testing";
import { startHarness, type Harness } from "./testing/harness";

useTestDatabase();

let h: Harness;
const executions: Record<string, number> = {};
const count = (key: string) => (executions[key] = (executions[key] ?? 0) + 1);

beforeAll(async () => {
  h = await startHarness({
    functions: (inngest) => [
      inngest.createFunction({ id: "two-steps", triggers: [{ event: "test/two" }] }, async ({ event, step }) => {
        const a = await step.run("a", () => {
          count(`a:${event.data.n}`);
          return { n: Number(event.data.n) + 1 };
        });
        const b = await step.run("b", () => {
          count(`b:${event.data.n}`);
          return a.n * 10;
        });
        return { b };
      }),
      inngest.createFunction({ id: "parallel", triggers: [{ event: "test/parallel" }] }, async ({ step }) => {
        const [x, y, z] = await Promise.all([
          step.run("x", () => "x"),
          step.run("y", () => "y"),
          step.run("z", () => "z"),
        ]);
        const after = await step.run("after", () => `${x}${y}${z}`);
        return after;
      }),
    ],
  });
}, 60_000);

afterAll(async () => h?.close());

describe("step.run", () => {
  it("runs each step once, memoizes, and completes with the function's return value", async () => {
    const { ids } = await h.send({ name: "test/two", data: { n: 1 } });
    expect(ids).toHaveLength(1);
    const [run] = await h.waitForRuns("two-steps", 1);
    expect(run.status).toBe("completed");
    expect(run.output).toEqual({ b: 20 });
    expect(executions["a:1"]).toBe(1);
    expect(executions["b:1"]).toBe(1);
    const steps = await h.steps(run.id);
    expect(steps.map((s) => [s.name, s.status, s.output])).toEqual([
      ["a", "completed", { data: { n: 2 } }],
      ["b", "completed", { data: 20 }],
    ]);
  });

  it("runs parallel steps and continues once all of them are memoized", async () => {
    await h.send({ name: "test/parallel", data: {} });
    const [run] = await h.waitForRuns("parallel", 1);
    expect(run.status).toBe("completed");
    expect(run.output).toBe("xyz");
    const steps = await h.steps(run.id);
    expect(steps.map((s) => s.name).sort()).toEqual(["after", "x", "y", "z"]);
  });
});
