import { afterEach, describe, expect, it } from "vitest";
import { z } from "zod";
import { resetEnvCache } from "@/lib/env";
import { apiRoute } from "@/lib/api/route";
import { json } from "@/lib/http/json";
import { defineOperation } from "@/lib/http/operation";
import { API_POLICY, nonce, pagePolicy, withApiHeaders } from "@/lib/http/security-headers";

const op = (path: string) =>
  defineOperation({ method: "GET", path, summary: "t", tags: ["test"], auth: "none", query: z.object({ fail: z.literal("yes").optional() }), responses: { 200: { description: "ok" } } });
const plain = apiRoute(op("/api/test/plain"), async () => ({ secret: "one-time" }));
const cached = apiRoute(op("/api/test/cached"), async () => json({ preview: true }, 200, { "cache-control": "private, max-age=60" }));
const get = (route: typeof plain, query = "") => route(new Request(`http://x/api/test${query}`));

afterEach(() => {
  delete process.env.APP_URL;
  resetEnvCache();
});

describe("API responses", () => {
  it("carry nosniff, no framing, a policy that runs nothing, a referrer policy and no-store", async () => {
    for (const res of [await get(plain), await get(plain, "?fail=no")]) {
      expect(res.headers.get("x-content-type-options")).toBe("nosniff");
      expect(res.headers.get("x-frame-options")).toBe("DENY");
      expect(res.headers.get("content-security-policy")).toBe(API_POLICY);
      expect(res.headers.get("referrer-policy")).toBe("strict-origin-when-cross-origin");
      expect(res.headers.get("cache-control")).toBe("no-store");
    }
    // An error (422 here) has them too.
    expect((await get(plain, "?fail=no")).status).toBe(422);
  });

  it("keep a route's own caching, and add HSTS only under an https APP_URL", async () => {
    expect((await get(cached)).headers.get("cache-control")).toBe("private, max-age=60");
    expect((await get(plain)).headers.get("strict-transport-security")).toBeNull();
    process.env.APP_URL = "https://conveyor.example.com";
    resetEnvCache();
    expect((await get(plain)).headers.get("strict-transport-security")).toBe("max-age=31536000; includeSubDomains");
  });

  it("are added to responses with immutable headers (redirects) by copying them", () => {
    const res = withApiHeaders(Response.redirect("http://x/elsewhere", 302), "http://x");
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toBe("http://x/elsewhere");
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
  });
});

describe("the page policy", () => {
  it("allows scripts only with the request's nonce, no framing, no plugins, no foreign posts", () => {
    const n = nonce();
    expect(n).not.toBe(nonce());
    const policy = pagePolicy(n, { dev: false, https: true });
    expect(policy).toContain(`script-src 'self' 'nonce-${n}' 'strict-dynamic'`);
    expect(policy).not.toContain("unsafe-eval");
    expect(policy).not.toMatch(/script-src[^;]*unsafe-inline/);
    for (const part of ["frame-ancestors 'none'", "object-src 'none'", "base-uri 'self'", "form-action 'self'", "upgrade-insecure-requests"]) {
      expect(policy).toContain(part);
    }
    expect(pagePolicy(n, { dev: true, https: false })).toContain("'unsafe-eval'");
    expect(pagePolicy(n, { dev: false, https: false })).not.toContain("upgrade-insecure-requests");
  });
});
