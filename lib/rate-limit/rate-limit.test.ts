import { afterEach, describe, expect, it, vi } from "vitest";
import { useTestDatabase } from "@/lib/db/testing";
import { getEnv, resetEnvCache } from "@/lib/env";
import { clientIp, enforceRateLimit, hitRateLimit, pruneRateLimits } from "./index";
import { installPeerAddressHook, PEER_HEADER, uninstallPeerAddressHook } from "./peer-address";

const database = useTestDatabase();

afterEach(() => {
  vi.unstubAllEnvs();
  resetEnvCache();
});

describe("clientIp", () => {
  const headers = (xff?: string, extra: Record<string, string> = {}) => new Headers({ ...(xff ? { "x-forwarded-for": xff } : {}), ...extra });

  it("without the peer hook (next dev, hand-made requests) takes the hop nearest to the server", () => {
    expect(clientIp(headers("10.1.1.1"))).toBe("10.1.1.1");
    expect(clientIp(headers("6.6.6.6, 10.1.1.1"))).toBe("10.1.1.1");
    // No hook, no belief in the peer header.
    expect(clientIp(headers("10.1.1.1", { "x-conveyor-peer": "9.9.9.9" }))).toBe("10.1.1.1");
    vi.stubEnv("TRUST_PROXY", "1");
    resetEnvCache();
    expect(clientIp(headers("203.0.113.9, 10.1.1.1"))).toBe("203.0.113.9");
  });

  it("reads TRUST_PROXY as a number of proxies", () => {
    for (const [value, hops] of [["0", 0], ["false", 0], ["1", 1], ["true", 1], ["TRUE", 1], ["2", 2]] as const) {
      vi.stubEnv("TRUST_PROXY", value);
      resetEnvCache();
      expect(getEnv().TRUST_PROXY, value).toBe(hops);
    }
    for (const bad of ["yes", "-1", "1.5", "100"]) {
      vi.stubEnv("TRUST_PROXY", bad);
      resetEnvCache();
      expect(() => getEnv(), bad).toThrow(/TRUST_PROXY/);
    }
  });

  it("with the peer hook, believes only the socket and the proxies it was told about", () => {
    installPeerAddressHook();
    try {
      const peer = (xff: string | undefined, address: string) => clientIp(headers(xff, { [PEER_HEADER]: address }));
      // Reached directly: whatever the client claims, the peer is the client.
      expect(peer(undefined, "198.51.100.7")).toBe("198.51.100.7");
      expect(peer("1.2.3.4", "198.51.100.7")).toBe("198.51.100.7");
      expect(peer("1.2.3.4, 5.6.7.8", "::ffff:198.51.100.7")).toBe("198.51.100.7");
      expect(clientIp(headers("1.2.3.4", { "x-real-ip": "4.3.2.1", [PEER_HEADER]: "198.51.100.7" }))).toBe("198.51.100.7");
      // One proxy (10.0.0.2) that appends what it saw: the entry left of the peer.
      vi.stubEnv("TRUST_PROXY", "1");
      resetEnvCache();
      expect(peer("203.0.113.50", "10.0.0.2")).toBe("203.0.113.50");
      expect(peer("6.6.6.6, 203.0.113.50", "10.0.0.2")).toBe("203.0.113.50");
      // CDN + load balancer.
      vi.stubEnv("TRUST_PROXY", "2");
      resetEnvCache();
      expect(peer("6.6.6.6, 203.0.113.50, 172.16.0.9", "10.0.0.2")).toBe("203.0.113.50");
      // Fewer hops than promised (someone reached the app directly): the left-most address there is.
      expect(peer(undefined, "10.0.0.2")).toBe("10.0.0.2");
    } finally {
      uninstallPeerAddressHook();
    }
  });

  it("normalises ports, brackets and IPv4-mapped IPv6, and refuses garbage", () => {
    expect(clientIp(headers("[2001:DB8::1]:443"))).toBe("2001:db8::1");
    expect(clientIp(headers("198.51.100.4:5123"))).toBe("198.51.100.4");
    expect(clientIp(headers("::ffff:198.51.100.4"))).toBe("198.51.100.4");
    expect(clientIp(headers("not-an-ip"))).toBe("unknown");
    // X-Real-IP only from a trusted proxy.
    expect(clientIp(headers(undefined, { "x-real-ip": "192.0.2.5" }))).toBe("unknown");
    vi.stubEnv("TRUST_PROXY", "1");
    resetEnvCache();
    expect(clientIp(headers(undefined, { "x-real-ip": "192.0.2.5" }))).toBe("192.0.2.5");
    vi.stubEnv("TRUST_PROXY", "0");
    resetEnvCache();
    expect(clientIp({ "x-forwarded-for": "192.0.2.6" })).toBe("192.0.2.6");
    expect(clientIp({})).toBe("unknown");
  });
});

describe("fixed windows", () => {
  const rule = { limit: 3, windowMs: 60_000 };
  const t0 = Date.parse("2030-05-01T12:00:10.000Z");

  it("allows `limit` hits per window, then says how long to wait, and starts over in the next window", async () => {
    const results = [];
    for (let i = 0; i < 4; i++) results.push(await hitRateLimit("test:a", rule, t0 + i * 1000));
    expect(results.map((r) => [r.count, r.allowed])).toEqual([[1, true], [2, true], [3, true], [4, false]]);
    // Window 12:00:00-12:01:00; the fourth hit came at 12:00:13.
    expect(results[3].retryAfterSeconds).toBe(47);
    expect((await hitRateLimit("test:b", rule, t0)).allowed).toBe(true);
    const next = await hitRateLimit("test:a", rule, t0 + 50_000);
    expect([next.count, next.allowed]).toEqual([1, true]);
  });

  it("counts concurrent hits exactly once each", async () => {
    const many = await Promise.all(Array.from({ length: 20 }, () => hitRateLimit("test:burst", { limit: 10, windowMs: 60_000 }, t0)));
    expect(many.map((r) => r.count).sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    expect(many.filter((r) => r.allowed)).toHaveLength(10);
  });

  it("prunes windows that ended long ago", async () => {
    await hitRateLimit("test:old", rule, t0 - 3_600_000);
    await hitRateLimit("test:new", rule, t0);
    await pruneRateLimits(600_000, t0, true);
    const keys = (await database().prisma.rateLimitBucket.findMany()).map((b) => b.key);
    expect(keys).not.toContain("test:old");
    expect(keys).toContain("test:new");
  });
});

describe("enforceRateLimit", () => {
  it("throws 429 with Retry-After past the limit, and nothing when the limit is off", async () => {
    vi.stubEnv("RATE_LIMIT_SIGNUP", "1/1h");
    resetEnvCache();
    const req = new Request("http://x/api/v1/signup", { headers: { "x-forwarded-for": "192.0.2.77" } });
    await enforceRateLimit("signup", req, null);
    const error = await enforceRateLimit("signup", req, null).catch((e) => e);
    expect(error).toMatchObject({ status: 429, type: "RateLimitError" });
    expect(Number(error.headers["Retry-After"])).toBeGreaterThan(0);
    vi.stubEnv("RATE_LIMIT_SIGNUP", "off");
    resetEnvCache();
    await expect(enforceRateLimit("signup", req, null)).resolves.toBeUndefined();
  });

  it("refuses an unknown bucket name loudly", async () => {
    await expect(enforceRateLimit("nope", new Request("http://x"), null)).rejects.toThrow(/Unknown rate limit bucket "nope"/);
  });
});
