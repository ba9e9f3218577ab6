import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useTestDatabase } from "@/lib/db/testing";
import { Engine } from "./engine";
import { startHarness, type Harness } from "./testing/harness";
import { TEST_SIGNING_KEY } from "./testing/sdk-app";

useTestDatabase();

const STEPS = 6;
const RUNS = 12;

/**
 * Regression: in a Promise.all group, a sibling memoized by another worker while this worker's call
 * was in flight must be in the state its next discovery sends. It was not (the run state loaded when
 * the call began was handed over), so the SDK planned the sibling again and the single-planned-step
 * fast path ran it a second time. Every step here counts its executions.
 */
for (const checkpointing of ["auto", "off"] as const) {
  describe(`parallel steps across two workers (checkpointing ${checkpointing})`, () => {
    let h: Harness;
    let second: Engine;
    const executions = new Map<string, number>();

    beforeAll(async () => {
      h = await startHarness({
        appId: `once-${checkpointing}`,
        config: { checkpointing, concurrency: 8 },
        functions: (inngest) => [
          inngest.createFunction({ id: "fan-out", retries: 0, triggers: [{ event: "test/fan-out" }] }, async ({ event, step }) => {
            const parts = await Promise.all(
              Array.from({ length: STEPS }, (_, i) =>
                step.run(`part-${i}`, async () => {
                  const key = `${event.data.n}:part-${i}`;
                  executions.set(key, (executions.get(key) ?? 0) + 1);
                  // Uneven durations: siblings finish in every order, on either worker.
                  await new Promise((r) => setTimeout(r, Math.floor(Math.random() * 30)));
                  return i;
                }),
              ),
            );
            return step.run("sum", () => {
              const key = `${event.data.n}:sum`;
              executions.set(key, (executions.get(key) ?? 0) + 1);
              return parts.reduce((a, b) => a + b, 0);
            });
          }),
        ],
      });
      second = new Engine({
        sql: h.sql,
        clock: h.clock,
        kind: "test",
        signingKey: TEST_SIGNING_KEY,
        appUrls: [h.app.url],
        random: () => 0,
        config: { pollMs: 50, leaseMs: 30_000, concurrency: 8, checkpointing },
      });
      await second.start();
    }, 60_000);

    afterAll(async () => {
      await second?.stop(2_000);
      await h?.close();
    });

    it("runs every step of every run exactly once", async () => {
      await h.send(Array.from({ length: RUNS }, (_, n) => ({ name: "test/fan-out", data: { n } })));
      const runs = await h.waitForRuns("fan-out", RUNS, undefined, 60_000);
      expect(runs.map((r) => r.status)).toEqual(Array(RUNS).fill("completed"));
      expect(runs.map((r) => r.output)).toEqual(Array(RUNS).fill((STEPS * (STEPS - 1)) / 2));
      const twice = [...executions].filter(([, n]) => n !== 1);
      expect(twice).toEqual([]);
      expect(executions.size).toBe(RUNS * (STEPS + 1));
    }, 90_000);
  });
}
