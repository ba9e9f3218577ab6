// POST /api/v1/relay/jobs – upload an image for the Notion relay; GET – the workspace's relay jobs
import { inngest } from "@/inngest/client";
import { relayImageUploaded } from "@/inngest/events";
import { getEnv } from "@/lib/env";
import { apiRoute } from "@/lib/api";
import { json } from "@/lib/http";
import { acceptRelayUpload, listRelayJobs } from "@/lib/relay";
import { listRelayJobsOperation, uploadRelayImageOperation } from "@/lib/relay/operations";

export const POST = apiRoute(uploadRelayImageOperation, async ({ req, auth }) => {
  const job = await acceptRelayUpload(req, { workspaceId: auth.workspace.id, userId: auth.user.id }, async (data) => {
    // The id makes a repeated send start one run.
    await inngest.send(relayImageUploaded.create(data, { id: `relay-uploaded-${data.job_id}` }));
  });
  const location = `${getEnv().appUrl}/api/v1/relay/jobs/${encodeURIComponent(job.id)}`;
  return json({ job_id: job.id, status: "queued" }, 202, { location });
});

export const GET = apiRoute(listRelayJobsOperation, async ({ auth, query }) => listRelayJobs(auth.workspace.id, query));
