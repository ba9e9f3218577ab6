// GET /api/v1/jobs/{id} – one job; DELETE – cancel if running, delete with its files
import { apiRoute } from "@/lib/api";
import { noContent } from "@/lib/http";
import { sendEvent } from "@/inngest/send";
import { deleteJob, getJob, toJobResponse } from "@/lib/jobs";
import { deleteJobOperation, getJobOperation } from "@/lib/jobs/operations";

export const GET = apiRoute(getJobOperation, async ({ auth, params }) => toJobResponse(await getJob(auth.workspace.id, params.id)));

export const DELETE = apiRoute(deleteJobOperation, async ({ auth, params }) => {
  await deleteJob(auth.workspace.id, params.id, sendEvent);
  return noContent();
});
