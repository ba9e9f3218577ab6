import type { Job } from "@prisma/client";
import { db } from "@/lib/db";
import { AppError, type ErrorDetail, validationFailed } from "@/lib/errors";
import { createJob, failJob } from "@/lib/jobs";
import { logger } from "@/lib/logging";
import { deleteStoredFiles, newStorageKey, receiveFile, recordStoredFile, sniffContentType, storage, type PutResult } from "@/lib/storage";
import { emptyFile, RELAY_JOB_KIND, unsupportedImage } from "./errors";
import { sniffImage } from "./images";
import { notionIdSchema } from "./schemas";
import { relayConfig } from "./settings";

/** Sends the event that starts a job's run; the route passes it in (lib never imports inngest/). */
export type QueueRelayJob = (event: { job_id: string; workspace_id: string }) => Promise<void>;

const validationError = (detail: ErrorDetail) => validationFailed("Invalid upload", [detail]);

type Received = { key: string; written: PutResult; contentType: string; filename: string; databaseId: string | undefined };

/**
 * An upload becomes a queued relay job. The image streams into storage (413 as soon as it passes
 * RELAY_MAX_BYTES), its first bytes decide its type (415 otherwise, 422 when empty); a refusal
 * removes what was written, so nothing stays. Then the job, its log row and file record, and the
 * event. A job whose event cannot be sent fails at once.
 */
export async function acceptRelayUpload(req: Request, caller: { workspaceId: string; userId: string }, queue: QueueRelayJob): Promise<Job> {
  const config = relayConfig();
  const received = await receiveImage(req, caller.workspaceId, config.maxBytes);
  const databaseId = received.databaseId ?? config.defaultDatabaseId;
  if (!databaseId) {
    await storage().delete(received.key);
    throw validationError({ path: "body.notion_database_id", message: "required: no RELAY_NOTION_DATABASE_ID is set, so name the Notion database", code: "required" });
  }
  let job: Job;
  let fileId: string;
  try {
    job = await createJob({
      workspaceId: caller.workspaceId,
      createdById: caller.userId,
      kind: RELAY_JOB_KIND,
      input: { filename: received.filename, size: received.written.size, content_type: received.contentType, notion_database_id: databaseId },
      message: "Queued",
    });
    const file = await recordStoredFile({
      workspaceId: caller.workspaceId,
      jobId: job.id,
      purpose: "input",
      filename: received.filename,
      storageKey: received.key,
      contentType: received.contentType,
      size: received.written.size,
      sha256: received.written.sha256,
    });
    fileId = file.id;
    await (await db()).relayJob.create({
      data: {
        jobId: job.id,
        workspaceId: caller.workspaceId,
        filename: received.filename,
        contentType: received.contentType,
        notionDatabaseId: databaseId,
        inputFileId: file.id,
      },
    });
  } catch (error) {
    await storage().delete(received.key).catch(() => {});
    throw error;
  }
  try {
    await queue({ job_id: job.id, workspace_id: caller.workspaceId });
  } catch (error) {
    logger().error({ err: error, job_id: job.id }, "relay: could not queue the job; failing it");
    await failJob(job.id, { type: "QueueUnavailableError", detail: "The job could not be queued; upload the image again" });
    await deleteStoredFiles([{ id: fileId, storageKey: received.key }]);
    throw new AppError("ServiceUnavailableError", "The upload was received but could not be queued; upload it again in a moment", 503, undefined, { "Retry-After": "5" });
  }
  return job;
}

async function receiveImage(req: Request, workspaceId: string, maxBytes: number): Promise<Received> {
  const key = newStorageKey(workspaceId, "relay");
  let databaseId: string | undefined;
  const { stored: written, filename } = await receiveFile(req, {
    maxBytes,
    what: "the image to relay",
    defaultFilename: "image",
    // The type is decided from the first bytes once they are stored: refused, nothing stays.
    store: async (stream) => {
      const result = await storage().put(key, stream, { maxBytes });
      try {
        if (result.size === 0) throw emptyFile();
        if (!sniffImage(result.head)) throw unsupportedImage(sniffContentType(result.head, result.size <= result.head.length));
      } catch (error) {
        await storage().delete(key).catch(() => {});
        throw error;
      }
      return result;
    },
    discard: () => storage().delete(key),
    maxFieldBytes: 200,
    fields: {
      notion_database_id: (value) => {
        if (value.trim() === "") return;
        const parsed = notionIdSchema.safeParse(value.trim());
        if (!parsed.success) throw validationError({ path: "body.notion_database_id", message: "must be a Notion database id (32 hex digits)", code: "invalid_format" });
        databaseId = parsed.data;
      },
    },
  });
  return { key, written, contentType: sniffImage(written.head)!, filename, databaseId };
}
