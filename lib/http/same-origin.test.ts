import { describe, expect, it } from "vitest";
import { GET as me } from "@/app/api/v1/me/route";
import { DELETE as deleteKey } from "@/app/api/v1/api-keys/[id]/route";
import { POST as createKey } from "@/app/api/v1/api-keys/route";
import { POST as switchWorkspace } from "@/app/api/v1/workspaces/[id]/switch/route";
import { apiRequest, createTestUser, routeParams } from "@/lib/auth/testing";
import { useTestDatabase } from "@/lib/db/testing";

useTestDatabase();

describe("requests from other origins", () => {
  it("cannot change anything with the session cookie, whatever the browser says", async () => {
    const user = await createTestUser();
    const switchWith = (headers: Record<string, string>) =>
      switchWorkspace(apiRequest(`/api/v1/workspaces/${user.workspace.id}/switch`, { method: "POST", as: user, headers }), routeParams({ id: user.workspace.id }));
    const refused: Record<string, string>[] = [
      { "sec-fetch-site": "cross-site" },
      { "sec-fetch-site": "same-site", origin: "http://evil.localhost" },
      { origin: "http://evil.example" },
      { origin: "null" },
    ];
    for (const headers of refused) {
      const res = await switchWith(headers);
      expect(res.status, JSON.stringify(headers)).toBe(403);
      expect((await res.json()).error).toMatchObject({ type: "ForbiddenError", message: expect.stringContaining("API key") });
    }
    const key = await createKey(apiRequest("/api/v1/api-keys", { method: "POST", as: user, body: { name: "x" }, headers: { "sec-fetch-site": "cross-site" } }));
    expect(key.status).toBe(403);
    // This origin, a browser's own navigation, and clients that are not browser pages may.
    const allowed: Record<string, string>[] = [{ "sec-fetch-site": "same-origin" }, { "sec-fetch-site": "none" }, { origin: "http://localhost" }, {}];
    for (const headers of allowed) {
      expect((await switchWith(headers)).status, JSON.stringify(headers)).toBe(200);
    }
    // An API key is no ambient credential (a page on another origin cannot make a browser send
    // it), so scripts calling from anywhere keep working.
    const other = await createTestUser({ workspace: user.workspace });
    const revoke = apiRequest(`/api/v1/api-keys/${other.apiKeyId}`, { method: "DELETE", as: user, via: "api_key", headers: { "sec-fetch-site": "cross-site", origin: "http://evil.example" } });
    expect((await deleteKey(revoke, routeParams({ id: other.apiKeyId }))).status).toBe(204);
    // Reading is not changing.
    expect((await me(apiRequest("/api/v1/me", { as: user, headers: { "sec-fetch-site": "cross-site" } }))).status).toBe(200);
  });
});
