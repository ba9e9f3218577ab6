// POST /api/v1/extractions – queue a table extraction of a document with a configuration
import { inngest } from "@/inngest/client";
import { documentsExtractionRequested } from "@/inngest/events";
import { startExtraction } from "@/lib/documents";
import { startExtractionOperation } from "@/lib/documents/operations";
import { getEnv } from "@/lib/env";
import { apiRoute, json } from "@/lib/http";

export const POST = apiRoute(startExtractionOperation, async ({ auth, body }) => {
  const { job, version } = await startExtraction({ documentId: body.document_id, configurationId: body.configuration_id }, { workspaceId: auth.workspace.id, userId: auth.user.id }, async (data) => {
    // The id makes a repeated send start one run.
    await inngest.send(documentsExtractionRequested.create(data, { id: `documents-extract-${data.job_id}` }));
  });
  return json({ job_id: job.id, status: "queued", configuration_version: version }, 202, { location: `${getEnv().appUrl}/api/v1/jobs/${encodeURIComponent(job.id)}` });
});
