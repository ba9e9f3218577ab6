import { openai } from "inngest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useTestDatabase } from "@/lib/db/testing";
import { handleEngineApi } from "./api/handle-engine-api";
import { VirtualClock } from "./clock";
import { Engine } from "./engine";
import { memoizeFenced } from "./executor/memoize";
import { claimItems } from "./store/queue";
import { SyncError } from "./sync";
import { startSdkApp, type SdkApp } from "./testing/sdk-app";
import { startHarness, until, type Harness } from "./testing/harness";

const database = useTestDatabase();

let h: Harness;
let steps = 0;
const gate = { entered: 0, executions: 0, open: false, release: () => {} };
const cpGate = { entered: 0, after: 0, open: false, release: () => {} };

beforeAll(async () => {
  h = await startHarness({
    appId: "proto",
    // Several apps sync to this engine below; the pin to configured URLs has its own tests.
    appUrls: "any",
    functions: (inngest) => [
      inngest.createFunction({ id: "ai", retries: 0, triggers: [{ event: "proto/ai" }] }, async ({ step }) => {
        try {
          await step.ai.infer("ask", { model: openai({ model: "gpt-4o-mini", apiKey: "sk-test" }), body: { messages: [] } });
          return "answered";
        } catch (e) {
          return `failed: ${(e as Error).message}`;
        }
      }),
      // The classic protocol (one call per step), as SDKs without checkpointing get it.
      inngest.createFunction({ id: "slow", checkpointing: false, triggers: [{ event: "proto/slow" }] }, async ({ step }) => {
        await step.run("gated", async () => {
          gate.executions++;
          gate.entered++;
          if (!gate.open) await new Promise<void>((r) => (gate.release = r));
          return "passed";
        });
        await step.run("after", () => "after");
        return "done";
      }),
      inngest.createFunction({ id: "slow-checkpointed", triggers: [{ event: "proto/slow-cp" }] }, async ({ step }) => {
        await step.run("gated", async () => {
          cpGate.entered++;
          if (!cpGate.open) await new Promise<void>((r) => (cpGate.release = r));
          return "passed";
        });
        await step.run("after", () => ++cpGate.after);
        return "done";
      }),
      inngest.createFunction({ id: "counter", triggers: [{ event: "proto/count" }] }, async ({ step }) => {
        await step.run("one", () => ++steps);
        await step.run("two", () => ++steps);
        return steps;
      }),
    ],
  });
}, 60_000);

afterAll(async () => h?.close());

describe("protocol edges", () => {
  it("fails an op the engine does not implement with a clear error instead of hanging", async () => {
    await h.send({ name: "proto/ai", data: {} });
    const [run] = await h.waitForRuns("ai", 1);
    expect(run.output).toMatch(/AIGateway is not supported by this engine/);
  });

  it("answers /e/ with ids and status 200, and rejects bad bodies with 400", async () => {
    const ok = await handleEngineApi(
      new Request("http://x/e/key", { method: "POST", body: JSON.stringify([{ name: "proto/none", data: {} }]) }),
      { trusted: false, ctx: h.engine.ctx },
    );
    expect(ok.status).toBe(200);
    const body = await ok.json();
    expect(body.status).toBe(200);
    expect(body.ids).toHaveLength(1);
    const bad = await handleEngineApi(new Request("http://x/e/key", { method: "POST", body: "{nope" }), {
      trusted: false,
      ctx: h.engine.ctx,
    });
    expect(bad.status).toBe(400);
    const keyed = await handleEngineApi(
      new Request("http://x/e/wrong", { method: "POST", body: JSON.stringify({ name: "a" }) }),
      { trusted: false, ctx: h.engine.ctx, eventKeys: ["right"] },
    );
    expect(keyed.status).toBe(401);
  });
});

describe("sync", () => {
  let bad: SdkApp;
  afterAll(async () => bad?.close());

  it("refuses an app whose function carries an unsupported expression, naming it", async () => {
    bad = await startSdkApp({
      id: "bad-app",
      fetch,
      functions: (inngest) => [
        inngest.createFunction(
          { id: "odd", triggers: [{ event: "bad/x", if: "event.data.x == nosuchfn(1)" }] },
          async () => "never",
        ),
      ],
    });
    const err = await h.engine.sync(bad.url).catch((e) => e);
    expect(err).toBeInstanceOf(SyncError);
    expect(err.message).toContain("bad-app-odd");
    expect(err.message).toContain("triggers[0].expression");
    const [app] = await h.sql.query<{ error: string }>(`SELECT error FROM engine_apps WHERE id = 'bad-app'`);
    expect(app.error).toContain("nosuchfn");
    expect(await h.sql.query(`SELECT id FROM engine_functions WHERE app_id = 'bad-app'`)).toEqual([]);
  });

  it("refuses to call an app signed with another key, and records why", async () => {
    const other = new Engine({ sql: database().sql, clock: new VirtualClock(), signingKey: `signkey-test-${"cd".repeat(32)}`, appUrls: [h.app.url] });
    await expect(other.sync(h.app.url)).rejects.toThrow(/rejected the engine's signature/);
  });
});

describe("shutdown (SIGTERM)", () => {
  it("finishes a call in flight within the deadline, then starts no new call and releases the run", async () => {
    await h.send({ name: "proto/slow", data: { n: 1 } });
    await until(async () => gate.entered === 1);
    const stopping = h.engine.stop(5_000);
    setTimeout(() => gate.release(), 100);
    await stopping;
    const [run] = await h.runsOf("slow");
    const memoized = (await h.steps(run.id)).filter((s) => s.memoized_at).map((s) => s.name);
    expect(memoized).toEqual(["gated"]);
    const [item] = await h.sql.query<{ lease_owner: string | null }>(`SELECT lease_owner FROM engine_queue WHERE run_id = $1`, [run.id]);
    expect(item.lease_owner).toBeNull();
    gate.open = true;
    await h.engine.start();
    expect((await h.waitForRun(run.id)).output).toBe("done");
    expect(gate.executions).toBe(1);
  });

  it("lets a checkpointed call in flight run on to the run's end within the deadline", async () => {
    await h.engine.start();
    await h.send({ name: "proto/slow-cp", data: {} });
    await until(async () => cpGate.entered === 1);
    const stopping = h.engine.stop(5_000);
    setTimeout(() => cpGate.release(), 100);
    await stopping;
    // The SDK ran the next step in the same call and checkpointed it: nothing is left for others.
    const [run] = await h.runsOf("slow-checkpointed");
    expect(run.status).toBe("completed");
    expect((await h.steps(run.id)).map((s) => [s.name, s.status])).toEqual([
      ["gated", "completed"],
      ["after", "completed"],
    ]);
    expect(await h.sql.query(`SELECT id FROM engine_queue WHERE run_id = $1`, [run.id])).toEqual([]);
    expect(cpGate.after).toBe(1);
  });

  it("fences out a checkpointed call cut off at the deadline: its step runs again, nothing after it", async () => {
    cpGate.open = false;
    cpGate.entered = 0;
    await h.engine.start();
    await h.send({ name: "proto/slow-cp", data: { n: 2 } });
    await until(async () => cpGate.entered === 1);
    await h.engine.stop(200);
    const run = (await h.runsOf("slow-checkpointed")).find((r) => r.event.data.n === 2)!;
    // The released call's step finishes now: its checkpoint is refused (409), so the SDK stops.
    cpGate.release();
    await new Promise((r) => setTimeout(r, 300));
    expect((await h.steps(run.id)).filter((s) => s.memoized_at)).toEqual([]);
    expect(cpGate.after).toBe(1);
    cpGate.open = true;
    await h.engine.start();
    expect((await h.waitForRun(run.id)).output).toBe("done");
    expect(cpGate.entered).toBe(2); // at-least-once: the interrupted step ran again
    expect(cpGate.after).toBe(2); // once for each run, never for the fenced-out call
  });

  it("releases a call still running at the deadline for another process to redo", async () => {
    gate.open = false;
    gate.entered = 0;
    gate.executions = 0;
    await h.engine.start();
    await h.send({ name: "proto/slow", data: { n: 2 } });
    await until(async () => gate.entered === 1);
    const t = Date.now();
    await h.engine.stop(200);
    expect(Date.now() - t).toBeLessThan(3_000);
    const run = (await h.runsOf("slow")).find((r) => r.event.data.n === 2)!;
    const [item] = await h.sql.query<{ lease_owner: string | null; available_at: Date }>(
      `SELECT lease_owner, available_at FROM engine_queue WHERE run_id = $1`,
      [run.id],
    );
    expect(item.lease_owner).toBeNull();
    expect(new Date(item.available_at).getTime()).toBeLessThanOrEqual(h.clock.now());
    gate.open = true;
    gate.release();
    await h.engine.start();
    expect((await h.waitForRun(run.id)).output).toBe("done");
    expect(gate.executions).toBe(2); // at-least-once: the interrupted step ran again
  });
});

describe("out-of-band sync", () => {
  it("registers an app that syncs itself through POST /fn/register", async () => {
    const app = await startSdkApp({
      id: "oob-app",
      fetch: (async (input: RequestInfo | URL, init?: RequestInit) =>
        handleEngineApi(new Request(input, init), { trusted: true, ctx: h.engine.ctx })) as typeof fetch,
      functions: (inngest) => [inngest.createFunction({ id: "f", triggers: [{ event: "oob/x" }] }, async () => "oob")],
    });
    process.env.INNGEST_ALLOW_IN_BAND_SYNC = "false";
    try {
      await h.engine.sync(app.url);
    } finally {
      delete process.env.INNGEST_ALLOW_IN_BAND_SYNC;
      await app.close();
    }
    const [fn] = await h.sql.query<{ id: string; url: string }>(`SELECT id, url FROM engine_functions WHERE app_id = 'oob-app'`);
    expect(fn.id).toBe("oob-app-f");
    expect(fn.url).toContain(app.url);
  });
});

describe("leases", () => {
  it("lets another worker take over an expired claim, and fences the old one out", async () => {
    await h.engine.stop();
    await h.send({ name: "proto/count", data: {} });
    const ctx = h.engine.ctx;
    const [stale] = await until(async () => {
      const items = await claimItems(ctx, 1, []);
      return items.length ? items : undefined;
    });
    // The claimant dies silently: its lease runs out, and a fresh claim gets the item.
    h.clock.advance(ctx.config.leaseMs + 1);
    const [fresh] = await claimItems(ctx, 1, []);
    expect(fresh.id).toBe(stale.id);
    expect(fresh.leaseToken).not.toBe(stale.leaseToken);
    const wrote = await memoizeFenced(ctx, { itemId: stale.id, token: stale.leaseToken, runId: stale.runId }, [
      { stepId: "x", name: "x", op: "StepRun", status: "completed", output: { data: 1 }, startedAt: 0, endedAt: 0 },
    ]);
    expect(wrote).toMatchObject({ held: false, written: [] });
    // Give the item back and let a worker finish the run.
    await ctx.sql.query(`UPDATE engine_queue SET available_at = $1, lease_token = NULL, lease_owner = NULL`, [
      new Date(h.clock.now()),
    ]);
    await h.engine.start();
    const [run] = await h.waitForRuns("counter", 1);
    expect(run.status).toBe("completed");
    expect(steps).toBe(2);
  });
});
