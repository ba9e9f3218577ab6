// POST /api/v1/extractions – queue a table extraction of a document with a configuration
import { sendEvent } from "@/inngest/send";
import { startExtraction } from "@/lib/documents";
import { startExtractionOperation } from "@/lib/documents/operations";
import { getEnv } from "@/lib/env";
import { apiRoute } from "@/lib/api";
import { json } from "@/lib/http";

export const POST = apiRoute(startExtractionOperation, async ({ auth, body }) => {
  const { job, version } = await startExtraction({ documentId: body.document_id, configurationId: body.configuration_id }, { workspaceId: auth.workspace.id, userId: auth.user.id }, sendEvent);
  return json({ job_id: job.id, status: "queued", configuration_version: version }, 202, { location: `${getEnv().appUrl}/api/v1/jobs/${encodeURIComponent(job.id)}` });
});
