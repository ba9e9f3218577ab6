// POST /api/v1/forms – upload a PDF (multipart) and queue a job that makes it fillable
import { sendEvent } from "@/inngest/send";
import { getEnv } from "@/lib/env";
import { acceptFormsUpload } from "@/lib/forms/jobs";
import { uploadFormOperation } from "@/lib/forms/operations";
import { apiRoute } from "@/lib/api";
import { json } from "@/lib/http";

export const POST = apiRoute(uploadFormOperation, async ({ req, auth }) => {
  const job = await acceptFormsUpload(req, { workspaceId: auth.workspace.id, userId: auth.user.id }, sendEvent);
  const location = `${getEnv().appUrl}/api/v1/jobs/${encodeURIComponent(job.id)}`;
  return json({ job_id: job.id, status: "queued", progress: 0 }, 202, { location });
});
