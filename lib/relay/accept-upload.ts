import { Readable } from "node:stream";
import type { ReadableStream as NodeReadableStream } from "node:stream/web";
import busboy from "busboy";
import type { Job } from "@prisma/client";
import { db } from "@/lib/db";
import { AppError, badRequest, type ErrorDetail, unsupportedMediaType, validationFailed } from "@/lib/errors";
import { createJob, failJob } from "@/lib/jobs";
import { logger } from "@/lib/logging";
import { deleteStoredFiles, fileTooLarge, newStorageKey, recordStoredFile, sanitizeFilename, sniffContentType, storage, type PutResult } from "@/lib/storage";
import { emptyFile, RELAY_JOB_KIND, unsupportedImage } from "./errors";
import { sniffImage } from "./images";
import { notionIdSchema } from "./schemas";
import { relayConfig } from "./settings";

/** Sends the event that starts a job's run; the route passes it in (lib never imports inngest/). */
export type QueueRelayJob = (event: { job_id: string; workspace_id: string }) => Promise<void>;

const MULTIPART_OVERHEAD = 64 * 1024;

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
  const type = req.headers.get("content-type") ?? "";
  if (!/^multipart\/form-data\s*;/i.test(type)) throw unsupportedMediaType("Send the image as multipart/form-data, in a part named `file`");
  const declared = Number(req.headers.get("content-length") ?? NaN);
  if (Number.isFinite(declared) && declared > maxBytes + MULTIPART_OVERHEAD) throw fileTooLarge(maxBytes);
  if (!req.body) throw validationError({ path: "body.file", message: "required: the image to relay", code: "required" });

  let parser: busboy.Busboy;
  try {
    parser = busboy({ headers: { "content-type": type }, defParamCharset: "utf8", limits: { files: 1, fields: 2, parts: 3, fieldSize: 200, headerPairs: 20 } });
  } catch {
    throw unsupportedMediaType("The multipart body has no boundary; send it as multipart/form-data");
  }
  const source = Readable.fromWeb(req.body as unknown as NodeReadableStream<Uint8Array>);
  const key = newStorageKey(workspaceId, "relay");
  let written: Promise<PutResult> | undefined;
  let filename = "image";
  let databaseId: string | undefined;
  let seenDatabaseId = false;
  let fail!: (error: unknown) => void;
  const failed = new Promise<never>((_, reject) => (fail = reject));
  failed.catch(() => {});

  parser.on("file", (name, stream) => {
    if (name !== "file") {
      stream.resume();
      return fail(validationError({ path: `body.${name}`, message: "unexpected part: send the image as `file`", code: "unrecognized_keys" }));
    }
    written = storage().put(key, stream, { maxBytes });
    written.catch(fail);
  });
  parser.on("file", (_name, _stream, info) => {
    filename = sanitizeFilename(info.filename, "image");
  });
  parser.on("field", (name, value) => {
    if (name !== "notion_database_id") return fail(validationError({ path: `body.${name}`, message: "unexpected field: only `file` and `notion_database_id`", code: "unrecognized_keys" }));
    if (seenDatabaseId) return fail(validationError({ path: "body.notion_database_id", message: "send it at most once", code: "too_big" }));
    seenDatabaseId = true;
    if (value.trim() === "") return;
    const parsed = notionIdSchema.safeParse(value.trim());
    if (!parsed.success) return fail(validationError({ path: "body.notion_database_id", message: "must be a Notion database id (32 hex digits)", code: "invalid_format" }));
    databaseId = parsed.data;
  });
  parser.on("filesLimit", () => fail(validationError({ path: "body.file", message: "send exactly one file", code: "too_big" })));
  parser.on("partsLimit", () => fail(validationError({ path: "body", message: "too many parts", code: "too_big" })));
  parser.on("error", (error) => fail(validationFailed("The multipart body is malformed", [{ path: "body", message: String((error as Error).message ?? error).slice(0, 200) }])));
  source.on("error", () => fail(badRequest("The upload was interrupted before it finished")));
  const parsed = new Promise<void>((resolve) => parser.on("close", resolve));
  source.pipe(parser);

  try {
    await Promise.race([parsed, failed]);
    if (!written) throw validationError({ path: "body.file", message: "required: the image to relay", code: "required" });
    const result = await Promise.race([written, failed]);
    if (result.size === 0) throw emptyFile();
    const contentType = sniffImage(result.head);
    if (!contentType) throw unsupportedImage(sniffContentType(result.head, result.size <= result.head.length));
    return { key, written: result, contentType, filename, databaseId };
  } catch (error) {
    source.unpipe(parser);
    source.destroy();
    await written?.catch(() => undefined);
    await storage().delete(key).catch(() => {});
    throw error;
  }
}
