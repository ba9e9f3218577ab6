import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { POST as signup } from "@/app/api/v1/signup/route";
import { useTestDatabase } from "@/lib/db/testing";
import { resetEnvCache } from "@/lib/env";
import { verifyPassword } from "./password";
import { apiRequest, createTestUser } from "./testing";

// The real hash, counted: an existing email must cost the same argon2 work as a new one.
const hashSpy = vi.hoisted(() => vi.fn());
vi.mock("./password", async (importOriginal) => {
  const real = await importOriginal<typeof import("./password")>();
  return { ...real, hashPassword: hashSpy.mockImplementation(real.hashPassword) };
});

const database = useTestDatabase();
const PASSWORD = "amber kettle orbit";

let ipCounter = 0;
const freshIp = () => `203.0.113.${++ipCounter}`;

const post = (body: unknown, init: { ip?: string; headers?: Record<string, string> } = {}) =>
  signup(apiRequest("/api/v1/signup", { method: "POST", body, headers: { "x-forwarded-for": init.ip ?? freshIp(), ...init.headers } }));

beforeAll(() => {
  vi.stubEnv("RATE_LIMIT_SIGNUP", "3/10m");
  resetEnvCache();
});
afterEach(() => {
  vi.stubEnv("SIGNUP_ENABLED", "true");
  resetEnvCache();
});

describe("POST /api/v1/signup", () => {
  it("creates the user with an argon2id hash and a personal workspace they own", async () => {
    const res = await post({ email: "  Ada@Example.COM ", password: "correct horse battery", name: "Ada Lovelace" });
    // 202 and no ids: the answer is the same for an email that already has an account (below).
    expect(res.status).toBe(202);
    const body = await res.json();
    expect(body).toEqual({ email: "ada@example.com", sign_in_url: "http://localhost:3000/sign-in" });
    expect(JSON.stringify(body)).not.toContain("correct horse");
    const { prisma } = database();
    const user = await prisma.user.findUniqueOrThrow({ where: { email: "ada@example.com" }, include: { memberships: { include: { workspace: true } } } });
    expect(user.name).toBe("Ada Lovelace");
    expect(user.memberships[0]?.workspace.name).toBe("Ada Lovelace's workspace");
    expect(user.memberships[0]?.workspace.slug).toMatch(/^ada-lovelace-[a-z0-9]{6}$/);
    expect(user.passwordHash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(user.memberships).toEqual([expect.objectContaining({ role: "owner" })]);
  });

  it("joins no invited workspace by email alone: the address is not verified, the link is needed", async () => {
    const owner = await createTestUser();
    const { prisma } = database();
    await prisma.invitation.create({ data: { workspaceId: owner.workspace.id, email: "invitee@example.com", role: "member" } });
    // Whoever registers the invited address first gets an account, not the invitation.
    const res = await post({ email: "Invitee@example.com", password: "long enough password" });
    expect(res.status).toBe(202);
    const user = await prisma.user.findUniqueOrThrow({ where: { email: "invitee@example.com" } });
    const memberships = await prisma.membership.findMany({ where: { userId: user.id } });
    expect(memberships.map((m) => [m.workspaceId === owner.workspace.id ? "invited" : "personal", m.role])).toEqual([["personal", "owner"]]);
    const invitation = await prisma.invitation.findFirstOrThrow({ where: { email: "invitee@example.com" } });
    expect(invitation.acceptedAt).toBeNull();
  });

  it("answers an email that already has an account exactly like a new one, and changes nothing", async () => {
    // Deliberately changed from 409: sign-up must not confirm to a stranger who is registered.
    const first = await post({ email: "dup@example.com", password: "first long passphrase" });
    const again = await post({ email: "DUP@example.com ", password: "another long passphrase", name: "Mallory" });
    expect(first.status).toBe(202);
    expect(again.status).toBe(first.status);
    expect(await again.json()).toEqual(await first.json());
    expect([...again.headers.keys()].sort()).toEqual([...first.headers.keys()].sort());
    const { prisma } = database();
    expect(await prisma.user.count({ where: { email: "dup@example.com" } })).toBe(1);
    const user = await prisma.user.findUniqueOrThrow({ where: { email: "dup@example.com" }, include: { memberships: true } });
    expect(user.name).toBeNull();
    expect(user.memberships).toHaveLength(1);
    // The account keeps its own password: the second sign-up's is worthless.
    expect(await verifyPassword(user.passwordHash, "first long passphrase")).toBe(true);
    expect(await verifyPassword(user.passwordHash, "another long passphrase")).toBe(false);
    // An SSO-only account (no password) is left alone too.
    const sso = await createTestUser({ email: "sso-only@example.com" });
    await prisma.user.update({ where: { id: sso.user.id }, data: { passwordHash: null } });
    const ssoAgain = await post({ email: "sso-only@example.com", password: "take over this account" });
    expect(ssoAgain.status).toBe(202);
    expect((await prisma.user.findUniqueOrThrow({ where: { id: sso.user.id } })).passwordHash).toBeNull();
  });

  it("hashes the password for an existing email too, so both answers cost the same argon2 work", async () => {
    await post({ email: "timing@example.com", password: "first long passphrase" });
    hashSpy.mockClear();
    expect((await post({ email: "timing@example.com", password: "some long passphrase" })).status).toBe(202);
    expect(hashSpy).toHaveBeenCalledTimes(1);
    expect((await post({ email: "timing-new@example.com", password: "some long passphrase" })).status).toBe(202);
    expect(hashSpy).toHaveBeenCalledTimes(2);
  });

  it("refuses weak passwords with the reason in the 422's details", async () => {
    const cases: [string, string, RegExp][] = [
      ["weak1@example.com", "password", /too easy to guess/],
      ["weak2@example.com", "        ", /only spaces/],
      ["weak3@example.com", "weak3@example.com", /cannot be your email address/],
      ["Weak4@Example.com", "WEAK4@example.COM", /cannot be your email address/],
      ["longlocalpart@example.com", "longlocalpart", /cannot be your email address/],
      ["weak5@example.com", "password123", /too easy to guess/],
      ["weak6@example.com", "qwertyuiop", /too easy to guess/],
      ["jennifer.smith@example.com", "jennifer.smith1", /too easy to guess/],
    ];
    for (const [email, password, reason] of cases) {
      const res = await post({ email, password });
      expect(res.status, `${email} / ${JSON.stringify(password)}`).toBe(422);
      const { error } = await res.json();
      expect(error.type).toBe("ValidationError");
      expect(error.details).toEqual([expect.objectContaining({ path: "body.password", message: expect.stringMatching(reason) })]);
    }
    expect(await database().prisma.user.count({ where: { email: { startsWith: "weak" } } })).toBe(0);
    expect((await post({ email: "strong@example.com", password: "violet tractor mango" })).status).toBe(202);
  });

  it("answers 422 naming every invalid field", async () => {
    const res = await post({ email: "not-an-email", password: "short", name: "" });
    expect(res.status).toBe(422);
    const body = await res.json();
    expect(body.error.type).toBe("ValidationError");
    expect(body.error.details.map((d: { path: string }) => d.path).sort()).toEqual(["body.email", "body.name", "body.password"]);
    const tooLong = await post({ email: "long@example.com", password: "x".repeat(129) });
    expect(tooLong.status).toBe(422);
    expect((await tooLong.json()).error.details[0]).toMatchObject({ path: "body.password", message: "Password must be at most 128 characters" });
    const missing = await post({});
    expect((await missing.json()).error.details.map((d: { path: string }) => d.path).sort()).toEqual(["body.email", "body.password"]);
  });

  it("answers 400 for malformed JSON, 415 for other content types and 413 for large bodies", async () => {
    expect((await post("{not json")).status).toBe(400);
    const form = await post("email=a%40b.c&password=12345678", { headers: { "content-type": "application/x-www-form-urlencoded" } });
    expect(form.status).toBe(415);
    const big = await post({ email: "big@example.com", password: "password", name: "x".repeat(5000) });
    expect(big.status).toBe(413);
    expect((await big.json()).error.type).toBe("PayloadTooLargeError");
  });

  it("answers 429 with Retry-After once an IP used up its sign-ups, without affecting other IPs", async () => {
    const ip = "198.51.100.7";
    for (let i = 0; i < 3; i++) expect((await post({ email: `burst${i}@example.com`, password: PASSWORD }, { ip })).status).toBe(202);
    const limited = await post({ email: "burst3@example.com", password: PASSWORD }, { ip });
    expect(limited.status).toBe(429);
    const retryAfter = Number(limited.headers.get("retry-after"));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(600);
    expect((await limited.json()).error).toMatchObject({ type: "RateLimitError", details: { retry_after_seconds: retryAfter } });
    expect(await database().prisma.user.count({ where: { email: "burst3@example.com" } })).toBe(0);
    expect((await post({ email: "burst3@example.com", password: PASSWORD }, { ip: "198.51.100.8" })).status).toBe(202);
  });

  it("with SIGNUP_ENABLED off, admits only invited emails", async () => {
    vi.stubEnv("SIGNUP_ENABLED", "false");
    resetEnvCache();
    const closed = await post({ email: "walkin@example.com", password: PASSWORD });
    expect(closed.status).toBe(403);
    expect((await closed.json()).error.message).toMatch(/disabled/);
    const owner = await createTestUser();
    await database().prisma.invitation.create({ data: { workspaceId: owner.workspace.id, email: "guest@example.com" } });
    expect((await post({ email: "guest@example.com", password: PASSWORD })).status).toBe(202);
  });
});
