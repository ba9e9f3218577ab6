import { assertStillRunning, jobStopped, stageRunner, type StageSpans } from "@/lib/jobs";
import { FORMS_STAGES, type FormsStage } from "../stages";

export { assertStillRunning, jobStopped };

const runner = stageRunner(FORMS_STAGES);

/** Each stage's [start, end] on the job's 0..1 progress bar, from the shares in FORMS_STAGES. */
export const STAGE_SPAN = runner.spans as StageSpans & Record<FormsStage, [number, number]>;

const VERB = Object.fromEntries(FORMS_STAGES.map((s) => [s.name, s.verb])) as Record<FormsStage, string>;

export function stageProgress(stage: FormsStage, done: number, total: number): number {
  return runner.progress(stage, done, total);
}

const pages = (n: number) => `${n} ${n === 1 ? "page" : "pages"}`;

/** Marks the start of a stage: its name, where the bar stands, and what is happening. */
export async function enterStage(jobId: string, stage: FormsStage, pageCount: number): Promise<void> {
  const message = stage === "validating" ? "Checking the PDF" : `${VERB[stage]} ${pages(pageCount)}`;
  await runner.enter(jobId, stage, { total: pageCount, message, data: { page: 0, page_count: pageCount } });
}

/**
 * A per-page progress callback for a stage: one job event per finished page ("Rendering page 3
 * of 12"), in order even though pages finish out of order on several workers, and the cancellation
 * check between pages. `flush()` waits for the writes of callers that cannot await.
 */
export function pageProgress(jobId: string, stage: FormsStage) {
  const units = runner.units(
    jobId,
    stage,
    (n, total) => `${VERB[stage]} page ${n} of ${total}`,
    (n, total) => ({ page: n, page_count: total }),
  );
  const report = (_pageIndex: number, pageCount: number): Promise<void> => units.unitDone(pageCount);
  return { report, flush: units.flush };
}
