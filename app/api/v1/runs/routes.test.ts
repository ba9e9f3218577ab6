import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiRequest, createTestUser, routeParams, type TestUser } from "@/lib/auth/testing";
import { useTestDatabase } from "@/lib/db/testing";
import { embeddedState } from "@/lib/engine/embedded";
import { startHarness, until, type Harness } from "@/lib/engine/testing/harness";
import type { RunResponse, RunSummaryResponse } from "@/lib/runs";
import { GET as listFunctionsRoute } from "../functions/route";
import { POST as cancelRoute } from "./[id]/cancel/route";
import { POST as rerunRoute } from "./[id]/rerun/route";
import { GET as getRunRoute } from "./[id]/route";
import { GET as listRunsRoute } from "./route";

useTestDatabase();

const BIG = "x".repeat(5_000);
let h: Harness;
let other: Harness;
const who = {} as Record<"alpha" | "beta" | "member" | "operator", TestUser>;
const runs = {} as Record<"quick1" | "quick2" | "quick3" | "report" | "broken" | "betaQuick" | "orphan", string>;

type Handler = (req: Request, ctx?: { params: Promise<Record<string, string>> }) => Promise<Response>;
const call = (handler: Handler, url: string, as?: keyof typeof who, opts: { method?: string; id?: string } = {}) =>
  handler(
    apiRequest(url, { method: opts.method ?? "GET", as: as && who[as], via: "api_key" }),
    routeParams<Record<string, string>>(opts.id ? { id: opts.id } : {}),
  );

async function expectError(res: Response, status: number, type: string) {
  expect(res.status, await res.clone().text()).toBe(status);
  expect(await res.json()).toMatchObject({ error: { type, message: expect.any(String) }, request_id: expect.any(String) });
}

/** Sends one event and returns the run it started once it reaches one of `statuses`. */
async function runOf(fn: string, data: Record<string, unknown>, statuses = ["completed"]): Promise<string> {
  const before = new Set((await h.runsOf(fn)).map((r) => r.id));
  await h.send({ name: `test/${fn}`, data });
  const run = await until(async () => (await h.runsOf(fn)).find((r) => !before.has(r.id)));
  await h.waitForRun(run.id, statuses);
  return run.id;
}

async function list(query: string, as: keyof typeof who = "alpha"): Promise<{ data: RunSummaryResponse[]; next_cursor: string | null }> {
  const res = await call(listRunsRoute, `/api/v1/runs${query}`, as);
  expect(res.status, await res.clone().text()).toBe(200);
  return res.json();
}

beforeAll(async () => {
  h = await startHarness({
    appId: "conveyor",
    functions: (inngest) => [
      inngest.createFunction({ id: "quick", triggers: [{ event: "test/quick" }] }, async ({ event, step }) => {
        const n = await step.run("double", () => Number(event.data.n) * 2);
        return { n };
      }),
      inngest.createFunction({ id: "report", triggers: [{ event: "test/report" }] }, async ({ step }) => {
        const rows = await step.run("load", () => ({ rows: 3 }));
        await step.run("render", () => BIG);
        await step.sleep("cool-down", "10m");
        return rows;
      }),
      inngest.createFunction({ id: "broken", retries: 2, triggers: [{ event: "test/broken" }] }, async ({ step }) => {
        await step.run("explode", () => {
          throw new TypeError("cannot read the input");
        });
      }),
    ],
  });
  other = await startHarness({ appId: "other-app", start: false, functions: (i) => [i.createFunction({ id: "foreign", triggers: [{ event: "x/y" }] }, async () => 1)] });
  // Cancel and rerun act through the process's embedded engine: the harness's.
  embeddedState().engine = h.engine;
  who.alpha = await createTestUser();
  who.beta = await createTestUser();
  who.member = await createTestUser({ role: "member", workspace: who.alpha.workspace });
  who.operator = await createTestUser({ role: "member", isOperator: true });
  const a = who.alpha.workspace.id;
  runs.quick1 = await runOf("quick", { n: 1, workspace_id: a });
  await h.advance(1_000);
  runs.quick2 = await runOf("quick", { n: 2, workspace_id: a });
  await h.advance(1_000);
  runs.quick3 = await runOf("quick", { n: 3, workspace_id: a });
  runs.report = await runOf("report", { workspace_id: a }, ["running"]);
  await until(async () => ((await h.steps(runs.report)).some((s) => s.status === "sleeping") ? true : undefined));
  runs.broken = await runOf("broken", { workspace_id: a }, ["running"]);
  await until(async () => ((await h.run(runs.broken)).retry_at ? true : undefined));
  runs.betaQuick = await runOf("quick", { n: 4, workspace_id: who.beta.workspace.id });
  runs.orphan = await runOf("quick", { n: 5 });
}, 60_000);

afterAll(async () => {
  embeddedState().engine = undefined;
  await other?.close();
  await h?.close();
});

describe("access", () => {
  it("answers 401 without credentials and 403 to members on every route", async () => {
    const routes: [Handler, string, string][] = [
      [listRunsRoute, "/api/v1/runs", "GET"],
      [getRunRoute, `/api/v1/runs/${runs.quick1}`, "GET"],
      [cancelRoute, `/api/v1/runs/${runs.report}/cancel`, "POST"],
      [rerunRoute, `/api/v1/runs/${runs.quick1}/rerun`, "POST"],
      [listFunctionsRoute, "/api/v1/functions", "GET"],
    ];
    for (const [handler, url, method] of routes) {
      await expectError(await call(handler, url, undefined, { method, id: url.split("/")[4] }), 401, "UnauthorizedError");
      await expectError(await call(handler, url, "member", { method, id: url.split("/")[4] }), 403, "ForbiddenError");
    }
    expect((await h.run(runs.report)).status).toBe("running");
  });

  it("shows owners only their workspace's runs; others' are 404 on every route", async () => {
    const ids = (await list("?limit=100")).data.map((r) => r.id);
    expect(ids.sort()).toEqual([runs.quick1, runs.quick2, runs.quick3, runs.report, runs.broken].sort());
    for (const id of [runs.betaQuick, runs.orphan]) {
      await expectError(await call(getRunRoute, `/api/v1/runs/${id}`, "alpha", { id }), 404, "NotFoundError");
      await expectError(await call(cancelRoute, `/api/v1/runs/${id}/cancel`, "alpha", { id, method: "POST" }), 404, "NotFoundError");
      await expectError(await call(rerunRoute, `/api/v1/runs/${id}/rerun`, "alpha", { id, method: "POST" }), 404, "NotFoundError");
    }
    expect((await list("?limit=100", "beta")).data.map((r) => r.id)).toEqual([runs.betaQuick]);
    await expectError(await call(getRunRoute, "/api/v1/runs/no-such-run", "alpha", { id: "no-such-run" }), 404, "NotFoundError");
  });

  it("shows operators every run, other apps' runs without a workspace included, whatever their role", async () => {
    const page = await list("?limit=100", "operator");
    expect(page.data.map((r) => r.id)).toEqual(expect.arrayContaining(Object.values(runs)));
    expect(page.data.find((r) => r.id === runs.orphan)?.workspace_id).toBeNull();
    const res = await call(getRunRoute, `/api/v1/runs/${runs.orphan}`, "operator", { id: runs.orphan });
    expect(res.status).toBe(200);
    expect((await res.json()).output).toEqual({ n: 10 });
  });
});

describe("listing", () => {
  it("filters by function, status (one or several) and time", async () => {
    const quick = await list("?function=conveyor-quick");
    expect(quick.data.map((r) => r.id)).toEqual([runs.quick3, runs.quick2, runs.quick1]);
    expect(quick.data[0]).toMatchObject({ function_id: "conveyor-quick", function_name: "quick", app_id: "conveyor", status: "completed", event_name: "test/quick", workspace_id: who.alpha.workspace.id, error: null });
    expect(quick.data[0].duration_ms).toBeGreaterThanOrEqual(0);
    expect((await list("?status=running")).data.map((r) => r.id).sort()).toEqual([runs.report, runs.broken].sort());
    const several = await list("?status=running&status=completed&limit=100");
    expect(several.data).toHaveLength(5);
    const broken = (await list("?status=running")).data.find((r) => r.id === runs.broken)!;
    expect(broken.next_retry_at).toBe(new Date(Date.parse(broken.started_at!) + 15_000).toISOString());
    const [q1, q2] = [quick.data[2], quick.data[1]];
    const window = await list(`?function=conveyor-quick&from=${encodeURIComponent(q2.created_at)}&to=${encodeURIComponent(new Date(Date.parse(q2.created_at) + 1).toISOString())}`);
    expect(window.data.map((r) => r.id)).toEqual([runs.quick2]);
    const before = await list(`?to=${encodeURIComponent(q2.created_at)}`);
    expect(before.data.map((r) => r.id)).toEqual([q1.id]);
    expect((await list("?function=conveyor-nothing")).data).toEqual([]);
  });

  it("pages with a cursor, newest first, without gaps or repeats", async () => {
    const seen: string[] = [];
    let cursor: string | null = "";
    while (cursor !== null) {
      const page = await list(`?limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`);
      expect(page.data.length).toBeLessThanOrEqual(2);
      seen.push(...page.data.map((r) => r.id));
      cursor = page.next_cursor;
    }
    const all = (await list("?limit=100")).data;
    expect(seen).toEqual(all.map((r) => r.id));
    expect(all.map((r) => r.created_at)).toEqual([...all.map((r) => r.created_at)].sort().reverse());
  });

  it("refuses bad filters with 400/422, never 500", async () => {
    await expectError(await call(listRunsRoute, "/api/v1/runs?cursor=bogus", "alpha"), 400, "BadRequestError");
    await expectError(await call(listRunsRoute, "/api/v1/runs?status=exploded", "alpha"), 422, "ValidationError");
    await expectError(await call(listRunsRoute, "/api/v1/runs?from=yesterday", "alpha"), 422, "ValidationError");
    await expectError(await call(listRunsRoute, "/api/v1/runs?from=2030-01-02T00:00:00Z&to=2030-01-01T00:00:00Z", "alpha"), 422, "ValidationError");
    await expectError(await call(listRunsRoute, "/api/v1/runs?limit=0", "alpha"), 422, "ValidationError");
    await expectError(await call(getRunRoute, "/api/v1/runs/x?max_value_bytes=1", "alpha", { id: runs.quick1 }), 422, "ValidationError");
  });
});

describe("a run's details", () => {
  async function detail(id: string, query = ""): Promise<RunResponse> {
    const res = await call(getRunRoute, `/api/v1/runs/${id}${query}`, "alpha", { id });
    expect(res.status, await res.clone().text()).toBe(200);
    return res.json();
  }

  it("has the trigger event, output, and each step with timing and output", async () => {
    const run = await detail(runs.quick2);
    expect(run).toMatchObject({ id: runs.quick2, status: "completed", output: { n: 4 }, error: null, attempts: [], next_retry_at: null, pending_attempt: null, truncated: [] });
    expect(run.event).toMatchObject({ name: "test/quick", data: { n: 2, workspace_id: who.alpha.workspace.id } });
    expect(run.steps).toHaveLength(1);
    expect(run.steps[0]).toMatchObject({ name: "double", op: "StepRun", status: "completed", output: 4, error: null, attempts: 1, attempt_errors: [] });
    expect(Date.parse(run.steps[0].ended_at!)).toBeGreaterThanOrEqual(Date.parse(run.steps[0].started_at!));
    expect(run.steps[0].duration_ms).toBe(Date.parse(run.steps[0].ended_at!) - Date.parse(run.steps[0].started_at!));
  });

  it("shows a sleeping step's options and a failing step's attempts and next retry", async () => {
    const report = await detail(runs.report);
    expect(report.steps.map((s) => [s.name, s.status])).toEqual([["load", "completed"], ["render", "completed"], ["cool-down", "sleeping"]]);
    expect(report.steps[2].options).toBeTruthy();
    const broken = await detail(runs.broken);
    expect(broken.next_retry_at).toBeTruthy();
    expect(broken.pending_attempt).toBe(1);
    expect(broken.steps[0]).toMatchObject({ name: "explode", status: "running", output: null });
    expect(broken.steps[0].attempt_errors[0]).toMatchObject({ attempt: 0, error: { name: "TypeError", message: "cannot read the input" } });
  });

  it("shortens values longer than max_value_bytes and says which", async () => {
    const full = await detail(runs.report);
    expect(full.steps[1].output).toBe(BIG);
    const short = await detail(runs.report, "?max_value_bytes=1024");
    expect(short.truncated).toEqual(["/steps/1/output"]);
    expect(typeof short.steps[1].output).toBe("string");
    expect((short.steps[1].output as string).length).toBeLessThanOrEqual(1024);
    expect(short.steps[1].output as string).toMatch(/^"xxxx/);
    expect(short.steps[0].output).toEqual({ rows: 3 });
  });
});

describe("cancel and rerun", () => {
  it("cancels an active run once; a finished run cannot be cancelled (409)", async () => {
    const res = await call(cancelRoute, `/api/v1/runs/${runs.report}/cancel`, "alpha", { id: runs.report, method: "POST" });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ cancelled: true, run: { id: runs.report, status: "cancelled", error: { name: "RunCancelledError" } } });
    expect((await h.run(runs.report)).status).toBe("cancelled");
    const again = await call(cancelRoute, `/api/v1/runs/${runs.report}/cancel`, "alpha", { id: runs.report, method: "POST" });
    expect(await again.json()).toMatchObject({ cancelled: false, run: { status: "cancelled" } });
    await expectError(await call(cancelRoute, `/api/v1/runs/${runs.quick1}/cancel`, "alpha", { id: runs.quick1, method: "POST" }), 409, "ConflictError");
    expect((await h.run(runs.quick1)).status).toBe("completed");
  });

  it("reruns a run with the same event as a new run that points back", async () => {
    const res = await call(rerunRoute, `/api/v1/runs/${runs.quick1}/rerun`, "alpha", { id: runs.quick1, method: "POST" });
    expect(res.status, await res.clone().text()).toBe(201);
    const created: RunSummaryResponse = await res.json();
    expect(created).toMatchObject({ function_id: "conveyor-quick", rerun_of: runs.quick1, workspace_id: who.alpha.workspace.id });
    expect(res.headers.get("location")).toBe(`/api/v1/runs/${created.id}`);
    const done = await h.waitForRun(created.id);
    expect(done.output).toEqual({ n: 2 });
    expect(done.event).toEqual((await h.run(runs.quick1)).event);
    expect((await list("?function=conveyor-quick")).data[0].id).toBe(created.id);
  });

  it("lets operators act on any run", async () => {
    const res = await call(rerunRoute, `/api/v1/runs/${runs.orphan}/rerun`, "operator", { id: runs.orphan, method: "POST" });
    expect(res.status).toBe(201);
    const created: RunSummaryResponse = await res.json();
    expect(created.workspace_id).toBeNull();
    expect((await h.waitForRun(created.id)).status).toBe("completed");
  });
});

describe("functions", () => {
  it("lists Conveyor's functions for owners and every app's for operators", async () => {
    const owner = await (await call(listFunctionsRoute, "/api/v1/functions", "alpha")).json();
    expect(owner.data.map((f: { id: string }) => f.id).sort()).toEqual(["conveyor-broken", "conveyor-quick", "conveyor-report"]);
    expect(owner.data.find((f: { id: string }) => f.id === "conveyor-quick")).toMatchObject({ name: "quick", app_id: "conveyor", archived: false, triggers: [{ event: "test/quick" }] });
    const operator = await (await call(listFunctionsRoute, "/api/v1/functions", "operator")).json();
    expect(operator.data.map((f: { id: string }) => f.id)).toContain("other-app-foreign");
  });
});
