import { describe, expect, it, vi } from "vitest";
import { GET as me } from "@/app/api/v1/me/route";
import { PATCH as rename } from "@/app/api/v1/workspaces/[id]/route";
import { POST as switchTo } from "@/app/api/v1/workspaces/[id]/switch/route";
import { GET as listWorkspaces, POST as createWorkspace } from "@/app/api/v1/workspaces/route";
import { apiRequest, createTestUser, routeParams, sessionCookieFor, type TestUser } from "@/lib/auth/testing";
import { useTestDatabase } from "@/lib/db/testing";
import { resetEnvCache } from "@/lib/env";

useTestDatabase();

const whoAmI = async (cookie: string) => (await me(apiRequest("/api/v1/me", { headers: { cookie } }))).json();
const doSwitch = (as: TestUser, id: string, via?: "session" | "api_key") =>
  switchTo(apiRequest(`/api/v1/workspaces/${id}/switch`, { method: "POST", as, via }), routeParams({ id }));

describe("workspaces and /me", () => {
  it("describes the caller: user, active workspace, role, permissions and workspaces", async () => {
    const owner = await createTestUser({ name: "Olive" });
    const body = await (await me(apiRequest("/api/v1/me", { as: owner }))).json();
    expect(body).toEqual({
      user: { id: owner.user.id, email: owner.user.email, name: "Olive", is_operator: false },
      workspace: owner.workspace,
      role: "owner",
      via: "session",
      api_key_id: null,
      permissions: expect.arrayContaining(["members.manage", "api_keys.create"]),
      workspaces: [{ ...owner.workspace, role: "owner" }],
    });
    const member = await createTestUser({ role: "member", workspace: owner.workspace });
    const theirs = await (await me(apiRequest("/api/v1/me", { as: member }))).json();
    expect(theirs.permissions).not.toContain("members.manage");
    expect(theirs.role).toBe("member");
  });

  it("creates workspaces for sessions only, and switches the session between them", async () => {
    const user = await createTestUser();
    const created = await createWorkspace(apiRequest("/api/v1/workspaces", { method: "POST", as: user, body: { name: "Side project" } }));
    expect(created.status).toBe(201);
    const { workspace } = await created.json();
    expect(workspace).toMatchObject({ name: "Side project", role: "owner", slug: expect.stringMatching(/^side-project-/) });
    const viaKey = await createWorkspace(apiRequest("/api/v1/workspaces", { method: "POST", as: user, via: "api_key", body: { name: "Nope" } }));
    expect(viaKey.status).toBe(403);
    expect((await createWorkspace(apiRequest("/api/v1/workspaces", { method: "POST", as: user, body: { name: "" } }))).status).toBe(422);

    const listed = await (await listWorkspaces(apiRequest("/api/v1/workspaces", { as: user }))).json();
    expect(listed.workspaces.map((w: { id: string }) => w.id)).toEqual([user.workspace.id, workspace.id]);
    const keyList = await (await listWorkspaces(apiRequest("/api/v1/workspaces", { as: user, via: "api_key" }))).json();
    expect(keyList.workspaces.map((w: { id: string }) => w.id)).toEqual([user.workspace.id]);

    const switched = await doSwitch(user, workspace.id);
    expect(switched.status).toBe(200);
    const setCookie = switched.headers.get("set-cookie")!;
    expect(setCookie).toMatch(new RegExp(`^cv_workspace=${workspace.id}; Path=/; Max-Age=\\d+; HttpOnly; SameSite=Lax$`));
    const session = `${(await sessionCookieFor(user.user.id))}; ${setCookie.split(";")[0]}`;
    expect((await whoAmI(session)).workspace.id).toBe(workspace.id);
    expect((await doSwitch(user, user.workspace.id, "api_key")).status).toBe(403);
  });

  it("ignores a workspace cookie the user is no member of and falls back to their first workspace", async () => {
    const user = await createTestUser();
    const stranger = await createTestUser();
    const cookie = `${await sessionCookieFor(user.user.id)}; cv_workspace=${stranger.workspace.id}`;
    const body = await whoAmI(cookie);
    expect(body.workspace.id).toBe(user.workspace.id);
    expect((await whoAmI(`${await sessionCookieFor(user.user.id)}; cv_workspace=garbage`)).workspace.id).toBe(user.workspace.id);
  });

  it("lets owners rename their workspace and refuses members (403)", async () => {
    const owner = await createTestUser();
    const member = await createTestUser({ role: "member", workspace: owner.workspace });
    const call = (as: TestUser, name: string) =>
      rename(apiRequest(`/api/v1/workspaces/${owner.workspace.id}`, { method: "PATCH", as, body: { name } }), routeParams({ id: owner.workspace.id }));
    const ok = await call(owner, " Renamed ");
    expect(ok.status).toBe(200);
    expect((await ok.json()).workspace).toMatchObject({ id: owner.workspace.id, name: "Renamed", slug: owner.workspace.slug });
    expect((await call(member, "Mine now")).status).toBe(403);
    expect((await whoAmI(owner.cookie)).workspace.name).toBe("Renamed");
  });

  it("rejects forged and expired session cookies", async () => {
    const user = await createTestUser();
    const forged = user.cookie.replace(/session-token=([^;]{10})/, "session-token=AAAAAAAAAA");
    expect((await me(apiRequest("/api/v1/me", { headers: { cookie: forged } }))).status).toBe(401);
    const { encode } = await import("next-auth/jwt");
    const { TEST_AUTH_SECRET } = await import("@/lib/auth/testing");
    const expired = await encode({ token: { sub: user.user.id }, secret: TEST_AUTH_SECRET, maxAge: -120 });
    expect((await me(apiRequest("/api/v1/me", { headers: { cookie: `next-auth.session-token=${expired}` } }))).status).toBe(401);
    const otherSecret = await encode({ token: { sub: user.user.id }, secret: "a-different-secret-of-enough-length-000", maxAge: 60 });
    expect((await me(apiRequest("/api/v1/me", { headers: { cookie: `next-auth.session-token=${otherSecret}` } }))).status).toBe(401);
  });

  it("reads a session token split into chunked cookies", async () => {
    const user = await createTestUser();
    const token = user.cookie.split(";")[0].split("=")[1];
    const half = Math.ceil(token.length / 2);
    const chunked = `next-auth.session-token.1=${token.slice(half)}; next-auth.session-token.0=${token.slice(0, half)}`;
    const body = await whoAmI(chunked);
    expect(body.user.id).toBe(user.user.id);
  });

  it("marks operators from the flag on the user or OPERATOR_EMAILS", async () => {
    const operator = await createTestUser({ isOperator: true });
    expect((await whoAmI(operator.cookie)).user.is_operator).toBe(true);
    const listed = await createTestUser({ email: "ops@example.com" });
    expect((await whoAmI(listed.cookie)).user.is_operator).toBe(false);
    vi.stubEnv("OPERATOR_EMAILS", "someone@example.com, OPS@example.com");
    resetEnvCache();
    try {
      expect((await whoAmI(listed.cookie)).user.is_operator).toBe(true);
      const viaKey = await (await me(apiRequest("/api/v1/me", { as: listed, via: "api_key" }))).json();
      expect(viaKey.user.is_operator).toBe(true);
    } finally {
      vi.unstubAllEnvs();
      resetEnvCache();
    }
  });
});
