import type { EngineContext } from "../context";
import { OP, toSerializedError, type Op } from "../protocol/types";
import type { Scope } from "../store/scope";
import { MAX_OUTPUT_BYTES } from "./limits";
import { planInvoke, planSignalWait, planSleep, planStep, planWait, type Planned } from "./plan-ops";
import type { RunState } from "./run-state";

export type Planner = (scope: Scope, ctx: EngineContext, state: RunState, op: Op) => Promise<Planned>;

/**
 * What to do with one op an SDK reported: nothing (the run has the step already), a value to
 * memoize now, or a planner to schedule work with. Worker calls (`applyResult`) and durable
 * endpoints (`applySyncOps`) decide alike, so a step is handled the same whichever way it came in.
 */
export type OpPlan = Exclude<Planned, { kind: "scheduled" }> | { kind: "plan"; plan: Planner };

// A Map, not an object: an op name such as "constructor" must not find a planner.
const PLANNERS = new Map<string, Planner>([
  [OP.StepPlanned, planStep],
  [OP.Sleep, planSleep],
  [OP.WaitForEvent, planWait],
  [OP.WaitForSignal, planSignalWait],
  [OP.InvokeFunction, planInvoke],
]);

/**
 * Decides from the op alone. A step the run has memoized (`known`) is never resolved or planned
 * again: its stored output stands, and the SDK's new report of it is dropped (docs/engine.md,
 * at-least-once). `responseBytes` is the size of the response the op came in; only a response over
 * the output limit can hold an output over it, so smaller ones are not re-encoded.
 */
export function planOp(op: Op, known: boolean, responseBytes: number): OpPlan {
  if (known) return { kind: "known" };
  if (op.op === OP.StepFailed || op.op === OP.StepError) {
    return { kind: "resolve", output: { error: toSerializedError(op.error) }, failed: true };
  }
  if (op.op === OP.StepRun || op.op === OP.Step) {
    const data = op.data === undefined ? null : op.data;
    if (responseBytes > MAX_OUTPUT_BYTES && (JSON.stringify(data)?.length ?? 0) > MAX_OUTPUT_BYTES) {
      return { kind: "resolve", output: { error: { name: "OutputTooLargeError", message: "step output is larger than 4 MB" } }, failed: true };
    }
    return { kind: "resolve", output: { data }, failed: false };
  }
  const plan = PLANNERS.get(op.op);
  if (plan) return { kind: "plan", plan };
  return {
    kind: "resolve",
    failed: true,
    output: { error: { name: "UnsupportedOpError", message: `${op.op} is not supported by this engine (see docs/engine.md)` } },
  };
}
