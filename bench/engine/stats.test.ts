import { describe, expect, it } from "vitest";
import { gaps, latencyBreakdown, percentile, stepsByRun } from "./stats";

describe("benchmark statistics", () => {
  it("takes nearest-rank percentiles", () => {
    expect(percentile([], 50)).toBeNull();
    expect(percentile([5, 1, 3, 2, 4], 50)).toBe(3);
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 100], 99)).toBe(100);
    expect(percentile([1, 2, 3, 4], 0)).toBe(1);
  });

  it("measures gaps between a run's consecutive steps only, last execution winning", () => {
    const byRun = stepsByRun([
      { token: "a", step: 0, start: 0, end: 1 },
      { token: "a", step: 1, start: 4, end: 5 },
      { token: "b", step: 0, start: 2, end: 3 },
      { token: "a", step: 2, start: 11, end: 12 },
      { token: "a", step: 1, start: 6, end: 7 },
    ]);
    expect(gaps(byRun).sort((x, y) => x - y)).toEqual([4, 5]);
  });

  it("splits a run's time into first-step latency and overhead per step", () => {
    const byRun = stepsByRun([
      { token: "a", step: 0, start: 10, end: 12 },
      { token: "a", step: 1, start: 15, end: 17 },
    ]);
    const out = latencyBreakdown([{ token: "a", sentAt: 0, doneAt: 20 }], byRun, 2);
    expect(out).toEqual({ firstStep: [10], total: [20], perStep: [8] });
  });
});
