import { describe, expect, it } from "vitest";
import { formatDateTime, formatDuration, formatRelative, humanize, shortId, toPercent } from "./format";
import { explainError, DEFAULT_EXPLANATION } from "./jobs/error-explanations";
import { isActive, isExpired } from "./jobs/types";

describe("toPercent", () => {
  it("turns a 0..1 fraction into a whole, clamped percentage", () => {
    expect(toPercent(0)).toBe(0);
    expect(toPercent(0.404)).toBe(40);
    expect(toPercent(0.995)).toBe(100);
    expect(toPercent(1)).toBe(100);
    expect(toPercent(1.7)).toBe(100);
    expect(toPercent(-0.2)).toBe(0);
    expect(toPercent(Number.NaN)).toBe(0);
    expect(toPercent(null)).toBe(0);
  });
});

describe("formatRelative", () => {
  const now = new Date("2025-03-01T12:00:00Z");
  it("says just now for under 45 seconds, either way", () => {
    expect(formatRelative("2025-03-01T11:59:30Z", now, "en")).toBe("just now");
    expect(formatRelative("2025-03-01T12:00:20Z", now, "en")).toBe("just now");
  });
  it("picks the largest fitting unit", () => {
    expect(formatRelative("2025-03-01T11:55:00Z", now, "en")).toBe("5 minutes ago");
    expect(formatRelative("2025-03-01T09:00:00Z", now, "en")).toBe("3 hours ago");
    expect(formatRelative("2025-02-28T12:00:00Z", now, "en")).toBe("yesterday");
    expect(formatRelative("2025-03-03T12:00:00Z", now, "en")).toBe("in 2 days");
  });
});

describe("formatDateTime", () => {
  it("renders a fixed UTC form for the server render", () => {
    expect(formatDateTime("2025-03-01T09:05:07Z", { utc: true, locale: "en-GB" })).toBe("1 Mar 2025, 09:05 UTC");
    expect(formatDateTime("2025-03-01T09:05:07Z", { utc: true, seconds: true, locale: "en-GB" })).toBe("1 Mar 2025, 09:05:07 UTC");
  });
  it("shows a dash for an invalid date instead of throwing", () => {
    expect(formatDateTime("not a date")).toBe("—");
  });
});

describe("formatDuration", () => {
  it("uses the unit a person would", () => {
    expect(formatDuration(250)).toBe("250 ms");
    expect(formatDuration(1234)).toBe("1.2 s");
    expect(formatDuration(42_000)).toBe("42 s");
    expect(formatDuration(184_000)).toBe("3 min 4 s");
    expect(formatDuration(7_500_000)).toBe("2 h 5 min");
    expect(formatDuration(-1)).toBe("—");
  });
});

describe("humanize and shortId", () => {
  it("makes identifiers readable", () => {
    expect(humanize("forms")).toBe("Forms");
    expect(humanize("detect_fields")).toBe("Detect fields");
    expect(humanize("bank-statement")).toBe("Bank statement");
    expect(humanize("EncryptedPdf")).toBe("Encrypted pdf");
    expect(humanize(null)).toBe("");
  });
  it("shortens long ids only", () => {
    expect(shortId("cm9x1k2ab0000qz8h7r3c5d2e")).toBe("cm9x…5d2e");
    expect(shortId("abc")).toBe("abc");
  });
});

describe("job helpers", () => {
  it("explains known error types, prefers the pipeline's table, and falls back", () => {
    expect(explainError("EncryptedPdfError")).toMatch(/password/);
    expect(explainError("EncryptedPdfError", { EncryptedPdfError: "custom" })).toBe("custom");
    expect(explainError("SomethingNewError")).toBe(DEFAULT_EXPLANATION);
  });
  it("tells active and expired jobs apart", () => {
    expect(isActive("queued")).toBe(true);
    expect(isActive("running")).toBe(true);
    expect(isActive("failed")).toBe(false);
    expect(isExpired({ result_expired: true, expired_at: "2025-01-01T00:00:00Z" })).toBe(true);
    expect(isExpired({})).toBe(false);
  });
});
