import { afterEach, describe, expect, it, vi } from "vitest";
import { credentialHandOff, sessionHandOff } from "./hand-off";

afterEach(() => vi.useRealTimers());

describe("credential hand-off", () => {
  it("gives the password out once", () => {
    credentialHandOff.put("job-1", { username: "u", password: "p" }, 60_000);
    expect(credentialHandOff.take("job-1")).toEqual({ username: "u", password: "p" });
    expect(credentialHandOff.take("job-1")).toBeUndefined();
  });

  it("forgets the password after its TTL", () => {
    vi.useFakeTimers();
    credentialHandOff.put("job-2", { username: "u", password: "p" }, 1000);
    vi.advanceTimersByTime(1001);
    expect(credentialHandOff.take("job-2")).toBeUndefined();
  });

  it("ends a session when it is dropped or expires", () => {
    vi.useFakeTimers();
    const end = vi.fn();
    sessionHandOff.put("job-3", { end }, 1000);
    expect(sessionHandOff.get("job-3")).toBeDefined();
    vi.advanceTimersByTime(1001);
    expect(end).toHaveBeenCalledOnce();
    expect(sessionHandOff.get("job-3")).toBeUndefined();
    const end2 = vi.fn();
    sessionHandOff.put("job-4", { end: end2 }, 1000);
    sessionHandOff.end("job-4");
    expect(end2).toHaveBeenCalledOnce();
  });
});
