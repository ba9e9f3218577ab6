import type { Job } from "@prisma/client";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { createJob, failJob } from "@/lib/jobs";
import type { EventSender } from "@/lib/events/sender";
import { logger } from "@/lib/logging";
import { documentsEvents } from "../events";
import { DOCUMENTS_JOB_KIND } from "../errors";
import { getConfiguration, settingsOf } from "../store/configurations";
import { getDocument } from "../store/documents";
import { recordEvents } from "../timeline";


/**
 * Queues an extraction of a document with a configuration's current version: a shared Job (kind
 * "documents") with the version's settings copied onto its extraction row, `job.created` on the
 * job's, the document's and the configuration's timelines, then the event (through `send`: lib never
 * imports inngest/). Both objects must be the workspace's (404 otherwise); a job whose event cannot
 * be sent fails at once (503).
 */
export async function startExtraction(input: { documentId: string; configurationId: string }, caller: { workspaceId: string; userId: string }, send: EventSender): Promise<{ job: Job; version: number }> {
  const { workspaceId } = caller;
  const document = await getDocument(workspaceId, input.documentId);
  const configuration = await getConfiguration(workspaceId, input.configurationId);
  const latest = configuration.versions[0];
  const settings = settingsOf(latest);
  const job = await createJob({
    workspaceId,
    createdById: caller.userId,
    kind: DOCUMENTS_JOB_KIND,
    input: { document_id: document.id, filename: document.filename, configuration_id: configuration.id, configuration_version: latest.version, ...settings },
    message: "Queued",
  });
  await (await db()).documentExtraction.create({
    data: { jobId: job.id, workspaceId, documentId: document.id, configurationId: configuration.id, configurationVersion: latest.version, settings },
  });
  const data = { job_id: job.id, document_id: document.id, configuration_id: configuration.id, configuration_version: latest.version };
  await recordEvents([
    { workspaceId, subjectType: "job", subjectId: job.id, type: "job.created", data },
    { workspaceId, subjectType: "document", subjectId: document.id, type: "job.created", data },
    { workspaceId, subjectType: "configuration", subjectId: configuration.id, type: "job.created", data },
  ]);
  try {
    // The id makes a repeated send start one run.
    await send(documentsEvents.extractionRequested, { job_id: job.id, workspace_id: workspaceId }, { id: `documents-extract-${job.id}` });
  } catch (error) {
    logger().error({ err: error, job_id: job.id }, "documents: could not queue the extraction; failing it");
    await failJob(job.id, { type: "QueueUnavailableError", detail: "The extraction could not be queued; start it again" });
    throw new AppError("ServiceUnavailableError", "The extraction could not be queued; try again in a moment", 503, undefined, { "Retry-After": "5" });
  }
  return { job, version: latest.version };
}
