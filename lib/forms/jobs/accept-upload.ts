import type { Job } from "@prisma/client";
import { appError } from "@/lib/errors";
import type { EventSender } from "@/lib/events/sender";
import { logger } from "@/lib/logging";
import { createJob, failJob } from "@/lib/jobs";
import { deleteStoredFiles, recordStoredFile, storage } from "@/lib/storage";
import { formsEvents } from "../events";
import { formsConfig } from "../pipeline/settings";
import type { FormsJobInput } from "./options";
import { FORMS_JOB_KIND } from "./paths";
import { receiveFormsUpload } from "./receive-upload";

const notQueued = () =>
  appError("ServiceUnavailableError", "The upload was received but could not be queued for processing; upload it again in a moment", undefined, {
    "Retry-After": "5",
  });

/**
 * An upload becomes a queued forms job: the PDF is streamed and checked (nothing is kept when it
 * is refused), then the job (options and file facts, never bytes), the stored input file and the
 * `forms/pdf.uploaded` event. A job whose event cannot be sent is failed at once and its file
 * removed, so nothing waits in `queued` for a run that will never come.
 */
export async function acceptFormsUpload(req: Request, caller: { workspaceId: string; userId: string }, send: EventSender): Promise<Job> {
  const config = formsConfig();
  const { upload, filename, options } = await receiveFormsUpload(req, { workspaceId: caller.workspaceId, maxBytes: config.maxBytes, maxPages: config.maxPages });
  const input: FormsJobInput = {
    filename,
    options,
    size: upload.size,
    page_count: upload.pageCount,
    has_acroform: upload.hasAcroForm,
    existing_field_count: upload.existingFieldCount,
  };
  let job: Job;
  let fileId: string;
  try {
    job = await createJob({ workspaceId: caller.workspaceId, createdById: caller.userId, kind: FORMS_JOB_KIND, input, message: "Waiting to start" });
    const file = await recordStoredFile({
      workspaceId: caller.workspaceId,
      jobId: job.id,
      purpose: "input",
      filename,
      storageKey: upload.key,
      contentType: "application/pdf",
      size: upload.size,
      sha256: upload.sha256,
    });
    fileId = file.id;
  } catch (error) {
    await storage().delete(upload.key).catch(() => {});
    throw error;
  }
  try {
    // The id makes a repeated send (a client retry inside the SDK) start one run.
    await send(formsEvents.uploaded, { job_id: job.id, workspace_id: caller.workspaceId }, { id: `forms-uploaded-${job.id}` });
  } catch (error) {
    logger().error({ err: error, job_id: job.id }, "forms: could not queue the job; failing it");
    await failJob(job.id, { type: "QueueUnavailableError", detail: "The job could not be queued for processing; upload the file again" });
    await deleteStoredFiles([{ id: fileId, storageKey: upload.key }]);
    throw notQueued();
  }
  return job;
}
