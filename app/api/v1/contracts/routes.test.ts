import { beforeAll, describe, expect, it, vi } from "vitest";
import { apiRequest, createTestUser, routeParams, type TestUser } from "@/lib/auth/testing";
import { useTestDatabase } from "@/lib/db/testing";
import { upsertContracts } from "@/lib/contracts/upsert-contracts";
import { publicContractSchema } from "@/lib/contracts/esi/schemas";
import { contract } from "@/lib/contracts/esi/testing/fixtures";
import { acquireLease, releaseLease } from "@/lib/contracts/lease";
import { GET as getContractRoute } from "./[contract_id]/route";
import { GET as getRunRoute } from "./runs/[run_id]/route";
import { GET as listRunsRoute, POST as startRunRoute } from "./runs/route";
import { GET as listRoute } from "./route";
import { GET as getWorkspaceJobRoute } from "../jobs/[id]/route";
import { GET as getSystemJobRoute } from "../system/jobs/[id]/route";
import { GET as listSystemJobsRoute } from "../system/jobs/route";

// "Run now" sends an event to the engine; here only the route's answer matters.
vi.mock("@/inngest/client", () => ({ inngest: { send: vi.fn(async () => ({ ids: ["e"] })) } }));

const db = useTestDatabase();
let member: TestUser;
let operator: TestUser;
const ids: number[] = [];

type Handler = (req: Request, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;
const call = (handler: Handler, url: string, as: TestUser, params: Record<string, string> = {}, method = "GET") =>
  handler(apiRequest(url, { method, as, via: "api_key" }), routeParams(params));

beforeAll(async () => {
  member = await createTestUser({ role: "member" });
  operator = await createTestUser({ isOperator: true });
  const rows = [
    contract({ price: 100 }),
    contract({ price: 300 }),
    contract({ price: 200, type: "auction" }),
    contract({ type: "courier", price: undefined, reward: 10 }),
  ].map((c) => publicContractSchema.parse(c));
  ids.push(...rows.map((r) => r.contract_id));
  await upsertContracts(db().sql, 10000002, rows, new Date(), 2);
  await db().sql.query(
    "UPDATE eve_contracts SET is_ship_contract = true, ship_type_id = 587, quantity = 1, items_fetched_at = now() WHERE contract_id = $1",
    [String(ids[0])],
  );
  await db().sql.query(
    "INSERT INTO eve_types (type_id, name, group_id, category_id, last_refreshed_at) VALUES (587, 'Rifter', 25, 6, now())",
  );
  await db().sql.query("INSERT INTO eve_groups (group_id, name, category_id, refreshed_at) VALUES (25, 'Frigate', 6, now())");
  await db().sql.query(
    "INSERT INTO eve_contract_items (record_id, contract_id, type_id, quantity, is_included) VALUES (1, $1, 587, 1, true)",
    [String(ids[0])],
  );
});

describe("contracts API", () => {
  it("lists contracts for any signed-in user, filtered and sorted, with a stable cursor", async () => {
    const res = await call(listRoute, "/api/v1/contracts?sort=price&limit=2&type=item_exchange", member);
    expect(res.status, await res.clone().text()).toBe(200);
    const page = await res.json();
    expect(page.items.map((c: { price: number }) => c.price)).toEqual([100, 300]);
    expect(page.items[0]).toMatchObject({ is_ship_contract: true, ship_name: "Rifter", status: "outstanding" });
    const all = await (await call(listRoute, "/api/v1/contracts?sort=-price&limit=2", member)).json();
    const next = await (await call(listRoute, `/api/v1/contracts?sort=-price&limit=2&cursor=${all.next_cursor}`, member)).json();
    expect([...all.items, ...next.items].map((c: { price: number | null }) => c.price)).toEqual([300, 200, 100, null]);
    const ships = await (await call(listRoute, "/api/v1/contracts?is_ship_contract=true&min_price=50&max_price=150", member)).json();
    expect(ships.items.map((c: { contract_id: number }) => c.contract_id)).toEqual([ids[0]]);
  });

  it("rejects a forged cursor with 400", async () => {
    const res = await call(listRoute, "/api/v1/contracts?cursor=bm9wZQ", member);
    expect(res.status).toBe(400);
  });

  it("shows one contract with its items, type names and groups; 404 for an unknown one", async () => {
    const res = await call(getContractRoute, `/api/v1/contracts/${ids[0]}`, member, { contract_id: String(ids[0]) });
    expect(res.status).toBe(200);
    expect((await res.json()).items).toEqual([expect.objectContaining({ type_name: "Rifter", group_name: "Frigate", category_id: 6 })]);
    expect((await call(getContractRoute, "/api/v1/contracts/1", member, { contract_id: "1" })).status).toBe(404);
  });

  it("keeps runs to operators; run now answers 202, then 409 while one is in progress", async () => {
    expect((await call(listRunsRoute, "/api/v1/contracts/runs", member)).status).toBe(403);
    expect((await call(startRunRoute, "/api/v1/contracts/runs", member, {}, "POST")).status).toBe(403);
    const started = await call(startRunRoute, "/api/v1/contracts/runs", operator, {}, "POST");
    expect(started.status, await started.clone().text()).toBe(202);
    const { run_id, status } = await started.json();
    expect(status).toBe("queued");
    expect((await call(startRunRoute, "/api/v1/contracts/runs", operator, {}, "POST")).status).toBe(409);
    const one = await call(getRunRoute, `/api/v1/contracts/runs/${run_id}`, operator, { run_id });
    expect(await one.json()).toMatchObject({ run_id, status: "queued", trigger: "manual" });
    const list = await (await call(listRunsRoute, "/api/v1/contracts/runs", operator)).json();
    expect(list.items[0].run_id).toBe(run_id);
    // The run is a system job: operators read it through the system jobs API, and no workspace sees it.
    const job = await call(getSystemJobRoute, `/api/v1/system/jobs/${run_id}`, operator, { id: run_id });
    expect(await job.json()).toMatchObject({ job_id: run_id, kind: "contracts", status: "queued" });
    const jobs = await (await call(listSystemJobsRoute, "/api/v1/system/jobs?kind=contracts", operator)).json();
    expect(jobs.data.map((j: { job_id: string }) => j.job_id)).toContain(run_id);
    expect((await call(getSystemJobRoute, `/api/v1/system/jobs/${run_id}`, member, { id: run_id })).status).toBe(403);
    expect((await call(getWorkspaceJobRoute, `/api/v1/jobs/${run_id}`, operator, { id: run_id })).status).toBe(404);
    // a held lease also answers 409
    await db().sql.query("UPDATE contract_runs SET status = 'skipped'");
    expect(await acquireLease(db().sql, "other-run", 60_000)).toBe(true);
    expect((await call(startRunRoute, "/api/v1/contracts/runs", operator, {}, "POST")).status).toBe(409);
    await releaseLease(db().sql, "other-run");
  });
});
