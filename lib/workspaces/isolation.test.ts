import { beforeAll, describe, expect, it } from "vitest";
import { DELETE as deleteKey } from "@/app/api/v1/api-keys/[id]/route";
import { GET as listKeys, POST as createKey } from "@/app/api/v1/api-keys/route";
import { DELETE as revokeInvitation } from "@/app/api/v1/invitations/[id]/route";
import { GET as listInvitations } from "@/app/api/v1/invitations/route";
import { DELETE as removeMember, PATCH as changeRole } from "@/app/api/v1/members/[user_id]/route";
import { GET as listMembers } from "@/app/api/v1/members/route";
import { GET as me } from "@/app/api/v1/me/route";
import { PATCH as renameWorkspace } from "@/app/api/v1/workspaces/[id]/route";
import { POST as switchWorkspace } from "@/app/api/v1/workspaces/[id]/switch/route";
import { GET as listWorkspaces } from "@/app/api/v1/workspaces/route";
import { apiRequest, createTestUser, routeParams, type TestUser } from "@/lib/auth/testing";
import { useTestDatabase } from "@/lib/db/testing";

const database = useTestDatabase();

/** Workspace A (owner + member) and workspace B (owner, a member, a pending invitation). */
let a: TestUser;
let b: TestUser;
let bMember: TestUser;
let bInvitationId: string;

beforeAll(async () => {
  a = await createTestUser({ email: "owner-a@example.com" });
  b = await createTestUser({ email: "owner-b@example.com" });
  bMember = await createTestUser({ role: "member", workspace: b.workspace, email: "member-b@example.com" });
  bInvitationId = (await database().prisma.invitation.create({ data: { workspaceId: b.workspace.id, email: "invited-b@example.com" } })).id;
});

/** Nothing identifying workspace B may appear in A's responses. */
async function expectNoTraceOfB(res: Response): Promise<void> {
  const text = await res.text();
  for (const secret of [b.workspace.id, b.workspace.slug, b.user.email, bMember.user.email, b.apiKeyId, "invited-b@example.com"]) {
    expect(text).not.toContain(secret);
  }
}

describe.each(["session", "api_key"] as const)("another workspace's resources via %s", (via) => {
  const as = () => ({ as: a, via });

  it("are 404 on every route that names one", async () => {
    const calls: [string, Promise<Response>][] = [
      ["DELETE api-key", deleteKey(apiRequest(`/api/v1/api-keys/${b.apiKeyId}`, { method: "DELETE", ...as() }), routeParams({ id: b.apiKeyId }))],
      ["PATCH member", changeRole(apiRequest(`/api/v1/members/${bMember.user.id}`, { method: "PATCH", body: { role: "owner" }, ...as() }), routeParams({ user_id: bMember.user.id }))],
      ["DELETE member", removeMember(apiRequest(`/api/v1/members/${bMember.user.id}`, { method: "DELETE", ...as() }), routeParams({ user_id: bMember.user.id }))],
      ["DELETE invitation", revokeInvitation(apiRequest(`/api/v1/invitations/${bInvitationId}`, { method: "DELETE", ...as() }), routeParams({ id: bInvitationId }))],
      ["PATCH workspace", renameWorkspace(apiRequest(`/api/v1/workspaces/${b.workspace.id}`, { method: "PATCH", body: { name: "pwned" }, ...as() }), routeParams({ id: b.workspace.id }))],
    ];
    if (via === "session") {
      calls.push(["switch workspace", switchWorkspace(apiRequest(`/api/v1/workspaces/${b.workspace.id}/switch`, { method: "POST", ...as() }), routeParams({ id: b.workspace.id }))]);
    }
    for (const [name, pending] of calls) {
      const res = await pending;
      expect(res.status, name).toBe(404);
      const body = await res.clone().json();
      expect(body.error.type, name).toBe("NotFoundError");
      await expectNoTraceOfB(res);
    }
    // B is untouched.
    const { prisma } = database();
    expect(await prisma.apiKey.count({ where: { id: b.apiKeyId } })).toBe(1);
    expect((await prisma.membership.findUniqueOrThrow({ where: { workspaceId_userId: { workspaceId: b.workspace.id, userId: bMember.user.id } } })).role).toBe("member");
    expect(await prisma.invitation.count({ where: { id: bInvitationId } })).toBe(1);
    expect((await prisma.workspace.findUniqueOrThrow({ where: { id: b.workspace.id } })).name).toBe(b.workspace.name);
    expect((await me(apiRequest("/api/v1/me", { as: b, via: "api_key" }))).status).toBe(200);
  });

  it("never appear in lists", async () => {
    for (const res of [
      await listKeys(apiRequest("/api/v1/api-keys", as())),
      await listMembers(apiRequest("/api/v1/members", as())),
      await listInvitations(apiRequest("/api/v1/invitations", as())),
      await listWorkspaces(apiRequest("/api/v1/workspaces", as())),
      await me(apiRequest("/api/v1/me", as())),
    ]) {
      expect(res.status).toBe(200);
      await expectNoTraceOfB(res);
    }
  });
});

describe("a user in two workspaces", () => {
  it("reaches the other workspace with a session after switching, but never with a key bound to the first", async () => {
    const both = await createTestUser({ role: "member", workspace: b.workspace, email: "both@example.com" });
    await database().prisma.membership.create({ data: { workspaceId: a.workspace.id, userId: both.user.id, role: "owner" } });
    const keyInB = both;
    const res = await renameWorkspace(
      apiRequest(`/api/v1/workspaces/${a.workspace.id}`, { method: "PATCH", body: { name: "via key" }, as: keyInB, via: "api_key" }),
      routeParams({ id: a.workspace.id }),
    );
    expect(res.status).toBe(404);
    const created = await createKey(apiRequest("/api/v1/api-keys", { method: "POST", body: { name: "in B" }, as: both }));
    expect((await created.json()).created_by.id).toBe(both.user.id);
    const bKeys = await database().prisma.apiKey.findMany({ where: { createdById: both.user.id } });
    expect(bKeys.every((k) => k.workspaceId === b.workspace.id)).toBe(true);
  });
});
