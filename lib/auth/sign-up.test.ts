import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { POST as signup } from "@/app/api/v1/signup/route";
import { useTestDatabase } from "@/lib/db/testing";
import { resetEnvCache } from "@/lib/env";
import { apiRequest, createTestUser } from "./testing";

// The real hash, counted: a registered email must cost the same argon2 work as a new one.
const hashSpy = vi.hoisted(() => vi.fn());
vi.mock("./password", async (importOriginal) => {
  const real = await importOriginal<typeof import("./password")>();
  return { ...real, hashPassword: hashSpy.mockImplementation(real.hashPassword) };
});

const database = useTestDatabase();

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
    const res = await post({ email: "  Ada@Example.COM ", password: "correct horse battery stable", name: "Ada Lovelace" });
    expect(res.status).toBe(201);
    const body = await res.json();
    expect(body.user).toMatchObject({ email: "ada@example.com", name: "Ada Lovelace" });
    expect(body.workspace.name).toBe("Ada Lovelace's workspace");
    expect(body.workspace.slug).toMatch(/^ada-lovelace-[a-z0-9]{6}$/);
    expect(JSON.stringify(body)).not.toContain("correct horse");
    const { prisma } = database();
    const user = await prisma.user.findUniqueOrThrow({ where: { id: body.user.id }, include: { memberships: true } });
    expect(user.passwordHash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(user.memberships).toEqual([expect.objectContaining({ workspaceId: body.workspace.id, role: "owner" })]);
  });

  it("joins no invited workspace by email alone: the address is not verified, the link is needed", async () => {
    const owner = await createTestUser();
    const { prisma } = database();
    await prisma.invitation.create({ data: { workspaceId: owner.workspace.id, email: "invitee@example.com", role: "member" } });
    // Whoever registers the invited address first gets an account, not the invitation.
    const res = await post({ email: "Invitee@example.com", password: "an invited guest arrives early" });
    expect(res.status).toBe(201);
    const { user } = await res.json();
    const memberships = await prisma.membership.findMany({ where: { userId: user.id } });
    expect(memberships.map((m) => [m.workspaceId === owner.workspace.id ? "invited" : "personal", m.role])).toEqual([["personal", "owner"]]);
    const invitation = await prisma.invitation.findFirstOrThrow({ where: { email: "invitee@example.com" } });
    expect(invitation.acceptedAt).toBeNull();
  });

  it("does not tell a stranger that an email has an account: same status and shape, nothing created or changed", async () => {
    const first = await post({ email: "dup@example.com", password: "first of the two accounts" });
    expect(first.status).toBe(201);
    const original = await database().prisma.user.findUniqueOrThrow({ where: { email: "dup@example.com" } });
    const res = await post({ email: "DUP@example.com ", password: "second try by a stranger" });
    expect(res.status).toBe(201);
    const body = await res.json();
    const fresh = await (await post({ email: "nobody-yet@example.com", password: "second try by a stranger" })).json();
    const shape = (v: unknown): unknown =>
      v && typeof v === "object" ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, shape(x)])) : typeof v;
    expect(shape(body)).toEqual(shape(fresh));
    expect(body.user.email).toBe("dup@example.com");
    // Nothing was created, and the account keeps its password and workspaces.
    expect(await database().prisma.user.count({ where: { email: "dup@example.com" } })).toBe(1);
    expect(await database().prisma.workspace.count({ where: { id: body.workspace.id } })).toBe(0);
    const after = await database().prisma.user.findUniqueOrThrow({ where: { email: "dup@example.com" } });
    expect(after.passwordHash).toBe(original.passwordHash);
  });

  it("answers a registered email with ids and a slug from the real generators, and leaves nothing behind", async () => {
    const { prisma } = database();
    const real = await (await post({ email: "twin@example.com", password: "first of the two accounts", name: "Twin" })).json();
    const workspacesBefore = await prisma.workspace.count();
    const usersBefore = await prisma.user.count();
    const decoy = await (await post({ email: "twin@example.com", password: "second try by a stranger", name: "Twin" })).json();
    // Same length and alphabet, and a cuid's process fingerprint (characters 13..16) matches too:
    // a decoy id made up by hand would stand out.
    for (const [a, b] of [[real.user.id, decoy.user.id], [real.workspace.id, decoy.workspace.id]]) {
      expect(b).toMatch(/^c[a-z0-9]{24}$/);
      expect(b.length).toBe(a.length);
      expect(b.slice(13, 17)).toBe(a.slice(13, 17));
    }
    expect(decoy.workspace.name).toBe(real.workspace.name);
    expect(decoy.workspace.slug).toMatch(/^twin-[a-z0-9]{6}$/);
    expect(decoy.workspace.slug).not.toBe(real.workspace.slug);
    expect(await prisma.workspace.count()).toBe(workspacesBefore);
    expect(await prisma.user.count()).toBe(usersBefore);
    expect(await prisma.user.count({ where: { email: { endsWith: "@invalid" } } })).toBe(0);
  });

  it("hashes the password for a registered email too (the same argon2 work), and gives an SSO-only account no password", async () => {
    await post({ email: "timing@example.com", password: "first of the two accounts" });
    hashSpy.mockClear();
    expect((await post({ email: "timing@example.com", password: "second try by a stranger" })).status).toBe(201);
    expect(hashSpy).toHaveBeenCalledTimes(1);
    expect((await post({ email: "timing-new@example.com", password: "second try by a stranger" })).status).toBe(201);
    expect(hashSpy).toHaveBeenCalledTimes(2);
    const { prisma } = database();
    const sso = await createTestUser({ email: "sso-only@example.com" });
    await prisma.user.update({ where: { id: sso.user.id }, data: { passwordHash: null } });
    expect((await post({ email: "sso-only@example.com", password: "take over this account" })).status).toBe(201);
    expect((await prisma.user.findUniqueOrThrow({ where: { id: sso.user.id } })).passwordHash).toBeNull();
  });

  it("refuses guessable passwords and the account's own email or name, saying why", async () => {
    const cases: [Record<string, string>, RegExp][] = [
      [{ email: "p1@example.com", password: "password" }, /too easy to guess/],
      [{ email: "p2@example.com", password: "        " }, /too easy to guess/],
      [{ email: "p3@example.com", password: "p3@example.com" }, /cannot be your email address or name/],
      [{ email: "grace.hopper@example.com", password: "grace.hopper" }, /cannot be your email address or name/],
      [{ email: "p4@example.com", password: "Ada Lovelace", name: "Ada Lovelace" }, /cannot be your email address or name/],
      [{ email: "p5@example.com", password: "password123" }, /too easy to guess/],
    ];
    for (const [body, reason] of cases) {
      const res = await post(body);
      expect(res.status, body.password).toBe(422);
      const detail = (await res.json()).error.details.find((d: { path: string }) => d.path === "body.password");
      expect(detail.message, body.password).toMatch(reason);
      expect(await database().prisma.user.count({ where: { email: body.email } })).toBe(0);
    }
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
    for (let i = 0; i < 3; i++) expect((await post({ email: `burst${i}@example.com`, password: "burst of quiet otters" }, { ip })).status).toBe(201);
    const limited = await post({ email: "burst3@example.com", password: "burst of quiet otters" }, { ip });
    expect(limited.status).toBe(429);
    const retryAfter = Number(limited.headers.get("retry-after"));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(600);
    expect((await limited.json()).error).toMatchObject({ type: "RateLimitError", details: { retry_after_seconds: retryAfter } });
    expect(await database().prisma.user.count({ where: { email: "burst3@example.com" } })).toBe(0);
    expect((await post({ email: "burst3@example.com", password: "burst of quiet otters" }, { ip: "198.51.100.8" })).status).toBe(201);
  });

  it("with SIGNUP_ENABLED off, admits only invited emails", async () => {
    vi.stubEnv("SIGNUP_ENABLED", "false");
    resetEnvCache();
    const closed = await post({ email: "walkin@example.com", password: "burst of quiet otters" });
    expect(closed.status).toBe(403);
    expect((await closed.json()).error.message).toMatch(/disabled/);
    const owner = await createTestUser();
    await database().prisma.invitation.create({ data: { workspaceId: owner.workspace.id, email: "guest@example.com" } });
    expect((await post({ email: "guest@example.com", password: "burst of quiet otters" })).status).toBe(201);
  });
});
