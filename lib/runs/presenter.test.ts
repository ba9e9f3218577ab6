import { describe, expect, it } from "vitest";
import type { RunDetail, StepDetail } from "@/lib/engine";
import { toRunResponse } from "./presenter";
import { cutUtf8, ValueLimiter } from "./truncate";

const step = (over: Partial<StepDetail>): StepDetail => ({
  id: "h1", name: "s", op: "StepRun", status: "completed", opts: null, output: null, attempts: 1, errors: [],
  startedAt: "2030-01-01T00:00:00.000Z", endedAt: "2030-01-01T00:00:00.250Z", durationMs: 250, ...over,
});

const run = (over: Partial<RunDetail>): RunDetail => ({
  id: "r1", functionId: "conveyor-f", functionName: "f", appId: "conveyor", status: "completed", workspaceId: "w1",
  event: { name: "a/b", data: {} }, output: null, error: null, attemptErrors: [], nextRetryAt: null, pendingAttempt: null,
  parentRunId: null, rerunOf: null, cancelledBy: null, createdAt: "2030-01-01T00:00:00.000Z",
  startedAt: "2030-01-01T00:00:01.000Z", endedAt: "2030-01-01T00:00:03.500Z", steps: [], ...over,
});

describe("run presenter", () => {
  it("splits memoized step values into output and error", () => {
    const out = toRunResponse(
      run({
        status: "failed",
        error: { name: "Boom", message: "bad", stack: "at x" },
        steps: [
          step({ output: { data: 0 } }),
          step({ status: "failed", output: { error: { name: "E", message: "m" } } }),
          step({ op: "WaitForEvent", output: { name: "x/y", data: { error: "not a failure" } } }),
          step({ op: "Sleep", output: null }),
        ],
      }),
    );
    expect(out.steps.map((s) => [s.output, s.error])).toEqual([
      [0, null],
      [null, { name: "E", message: "m" }],
      [{ name: "x/y", data: { error: "not a failure" } }, null],
      [null, null],
    ]);
    expect(out).toMatchObject({ duration_ms: 2500, event_name: "a/b", error: { name: "Boom", message: "bad", stack: "at x" } });
  });

  it("shortens only values over the limit and lists their pointers", () => {
    const big = { rows: Array.from({ length: 200 }, (_, i) => ({ i, label: `row ${i}` })) };
    const out = toRunResponse(run({ output: big, steps: [step({ output: { data: 1 } }), step({ output: { data: big } })] }), { maxValueBytes: 500 });
    expect(out.truncated).toEqual(["/output", "/steps/1/output"]);
    expect(out.steps[0].output).toBe(1);
    expect(out.steps[1].output).toBe(JSON.stringify(big, null, 2).slice(0, 500));
    expect(toRunResponse(run({ output: big })).output).toEqual(big);
  });

  it("never splits a UTF-8 character", () => {
    expect(cutUtf8("aé€😀", 1)).toBe("a");
    expect(cutUtf8("aé€😀", 2)).toBe("a");
    expect(cutUtf8("aé€😀", 3)).toBe("aé");
    expect(cutUtf8("aé€😀", 6)).toBe("aé€");
    expect(cutUtf8("aé€😀", 10)).toBe("aé€😀");
    expect(new ValueLimiter(undefined).limit(undefined, "/x")).toBeNull();
  });
});
