import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseEnv } from "@/lib/env";
import { parseRateRule } from "@/lib/env/auth";
import { generateApiKey, hashApiKey, looksLikeApiKey, visiblePrefix } from "./api-key-format";
import { parseCookieHeader, readSessionToken } from "./cookies";
import { hashPassword, verifyPassword } from "./password";
import { presentedApiKey } from "./resolve-auth";
import { readOrCreateSecret } from "./secret";

describe("API key format", () => {
  it("is cvk_ and 43 base62 characters, unique, hashed with SHA-256", () => {
    const keys = new Set(Array.from({ length: 200 }, generateApiKey));
    expect(keys.size).toBe(200);
    for (const key of keys) expect(key).toMatch(/^cvk_[0-9A-Za-z]{43}$/);
    const key = [...keys][0];
    expect(looksLikeApiKey(key)).toBe(true);
    expect(looksLikeApiKey(key + "!")).toBe(false);
    expect(visiblePrefix(key)).toBe(key.slice(0, 12));
    expect(hashApiKey(key)).toMatch(/^[0-9a-f]{64}$/);
    expect(hashApiKey(key)).not.toBe(hashApiKey(generateApiKey()));
  });

  it("is read from X-API-Key or a Bearer header, ignoring other schemes", () => {
    expect(presentedApiKey(new Headers({ "x-api-key": " cvk_abc " }))).toBe("cvk_abc");
    expect(presentedApiKey(new Headers({ authorization: "Bearer cvk_abc" }))).toBe("cvk_abc");
    expect(presentedApiKey(new Headers({ authorization: "bearer   cvk_abc" }))).toBe("cvk_abc");
    expect(presentedApiKey(new Headers({ authorization: "Basic dXNlcjpwYXNz" }))).toBeUndefined();
    expect(presentedApiKey(new Headers())).toBeUndefined();
    expect(presentedApiKey(new Headers({ "x-api-key": "" }))).toBe("");
  });
});

describe("passwords", () => {
  it("hash with argon2id and verify", async () => {
    const hash = await hashPassword("s3cret-pass");
    expect(hash).toMatch(/^\$argon2id\$/);
    expect(await verifyPassword(hash, "s3cret-pass")).toBe(true);
    expect(await verifyPassword(hash, "s3cret-Pass")).toBe(false);
    expect(await verifyPassword(null, "s3cret-pass")).toBe(false);
    expect(await verifyPassword("not a hash", "s3cret-pass")).toBe(false);
  });
});

describe("session cookies", () => {
  it("joins chunks in numeric order and decodes values", () => {
    const cookies = parseCookieHeader("a=1; next-auth.session-token.10=K; next-auth.session-token.2=C; next-auth.session-token.0=A%3D; next-auth.session-token.1=B");
    expect(readSessionToken(cookies)).toBe("A=BCK");
    expect(readSessionToken(parseCookieHeader("next-auth.session-token=whole"))).toBe("whole");
    expect(readSessionToken(parseCookieHeader("__Secure-next-auth.session-token=secure"))).toBe("secure");
    expect(readSessionToken(parseCookieHeader("other=1"))).toBeUndefined();
  });
});

describe("generated auth secret", () => {
  it("is created once with mode 0600 and reused", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "conveyor-secret-"));
    const file = path.join(dir, "nested", "auth-secret");
    const first = readOrCreateSecret(file);
    expect(first.length).toBeGreaterThanOrEqual(64);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(readOrCreateSecret(file)).toBe(first);
    fs.writeFileSync(file, "short");
    expect(() => readOrCreateSecret(file)).toThrow(/no usable secret/);
    fs.rmSync(dir, { recursive: true, force: true });
  });
});

describe("auth settings", () => {
  it("parse rate rules and refuse bad ones by name", () => {
    expect(parseRateRule("5/10m")).toEqual({ limit: 5, windowMs: 600_000 });
    expect(parseRateRule(" 100 / 1h ")).toEqual({ limit: 100, windowMs: 3_600_000 });
    expect(parseRateRule("5/30")).toEqual({ limit: 5, windowMs: 30_000 });
    expect(parseRateRule("off")).toBeNull();
    for (const bad of ["5", "x/10m", "5/0", "0/1m", "5/abc", "-1/1m", "5/500ms"]) expect(parseRateRule(bad), bad).toBeUndefined();
    expect(() => parseEnv({ RATE_LIMIT_API_KEYS: "lots" })).toThrow(/RATE_LIMIT_API_KEYS/);
    expect(() => parseEnv({ AUTH_SECRET: "too-short" })).toThrow(/AUTH_SECRET: must be at least 32 characters/);
    expect(() => parseEnv({ OIDC_ISSUER: "not a url" })).toThrow(/OIDC_ISSUER/);
  });

  it("need the OIDC issuer, client id and secret together", () => {
    expect(() => parseEnv({ OIDC_ISSUER: "https://id.example.com" })).toThrow(/OIDC_CLIENT_ID: required when OIDC_ISSUER is set[\s\S]*OIDC_CLIENT_SECRET/);
    expect(() => parseEnv({ OIDC_CLIENT_SECRET: "s" })).toThrow(/OIDC_ISSUER: required/);
    const env = parseEnv({ OIDC_ISSUER: "https://id.example.com", OIDC_CLIENT_ID: "c", OIDC_CLIENT_SECRET: "s" });
    expect(env.OIDC_NAME).toBe("SSO");
    expect(parseEnv({}).SIGNUP_ENABLED).toBe(true);
    expect(parseEnv({ OPERATOR_EMAILS: " Ops@Example.com ,b@x.io" }).OPERATOR_EMAILS).toEqual(["ops@example.com", "b@x.io"]);
  });
});
