import type { Prisma } from "@prisma/client";
import { appError } from "@/lib/errors";
import { isTerminal, type Transition, updateJobProgress } from "./transitions";

/** One stage of a pipeline: its `jobs.stage` name, the label people see, and its share of the progress bar. */
export type StageSpec = { name: string; label: string; share: number };

export type StageSpans = Record<string, [start: number, end: number]>;

// Shares are decimals (0.05, 0.75, ...): rounding keeps consecutive spans exactly adjacent.
const round = (x: number) => Math.round(x * 1e9) / 1e9;

/** Where each stage starts and ends on the 0..1 bar, in order; the last ends at the sum of the shares. */
export function stageSpans(stages: readonly StageSpec[]): StageSpans {
  const spans: StageSpans = {};
  let at = 0;
  for (const stage of stages) {
    const end = round(at + stage.share);
    spans[stage.name] = [at, end];
    at = end;
  }
  return spans;
}

/** The bar's position after `done` of `total` units of `stage` (a stage without units is complete). */
export function stageProgress(spans: StageSpans, stage: string, done: number, total: number): number {
  const span = spans[stage];
  if (!span) throw new Error(`unknown stage ${stage}`);
  const [start, end] = span;
  return start + (end - start) * (total > 0 ? Math.min(1, done / total) : 1);
}

/** The job stopped being ours (canceled or deleted): the stage stops instead of working on for nothing. */
export const jobStopped = (status: string) => appError("JobStoppedError", `The job is ${status}; processing stopped`, { status });

/** Throws when a transition was refused because the job already ended (a user canceled or deleted it). */
export function assertStillRunning(transition: Transition): void {
  if (!transition.applied && isTerminal(transition.job.status)) throw jobStopped(transition.job.status);
}

/** What a stage reports: a message, and how many of its units are done (`unit` names them: "page"). */
export type StageReport = { message: string; done: number; total: number; data?: Prisma.InputJsonObject };

/**
 * The shared stage runner of every pipeline: `enter` marks a stage's start, `unitDone` reports one
 * finished unit of work (a page, a row batch, a record) within the stage's share of the bar and is
 * the cancellation check between units: it throws `JobStoppedError` once the job was canceled or
 * deleted. Reports are written one after another in call order, even when units finish on several
 * workers at once; `flush()` waits for them.
 */
export function stageRunner(stages: readonly StageSpec[]) {
  const spans = stageSpans(stages);
  return {
    spans,
    progress: (stage: string, done: number, total: number) => stageProgress(spans, stage, done, total),
    /**
     * Marks a stage's start, or a point within it: `done` of `total` units, or a `fraction` of the
     * stage for work that has no countable units (a download of unknown length).
     */
    async enter(jobId: string, stage: string, report: Omit<StageReport, "done" | "total"> & ({ done?: number; total: number } | { fraction: number })): Promise<void> {
      const [done, total] = "fraction" in report ? [Math.min(1, Math.max(0, report.fraction)), 1] : [report.done ?? 0, report.total];
      const transition = await updateJobProgress(jobId, {
        stage,
        progress: stageProgress(spans, stage, done, total),
        message: report.message,
        data: report.data,
      });
      // An unchanged state (a retried step) is not applied either, but the job is still running.
      assertStillRunning(transition);
    },
    units(jobId: string, stage: string, message: (done: number, total: number) => string, data?: (done: number, total: number) => Prisma.InputJsonObject) {
      let done = 0;
      let chain: Promise<void> = Promise.resolve();
      const unitDone = (total: number): Promise<void> => {
        const n = ++done;
        chain = chain.then(async () => {
          const transition = await updateJobProgress(jobId, { stage, progress: stageProgress(spans, stage, n, total), message: message(n, total), data: data?.(n, total) });
          assertStillRunning(transition);
        });
        return chain;
      };
      return { unitDone, flush: () => chain };
    },
  };
}
