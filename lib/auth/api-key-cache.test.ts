import { afterAll, describe, expect, it } from "vitest";
import { DELETE as deleteKey } from "@/app/api/v1/api-keys/[id]/route";
import { GET as me } from "@/app/api/v1/me/route";
import { PATCH as changeRole, DELETE as removeMember } from "@/app/api/v1/members/[user_id]/route";
import { PATCH as renameWorkspace } from "@/app/api/v1/workspaces/[id]/route";
import { openDatabase, type Database } from "@/lib/db";
import { useTestDatabase } from "@/lib/db/testing";
import { hashApiKey } from "./api-key-format";
import { ApiKeyCache, apiKeyCache, type CachedKey } from "./api-key-cache";
import { authenticateApiKey } from "./authenticate-api-key";
import { apiRequest, createTestUser, routeParams, type TestUser } from "./testing";

const database = useTestDatabase();

const meWithKey = (key: string) => me(apiRequest("/api/v1/me", { headers: { "x-api-key": key } }));
const cached = (key: string, db: Database = database()) => apiKeyCache(db).get(hashApiKey(key));

async function until(check: () => boolean | Promise<boolean>, timeoutMs = 5_000): Promise<number> {
  const started = performance.now();
  while (!(await check())) {
    if (performance.now() - started > timeoutMs) throw new Error("timed out");
    await new Promise((r) => setTimeout(r, 5));
  }
  return performance.now() - started;
}

/** A key that is cached in this process (its first use stores it). */
async function warm(user: TestUser, db: Database = database()): Promise<void> {
  if (db.notifications) await until(() => apiKeyCache(db).usable);
  expect(await authenticateApiKey(user.apiKey, new Date(), db)).not.toBeNull();
  expect(cached(user.apiKey, db)).toBeDefined();
}

describe("the API key cache", () => {
  const row = { auth: { role: "owner" }, lastUsedAt: null } as unknown as CachedKey;

  it("keeps an entry for its time to live, and nothing while unusable", () => {
    let now = 0;
    const cache = new ApiKeyCache({ usable: true, ttlMs: 1_000, now: () => now });
    cache.remember("h", row, cache.generation);
    now = 999;
    expect(cache.get("h")).toBeDefined();
    now = 1_000;
    expect(cache.get("h")).toBeUndefined();
    cache.remember("h", row, cache.generation);
    cache.setUsable(false);
    expect(cache.get("h")).toBeUndefined();
    cache.remember("h", row, cache.generation);
    cache.setUsable(true);
    expect(cache.get("h")).toBeUndefined();
  });

  it("drops what a lookup read if the cache was emptied while it ran", () => {
    const cache = new ApiKeyCache({ usable: true });
    const before = cache.generation;
    cache.clear(); // a revocation committed while the lookup was in flight
    cache.remember("h", row, before);
    expect(cache.get("h")).toBeUndefined();
    cache.remember("h", row, cache.generation);
    expect(cache.get("h")).toBeDefined();
  });

  it("hands each request its own copy of the context", async () => {
    const owner = await createTestUser();
    await warm(owner);
    const first = (await authenticateApiKey(owner.apiKey))!;
    first.role = "member";
    first.workspace.name = "changed";
    expect(await authenticateApiKey(owner.apiKey)).toMatchObject({ role: "owner", workspace: { name: owner.workspace.name } });
  });
});

describe("a cached key, in the process that changes it", () => {
  it("is refused on the very next request after its revocation", async () => {
    const owner = await createTestUser();
    const other = await createTestUser({ workspace: owner.workspace, role: "owner" });
    await warm(owner);
    await warm(other);
    const res = await deleteKey(apiRequest(`/api/v1/api-keys/${owner.apiKeyId}`, { method: "DELETE", as: owner }), routeParams({ id: owner.apiKeyId }));
    expect(res.status).toBe(204);
    expect((await meWithKey(owner.apiKey)).status).toBe(401);
    // The other key was forgotten too, and still works.
    expect(cached(other.apiKey)).toBeUndefined();
    expect((await meWithKey(other.apiKey)).status).toBe(200);
  });

  it("acts with a changed role, and dies with its creator's membership, on the next request", async () => {
    const owner = await createTestUser();
    const member = await createTestUser({ role: "member", workspace: owner.workspace });
    const params = routeParams({ user_id: member.user.id });
    const target = `/api/v1/members/${member.user.id}`;
    await warm(member);
    expect((await changeRole(apiRequest(target, { method: "PATCH", as: owner, body: { role: "owner" } }), params)).status).toBe(200);
    expect((await (await meWithKey(member.apiKey)).json()).role).toBe("owner");
    await warm(member);
    expect((await removeMember(apiRequest(target, { method: "DELETE", as: owner }), params)).status).toBe(204);
    expect((await meWithKey(member.apiKey)).status).toBe(401);
  });

  it("sees its workspace's new name", async () => {
    const owner = await createTestUser();
    await warm(owner);
    const res = await renameWorkspace(
      apiRequest(`/api/v1/workspaces/${owner.workspace.id}`, { method: "PATCH", as: owner, body: { name: "Renamed" } }),
      routeParams({ id: owner.workspace.id }),
    );
    expect(res.status).toBe(200);
    expect((await (await meWithKey(owner.apiKey)).json()).workspace.name).toBe("Renamed");
  });
});

/**
 * Two processes on one PostgreSQL database: this one (the test database) and a second opened on
 * the same URL, with its own pool, listening connection and cache.
 */
describe.skipIf(!process.env.TEST_DATABASE_URL)("a cached key in another process (PostgreSQL)", () => {
  let second: Database | undefined;
  const other = async () => (second ??= await openDatabase({ url: database().url!, poolSize: 2 }));
  afterAll(async () => {
    await second?.close();
  });

  it("is refused there as soon as the revocation's notification arrives, not when its entry expires", async () => {
    const owner = await createTestUser();
    const b = await other();
    await warm(owner, b);
    const generation = apiKeyCache(b).generation;
    const res = await deleteKey(apiRequest(`/api/v1/api-keys/${owner.apiKeyId}`, { method: "DELETE", as: owner }), routeParams({ id: owner.apiKeyId }));
    expect(res.status).toBe(204);
    // Only an emptying bumps the generation (an entry's expiry does not): this is the notification.
    await until(() => apiKeyCache(b).generation !== generation);
    expect(cached(owner.apiKey, b)).toBeUndefined();
    expect(await authenticateApiKey(owner.apiKey, new Date(), b)).toBeNull();
  });

  it("is not cached there while its listening connection is down, and is again once it is back", async () => {
    const owner = await createTestUser();
    const b = await other();
    await warm(owner, b);
    await database().sql.query(
      `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND query LIKE 'LISTEN %' AND pid <> pg_backend_pid()`,
    );
    await until(() => !apiKeyCache(b).usable);
    expect(cached(owner.apiKey, b)).toBeUndefined();
    expect(await authenticateApiKey(owner.apiKey, new Date(), b)).not.toBeNull();
    expect(cached(owner.apiKey, b)).toBeUndefined();
    await until(() => apiKeyCache(b).usable, 15_000);
    await warm(owner, b);
    const generation = apiKeyCache(b).generation;
    await deleteKey(apiRequest(`/api/v1/api-keys/${owner.apiKeyId}`, { method: "DELETE", as: owner }), routeParams({ id: owner.apiKeyId }));
    await until(() => apiKeyCache(b).generation !== generation);
    expect(await authenticateApiKey(owner.apiKey, new Date(), b)).toBeNull();
  });
});
