// GET /api/v1/jobs – list the workspace's jobs (filter by kind and status, cursor pagination)
import { apiRoute } from "@/lib/api";
import { listJobs, toJobResponse } from "@/lib/jobs";
import { listJobsOperation } from "@/lib/jobs/operations";

export const GET = apiRoute(listJobsOperation, async ({ auth, query }) => {
  const page = await listJobs(auth.workspace.id, query);
  return { data: page.jobs.map(toJobResponse), next_cursor: page.nextCursor };
});
