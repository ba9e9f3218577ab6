import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { memoryEsiCache } from "./cache";
import { EsiClient } from "./client";
import { EsiBadResponseError, EsiNotFoundError, EsiRetryLaterError, EsiUnavailableError } from "./errors";
import { contractItemSchema, publicContractSchema, typeSchema } from "./schemas";
import { startEsiStandIn, type StandIn } from "./testing/stand-in";
import { contract, item, TYPES, universe } from "./testing/fixtures";

let esi: StandIn;
let slept: number[];

beforeEach(async () => {
  esi = await startEsiStandIn(universe());
  slept = [];
});
afterEach(() => esi.close());

function client(overrides: Partial<ConstructorParameters<typeof EsiClient>[0]> = {}) {
  return new EsiClient({
    baseUrl: esi.url,
    userAgent: "Conveyor/0.1.0 (+http://localhost:3000)",
    compatibilityDate: "2025-08-26",
    timeoutMs: 2000,
    cache: memoryEsiCache(),
    sleep: async (ms) => void slept.push(ms),
    backoffMs: 100,
    ...overrides,
  });
}

describe("ESI client", () => {
  it("identifies itself and pins the compatibility date on every request", async () => {
    await client().getCached("/universe/types/587", typeSchema);
    expect(esi.requests[0]).toMatchObject({ userAgent: "Conveyor/0.1.0 (+http://localhost:3000)", compatibilityDate: "2025-08-26" });
  });

  it("walks X-Pages from page 1 and validates each contract on its own", async () => {
    esi.pageSize = 2;
    const bad = contract({ date_issued: undefined, type: "item_exchange" });
    const good = [contract(), contract({ type: "courier", reward: 5 }), contract({ type: "auction" }), contract()];
    esi.data.regions.set(10000002, [...good.slice(0, 2), bad, ...good.slice(2)]);
    const result = await client().getPaged("/contracts/public/10000002", publicContractSchema, { conditional: true, idKey: "contract_id" });
    expect(result.status).toBe("ok");
    if (result.status !== "ok") return;
    expect(result.pages).toBe(3);
    expect(esi.requests.map((r) => r.path)).toEqual([1, 2, 3].map((p) => `/contracts/public/10000002?page=${p}`));
    expect(result.items.map((c) => c.contract_id)).toEqual(good.map((c) => c.contract_id));
    expect(result.invalid).toEqual([{ id: bad.contract_id, problem: expect.stringContaining("date_issued") }]);
    expect(result.items[0].for_corporation).toBe(false);
  });

  it("never re-requests before Expires, then revalidates with If-None-Match (304 = unchanged)", async () => {
    let now = Date.now();
    const cache = memoryEsiCache();
    const c = client({ cache, now: () => now });
    esi.data.regions.set(10000002, [contract()]);
    const first = await c.getPaged("/contracts/public/10000002", publicContractSchema, { conditional: true, idKey: "contract_id" });
    expect(first.status).toBe("ok");
    if (first.status === "ok") await c.commit(first.cacheEntries);
    expect(await c.getPaged("/contracts/public/10000002", publicContractSchema, { conditional: true, idKey: "contract_id" })).toEqual({ status: "unchanged" });
    expect(esi.requests).toHaveLength(1);
    now += (esi.cacheSeconds + 1) * 1000;
    expect(await c.getPaged("/contracts/public/10000002", publicContractSchema, { conditional: true, idKey: "contract_id" })).toEqual({ status: "unchanged" });
    expect(esi.requests).toHaveLength(2);
    expect(esi.requests[1].ifNoneMatch).toMatch(/^".+"$/);
    expect(c.stats).toMatchObject({ requests: 2, notModified: 1, cacheFresh: 1 });
  });

  it("does not store a listing's cache entries until the caller commits them", async () => {
    const cache = memoryEsiCache();
    esi.data.regions.set(10000002, [contract()]);
    await client({ cache }).getPaged("/contracts/public/10000002", publicContractSchema, { conditional: true, idKey: "contract_id" });
    expect(cache.entries.size).toBe(0);
  });

  it("restarts the walk once when Last-Modified differs between pages", async () => {
    esi.pageSize = 1;
    esi.data.regions.set(10000002, [contract(), contract(), contract()]);
    esi.rollAfterPage.set("/contracts/public/10000002", 1);
    const result = await client().getPaged("/contracts/public/10000002", publicContractSchema, { conditional: false, idKey: "contract_id" });
    expect(result).toMatchObject({ status: "ok", restarted: true, pages: 3 });
    expect(esi.requests.map((r) => r.path.split("=")[1])).toEqual(["1", "2", "1", "2", "3"]);
  });

  it("answers 204 items as gone, not an error", async () => {
    esi.data.goneItems.add(42);
    expect(await client().getPaged("/contracts/public/items/42", contractItemSchema, { conditional: false, idKey: "record_id" })).toEqual({ status: "gone" });
  });

  it("keeps item flags false when absent", async () => {
    esi.data.items.set(43, [item(TYPES.rifter.type_id)]);
    const result = await client().getPaged("/contracts/public/items/43", contractItemSchema, { conditional: false, idKey: "record_id" });
    expect(result.status === "ok" && result.items[0].is_blueprint_copy).toBe(false);
  });

  it("treats 404 as final", async () => {
    await expect(client().getPaged("/contracts/public/1", publicContractSchema, { conditional: true, idKey: "contract_id" })).rejects.toBeInstanceOf(EsiNotFoundError);
    expect(esi.requests).toHaveLength(1);
  });

  it("retries 5xx with growing backoff, then gives up as unavailable", async () => {
    esi.faults.set("/universe/types/587", [{ status: 502 }, { status: 503 }]);
    const c = client();
    expect(await c.getCached("/universe/types/587", typeSchema)).toMatchObject({ status: "ok", data: { name: "Rifter" } });
    expect(slept).toEqual([100, 200]);
    expect(c.stats).toMatchObject({ retries: 2, errors: 2 });
    esi.faults.set("/universe/types/34", Array.from({ length: 4 }, () => ({ status: 500 as const })));
    await expect(c.getCached("/universe/types/34", typeSchema)).rejects.toBeInstanceOf(EsiUnavailableError);
  });

  it("retries a request that times out", async () => {
    esi.faults.set("/universe/types/587", [{ hang: true }]);
    const c = client({ timeoutMs: 200 });
    expect(await c.getCached("/universe/types/587", typeSchema)).toMatchObject({ status: "ok" });
    expect(c.stats.retries).toBe(1);
  });

  it("waits a short 429 Retry-After in process and hands a long one to the engine", async () => {
    esi.faults.set("/universe/types/587", [{ status: 429, retryAfterSeconds: 3 }]);
    const c = client();
    expect(await c.getCached("/universe/types/587", typeSchema)).toMatchObject({ status: "ok" });
    expect(slept).toEqual([3000]);
    esi.faults.set("/universe/types/34", [{ status: 429, retryAfterSeconds: 120 }]);
    const error = await c.getCached("/universe/types/34", typeSchema).catch((e) => e);
    expect(error).toBeInstanceOf(EsiRetryLaterError);
    expect((error as EsiRetryLaterError).retryAt.getTime()).toBeGreaterThan(Date.now() + 100_000);
  });

  it("stops every request after a 420 until the error window resets", async () => {
    esi.faults.set("/universe/types/587", [{ status: 420 }]);
    const c = client();
    await expect(c.getCached("/universe/types/587", typeSchema)).rejects.toBeInstanceOf(EsiRetryLaterError);
    const sent = esi.requests.length;
    await expect(c.getCached("/universe/types/34", typeSchema)).rejects.toBeInstanceOf(EsiRetryLaterError);
    expect(esi.requests).toHaveLength(sent);
  });

  it("slows down before the error limit is reached", async () => {
    esi.errorRemain = 12;
    esi.faults.set("/universe/types/587", [{ status: 500 }, { status: 500 }]);
    const c = client({ maxInlineWaitMs: 120_000 });
    await c.getCached("/universe/types/587", typeSchema);
    // the second 500 left 10 errors: the retry waited for the window's reset (60 s) first
    expect(slept.some((ms) => ms > 50_000)).toBe(true);
  });

  it("rejects a body that does not match the document", async () => {
    esi.data.types.set(999, { type_id: 999 });
    await expect(client().getCached("/universe/types/999", typeSchema)).rejects.toBeInstanceOf(EsiBadResponseError);
  });
});
