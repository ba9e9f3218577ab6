import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { DELETE as deleteKey } from "@/app/api/v1/api-keys/[id]/route";
import { GET as listKeys, POST as createKey } from "@/app/api/v1/api-keys/route";
import { GET as me } from "@/app/api/v1/me/route";
import { PATCH as changeRole, DELETE as removeMember } from "@/app/api/v1/members/[user_id]/route";
import { useTestDatabase } from "@/lib/db/testing";
import { resetEnvCache } from "@/lib/env";
import { apiRequest, createTestUser, routeParams, type TestUser } from "./testing";

const database = useTestDatabase();

beforeAll(() => {
  vi.stubEnv("RATE_LIMIT_API_KEYS", "4/1h");
  resetEnvCache();
});
afterEach(() => {
  vi.useRealTimers();
});

const create = (as: TestUser, name: unknown = "ci", via: "session" | "api_key" = "session") =>
  createKey(apiRequest("/api/v1/api-keys", { method: "POST", as, via, body: { name } }));
const remove = (as: TestUser, id: string) => deleteKey(apiRequest(`/api/v1/api-keys/${id}`, { method: "DELETE", as }), routeParams({ id }));
const meWithKey = (key: string, header: "x-api-key" | "bearer" = "x-api-key", extra: Record<string, string> = {}) =>
  me(apiRequest("/api/v1/me", { headers: { ...(header === "bearer" ? { authorization: `Bearer ${key}` } : { "x-api-key": key }), ...extra } }));

describe("API keys", () => {
  it("creates a key shown once, stores only its hash, and lists keys without secrets", async () => {
    const owner = await createTestUser();
    const res = await create(owner, "  deploy bot ");
    expect(res.status).toBe(201);
    const created = await res.json();
    expect(created.key).toMatch(/^cvk_[0-9A-Za-z]{43}$/);
    expect(created).toMatchObject({ name: "deploy bot", prefix: created.key.slice(0, 12), last_used_at: null, created_by: { id: owner.user.id } });
    const row = await database().prisma.apiKey.findUniqueOrThrow({ where: { id: created.id } });
    expect(JSON.stringify(row)).not.toContain(created.key);
    expect(row.hash).toMatch(/^[0-9a-f]{64}$/);
    const listed = await (await listKeys(apiRequest("/api/v1/api-keys", { as: owner }))).json();
    expect(listed.api_keys.map((k: { id: string }) => k.id)).toEqual([created.id, owner.apiKeyId]);
    expect(JSON.stringify(listed)).not.toContain(created.key);
    expect(listed.api_keys[0]).not.toHaveProperty("key");
    expect(listed.api_keys[0]).not.toHaveProperty("hash");
  });

  it("authenticates with X-API-Key and Authorization: Bearer in the key's workspace", async () => {
    const owner = await createTestUser();
    for (const header of ["x-api-key", "bearer"] as const) {
      const res = await meWithKey(owner.apiKey, header);
      expect(res.status).toBe(200);
      expect(await res.json()).toMatchObject({ user: { id: owner.user.id }, workspace: { id: owner.workspace.id }, role: "owner", via: "api_key", api_key_id: owner.apiKeyId });
    }
  });

  it("refuses a revoked key at once, even when a valid session cookie comes along", async () => {
    const owner = await createTestUser();
    const { id, key } = await (await create(owner)).json();
    expect((await meWithKey(key)).status).toBe(200);
    expect((await remove(owner, id)).status).toBe(204);
    const after = await meWithKey(key, "x-api-key", { cookie: owner.cookie });
    expect(after.status).toBe(401);
    expect((await after.json()).error.type).toBe("UnauthorizedError");
    expect((await meWithKey(key, "bearer")).status).toBe(401);
    expect((await remove(owner, id)).status).toBe(404);
  });

  it("answers 401 for unknown or malformed keys and for no credentials at all", async () => {
    const owner = await createTestUser();
    for (const bad of ["cvk_" + "A".repeat(43), "nonsense", "", owner.apiKey.slice(0, -1)]) {
      expect((await meWithKey(bad, "x-api-key", { cookie: owner.cookie })).status).toBe(401);
    }
    expect((await me(apiRequest("/api/v1/me"))).status).toBe(401);
    expect((await listKeys(apiRequest("/api/v1/api-keys"))).status).toBe(401);
    expect((await createKey(apiRequest("/api/v1/api-keys", { method: "POST", body: { name: "x" } }))).status).toBe(401);
  });

  it("writes last_used_at at most once a minute per key", async () => {
    const owner = await createTestUser();
    const lastUsed = async () => (await database().prisma.apiKey.findUniqueOrThrow({ where: { id: owner.apiKeyId } })).lastUsedAt;
    vi.useFakeTimers({ toFake: ["Date"] });
    const t0 = new Date("2030-01-01T10:00:00.000Z");
    vi.setSystemTime(t0);
    expect(await lastUsed()).toBeNull();
    await meWithKey(owner.apiKey);
    expect(await lastUsed()).toEqual(t0);
    vi.setSystemTime(new Date(t0.getTime() + 59_000));
    await meWithKey(owner.apiKey);
    expect(await lastUsed()).toEqual(t0);
    const t1 = new Date(t0.getTime() + 61_000);
    vi.setSystemTime(t1);
    await meWithKey(owner.apiKey);
    expect(await lastUsed()).toEqual(t1);
    const listed = await (await listKeys(apiRequest("/api/v1/api-keys", { as: owner, via: "api_key" }))).json();
    expect(listed.api_keys[0].last_used_at).toBe(t1.toISOString());
  });

  it("acts with its creator's current role and dies when the creator leaves the workspace", async () => {
    const owner = await createTestUser();
    const member = await createTestUser({ role: "member", workspace: owner.workspace });
    const target = `/api/v1/members/${member.user.id}`;
    const params = routeParams({ user_id: member.user.id });
    expect((await (await meWithKey(member.apiKey)).json()).role).toBe("member");
    expect((await changeRole(apiRequest(target, { method: "PATCH", as: owner, body: { role: "owner" } }), params)).status).toBe(200);
    expect((await (await meWithKey(member.apiKey)).json()).role).toBe("owner");
    expect((await changeRole(apiRequest(target, { method: "PATCH", as: owner, body: { role: "member" } }), params)).status).toBe(200);
    expect((await (await meWithKey(member.apiKey)).json()).role).toBe("member");
    expect((await removeMember(apiRequest(target, { method: "DELETE", as: owner }), params)).status).toBe(204);
    expect((await meWithKey(member.apiKey)).status).toBe(401);
  });

  it("lets members see and revoke only their own keys, and owners every key", async () => {
    const owner = await createTestUser();
    const member = await createTestUser({ role: "member", workspace: owner.workspace });
    const memberList = await (await listKeys(apiRequest("/api/v1/api-keys", { as: member }))).json();
    expect(memberList.api_keys.map((k: { id: string }) => k.id)).toEqual([member.apiKeyId]);
    const ownerList = await (await listKeys(apiRequest("/api/v1/api-keys", { as: owner }))).json();
    expect(ownerList.api_keys.map((k: { id: string }) => k.id).sort()).toEqual([owner.apiKeyId, member.apiKeyId].sort());
    expect((await remove(member, owner.apiKeyId)).status).toBe(404);
    expect((await meWithKey(owner.apiKey)).status).toBe(200);
    expect((await remove(owner, member.apiKeyId)).status).toBe(204);
    expect((await meWithKey(member.apiKey)).status).toBe(401);
  });

  it("refuses to let an API key create keys (403)", async () => {
    const owner = await createTestUser();
    const res = await create(owner, "child", "api_key");
    expect(res.status).toBe(403);
    expect((await res.json()).error.type).toBe("ForbiddenError");
  });

  it("validates the body: 422, 400, 415, 413", async () => {
    // A fresh user per request: invalid requests count against the creation limit too.
    const empty = await create(await createTestUser(), "   ");
    expect(empty.status).toBe(422);
    expect((await empty.json()).error.details[0]).toMatchObject({ path: "body.name" });
    expect((await create(await createTestUser(), 42)).status).toBe(422);
    const post = async (body: string, type = "application/json") =>
      createKey(apiRequest("/api/v1/api-keys", { method: "POST", as: await createTestUser(), body, headers: { "content-type": type } }));
    expect((await post("{")).status).toBe(400);
    expect((await post("name=x", "text/plain")).status).toBe(415);
    expect((await post(JSON.stringify({ name: "x".repeat(5000) }))).status).toBe(413);
  });

  it("rate limits key creation per user with 429 and Retry-After", async () => {
    const owner = await createTestUser();
    const other = await createTestUser();
    for (let i = 0; i < 4; i++) expect((await create(owner, `k${i}`)).status).toBe(201);
    const limited = await create(owner, "one too many");
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(await database().prisma.apiKey.count({ where: { createdById: owner.user.id } })).toBe(5);
    expect((await create(other, "unaffected")).status).toBe(201);
  });
});
