import { type ExpireResult, expireJobResults } from "@/lib/jobs";
import { sweepFormsJobFolders } from "./cleanup";

/**
 * Retention (FORMS_RETENTION after a job succeeded): deletes due results and uploads through
 * lib/jobs (the job keeps its record with `expired_at`), then the job folders (previews, fields)
 * of expired, stopped and deleted jobs.
 */
export async function expireFormsResults(now: Date = new Date()): Promise<ExpireResult & { folders: number }> {
  const expired = await expireJobResults(now);
  const folders = await sweepFormsJobFolders();
  return { ...expired, folders };
}
