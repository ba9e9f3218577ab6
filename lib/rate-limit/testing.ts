import { afterEach, beforeEach, vi } from "vitest";

/**
 * Limits count in fixed windows of the wall clock (10 minutes, an hour). A test that spends a
 * limit over several slow requests (password hashing, a loaded CI machine) must see them all in
 * one window, or a boundary passed mid-test resets the count. While each test runs, the clock
 * stands still a second into an hour, which starts a window of every length that divides it.
 */
export function holdRateWindows(): void {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(Math.ceil(Date.now() / 3_600_000) * 3_600_000 + 1_000);
  });
  afterEach(() => {
    vi.useRealTimers();
  });
}
