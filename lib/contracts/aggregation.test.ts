import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useTestDatabase } from "@/lib/db/testing";
import { parseEnv, resetEnvCache } from "@/lib/env";
import { contractsConfig } from "./config";
import { startEsiStandIn, type StandIn } from "./esi/testing/stand-in";
import { contract, item, TYPES, universe } from "./esi/testing/fixtures";
import { beginRun, finishRun, runRegion, runTypeRefresh } from "./runs";
import type { RunSummary } from "./summary";

const db = useTestDatabase();
let esi: StandIn;
const REGION = 10000002;
const MISSING_REGION = 10009999;

const ship = contract({ title: "Rifter, fitted", price: 900_000 });
const shipWithCargo = contract();
const bundle = contract();
const courier = contract({ type: "courier", reward: 2_000_000, collateral: 10_000_000, price: undefined });
const auction = contract({ type: "auction", buyout: 5_000_000 });
const gone = contract();
const malformed: Record<string, unknown> = { ...contract(), date_issued: "yesterday" };

beforeAll(async () => {
  esi = await startEsiStandIn(universe());
  esi.pageSize = 3;
  esi.data.regions.set(REGION, [ship, shipWithCargo, bundle, courier, malformed, auction, gone]);
  esi.data.items.set(ship.contract_id as number, [item(TYPES.rifter.type_id)]);
  esi.data.items.set(shipWithCargo.contract_id as number, [item(TYPES.drake.type_id), item(TYPES.tritanium.type_id, { quantity: 1000 })]);
  esi.data.items.set(bundle.contract_id as number, [item(TYPES.rifter.type_id), item(TYPES.drake.type_id)]);
  esi.data.items.set(auction.contract_id as number, [item(TYPES.rifter.type_id)]);
  esi.data.goneItems.add(gone.contract_id as number);
  process.env.ESI_BASE_URL = esi.url;
  resetEnvCache();
});
afterAll(async () => {
  delete process.env.ESI_BASE_URL;
  resetEnvCache();
  await esi.close();
});

const config = { ...contractsConfig(parseEnv({})), regionIds: [REGION, MISSING_REGION], leaseTtlMs: 60_000, batchSize: 2 };

async function run(id: string): Promise<RunSummary> {
  expect(await beginRun(id, "manual", { config })).toEqual({ started: true });
  const regions = [];
  for (const region of config.regionIds) regions.push(await runRegion(id, region, { config }));
  const types = await runTypeRefresh(id, { config });
  return finishRun(id, regions, types, { config });
}

const contractRow = async (id: unknown) =>
  (await db().sql.query<Record<string, unknown>>("SELECT * FROM eve_contracts WHERE contract_id = $1", [String(id)]))[0];

describe("the contracts aggregation", () => {
  let first: RunSummary;

  it("stores a region's contracts, items and ship fields, and records a partial run for a missing region", async () => {
    first = await run("run-1");
    expect(first.outcome).toBe("partial");
    const [forge, missing] = first.regions;
    expect(missing).toMatchObject({ region_id: MISSING_REGION, outcome: "failed" });
    expect(missing.errors[0]).toMatchObject({ region_id: MISSING_REGION });
    expect(forge.outcome).toBe("partial"); // the malformed contract
    expect(forge.counts).toMatchObject({ contracts_fetched: 7, contracts_new: 6, contracts_invalid: 1, items: 6, ship_contracts: 2 });
    expect(forge.errors).toEqual([expect.objectContaining({ contract_id: malformed.contract_id, region_id: REGION })]);
    expect(first.totals).toMatchObject({ contracts_new: 6, types_fetched: 3, errors: 2 });
    expect(first.totals.esi_requests).toBeGreaterThan(0);

    expect(await contractRow(ship.contract_id)).toMatchObject({ is_ship_contract: true, ship_type_id: 587, quantity: 1, contains_additional_items: false });
    expect(await contractRow(shipWithCargo.contract_id)).toMatchObject({ is_ship_contract: true, ship_type_id: 24698, contains_additional_items: true });
    expect(await contractRow(bundle.contract_id)).toMatchObject({ is_ship_contract: false });
    expect(await contractRow(auction.contract_id)).toMatchObject({ is_ship_contract: false });
    expect(await contractRow(gone.contract_id)).toMatchObject({ items_gone: true });
    expect(await contractRow(courier.contract_id)).toMatchObject({ items_fetched_at: null, reward: 2_000_000 });
    const stored = await db().sql.query<{ status: string; summary: RunSummary }>("SELECT status, summary FROM contract_runs WHERE id = 'run-1'");
    expect(stored[0].status).toBe("partial");
    expect(stored[0].summary.totals.contracts_new).toBe(6);
    // Its system job went through the stages and holds the outcome; it belongs to no workspace.
    const job = await db().prisma.job.findUniqueOrThrow({ where: { id: "run-1" }, include: { events: { orderBy: { id: "asc" } } } });
    expect(job).toMatchObject({ workspaceId: null, kind: "contracts", status: "succeeded", result: { outcome: "partial", totals: { contracts_new: 6 } } });
    expect(job.events.map((e) => e.stage)).toEqual(expect.arrayContaining(["regions", "types"]));
    expect(job.message).toMatch(/^Partly done: 7 contracts fetched, 6 new/);
  });

  it("never asks ESI again before Expires; items are not fetched twice", async () => {
    const before = esi.requests.length;
    const second = await run("run-2");
    const forge = second.regions[0];
    expect(forge.outcome).toBe("unchanged");
    expect(forge.esi.cache_fresh).toBe(1);
    // only the missing region was asked again (404s are not cached)
    expect(esi.requests.slice(before).map((r) => r.path)).toEqual([`/contracts/public/${MISSING_REGION}?page=1`]);
  });

  it("revalidates after Expires with If-None-Match, and a 304 keeps every stored value", async () => {
    await db().sql.query("UPDATE esi_cache SET expires_at = now() - interval '1 second'");
    const before = esi.requests.length;
    const third = await run("run-3");
    expect(third.regions[0].outcome).toBe("unchanged");
    expect(third.totals.esi_not_modified).toBe(1);
    expect(esi.requests[before].ifNoneMatch).toBeTruthy();
    expect(await contractRow(ship.contract_id)).toMatchObject({ is_ship_contract: true, ship_type_id: 587, title: "Rifter, fitted" });
  });

  it("a changed listing updates values without nulling item-derived or omitted fields, and expires the unlisted", async () => {
    await db().sql.query("UPDATE esi_cache SET expires_at = now() - interval '1 second'");
    const { title: _omitted, ...shipWithoutTitle } = ship;
    esi.data.regions.set(REGION, [{ ...shipWithoutTitle, price: 850_000 }, shipWithCargo, bundle, courier, auction]);
    const fourth = await run("run-4");
    expect(fourth.regions[0].counts).toMatchObject({ contracts_new: 0, contracts_updated: 1, contracts_expired: 1 });
    expect(await contractRow(ship.contract_id)).toMatchObject({
      price: 850_000,
      title: "Rifter, fitted",
      is_ship_contract: true,
      ship_type_id: 587,
    });
    expect(await contractRow(gone.contract_id)).toMatchObject({ status: "expired" });
    expect((await contractRow(malformed.contract_id))).toBeUndefined();
  });

  it("refreshes at most the limit of stale types; a failed refresh moves the timestamp and counts a failure", async () => {
    const sql = db().sql;
    await sql.query("UPDATE eve_types SET last_refreshed_at = now() - interval '40 days'");
    await sql.query("UPDATE eve_types SET last_refreshed_at = now() - interval '50 days' WHERE type_id = 34");
    esi.data.types.delete(34); // 404 from now on
    const limited = { ...config, regionIds: [], typeRefreshLimit: 2 };
    expect(await beginRun("run-5", "manual", { config: limited })).toEqual({ started: true });
    const types = await runTypeRefresh("run-5", { config: limited });
    await finishRun("run-5", [], types, { config: limited });
    expect(types.counts).toMatchObject({ typesRefreshed: 1, typeFailures: 1 });
    const rows = await sql.query<{ type_id: number; failures: number; fresh: boolean }>(
      "SELECT type_id, failures, last_refreshed_at > now() - interval '1 minute' AS fresh FROM eve_types ORDER BY type_id",
    );
    expect(rows.find((r) => r.type_id === 34)).toMatchObject({ failures: 1, fresh: true });
    expect(rows.filter((r) => r.fresh)).toHaveLength(2);
    expect(rows.filter((r) => !r.fresh)).toHaveLength(1);
  });

  it("deletes expired contracts after the retention", async () => {
    await db().sql.query("UPDATE eve_contracts SET expired_at = now() - interval '8 days' WHERE status = 'expired'");
    const summary = await run("run-6");
    expect(summary.totals.contracts_deleted).toBe(1);
    expect(await contractRow(gone.contract_id)).toBeUndefined();
  });
});
