/**
 * What Inngest's own test suites (npm run conformance) found missing, held here against a real
 * SDK app: Inngest's call headers, invoke of an unknown function, going back to immediate
 * execution after a parallel group, ENGINE_RETRY_INTERVAL, and the dev server's read API
 * (`GET /dev`, `POST /v0/gql`).
 */
import { referenceFunction } from "inngest";
import { createDefer } from "inngest/experimental";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useTestDatabase } from "@/lib/db/testing";
import { handleEngineApi } from "./api/handle-engine-api";
import { executeGql } from "./gql/execute";
import { startHarness, until, type Harness } from "./testing/harness";

useTestDatabase();

let h: Harness;
let failures = 0;

beforeAll(async () => {
  h = await startHarness({
    appId: "conf",
    config: { retryIntervalMs: 1_000 },
    functions: (inngest) => {
      const later = createDefer(inngest, { id: "later" }, async ({ event }) => ({ x: event.data.x }));
      return [
      later,
      // The classic protocol, deferring and then throwing at once: the SDK reports the defer alone
      // (a lazy op), and must not report it again when the engine calls it back.
      inngest.createFunction({ id: "defers-classic", checkpointing: false, retries: 0, triggers: [{ event: "conf/defer-classic" }] }, async (ctx) => {
        const { defer } = ctx as typeof ctx & { defer: (id: string, o: { function: typeof later; data: Record<string, unknown> }) => unknown };
        defer("later", { function: later, data: { x: 3 } });
        throw new Error("thrown right after defer()");
      }),
      inngest.createFunction({ id: "defers", retries: 0, triggers: [{ event: "conf/defer" }] }, async (ctx) => {
        const { defer, step } = ctx as typeof ctx & { defer: (id: string, o: { function: typeof later; data: Record<string, unknown> }) => { abort(): void } };
        defer("later", { function: later, data: { x: 1 } });
        defer("withdrawn", { function: later, data: { x: 2 } }).abort();
        await step.run("work", () => "w");
        if (ctx.event.data.fail) throw new Error("parent failed");
        return "parent";
      }),
      inngest.createFunction({ id: "hello", name: "Hello", retries: 0, triggers: [{ event: "conf/hello" }] }, async ({ step }) => {
        const a = await step.run("first", () => "one");
        await step.run("failing", () => {
          throw new Error("handled", { cause: new Error("the cause") });
        }).catch(() => undefined);
        return `${a}!`;
      }),
      inngest.createFunction({ id: "invoke-missing", retries: 0, triggers: [{ event: "conf/invoke-missing" }] }, async ({ step }) => {
        await step.invoke("call-nothing", { function: referenceFunction({ functionId: "no-such-fn" }) });
      }),
      inngest.createFunction({ id: "group-then-steps", triggers: [{ event: "conf/group" }] }, async ({ step }) => {
        const [x, y] = await Promise.all([step.run("x", () => "x"), step.run("y", () => "y")]);
        const c = await step.run("c", () => `${x}${y}c`);
        const d = await step.run("d", () => `${c}d`);
        return d;
      }),
      inngest.createFunction({ id: "flaky", retries: 2, triggers: [{ event: "conf/flaky" }] }, async ({ step }) => {
        return step.run("flaky-step", () => {
          if (++failures < 2) throw new Error("not yet");
          return "ok";
        });
      }),
      ];
    },
  });
}, 60_000);

afterAll(async () => h?.close());

async function sendOne(name: string): Promise<string> {
  const { ids } = await h.send({ name, data: {} });
  const [run] = await until(async () => {
    const rows = await h.sql.query<{ id: string }>(`SELECT id FROM engine_runs WHERE event_id = $1`, [ids[0]]);
    return rows.length ? rows : undefined;
  });
  return run.id;
}

const api = (path: string, init?: RequestInit) =>
  handleEngineApi(new Request(`http://engine.test${path}`, init), { trusted: false, ctx: h.engine.ctx, devApi: true });

const gql = async (query: string, variables?: Record<string, unknown>) => {
  const res = await api("/v0/gql", {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${h.engine.ctx.signingKey}` },
    body: JSON.stringify({ query, variables }),
  });
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- GraphQL answers are walked freely in assertions
  return { status: res.status, body: (await res.json()) as { data?: Record<string, any>; errors?: { message: string }[] } };
};

describe("calls to the app", () => {
  it("carry Inngest's headers: run, request, job, generation, request version, step", async () => {
    const runId = await sendOne("conf/hello");
    await h.waitForRun(runId);
    const calls = h.app.requests.filter((r) => r.method === "POST" && r.headers["x-run-id"] === runId);
    expect(calls.length).toBeGreaterThan(0);
    for (const call of calls) {
      expect(call.headers["x-request-id"]).toMatch(/^[0-9A-Z]{26}$/);
      expect(call.headers["x-inngest-job-id"]).toMatch(/^\d+$/);
      expect(Number(call.headers["x-inngest-generation-id"])).toBeGreaterThan(0);
      expect(call.headers["x-inngest-req-version"]).toMatch(/^-?\d+$/);
      expect(call.headers["x-inngest-step-id"]).toBe(new URL(call.url, "http://x").searchParams.get("stepId"));
    }
    expect(new Set(calls.map((c) => c.headers["x-request-id"])).size).toBe(calls.length);
  });
});

describe("step.invoke of a function that does not exist", () => {
  it("fails the step with Inngest's Error 'could not find function'", async () => {
    const runId = await sendOne("conf/invoke-missing");
    const run = await h.waitForRun(runId);
    expect(run.status).toBe("failed");
    const [step] = (await h.steps(runId)).filter((s) => s.name === "call-nothing");
    expect(step.output).toEqual({ error: { name: "Error", message: "could not find function with ID: conf-no-such-fn" } });
  });
});

describe("after a parallel group", () => {
  it("the run goes back to immediate execution (and checkpointing)", async () => {
    const runId = await sendOne("conf/group");
    const run = await h.waitForRun(runId);
    expect(run.output).toBe("xycd");
    const [row] = await h.sql.query<{ disable_immediate: boolean }>(`SELECT disable_immediate FROM engine_runs WHERE id = $1`, [runId]);
    expect(row.disable_immediate).toBe(false);
    // c and d ran inline in discovery calls (stepId=step), not as separately planned calls.
    const planned = h.app.requests.filter((r) => r.headers["x-run-id"] === runId && !r.url.includes("stepId=step"));
    expect(planned.length).toBe(2);
  });
});

describe("ENGINE_RETRY_INTERVAL", () => {
  it("retries after the fixed interval instead of Inngest's backoff", async () => {
    const runId = await sendOne("conf/flaky");
    const row = await until(async () => (await h.run(runId))?.retry_at ?? undefined);
    expect(new Date(row).getTime() - h.clock.now()).toBe(1_000);
    await h.advance(1_000);
    expect((await h.waitForRun(runId)).output).toBe("ok");
  });
});

describe("ctx.defer", () => {
  it.each([false, true])("starts the defer function once the run ends (parent failed: %s); aborted defers start nothing", async (fail) => {
    const { ids } = await h.send({ name: "conf/defer", data: { fail } });
    const runId = await until(async () => (await h.sql.query<{ id: string }>(`SELECT id FROM engine_runs WHERE event_id = $1`, [ids[0]]))[0]?.id);
    expect((await h.waitForRun(runId)).status).toBe(fail ? "failed" : "completed");
    const deferred = await until(async () => {
      const rows = (await h.runsOf("later")).filter((r) => r.event.data._inngest && (r.event.data._inngest as { parent_run_id?: string }).parent_run_id === runId);
      return rows.length && rows.every((r) => r.status === "completed") ? rows : undefined;
    });
    expect(deferred.map((r) => r.output)).toEqual([{ x: 1 }]);
    expect(deferred[0].event.name).toBe("inngest/deferred.schedule");
  });

  it("a run that throws right after defer() (classic protocol) fails once and starts the defer once", async () => {
    const { ids } = await h.send({ name: "conf/defer-classic", data: {} });
    const runId = await until(async () => (await h.sql.query<{ id: string }>(`SELECT id FROM engine_runs WHERE event_id = $1`, [ids[0]]))[0]?.id);
    expect((await h.waitForRun(runId)).status).toBe("failed");
    const deferred = await until(async () => {
      const rows = (await h.runsOf("later")).filter((r) => (r.event.data._inngest as { parent_run_id?: string } | undefined)?.parent_run_id === runId);
      return rows.length && rows.every((r) => r.status === "completed") ? rows : undefined;
    });
    expect(deferred.map((r) => r.output)).toEqual([{ x: 3 }]);
  });
});

describe("the dev server's read API", () => {
  it("GET /dev lists the registered functions in Inngest's shape", async () => {
    const res = await api("/dev", { headers: { authorization: `Bearer ${h.engine.ctx.signingKey}` } });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { functions: { name: string; slug: string; triggers: unknown[]; steps: { id: string; name: string; uri: string }[] }[] };
    const hello = body.functions.find((f) => f.slug === "conf-hello");
    expect(hello).toMatchObject({ name: "Hello", triggers: [{ event: "conf/hello" }] });
    expect(hello?.steps).toEqual([{ id: "step", name: "step", uri: expect.stringMatching(/\?fnId=conf-hello&stepId=step$/), retries: 0 }]);
  });

  it("needs the signing key when the engine has one", async () => {
    expect((await api("/dev")).status).toBe(401);
    expect((await api("/v0/gql", { method: "POST", body: "{}" })).status).toBe(401);
  });

  it("serves the stream, a run's trace and span outputs", async () => {
    const { ids } = await h.send({ name: "conf/hello", data: { n: 1 } });
    const stream = await until(async () => {
      const r = await gql(`{ stream(query: {limit: 50, includeInternalEvents: false}) { id trigger runs { id status function { name } } } }`);
      const item = r.body.data?.stream.find((s: { id: string; runs: { status: string }[] }) => s.id === ids[0]);
      return item?.runs?.[0]?.status === "COMPLETED" ? item : undefined;
    });
    expect(stream.trigger).toBe("conf/hello");
    const runId = stream.runs[0].id as string;
    expect(stream.runs[0].function.name).toBe("Hello");

    const { body } = await gql(
      `query ($runId: String!) { run(runID: $runId) { status trace(preview: true) { name status outputID stepType
         childrenSpans { name stepType attempts outputID status } } } }`,
      { runId },
    );
    const trace = body.data?.run.trace;
    expect(body.data?.run.status).toBe("COMPLETED");
    expect(trace.status).toBe("COMPLETED");
    expect(trace.childrenSpans).toEqual([
      { name: "first", stepType: "RUN", attempts: 0, outputID: expect.any(String), status: "COMPLETED" },
      { name: "failing", stepType: "RUN", attempts: 0, outputID: expect.any(String), status: "FAILED" },
      { name: "Finalization", stepType: "FINALIZATION", attempts: 0, outputID: expect.any(String), status: "COMPLETED" },
    ]);
    const output = async (id: string) =>
      (await gql(`query ($id: String!) { runTraceSpanOutputByID(outputID: $id) { data error { name message stack cause } } }`, { id })).body.data
        ?.runTraceSpanOutputByID;
    expect(await output(trace.childrenSpans[0].outputID)).toEqual({ data: JSON.stringify("one"), error: null });
    const failed = await output(trace.childrenSpans[1].outputID);
    expect(failed.error).toMatchObject({ name: "Error", message: "handled", cause: expect.objectContaining({ message: "the cause" }) });
    expect(await output(trace.outputID)).toEqual({ data: JSON.stringify("one!"), error: null });
  }, 60_000);

  it("keeps run and step metadata (POST /v1/runs/{id}/metadata) and shows it on the trace", async () => {
    const runId = await sendOne("conf/hello");
    await h.waitForRun(runId);
    const post = (body: unknown) =>
      api(`/v1/runs/${runId}/metadata`, { method: "POST", headers: { authorization: `Bearer ${h.engine.ctx.signingKey}` }, body: JSON.stringify(body) });
    expect((await post({ target: { run_id: runId }, metadata: [{ kind: "inngest.score", op: "merge", values: { a: { value: 1 } } }] })).status).toBe(200);
    expect((await post({ target: { run_id: runId }, metadata: [{ kind: "inngest.score", op: "merge", values: { b: { value: true } } }, { kind: "inngest.score", op: "merge", values: { c: { value: 0 } } }] })).status).toBe(200);
    expect((await post({ target: { run_id: runId, step_id: "first" }, metadata: [{ kind: "userland.x", op: "merge", values: { n: 2 } }] })).status).toBe(200);
    expect((await post({ target: { run_id: runId }, metadata: [{ kind: "k", values: [] }] })).status).toBe(400);
    expect((await api(`/v1/runs/nope/metadata`, { method: "POST", headers: { authorization: `Bearer ${h.engine.ctx.signingKey}` }, body: JSON.stringify({ metadata: [] }) })).status).toBe(404);
    const { body } = await gql(`query ($runId: String!) { run(runID: $runId) { trace { metadata { scope kind values } childrenSpans { name metadata { scope kind values } } } } }`, { runId });
    const trace = body.data?.run.trace;
    expect(trace.metadata).toEqual([{ scope: "run", kind: "inngest.score", values: { a: { value: 1 }, b: { value: true }, c: { value: 0 } } }]);
    expect(trace.childrenSpans.find((s: { name: string }) => s.name === "first").metadata).toEqual([{ scope: "step", kind: "userland.x", values: { n: 2 } }]);
  });

  it("serves events by id and in the events list", async () => {
    const { ids } = await h.send({ name: "conf/other", data: { foo: "bar" }, id: "my-key" });
    const { body } = await gql(`query ($id: ULID!) { eventV2(id: $id) { name idempotencyKey raw } }`, { id: ids[0] });
    expect(body.data?.eventV2).toMatchObject({ name: "conf/other", idempotencyKey: "my-key" });
    expect(JSON.parse(body.data?.eventV2.raw).data).toEqual({ foo: "bar" });
    const list = await gql(`query Events($query: EventsQuery!) { events(query: $query) { id name payload } }`, { query: {} });
    const found = list.body.data?.events.find((e: { id: string }) => e.id === ids[0]);
    expect(JSON.parse(found.payload)).toEqual({ foo: "bar" });
  });

  it("refuses unknown fields, deep queries and oversized ones, as GraphQL errors", async () => {
    const unknown = await gql(`{ run(runID: "x") { secretField } }`);
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors?.[0].message).toContain("secretField");
    const deep = `{ run(runID: "x") { trace { ${"childrenSpans { ".repeat(12)} name ${"} ".repeat(12)} } } }`;
    expect((await gql(deep)).body.errors?.[0].message).toContain("nest");
    expect((await gql(`{ apps { id } } #${"x".repeat(40_000)}`)).status).toBe(413);
    expect((await gql(`{ run(runID: "nope") { id } }`)).body).toEqual({ data: { run: null } });
  });

  it("shows a workspace only its own runs (the app's endpoint for non-operators)", async () => {
    const { ids } = await h.send({ name: "conf/hello", data: { workspace_id: "ws-a" } });
    const runId = await until(async () => (await h.sql.query<{ id: string }>(`SELECT id FROM engine_runs WHERE event_id = $1`, [ids[0]]))[0]?.id);
    const q = { query: `query ($id: String!) { run(runID: $id) { id } }`, variables: { id: runId } };
    expect((await executeGql({ sql: h.sql, workspaceId: "ws-a" }, q)).body).toEqual({ data: { run: { id: runId } } });
    expect((await executeGql({ sql: h.sql, workspaceId: "ws-b" }, q)).body).toEqual({ data: { run: null } });
    const stream = await executeGql({ sql: h.sql, workspaceId: "ws-a" }, { query: `{ stream(query: {limit: 5}) { id } }` });
    expect((stream.body.errors as { message: string }[])[0].message).toContain("operators");
  });
});
