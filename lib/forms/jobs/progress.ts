import { AppError } from "@/lib/errors";
import { isTerminal, type Transition, updateJobProgress } from "@/lib/jobs";
import type { FormsStage } from "../pipeline/run-pipeline";

/**
 * Each stage's share of the job's overall progress (0..1). Rendering does nearly all the work
 * (pdf.js, pixels, the detector); detection from the evidence is cheap; writing loads and saves
 * the PDF once.
 */
export const STAGE_SPAN: Record<FormsStage, [start: number, end: number]> = {
  validating: [0, 0.05],
  rendering: [0.05, 0.8],
  detecting: [0.8, 0.88],
  writing: [0.88, 0.99],
};

const VERB: Record<FormsStage, string> = { validating: "Checking", rendering: "Rendering", detecting: "Detecting fields on", writing: "Writing fields on" };

export function stageProgress(stage: FormsStage, done: number, total: number): number {
  const [start, end] = STAGE_SPAN[stage];
  return start + (end - start) * (total > 0 ? Math.min(1, done / total) : 1);
}

/** The job stopped being ours (canceled or deleted): the stage stops instead of working on for nothing. */
export const jobStopped = (status: string) => new AppError("JobStoppedError", `The job is ${status}; processing stopped`, 409, { status });

/** Throws when a transition was refused because the job already ended (a user canceled or deleted it). */
export function assertStillRunning(transition: Transition): void {
  if (!transition.applied && isTerminal(transition.job.status)) throw jobStopped(transition.job.status);
}

/** Marks the start of a stage: its name, where the bar stands, and what is happening. */
export async function enterStage(jobId: string, stage: FormsStage, pageCount: number): Promise<void> {
  const pages = `${pageCount} ${pageCount === 1 ? "page" : "pages"}`;
  const message = stage === "validating" ? "Checking the PDF" : `${VERB[stage]} ${pages}`;
  const transition = await updateJobProgress(jobId, { stage, progress: stageProgress(stage, 0, pageCount), message, data: { page: 0, page_count: pageCount } });
  // An unchanged state (a retried step) is not applied either, but the job is still running.
  assertStillRunning(transition);
}

/**
 * A per-page progress callback for a stage: one job event per finished page ("Rendering page 3
 * of 12"), in order even though pages finish out of order on several workers (calls are counted
 * and written one after another). `flush()` waits for the writes of callers that cannot await.
 */
export function pageProgress(jobId: string, stage: FormsStage) {
  let done = 0;
  let chain: Promise<void> = Promise.resolve();
  const report = (_pageIndex: number, pageCount: number): Promise<void> => {
    const n = ++done;
    chain = chain.then(async () => {
      const transition = await updateJobProgress(jobId, {
        stage,
        progress: stageProgress(stage, n, pageCount),
        message: `${VERB[stage]} page ${n} of ${pageCount}`,
        data: { page: n, page_count: pageCount },
      });
      assertStillRunning(transition);
    });
    return chain;
  };
  return { report, flush: () => chain };
}
