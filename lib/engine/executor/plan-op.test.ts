import { describe, expect, it } from "vitest";
import { OP, type Op } from "../protocol/types";
import { MAX_OUTPUT_BYTES } from "./limits";
import { planOp } from "./plan-op";
import { planInvoke, planSignalWait, planSleep, planStep, planWait } from "./plan-ops";

const op = (name: string, extra: Partial<Op> = {}): Op => ({ op: name, id: "step-1", ...extra }) as Op;

describe("planOp", () => {
  it("leaves a memoized step alone, whatever the SDK reports for it again", () => {
    for (const name of [OP.StepRun, OP.Step, OP.StepFailed, OP.StepError, OP.StepPlanned, OP.Sleep, OP.WaitForEvent, "Bogus"]) {
      expect(planOp(op(name, { data: "again" }), true, 0)).toEqual({ kind: "known" });
    }
  });

  it("memoizes a step's result, a missing value as null", () => {
    expect(planOp(op(OP.StepRun, { data: { n: 1 } }), false, 10)).toEqual({ kind: "resolve", output: { data: { n: 1 } }, failed: false });
    expect(planOp(op(OP.Step), false, 10)).toEqual({ kind: "resolve", output: { data: null }, failed: false });
  });

  it("memoizes a failed step's error, never its data", () => {
    for (const name of [OP.StepFailed, OP.StepError]) {
      const planned = planOp(op(name, { data: "ignored", error: { name: "TypeError", message: "boom" } }), false, 10);
      expect(planned).toMatchObject({ kind: "resolve", failed: true, output: { error: { name: "TypeError", message: "boom" } } });
      expect(planned).not.toHaveProperty("output.data");
    }
  });

  it("fails an output over the limit, measuring it only when the response was large enough to hold one", () => {
    const big = "x".repeat(MAX_OUTPUT_BYTES + 1);
    expect(planOp(op(OP.StepRun, { data: big }), false, MAX_OUTPUT_BYTES + 100)).toMatchObject({
      kind: "resolve",
      failed: true,
      output: { error: { name: "OutputTooLargeError" } },
    });
    expect(planOp(op(OP.StepRun, { data: "small" }), false, MAX_OUTPUT_BYTES + 100)).toMatchObject({ failed: false });
    expect(planOp(op(OP.StepRun, { data: big }), false, 0)).toMatchObject({ failed: false });
  });

  it("hands each plannable op to its planner", () => {
    const cases = [
      [OP.StepPlanned, planStep],
      [OP.Sleep, planSleep],
      [OP.WaitForEvent, planWait],
      [OP.WaitForSignal, planSignalWait],
      [OP.InvokeFunction, planInvoke],
    ] as const;
    for (const [name, planner] of cases) expect(planOp(op(name), false, 0)).toEqual({ kind: "plan", plan: planner });
  });

  it("fails an op this engine does not know, including one named like an object property", () => {
    for (const name of ["AIGateway", "constructor", "toString"]) {
      expect(planOp(op(name), false, 0)).toMatchObject({ kind: "resolve", failed: true, output: { error: { name: "UnsupportedOpError" } } });
    }
  });
});
