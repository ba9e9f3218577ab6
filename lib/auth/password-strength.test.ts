import { afterEach, describe, expect, it, vi } from "vitest";
import { resetEnvCache } from "@/lib/env";
import { passwordWeakness } from "./password-strength";

afterEach(() => {
  vi.unstubAllEnvs();
  resetEnvCache();
});

describe("passwordWeakness", () => {
  it("refuses the issue's examples with a reason a person can act on", () => {
    expect(passwordWeakness("password", "owner@example.com")).toMatch(/^Password is too easy to guess\. .+\. .+/);
    expect(passwordWeakness("        ", "owner@example.com")).toBe("Password cannot be only spaces");
    expect(passwordWeakness("owner@example.com", "owner@example.com")).toBe("Password cannot be your email address");
    expect(passwordWeakness(" Owner@Example.com ", "owner@example.com")).toBe("Password cannot be your email address");
    expect(passwordWeakness("firstname.lastname", "firstname.lastname@example.com")).toBe("Password cannot be your email address");
  });

  it("scores passwords built from the email low (the email is given to zxcvbn)", () => {
    expect(passwordWeakness("margaretha1987", "margaretha1987@example.com")).not.toBeNull();
    expect(passwordWeakness("margaretha1987!", "margaretha1987@example.com")).toMatch(/too easy to guess/);
    expect(passwordWeakness("margaretha1987!", "someone.else@example.com")).toBeNull();
  });

  it("accepts passphrases and long random strings", () => {
    for (const ok of ["violet tractor mango", "correct horse battery staple", "Tr0ub4dor&3-very-secret", "x7#Kq!2vLp9z"]) {
      expect(passwordWeakness(ok, "owner@example.com"), ok).toBeNull();
    }
  });

  it("judges long passwords by their first 64 characters, so a weak start is still weak", () => {
    expect(passwordWeakness(`violet tractor mango ${"a".repeat(100)}`, "owner@example.com")).toBeNull();
    expect(passwordWeakness(`${"a".repeat(64)}violet tractor mango`, "owner@example.com")).toMatch(/too easy to guess/);
  });

  it("follows PASSWORD_MIN_SCORE, but never lets the email through", () => {
    vi.stubEnv("PASSWORD_MIN_SCORE", "0");
    resetEnvCache();
    expect(passwordWeakness("password", "owner@example.com")).toBeNull();
    expect(passwordWeakness("owner", "owner@example.com")).toBe("Password cannot be your email address");
    vi.stubEnv("PASSWORD_MIN_SCORE", "4");
    resetEnvCache();
    expect(passwordWeakness("frank-password", "owner@example.com")).toMatch(/too easy to guess/);
  });
});
