/**
 * Runs inside every process that executes benchmark steps (the Inngest app, BullMQ and
 * graphile-worker workers): stamps each step's start and end and each run's completion with a
 * sub-millisecond wall clock, and answers the orchestrator over the IPC channel.
 */
import { handleProfilerMessage } from "./profiler";

export type StepMark = { token: string; step: number; start: number; end: number };
export type DoneMark = { token: string; at: number };

/** Wall-clock milliseconds with sub-millisecond resolution, comparable across processes. */
export const wallMs = () => performance.timeOrigin + performance.now();

const steps: StepMark[] = [];
const done: DoneMark[] = [];
/** Tokens whose completion the orchestrator waits for one by one (latency phases). */
let notifyEach = false;

export function markStep(token: string, step: number, start: number, end: number): void {
  steps.push({ token, step, start, end });
}

export function markDone(token: string): void {
  const at = wallMs();
  done.push({ token, at });
  if (notifyEach) process.send?.({ type: "done", token, at });
  else if (done.length % 50 === 0) process.send?.({ type: "progress", done: done.length });
}

type Request = { type: "collect" | "notify-each" | "notify-batch" | "memory"; id: number };

/** Answers the orchestrator's IPC requests; `onStop` runs before the process exits. */
export function serveRecorder(onStop: () => Promise<void>): void {
  process.on("message", async (raw) => {
    const msg = raw as Request | { type: "stop"; id: number };
    if (handleProfilerMessage(msg)) return;
    if (msg.type === "collect") {
      process.send?.({ type: "reply", id: msg.id, steps: steps.splice(0), done: done.splice(0) });
    } else if (msg.type === "notify-each" || msg.type === "notify-batch") {
      notifyEach = msg.type === "notify-each";
      process.send?.({ type: "reply", id: msg.id });
    } else if (msg.type === "memory") {
      process.send?.({ type: "reply", id: msg.id, rss: process.memoryUsage().rss });
    } else if (msg.type === "stop") {
      await onStop();
      process.send?.({ type: "reply", id: msg.id });
      process.exit(0);
    }
  });
  process.on("disconnect", () => process.exit(0));
}

/** The trivial work every benchmark step does: return a number. */
export function trivialStep(token: string, step: number): number {
  const start = wallMs();
  const value = step + 1;
  markStep(token, step, start, wallMs());
  return value;
}
