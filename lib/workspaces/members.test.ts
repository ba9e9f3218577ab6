import { describe, expect, it } from "vitest";
import { DELETE as revokeInvitation } from "@/app/api/v1/invitations/[id]/route";
import { POST as acceptRoute } from "@/app/api/v1/invitations/accept/route";
import { GET as listInvitations } from "@/app/api/v1/invitations/route";
import { DELETE as removeMember, PATCH as changeRole } from "@/app/api/v1/members/[user_id]/route";
import { GET as listMembers, POST as invite } from "@/app/api/v1/members/route";
import { GET as me } from "@/app/api/v1/me/route";
import { POST as signup } from "@/app/api/v1/signup/route";
import { apiRequest, createTestUser, routeParams, sessionCookieFor, type TestUser } from "@/lib/auth/testing";
import { useTestDatabase } from "@/lib/db/testing";
import { previewInvitation } from "./invitations";

const database = useTestDatabase();

const add = (as: TestUser, email: string, role?: string, via?: "session" | "api_key") =>
  invite(apiRequest("/api/v1/members", { method: "POST", as, via, body: { email, ...(role ? { role } : {}) } }));
const patch = (as: TestUser, userId: string, role: unknown) =>
  changeRole(apiRequest(`/api/v1/members/${userId}`, { method: "PATCH", as, body: { role } }), routeParams({ user_id: userId }));
const remove = (as: TestUser, userId: string) =>
  removeMember(apiRequest(`/api/v1/members/${userId}`, { method: "DELETE", as }), routeParams({ user_id: userId }));
const accept = (as: TestUser, token: string, via: "session" | "api_key" = "session") =>
  acceptRoute(apiRequest("/api/v1/invitations/accept", { method: "POST", as, via, body: { token } }));
const members = async (as: TestUser) => (await listMembers(apiRequest("/api/v1/members", { as }))).json();

describe("members", () => {
  it("invites by email with a link shown once; the invitee joins by opening it signed in as that email", async () => {
    const owner = await createTestUser();
    const existing = await createTestUser({ email: "existing@example.com" });
    const invited = await add(owner, "EXISTING@example.com", "owner");
    expect(invited.status).toBe(201);
    const body = await invited.json();
    expect(body).toMatchObject({ invitation: { email: "existing@example.com", role: "owner", invited_by: { id: owner.user.id }, expires_at: expect.any(String) } });
    expect(body.invite_url).toMatch(/^http:\/\/localhost:\d+\/invite\/cvi_[A-Za-z0-9_-]{43}$/);
    const token = body.invite_url.split("/").pop();
    // Only the hash is kept, and the address alone admits nobody.
    const row = await database().prisma.invitation.findUniqueOrThrow({ where: { id: body.invitation.id } });
    expect(JSON.stringify(row)).not.toContain(token);
    expect((await members(owner)).members.map((m: { user_id: string }) => m.user_id)).toEqual([owner.user.id]);
    expect((await members(owner)).invitations.map((i: { id: string }) => i.id)).toEqual([body.invitation.id]);
    const preview = await previewInvitation(token);
    expect(preview).toMatchObject({ email: "existing@example.com", role: "owner", workspaceName: owner.workspace.name, expired: false });

    const joined = await accept(existing, token);
    expect(joined.status).toBe(200);
    expect((await joined.json()).workspace).toMatchObject({ id: owner.workspace.id, role: "owner" });
    expect(joined.headers.get("set-cookie")).toContain(`cv_workspace=${owner.workspace.id}`);
    const listed = await members(owner);
    expect(listed.members.map((m: { user_id: string; role: string }) => [m.user_id, m.role])).toEqual([
      [owner.user.id, "owner"],
      [existing.user.id, "owner"],
    ]);
    expect(listed.invitations).toEqual([]);
    // The link works once.
    const again = await accept(existing, token);
    expect(again.status).toBe(404);
    expect(await previewInvitation(token)).toBeNull();
  });

  it("refuses the link to another account (403), an API key (403), once expired (410), revoked or replaced (404)", async () => {
    const owner = await createTestUser();
    const invitee = await createTestUser({ email: "invitee@example.com" });
    const stranger = await createTestUser({ email: "stranger@example.com" });
    const tokenOf = async (res: Response) => (await res.json()).invite_url.split("/").pop() as string;
    const first = await tokenOf(await add(owner, "invitee@example.com"));
    const wrong = await accept(stranger, first);
    expect(wrong.status).toBe(403);
    expect((await wrong.json()).error.message).toContain("invitee@example.com");
    expect((await accept(invitee, first, "api_key")).status).toBe(403);
    // Inviting again replaces the link.
    const second = await tokenOf(await add(owner, "invitee@example.com"));
    expect((await accept(invitee, first)).status).toBe(404);
    // Past its expiry the link is refused, and the preview says so.
    await database().prisma.invitation.updateMany({ where: { email: "invitee@example.com" }, data: { expiresAt: new Date(Date.now() - 1000) } });
    const expired = await accept(invitee, second);
    expect(expired.status).toBe(410);
    expect((await expired.json()).error.type).toBe("InvitationExpiredError");
    expect(await previewInvitation(second)).toMatchObject({ expired: true });
    // Revoked: gone.
    const third = await tokenOf(await add(owner, "invitee@example.com"));
    const { invitations } = await members(owner);
    const id = invitations[0].id;
    expect((await revokeInvitation(apiRequest(`/api/v1/invitations/${id}`, { method: "DELETE", as: owner }), routeParams({ id }))).status).toBe(204);
    expect((await accept(invitee, third)).status).toBe(404);
    for (const bogus of ["cvi_nope", "x".repeat(100)]) expect((await accept(invitee, bogus)).status).toBe(404);
    expect(await database().prisma.membership.count({ where: { workspaceId: owner.workspace.id } })).toBe(1);
  });

  it("answers 409 for an existing member and 422 for bad input", async () => {
    const owner = await createTestUser();
    await createTestUser({ role: "member", workspace: owner.workspace, email: "already@example.com" });
    const member = await add(owner, "already@example.com");
    expect(member.status).toBe(409);
    expect((await member.json()).error.type).toBe("ConflictError");
    const bad = await add(owner, "nope", "admin");
    expect(bad.status).toBe(422);
    expect((await bad.json()).error.details.map((d: { path: string }) => d.path).sort()).toEqual(["body.email", "body.role"]);
  });

  it("lets a new person sign up and then join through the link; signing up alone joins nothing", async () => {
    const owner = await createTestUser();
    const { invite_url } = await (await add(owner, "later@example.com", "member")).json();
    const res = await signup(apiRequest("/api/v1/signup", { method: "POST", body: { email: "later@example.com", password: "later arrivals bring cake" }, headers: { "x-forwarded-for": "10.0.0.9" } }));
    expect(res.status).toBe(201);
    const { user } = await res.json();
    const { prisma } = database();
    const membership = () => prisma.membership.findUnique({ where: { workspaceId_userId: { workspaceId: owner.workspace.id, userId: user.id } } });
    expect(await membership()).toBeNull();
    const later = { ...owner, user: { ...user }, cookie: await sessionCookieFor(user.id) } as TestUser;
    expect((await accept(later, invite_url.split("/").pop())).status).toBe(200);
    expect(await membership()).toMatchObject({ role: "member" });
  });

  it("changes roles and never leaves a workspace without an owner", async () => {
    const owner = await createTestUser();
    const member = await createTestUser({ role: "member", workspace: owner.workspace });
    const demoteSelf = await patch(owner, owner.user.id, "member");
    expect(demoteSelf.status).toBe(409);
    expect((await demoteSelf.json()).error.message).toMatch(/at least one owner/);
    const promoted = await patch(owner, member.user.id, "owner");
    expect(promoted.status).toBe(200);
    expect((await promoted.json()).member).toMatchObject({ user_id: member.user.id, role: "owner" });
    expect((await patch(owner, owner.user.id, "member")).status).toBe(200);
    // Now the former member is the only owner.
    expect((await patch(member, member.user.id, "member")).status).toBe(409);
    expect((await remove(member, member.user.id)).status).toBe(409);
    expect((await patch(member, owner.user.id, "superuser")).status).toBe(422);
    expect((await patch(member, "no-such-user", "owner")).status).toBe(404);
  });

  it("removes a member together with their API keys here", async () => {
    const owner = await createTestUser();
    const member = await createTestUser({ role: "member", workspace: owner.workspace });
    expect((await remove(owner, member.user.id)).status).toBe(204);
    expect((await me(apiRequest("/api/v1/me", { as: member, via: "api_key" }))).status).toBe(401);
    expect(await database().prisma.apiKey.count({ where: { id: member.apiKeyId } })).toBe(0);
    expect((await remove(owner, member.user.id)).status).toBe(404);
    // Their session falls back to a workspace they still have (a fresh personal one here).
    const after = await (await me(apiRequest("/api/v1/me", { as: member }))).json();
    expect(after.workspace.id).not.toBe(owner.workspace.id);
    expect(after.role).toBe("owner");
  });

  it("lets anyone leave, with their keys here, but never the last owner", async () => {
    const owner = await createTestUser();
    const member = await createTestUser({ role: "member", workspace: owner.workspace });
    const other = await createTestUser({ role: "member", workspace: owner.workspace });
    // A member removing someone else is still refused.
    expect((await remove(member, other.user.id)).status).toBe(403);
    expect((await remove(member, member.user.id)).status).toBe(204);
    expect(await database().prisma.membership.count({ where: { workspaceId: owner.workspace.id, userId: member.user.id } })).toBe(0);
    expect(await database().prisma.apiKey.count({ where: { id: member.apiKeyId } })).toBe(0);
    // Leaving through an API key works too; the key goes with the membership.
    const byKey = removeMember(apiRequest(`/api/v1/members/${other.user.id}`, { method: "DELETE", as: other, via: "api_key" }), routeParams({ user_id: other.user.id }));
    expect((await byKey).status).toBe(204);
    expect((await me(apiRequest("/api/v1/me", { as: other, via: "api_key" }))).status).toBe(401);
    const last = await remove(owner, owner.user.id);
    expect(last.status).toBe(409);
    expect((await last.json()).error.type).toBe("ConflictError");
  });

  it("lets members read but not manage (403)", async () => {
    const owner = await createTestUser();
    const member = await createTestUser({ role: "member", workspace: owner.workspace });
    const invitation = (await (await add(owner, "someone@example.com")).json()).invitation;
    const listed = await listMembers(apiRequest("/api/v1/members", { as: member }));
    expect(listed.status).toBe(200);
    expect((await listed.json()).members).toHaveLength(2);
    expect((await listInvitations(apiRequest("/api/v1/invitations", { as: member }))).status).toBe(200);
    for (const res of [
      await add(member, "other@example.com"),
      await add(member, "other@example.com", undefined, "api_key"),
      await patch(member, owner.user.id, "member"),
      await remove(member, owner.user.id),
      await revokeInvitation(apiRequest(`/api/v1/invitations/${invitation.id}`, { method: "DELETE", as: member }), routeParams({ id: invitation.id })),
    ]) {
      expect(res.status).toBe(403);
      expect((await res.json()).error.type).toBe("ForbiddenError");
    }
    expect((await members(owner)).members.find((m: { user_id: string }) => m.user_id === owner.user.id).role).toBe("owner");
  });

  it("answers 401 without credentials", async () => {
    expect((await listMembers(apiRequest("/api/v1/members"))).status).toBe(401);
    expect((await listInvitations(apiRequest("/api/v1/invitations"))).status).toBe(401);
  });
});
