import { describe, expect, it } from "vitest";
import { DELETE as deleteKey } from "@/app/api/v1/api-keys/[id]/route";
import { POST as acceptRoute } from "@/app/api/v1/invitations/accept/route";
import { PATCH as changeRole, DELETE as removeRoute } from "@/app/api/v1/members/[user_id]/route";
import { GET as listMembers, POST as invite } from "@/app/api/v1/members/route";
import { GET as me } from "@/app/api/v1/me/route";
import { apiRequest, createTestUser, routeParams, type TestUser } from "@/lib/auth/testing";
import { PERMISSIONS } from "@/lib/auth/permissions";
import { useTestDatabase } from "@/lib/db/testing";

const database = useTestDatabase();

const add = (as: TestUser, email: string, role: string, via: "session" | "api_key") =>
  invite(apiRequest("/api/v1/members", { method: "POST", as, via, body: { email, role } }));
const patch = (as: TestUser, userId: string, role: string, via: "session" | "api_key") =>
  changeRole(apiRequest(`/api/v1/members/${userId}`, { method: "PATCH", as, via, body: { role } }), routeParams({ user_id: userId }));
const accept = (as: TestUser, token: string) => acceptRoute(apiRequest("/api/v1/invitations/accept", { method: "POST", as, body: { token } }));
const revoke = (as: TestUser, id: string) =>
  deleteKey(apiRequest(`/api/v1/api-keys/${id}`, { method: "DELETE", as }), routeParams({ id }));
const memberIds = async (as: TestUser) =>
  ((await (await listMembers(apiRequest("/api/v1/members", { as }))).json()).members as { user_id: string }[]).map((m) => m.user_id);

/** Owners are made only by people, and what a key grants ends with the key. */
describe("what an API key may grant", () => {
  it("cannot invite an owner (403), nothing is stored", async () => {
    const owner = await createTestUser();
    const res = await add(owner, "boss@example.com", "owner", "api_key");
    expect(res.status).toBe(403);
    const body = await res.json();
    expect(body.error).toMatchObject({ type: "ForbiddenError", message: expect.stringMatching(/API keys cannot make owners/) });
    expect(await database().prisma.invitation.count({ where: { workspaceId: owner.workspace.id } })).toBe(0);
    // The same owner, signed in, can.
    expect((await add(owner, "boss@example.com", "owner", "session")).status).toBe(201);
  });

  it("cannot promote a member to owner (403); a signed-in owner can", async () => {
    const owner = await createTestUser();
    const member = await createTestUser({ workspace: owner.workspace, role: "member" });
    const byKey = await patch(owner, member.user.id, "owner", "api_key");
    expect(byKey.status).toBe(403);
    const row = await database().prisma.membership.findFirstOrThrow({ where: { workspaceId: owner.workspace.id, userId: member.user.id } });
    expect(row.role).toBe("member");
    expect((await patch(owner, member.user.id, "owner", "session")).status).toBe(200);
  });

  it("the attack: a key invites, the key is revoked, the link no longer works", async () => {
    const owner = await createTestUser();
    const stranger = await createTestUser({ email: "stranger@example.com" });
    const res = await add(owner, "stranger@example.com", "member", "api_key");
    expect(res.status).toBe(201);
    const token = (await res.json()).invite_url.split("/").pop();
    expect((await revoke(owner, owner.apiKeyId)).status).toBe(204);
    expect((await accept(stranger, token)).status).toBe(404);
    expect(await memberIds(owner)).toEqual([owner.user.id]);
  });

  it("a membership made through a key's invitation ends with the key, with that member's keys", async () => {
    const owner = await createTestUser();
    const joiner = await createTestUser({ email: "joiner@example.com" });
    const token = (await (await add(owner, "joiner@example.com", "member", "api_key")).json()).invite_url.split("/").pop();
    expect((await accept(joiner, token)).status).toBe(200);
    expect(await memberIds(owner)).toContain(joiner.user.id);
    await database().prisma.apiKey.create({
      data: { workspaceId: owner.workspace.id, createdById: joiner.user.id, name: "joiner's", prefix: "cvk_x", hash: "h-joiner" },
    });
    expect((await revoke(owner, owner.apiKeyId)).status).toBe(204);
    expect(await memberIds(owner)).toEqual([owner.user.id]);
    expect(await database().prisma.apiKey.count({ where: { workspaceId: owner.workspace.id, createdById: joiner.user.id } })).toBe(0);
    // The joiner's own workspace is untouched.
    expect(await database().prisma.membership.count({ where: { userId: joiner.user.id } })).toBe(1);
  });

  it("a member a person confirmed (role set signed in) stays when the inviting key goes", async () => {
    const owner = await createTestUser();
    const joiner = await createTestUser({ email: "kept@example.com" });
    const token = (await (await add(owner, "kept@example.com", "member", "api_key")).json()).invite_url.split("/").pop();
    expect((await accept(joiner, token)).status).toBe(200);
    expect((await patch(owner, joiner.user.id, "owner", "session")).status).toBe(200);
    expect((await revoke(owner, owner.apiKeyId)).status).toBe(204);
    expect(await memberIds(owner)).toEqual(expect.arrayContaining([owner.user.id, joiner.user.id]));
  });

  it("a key's grants end however the key ends: its owner removed, or leaving", async () => {
    for (const how of ["removed", "left"] as const) {
      const owner = await createTestUser();
      const second = await createTestUser({ workspace: owner.workspace, role: "owner" });
      const joiner = await createTestUser({ email: `joiner-${how}@example.com` });
      const pending = `pending-${how}@example.com`;
      const token = (await (await add(second, joiner.user.email, "member", "api_key")).json()).invite_url.split("/").pop();
      const pendingToken = (await (await add(second, pending, "member", "api_key")).json()).invite_url.split("/").pop();
      expect((await accept(joiner, token)).status).toBe(200);
      const leaver = how === "removed" ? owner : second;
      expect((await removeRoute(apiRequest(`/api/v1/members/${second.user.id}`, { method: "DELETE", as: leaver }), routeParams({ user_id: second.user.id }))).status).toBe(204);
      // The second owner's key went with them, and so did the membership and the invitation it made.
      expect(await memberIds(owner)).toEqual([owner.user.id]);
      const late = await createTestUser({ email: pending });
      expect((await accept(late, pendingToken)).status).toBe(404);
      expect(await database().prisma.invitation.count({ where: { workspaceId: owner.workspace.id } })).toBe(0);
    }
  });

  it("the permissions table names what keys may not do, and /me reports it", async () => {
    const byKey = Object.entries(PERMISSIONS).filter(([, rule]) => "notByKey" in rule).map(([name]) => name);
    expect(byKey).toEqual(expect.arrayContaining(["api_keys.create", "members.grant_owner", "workspace.create", "invitations.accept"]));
    const owner = await createTestUser();
    const viaKey = (await (await me(apiRequest("/api/v1/me", { as: owner, via: "api_key" }))).json()).permissions as string[];
    const viaSession = (await (await me(apiRequest("/api/v1/me", { as: owner }))).json()).permissions as string[];
    expect(viaSession).toContain("members.grant_owner");
    expect(viaKey).not.toContain("members.grant_owner");
    expect(viaKey).toContain("members.manage");
  });
});
