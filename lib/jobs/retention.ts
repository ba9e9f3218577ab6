import { logger } from "@/lib/logging";
import { type ExpireResult, expireJobResults } from "./expire-results";

/** What the retention sweep needs of a pipeline: its kind and, if it keeps work folders, their sweep. */
export type RetentionSpec = { kind: string; sweepWorkAreas?: () => Promise<number> };

/**
 * The one retention sweep for every pipeline. Each job's `expires_at` was set when it succeeded,
 * from its kind's retention setting (`retentionDeadline`); due results and uploads go through
 * `expireJobResults` (the job keeps its record, marked expired), then each pipeline sweeps work
 * folders nothing needs any more. One pipeline's failing sweep does not stop the others'.
 */
export async function expireEveryPipeline(pipelines: readonly RetentionSpec[], now: Date = new Date()): Promise<ExpireResult & { folders: number }> {
  const expired = await expireJobResults(now);
  let folders = 0;
  for (const p of pipelines) {
    if (!p.sweepWorkAreas) continue;
    try {
      folders += await p.sweepWorkAreas();
    } catch (error) {
      logger().error({ err: error, kind: p.kind }, "retention: a pipeline's folder sweep failed; the next sweep retries");
    }
  }
  return { ...expired, folders };
}

/** When a result finished now is deleted: the kind's retention (ms) from now. */
export function retentionDeadline(retentionMs: number, now: Date = new Date()): Date {
  return new Date(now.getTime() + retentionMs);
}
