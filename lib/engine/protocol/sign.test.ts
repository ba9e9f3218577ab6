import { createHmac } from "node:crypto";
import canonicalize from "canonicalize";
import { describe, expect, it } from "vitest";
import { canonicalJson, signBody, verifySignature } from "./sign";

describe("canonicalJson", () => {
  it("matches RFC 8785 (the canonicalize package the SDK verifies with)", () => {
    const samples = [
      { b: 1, a: [3, { z: null, y: "é\u2028" }], c: 1e21, d: 0.1 + 0.2, e: -0, f: true, g: "\u00e9\ud83d\ude00" },
      [1, "two", { "\u00f6": 1, o: 2, O: 3, "10": 4, "9": 5 }],
      "plain",
      42,
      null,
    ];
    for (const s of samples) expect(canonicalJson(s)).toBe(canonicalize(s));
  });
});

describe("signatures", () => {
  const key = `signkey-test-${"0f".repeat(32)}`;
  it("signs body + timestamp with the key minus its prefix, as the SDK checks", () => {
    const sig = signBody("{}", key, 1_700_000_000_000);
    const expected = createHmac("sha256", "0f".repeat(32)).update("{}").update("1700000000").digest("hex");
    expect(sig).toBe(`t=1700000000&s=${expected}`);
    expect(verifySignature(sig, "{}", [key], 1_700_000_100_000)).toBe(true);
  });

  it("rejects other bodies, other keys and stale timestamps", () => {
    const sig = signBody("{}", key, 1_700_000_000_000);
    expect(verifySignature(sig, "[]", [key], 1_700_000_000_000)).toBe(false);
    expect(verifySignature(sig, "{}", [`signkey-test-${"aa".repeat(32)}`], 1_700_000_000_000)).toBe(false);
    expect(verifySignature(sig, "{}", [key], 1_700_000_000_000 + 6 * 60_000)).toBe(false);
    expect(verifySignature(null, "{}", [key], 1_700_000_000_000)).toBe(false);
  });
});
