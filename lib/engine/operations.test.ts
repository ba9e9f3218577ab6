import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useTestDatabase } from "@/lib/db/testing";
import { isAppError } from "@/lib/errors";
import { getRun } from "./runs/get-run";
import { cancelRun } from "./runs/cancel-run";
import { listRuns } from "./runs/list-runs";
import { rerunRun } from "./runs/rerun-run";
import { startHarness, until, type Harness } from "./testing/harness";

useTestDatabase();

let h: Harness;
let failureHandlerRuns = 0;

beforeAll(async () => {
  h = await startHarness({
    functions: (inngest) => [
      inngest.createFunction(
        { id: "report", triggers: [{ event: "test/report" }], onFailure: async () => void failureHandlerRuns++ },
        async ({ event, step }) => {
          const rows = await step.run("load", () => ({ rows: Number(event.data.rows) }));
          await step.sleep("cool-down", "10m");
          return rows.rows * 2;
        },
      ),
      inngest.createFunction({ id: "broken", retries: 2, triggers: [{ event: "test/broken" }] }, async ({ step }) => {
        await step.run("explode", () => {
          throw new TypeError("cannot read the input");
        });
      }),
    ],
  });
}, 60_000);

afterAll(async () => h?.close());

async function sleepingRun(workspace: string) {
  await h.send({ name: "test/report", data: { rows: 3, workspace_id: workspace } });
  return until(async () => {
    const rows = (await h.runsOf("report")).filter((r) => r.workspace_id === workspace && r.status === "running");
    for (const r of rows) if ((await h.steps(r.id)).some((s) => s.status === "sleeping")) return r;
    return undefined;
  });
}

describe("run details", () => {
  it("shows the trigger event, each step with timing and output, and the pending retry", async () => {
    await h.send({ name: "test/broken", data: { workspace_id: "ws_b" } });
    const [queued] = await until(async () => {
      const rows = await h.runsOf("broken");
      return rows[0]?.retry_at ? rows : undefined;
    });
    const detail = await getRun(queued.id, {}, h.sql);
    expect(detail.status).toBe("running");
    expect(detail.workspaceId).toBe("ws_b");
    expect((detail.event as { name: string }).name).toBe("test/broken");
    expect(detail.nextRetryAt).toBe(new Date(h.clock.now() + 15_000).toISOString());
    expect(detail.pendingAttempt).toBe(1);
    const [step] = detail.steps;
    expect(step.name).toBe("explode");
    expect(step.errors[0].error).toMatchObject({ name: "TypeError", message: "cannot read the input" });
    await h.advance(15_000);
    await until(async () => ((await getRun(queued.id, {}, h.sql)).pendingAttempt === 2 ? true : undefined));
    await h.advance(30_000);
    const failed = await h.waitForRun(queued.id);
    expect(failed.status).toBe("failed");
    const final = await getRun(queued.id, {}, h.sql);
    expect(final.nextRetryAt).toBeNull();
    expect(final.steps[0]).toMatchObject({ status: "failed", attempts: 3 });
    expect(final.steps[0].output).toMatchObject({ error: { name: "TypeError" } });
    expect(final.steps[0].durationMs).toBeGreaterThanOrEqual(0);
  });

  it("keeps a workspace's runs from other workspaces (404)", async () => {
    const [run] = await h.runsOf("broken");
    await expect(getRun(run.id, { workspaceId: "ws_other" }, h.sql)).rejects.toSatisfy(
      (e: unknown) => isAppError(e) && e.status === 404,
    );
  });
});

describe("cancel and rerun", () => {
  it("cancels a running run at once without running onFailure", async () => {
    const run = await sleepingRun("ws_c");
    await expect(cancelRun(run.id, { workspaceId: "ws_x" }, h.engine.ctx)).rejects.toSatisfy(
      (e: unknown) => isAppError(e) && e.status === 404,
    );
    expect(await cancelRun(run.id, { workspaceId: "ws_c" }, h.engine.ctx)).toEqual({ cancelled: true });
    expect((await h.run(run.id)).status).toBe("cancelled");
    expect(await cancelRun(run.id, {}, h.engine.ctx)).toEqual({ cancelled: false });
    await h.advance(10 * 60_000);
    await new Promise((r) => setTimeout(r, 150));
    expect((await h.run(run.id)).status).toBe("cancelled");
    expect(failureHandlerRuns).toBe(0);
  });

  it("reruns a run with the same event", async () => {
    const [original] = (await h.runsOf("report")).filter((r) => r.status === "cancelled");
    const { runId } = await rerunRun(original.id, {}, h.engine.ctx);
    await until(async () => ((await h.steps(runId)).some((s) => s.status === "sleeping") ? true : undefined));
    await h.advance(10 * 60_000);
    const rerun = await h.waitForRun(runId);
    expect(rerun.status).toBe("completed");
    expect(rerun.output).toBe(6);
    expect(rerun.event).toEqual(original.event);
    expect((await getRun(runId, {}, h.sql)).rerunOf).toBe(original.id);
  });
});

describe("listing", () => {
  it("filters by function, status, workspace and time, newest first, with a cursor", async () => {
    const all = await listRuns({}, h.sql);
    expect(all.runs.length).toBeGreaterThanOrEqual(3);
    const times = all.runs.map((r) => r.createdAt);
    expect([...times].sort().reverse()).toEqual(times);
    const broken = await listRuns({ functionId: "test-app-broken" }, h.sql);
    expect(broken.runs.every((r) => r.functionName === "broken" && r.status === "failed")).toBe(true);
    const failed = await listRuns({ status: "failed" }, h.sql);
    expect(failed.runs.map((r) => r.id)).toEqual(broken.runs.map((r) => r.id));
    expect((await listRuns({ workspaceId: "ws_c" }, h.sql)).runs.every((r) => r.workspaceId === "ws_c")).toBe(true);
    expect((await listRuns({ from: new Date(h.clock.now() + 1) }, h.sql)).runs).toEqual([]);
    const first = await listRuns({ limit: 1 }, h.sql);
    const second = await listRuns({ limit: 1, cursor: first.nextCursor! }, h.sql);
    expect(second.runs[0].id).toBe(all.runs[1].id);
  });
});

describe("retention", () => {
  it("prunes finished runs, their steps and old events after ENGINE_RETENTION", async () => {
    const before = (await h.sql.query<{ n: number }>(`SELECT count(*)::int AS n FROM engine_runs WHERE ended_at IS NOT NULL`))[0].n;
    expect(before).toBeGreaterThan(0);
    await h.advance(7 * 86_400_000 + 60_000);
    const pruned = await h.engine.prune();
    expect(pruned.runs).toBe(before);
    const [left] = await h.sql.query<{ runs: number; steps: number; events: number }>(
      `SELECT (SELECT count(*)::int FROM engine_runs WHERE ended_at IS NOT NULL) AS runs,
              (SELECT count(*)::int FROM engine_steps s WHERE NOT EXISTS (SELECT 1 FROM engine_runs r WHERE r.id = s.run_id)) AS steps,
              (SELECT count(*)::int FROM engine_events) AS events`,
    );
    expect(left).toEqual({ runs: 0, steps: 0, events: 0 });
  });
});
