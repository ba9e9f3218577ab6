import { NonRetriableError, RetryAfterError, type FailureEventArgs } from "inngest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useTestDatabase } from "@/lib/db/testing";
import { startHarness, until, type Harness } from "./testing/harness";

useTestDatabase();

let h: Harness;
const attempts: Record<string, number[]> = {};
const failures: unknown[] = [];
const note = (key: string, attempt: number) => (attempts[key] ??= []).push(attempt);

beforeAll(async () => {
  h = await startHarness({
    functions: (inngest) => [
      inngest.createFunction(
        { id: "flaky", retries: 3, triggers: [{ event: "test/flaky" }] },
        async ({ event, step, attempt }) => {
          const v = await step.run("flaky-step", () => {
            note(`flaky:${event.data.key}`, attempt);
            if (attempt < Number(event.data.failTimes)) throw new Error(`boom ${attempt}`);
            return "ok";
          });
          return v;
        },
      ),
      inngest.createFunction(
        {
          id: "fatal",
          retries: 5,
          triggers: [{ event: "test/fatal" }],
          onFailure: async ({ event, error }: FailureEventArgs) => {
            failures.push({ original: event.data.event.data, error: error.message, name: event.data.error.name });
          },
        },
        async ({ step }) => {
          await step.run("bad-input", () => {
            note("fatal", 0);
            throw new NonRetriableError("input is unusable");
          });
        },
      ),
      inngest.createFunction(
        { id: "defaults", triggers: [{ event: "test/defaults" }] },
        async ({ attempt }) => {
          note("defaults", attempt);
          throw new Error("always");
        },
      ),
      inngest.createFunction(
        { id: "later", retries: 1, triggers: [{ event: "test/later" }] },
        async ({ attempt }) => {
          note("later", attempt);
          if (attempt === 0) throw new RetryAfterError("rate limited", "2m");
          return "done";
        },
      ),
    ],
  });
}, 60_000);

afterAll(async () => h?.close());

async function retryPending(runId: string) {
  return until(async () => {
    const r = await h.run(runId);
    return r.retry_at && new Date(r.retry_at).getTime() > h.clock.now() ? r : undefined;
  }, 10_000, "a retry to be scheduled");
}

describe("retries", () => {
  it("retries a failing step with Inngest's backoff and then memoizes its success", async () => {
    await h.send({ name: "test/flaky", data: { key: "a", failTimes: 2 } });
    const [queued] = await until(async () => {
      const rows = await h.runsOf("flaky");
      return rows.length ? rows : undefined;
    });
    const first = await retryPending(queued.id);
    // backoff for the first failure: 15 s (+ jitter, pinned to 0 here)
    expect(new Date(first.retry_at!).getTime() - h.clock.now()).toBe(15_000);
    await h.advance(14_000);
    await new Promise((r) => setTimeout(r, 100));
    expect(attempts["flaky:a"]).toEqual([0]);
    await h.advance(1_000);
    await until(async () => (attempts["flaky:a"]?.length === 2 ? true : undefined));
    const second = await retryPending(queued.id);
    expect(new Date(second.retry_at!).getTime() - h.clock.now()).toBe(30_000);
    await h.advance(30_000);
    const run = await h.waitForRun(queued.id);
    expect(run.status).toBe("completed");
    expect(run.output).toBe("ok");
    expect(attempts["flaky:a"]).toEqual([0, 1, 2]);
    const [step] = await h.steps(run.id);
    expect(step.attempts).toBe(3);
    expect(step.errors).toHaveLength(2);
  });

  it("fails at once on NonRetriableError and runs onFailure with the error and the original event", async () => {
    await h.send({ name: "test/fatal", data: { job: 7, workspace_id: "ws_f" } });
    const [run] = await h.waitForRuns("fatal", 1);
    expect(run.status).toBe("failed");
    expect(run.error?.message).toContain("input is unusable");
    expect(attempts.fatal).toEqual([0]);
    const [handler] = await h.waitForRuns("fatal-failure", 1);
    expect(handler.status).toBe("completed");
    expect(failures).toEqual([
      { original: { job: 7, workspace_id: "ws_f" }, error: "input is unusable", name: "NonRetriableError" },
    ]);
    // The handler's run belongs to the failed run's workspace.
    expect(handler.workspace_id).toBe("ws_f");
  });

  it("uses 4 retries (5 attempts) by default and fails after the last", async () => {
    await h.send({ name: "test/defaults", data: {} });
    const [queued] = await until(async () => {
      const rows = await h.runsOf("defaults");
      return rows.length ? rows : undefined;
    });
    const delays = [15_000, 30_000, 60_000, 120_000];
    for (const [i, delay] of delays.entries()) {
      await until(async () => (attempts.defaults?.length === i + 1 ? true : undefined));
      const r = await retryPending(queued.id);
      expect(new Date(r.retry_at!).getTime() - h.clock.now()).toBe(delay);
      await h.advance(delay);
    }
    const run = await h.waitForRun(queued.id);
    expect(run.status).toBe("failed");
    expect(attempts.defaults).toEqual([0, 1, 2, 3, 4]);
    expect(run.attempt_errors).toHaveLength(4);
  });

  it("honours RetryAfterError's delay", async () => {
    await h.send({ name: "test/later", data: {} });
    const [queued] = await until(async () => {
      const rows = await h.runsOf("later");
      return rows.length ? rows : undefined;
    });
    const r = await retryPending(queued.id);
    expect(new Date(r.retry_at!).getTime() - h.clock.now()).toBe(120_000);
    await h.advance(120_000);
    expect((await h.waitForRun(queued.id)).output).toBe("done");
  });
});
