// POST /api/v1/logbook/connect – connect a Mountain Project profile or 8a.nu account and queue its sync
import { sendEvent } from "@/inngest/send";
import { getEnv } from "@/lib/env";
import { apiRoute } from "@/lib/api";
import { json } from "@/lib/http";
import { toConnectRequest } from "@/lib/logbook/connect/connect-request";
import { connectLogbook } from "@/lib/logbook/jobs";
import { connectLogbookOperation } from "@/lib/logbook/operations";

export const POST = apiRoute(connectLogbookOperation, async ({ body, auth }) => {
  const job = await connectLogbook(toConnectRequest(body), { workspaceId: auth.workspace.id, userId: auth.user.id }, sendEvent);
  const location = `${getEnv().appUrl}/api/v1/jobs/${encodeURIComponent(job.id)}`;
  return json({ task_id: job.id, job_id: job.id, status: "queued" }, 202, { location });
});
