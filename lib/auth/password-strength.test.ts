import { afterEach, describe, expect, it, vi } from "vitest";
import { resetEnvCache } from "@/lib/env";
import { passwordProblem } from "./password-strength";

afterEach(() => {
  vi.unstubAllEnvs();
  resetEnvCache();
});

const owner = { email: "owner@example.com" };

describe("passwordProblem", () => {
  it("refuses the issue's examples with a reason a person can act on", () => {
    expect(passwordProblem("password", owner)).toMatch(/^Password is too easy to guess: .+\. Use a longer passphrase/);
    expect(passwordProblem("        ", owner)).toMatch(/too easy to guess/);
    expect(passwordProblem("owner@example.com", owner)).toBe("Password cannot be your email address or name");
    expect(passwordProblem(" Owner@Example.com ", owner)).toBe("Password cannot be your email address or name");
    expect(passwordProblem("firstname.lastname", { email: "firstname.lastname@example.com" })).toBe("Password cannot be your email address or name");
  });

  it("scores passwords built from the email low (the email is given to zxcvbn)", () => {
    expect(passwordProblem("margaretha1987!", { email: "margaretha1987@example.com" })).toMatch(/too easy to guess/);
    expect(passwordProblem("margaretha1987!", { email: "someone.else@example.com" })).toBeNull();
  });

  it("accepts passphrases and long random strings", () => {
    for (const ok of ["violet tractor mango", "correct horse battery staple", "Tr0ub4dor&3-very-secret", "x7#Kq!2vLp9z"]) {
      expect(passwordProblem(ok, owner), ok).toBeNull();
    }
  });

  it("judges long passwords by their first 64 characters (the DoS bound), so a weak start is still weak", () => {
    expect(passwordProblem(`violet tractor mango ${"a".repeat(100)}`, owner)).toBeNull();
    expect(passwordProblem(`${"a".repeat(64)}violet tractor mango`, owner)).toMatch(/too easy to guess/);
  });

  it("follows PASSWORD_MIN_SCORE, but never lets the email through", () => {
    vi.stubEnv("PASSWORD_MIN_SCORE", "0");
    resetEnvCache();
    expect(passwordProblem("password", owner)).toBeNull();
    expect(passwordProblem("owner", owner)).toBe("Password cannot be your email address or name");
    vi.stubEnv("PASSWORD_MIN_SCORE", "4");
    resetEnvCache();
    expect(passwordProblem("frank-password", owner)).toMatch(/too easy to guess/);
  });
});
