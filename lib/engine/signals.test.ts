import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useTestDatabase } from "@/lib/db/testing";
import { handleEngineApi } from "./api/handle-engine-api";
import { hashedSigningKey } from "./signing-key";
import { TEST_SIGNING_KEY } from "./testing/sdk-app";
import { startHarness, until, type Harness, type RunRow } from "./testing/harness";

useTestDatabase();

let h: Harness;

beforeAll(async () => {
  h = await startHarness({
    functions: (inngest) => [
      inngest.createFunction({ id: "signal-waiter", triggers: [{ event: "test/signal.wait" }] }, async ({ event, step }) => {
        const got = await step.waitForSignal("wait", {
          signal: event.data.signal as string,
          timeout: "1h",
          onConflict: event.data.conflict as "replace" | "fail",
        });
        return { got };
      }),
      inngest.createFunction({ id: "signal-sender", triggers: [{ event: "test/signal.send" }] }, async ({ event, step }) => {
        const sent = await step.sendSignal("send", { signal: event.data.signal as string, data: event.data.payload });
        return { run_id: sent.runId ?? null };
      }),
    ],
  });
}, 60_000);

afterAll(async () => h?.close());

/** Starts a waiter and returns its run once the wait is in place (or the run ended). */
async function startWaiter(signal: string, conflict: "replace" | "fail"): Promise<RunRow> {
  const before = new Set((await h.runsOf("signal-waiter")).map((r) => r.id));
  await h.send({ name: "test/signal.wait", data: { signal, conflict } });
  return until(async () => {
    const run = (await h.runsOf("signal-waiter")).find((r) => !before.has(r.id));
    if (!run) return undefined;
    if (run.status === "failed") return run;
    return (await h.steps(run.id)).some((s) => s.status === "waiting") ? run : undefined;
  }, 10_000, `a waiter for ${signal}`);
}

const signalRequest = (body: unknown, authorization?: string) =>
  handleEngineApi(
    new Request("http://engine.test/v1/signals", {
      method: "POST",
      headers: { "content-type": "application/json", ...(authorization ? { authorization } : {}) },
      body: JSON.stringify(body),
    }),
    { trusted: false, ctx: h.engine.ctx },
  );

describe("waitForSignal / sendSignal", () => {
  it("resumes the waiting run with the signal's data, once", async () => {
    const run = await startWaiter("order-1", "fail");
    // An event of the same name is not the signal.
    await h.send({ name: "order-1", data: {} });
    await new Promise((r) => setTimeout(r, 100));
    expect((await h.run(run.id)).status).toBe("running");

    const sent = await h.app.client.sendSignal({ signal: "order-1", data: { ok: 7 } });
    expect(sent.runId).toBe(run.id);
    const done = await h.waitForRun(run.id);
    expect(done.status).toBe("completed");
    expect(done.output).toEqual({ got: { signal: "order-1", data: { ok: 7 } } });
    // The wait is consumed: a second signal finds nobody.
    expect((await h.app.client.sendSignal({ signal: "order-1", data: { ok: 8 } })).runId).toBeUndefined();
  });

  it("resolves with null when the timeout passes", async () => {
    const run = await startWaiter("late-1", "fail");
    await h.advance(59 * 60_000);
    await new Promise((r) => setTimeout(r, 100));
    expect((await h.run(run.id)).status).toBe("running");
    await h.advance(60_000);
    const done = await h.waitForRun(run.id);
    expect(done.output).toEqual({ got: null });
    expect((await h.app.client.sendSignal({ signal: "late-1" })).runId).toBeUndefined();
  });

  it("onConflict fail: a second waiter's step fails while the first keeps the signal", async () => {
    const first = await startWaiter("shared-fail", "fail");
    const second = await startWaiter("shared-fail", "fail");
    const failed = await h.waitForRun(second.id);
    expect(failed.status).toBe("failed");
    expect(failed.error?.message).toContain("Signal conflict");
    expect((await h.app.client.sendSignal({ signal: "shared-fail", data: 1 })).runId).toBe(first.id);
    expect((await h.waitForRun(first.id)).output).toEqual({ got: { signal: "shared-fail", data: 1 } });
  });

  it("onConflict replace: the newer wait takes the signal, the older one times out with null", async () => {
    const older = await startWaiter("shared-replace", "fail");
    const newer = await startWaiter("shared-replace", "replace");
    expect((await h.app.client.sendSignal({ signal: "shared-replace", data: "x" })).runId).toBe(newer.id);
    expect((await h.waitForRun(newer.id)).output).toEqual({ got: { signal: "shared-replace", data: "x" } });
    expect((await h.run(older.id)).status).toBe("running");
    // The older wait no longer holds the name: a new waiter does not conflict with it.
    const third = await startWaiter("shared-replace", "fail");
    expect(third.status).toBe("running");
    await h.advance(3_600_000);
    expect((await h.waitForRun(older.id)).output).toEqual({ got: null });
    expect((await h.waitForRun(third.id)).output).toEqual({ got: null });
  });

  it("step.sendSignal resumes a waiter and reports an unknown signal as no run", async () => {
    const run = await startWaiter("from-step", "fail");
    await h.send({ name: "test/signal.send", data: { signal: "from-step", payload: { n: 1 } } });
    await h.send({ name: "test/signal.send", data: { signal: "nobody-waits", payload: { n: 2 } } });
    const senders = await h.waitForRuns("signal-sender", 2);
    expect(senders.map((r) => r.status)).toEqual(["completed", "completed"]);
    expect(senders.map((r) => (r.output as { run_id: string | null }).run_id).sort()).toEqual([null, run.id].sort());
    expect((await h.waitForRun(run.id)).output).toEqual({ got: { signal: "from-step", data: { n: 1 } } });
  });

  it("needs the signing key over HTTP and answers bad input with 400", async () => {
    const run = await startWaiter("guarded", "fail");
    const refused = await signalRequest({ signal: "guarded", data: 1 });
    expect(refused.status).toBe(401);
    expect((await signalRequest({ signal: "guarded" }, "Bearer signkey-test-wrong")).status).toBe(401);
    expect((await h.run(run.id)).status).toBe("running");

    const key = `Bearer ${hashedSigningKey(TEST_SIGNING_KEY)}`;
    const bad = await signalRequest({ data: 1 }, key);
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ status: 400 });
    const unknown = await signalRequest({ signal: "nobody" }, key);
    expect(unknown.status).toBe(404);
    const ok = await signalRequest({ signal: "guarded", data: { via: "http" } }, key);
    expect(ok.status).toBe(200);
    expect(await ok.json()).toEqual({ data: { run_id: run.id } });
    expect((await h.waitForRun(run.id)).output).toEqual({ got: { signal: "guarded", data: { via: "http" } } });
  });
});
