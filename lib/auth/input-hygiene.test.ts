import { describe, expect, it } from "vitest";
import { DELETE as deleteKey } from "@/app/api/v1/api-keys/[id]/route";
import { POST as createKey } from "@/app/api/v1/api-keys/route";
import { DELETE as revokeInvitation } from "@/app/api/v1/invitations/[id]/route";
import { DELETE as removeMember, PATCH as changeRole } from "@/app/api/v1/members/[user_id]/route";
import { GET as me } from "@/app/api/v1/me/route";
import { POST as signup } from "@/app/api/v1/signup/route";
import { PATCH as renameWorkspace } from "@/app/api/v1/workspaces/[id]/route";
import { POST as createWorkspace } from "@/app/api/v1/workspaces/route";
import { useTestDatabase } from "@/lib/db/testing";
import { linkOidcIdentity } from "./next-auth/link-oidc-identity";
import { apiRequest, createTestUser, routeParams, sessionCookieFor } from "./testing";

const database = useTestDatabase();

async function expect422(res: Response, path: string) {
  expect(res.status, await res.clone().text()).toBe(422);
  const body = await res.json();
  expect(body.error.type).toBe("ValidationError");
  expect(body.error.details.map((d: { path: string }) => d.path)).toContain(path);
}

describe("input the database cannot store is the caller's 422, never a 500", () => {
  it("refuses NUL and control characters in names", async () => {
    const owner = await createTestUser();
    const post = (body: unknown) => signup(apiRequest("/api/v1/signup", { method: "POST", body, headers: { "x-forwarded-for": "198.51.100.77" } }));
    await expect422(await post({ email: "nul@example.com", password: "long enough", name: "a\u0000b" }), "body.name");
    await expect422(await post({ email: "bidi@example.com", password: "long enough", name: "evil\u202Egnp.exe" }), "body.name");
    await expect422(await createKey(apiRequest("/api/v1/api-keys", { method: "POST", as: owner, body: { name: "ci\u0000" } })), "body.name");
    await expect422(await createKey(apiRequest("/api/v1/api-keys", { method: "POST", as: owner, body: { name: "line\nbreak" } })), "body.name");
    await expect422(await createWorkspace(apiRequest("/api/v1/workspaces", { method: "POST", as: owner, body: { name: "w\u0000" } })), "body.name");
    const rename = apiRequest(`/api/v1/workspaces/${owner.workspace.id}`, { method: "PATCH", as: owner, body: { name: "\u0007bell" } });
    await expect422(await renameWorkspace(rename, routeParams({ id: owner.workspace.id })), "body.name");
    expect(await database().prisma.user.count({ where: { email: { in: ["nul@example.com", "bidi@example.com"] } } })).toBe(0);
  });

  it("refuses ids that cannot be ids on every route that takes one", async () => {
    const owner = await createTestUser();
    for (const id of ["a\u0000b", "a b", "x".repeat(65), "../etc", "é"]) {
      await expect422(await deleteKey(apiRequest("/api/v1/api-keys/x", { method: "DELETE", as: owner }), routeParams({ id })), "params.id");
      await expect422(await revokeInvitation(apiRequest("/api/v1/invitations/x", { method: "DELETE", as: owner }), routeParams({ id })), "params.id");
      await expect422(await removeMember(apiRequest("/api/v1/members/x", { method: "DELETE", as: owner }), routeParams({ user_id: id })), "params.user_id");
      const patch = apiRequest("/api/v1/members/x", { method: "PATCH", as: owner, body: { role: "member" } });
      await expect422(await changeRole(patch, routeParams({ user_id: id })), "params.user_id");
    }
  });

  it("ignores a workspace cookie that cannot be an id instead of failing every request", async () => {
    const owner = await createTestUser();
    for (const value of ["%00", "a%00b", "%E0%A4%A", "x".repeat(300)]) {
      const cookie = `${await sessionCookieFor(owner.user.id)}; cv_workspace=${value}`;
      const res = await me(apiRequest("/api/v1/me", { headers: { cookie } }));
      expect(res.status, value).toBe(200);
      expect((await res.json()).workspace.id).toBe(owner.workspace.id);
    }
  });

  it("strips control characters from names an SSO provider sends", async () => {
    const linked = await linkOidcIdentity({ provider: "oidc:https://idp.test", sub: "s-1", email: "sso-nul@example.com", emailVerified: true, name: "Ada\u0000 Love\u202Elace" });
    expect(linked).toMatchObject({ outcome: "provisioned" });
    const user = await database().prisma.user.findUniqueOrThrow({ where: { email: "sso-nul@example.com" } });
    expect(user.name).toBe("Ada Lovelace");
  });
});
