import { describe, expect, it } from "vitest";
import { backoffDelay, parseDuration, parseTimeTarget, retryAfterDelay } from "./duration";

describe("durations", () => {
  it("reads Inngest's duration strings", () => {
    expect(parseDuration("30s")).toBe(30_000);
    expect(parseDuration("1h30m")).toBe(5_400_000);
    expect(parseDuration("500ms")).toBe(500);
    expect(parseDuration("2d")).toBe(172_800_000);
    expect(parseDuration("1w")).toBe(604_800_000);
    expect(parseDuration("")).toBe(0);
    expect(parseDuration("soon")).toBeUndefined();
    expect(parseDuration("5 minutes")).toBeUndefined();
  });

  it("reads sleep targets as dates or durations", () => {
    const now = Date.UTC(2030, 0, 1);
    expect(parseTimeTarget("2030-01-02T00:00:00Z", now)).toBe(Date.UTC(2030, 0, 2));
    expect(parseTimeTarget("10m", now)).toBe(now + 600_000);
    expect(parseTimeTarget("nonsense-value", now)).toBeUndefined();
  });
});

describe("retry timing", () => {
  it("follows Inngest's table with up to 30 s of jitter", () => {
    expect([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 20].map((a) => backoffDelay(a, () => 0))).toEqual([
      15e3, 30e3, 60e3, 120e3, 300e3, 600e3, 1_200e3, 2_400e3, 3_600e3, 7_200e3, 7_200e3, 7_200e3,
    ]);
    expect(backoffDelay(0, () => 0.999)).toBe(15_000 + 29_970);
  });

  it("honours Retry-After in seconds or as a date, clamped to 1 s - 24 h", () => {
    const now = Date.UTC(2030, 0, 1);
    expect(retryAfterDelay("30", now)).toBe(30_000);
    expect(retryAfterDelay("0", now)).toBe(1_000);
    expect(retryAfterDelay("999999", now)).toBe(86_400_000);
    expect(retryAfterDelay(new Date(now + 120_000).toISOString(), now)).toBe(120_000);
    expect(retryAfterDelay("later", now)).toBeUndefined();
    expect(retryAfterDelay(undefined, now)).toBeUndefined();
  });
});
