// GET /api/v1/system/jobs – instance-level (system) jobs, for operators
import { apiRoute } from "@/lib/api";
import { listSystemJobs, toJobResponse } from "@/lib/jobs";
import { listSystemJobsOperation } from "@/lib/jobs/operations";

export const GET = apiRoute(listSystemJobsOperation, async ({ auth, query }) => {
  const page = await listSystemJobs(auth, query);
  return { data: page.jobs.map(toJobResponse), next_cursor: page.nextCursor };
});
