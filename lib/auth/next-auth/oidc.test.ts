import { beforeAll, describe, expect, it, vi } from "vitest";
import { useTestDatabase } from "@/lib/db/testing";
import { getEnv, resetEnvCache } from "@/lib/env";
import { createTestUser } from "../testing";
import { linkOidcIdentity } from "./link-oidc-identity";
import { oidcProvider } from "./oidc";
import { authOptions } from "./options";

const database = useTestDatabase();
const provider = "oidc:https://id.example.com";

beforeAll(() => {
  vi.stubEnv("OIDC_ISSUER", "https://id.example.com/");
  vi.stubEnv("OIDC_CLIENT_ID", "conveyor");
  vi.stubEnv("OIDC_CLIENT_SECRET", "client-secret");
  vi.stubEnv("OIDC_NAME", "Example ID");
  resetEnvCache();
});

describe("OIDC provider", () => {
  it("uses discovery, PKCE and state, and validates the ID token", () => {
    const config = oidcProvider(getEnv())!;
    expect(config).toMatchObject({
      id: "oidc",
      name: "Example ID",
      type: "oauth",
      wellKnown: "https://id.example.com/.well-known/openid-configuration",
      checks: ["pkce", "state"],
      idToken: true,
      clientId: "conveyor",
    });
    expect(authOptions().providers.map((p) => p.id)).toEqual(["credentials", "oidc"]);
  });

  it("is off without its settings", () => {
    expect(oidcProvider({ ...getEnv(), OIDC_ISSUER: undefined })).toBeNull();
  });
});

describe("linking an SSO identity", () => {
  it("provisions a new user with a personal workspace and their invitations, then finds them again", async () => {
    const inviter = await createTestUser();
    const { prisma } = database();
    await prisma.invitation.create({ data: { workspaceId: inviter.workspace.id, email: "new-sso@example.com", role: "member" } });
    const first = await linkOidcIdentity({ provider, sub: "sub-1", email: "New-SSO@example.com", emailVerified: true, name: "Nia" });
    expect(first).toMatchObject({ outcome: "provisioned" });
    const userId = (first as { userId: string }).userId;
    const user = await prisma.user.findUniqueOrThrow({ where: { id: userId }, include: { memberships: true, accounts: true } });
    expect(user).toMatchObject({ email: "new-sso@example.com", name: "Nia", passwordHash: null });
    expect(user.accounts).toEqual([expect.objectContaining({ provider, providerAccountId: "sub-1", type: "oauth" })]);
    expect(user.memberships.map((m) => m.role).sort()).toEqual(["member", "owner"]);
    // Same subject, even with a changed email at the provider: the same user.
    expect(await linkOidcIdentity({ provider, sub: "sub-1", email: "renamed@example.com", emailVerified: true })).toEqual({ userId, outcome: "existing" });
    expect(await prisma.user.count({ where: { email: "renamed@example.com" } })).toBe(0);
  });

  it("accepts invitations to an email the provider did not verify only through their link", async () => {
    const inviter = await createTestUser();
    const { prisma } = database();
    await prisma.invitation.create({ data: { workspaceId: inviter.workspace.id, email: "unverified-sso@example.com", role: "member" } });
    const linked = await linkOidcIdentity({ provider, sub: "sub-unverified", email: "unverified-sso@example.com", emailVerified: false });
    expect(linked).toMatchObject({ outcome: "provisioned" });
    const memberships = await prisma.membership.findMany({ where: { userId: (linked as { userId: string }).userId } });
    expect(memberships.map((m) => m.workspaceId)).not.toContain(inviter.workspace.id);
    expect(await prisma.invitation.count({ where: { email: "unverified-sso@example.com", acceptedAt: null } })).toBe(1);
  });

  it("links an existing account only when the provider verified the email", async () => {
    const existing = await createTestUser({ email: "pw-user@example.com" });
    expect(await linkOidcIdentity({ provider, sub: "sub-2", email: "pw-user@example.com", emailVerified: false })).toEqual({ error: "SsoEmailNotVerified" });
    expect(await database().prisma.account.count({ where: { providerAccountId: "sub-2" } })).toBe(0);
    expect(await linkOidcIdentity({ provider, sub: "sub-2", email: "PW-user@example.com", emailVerified: true })).toEqual({ userId: existing.user.id, outcome: "linked" });
    expect(await linkOidcIdentity({ provider, sub: "sub-2", email: "pw-user@example.com", emailVerified: false })).toEqual({ userId: existing.user.id, outcome: "existing" });
  });

  it("keeps subjects of different issuers apart and refuses identities without an email", async () => {
    const a = await linkOidcIdentity({ provider, sub: "shared-sub", email: "issuer-a@example.com", emailVerified: true });
    const b = await linkOidcIdentity({ provider: "oidc:https://other.example.com", sub: "shared-sub", email: "issuer-b@example.com", emailVerified: true });
    expect((a as { userId: string }).userId).not.toBe((b as { userId: string }).userId);
    expect(await linkOidcIdentity({ provider, sub: "sub-3", email: null, emailVerified: true })).toEqual({ error: "SsoNoEmail" });
  });

  it("survives two first sign-ins of one identity at once", async () => {
    const both = await Promise.all([1, 2].map(() => linkOidcIdentity({ provider, sub: "sub-race", email: "race@example.com", emailVerified: true })));
    const ids = both.map((r) => (r as { userId: string }).userId);
    expect(ids[0]).toBeDefined();
    expect(ids[0]).toBe(ids[1]);
    expect(await database().prisma.user.count({ where: { email: "race@example.com" } })).toBe(1);
  });

  it("runs through next-auth's callbacks: signIn links, jwt carries our user id", async () => {
    const { callbacks } = authOptions();
    const account = { provider: "oidc", type: "oauth" as const, providerAccountId: "sub-cb" };
    const profile = { sub: "sub-cb", email: "callback@example.com", email_verified: true, name: "Cal" };
    const user = { id: "sub-cb", email: "callback@example.com", name: "Cal" };
    expect(await callbacks!.signIn!({ user, account, profile })).toBe(true);
    const token = await callbacks!.jwt!({ token: { sub: "sub-cb" }, user, account, profile, trigger: "signIn" });
    const created = await database().prisma.user.findUniqueOrThrow({ where: { email: "callback@example.com" } });
    expect(token).toEqual({ sub: created.id, email: "callback@example.com", name: "Cal", sid: expect.stringMatching(/^[0-9a-f-]{36}$/), sv: 0 });
    const unverified = { ...profile, sub: "sub-cb2", email_verified: false };
    expect(await callbacks!.signIn!({ user, account: { ...account, providerAccountId: "sub-cb2" }, profile: unverified })).toBe("/sign-in?error=SsoEmailNotVerified");
  });
});
