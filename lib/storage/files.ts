import type { Readable } from "node:stream";
import type { StoredFile } from "@prisma/client";
import { db } from "@/lib/db";
import { notFound } from "@/lib/errors";
import { logger } from "@/lib/logging";
import { sanitizeFilename } from "./filename";
import { storage } from "./instance";
import { newStorageKey } from "./keys";
import { sniffContentType } from "./sniff";
import { HEAD_BYTES, type PutSource } from "./storage";

export type SaveFileInput = {
  workspaceId: string;
  jobId?: string | null;
  /** "input", "result", "preview", ... (lower-case, becomes part of the storage key). */
  purpose: string;
  /** The name shown and offered on download; sanitised here. */
  filename: string;
  /** Trusted type of a file Conveyor produced; leave unset for uploads so the bytes decide. */
  contentType?: string;
  source: PutSource;
  /** Refuse (413) past this many bytes, while streaming; nothing is kept. */
  maxBytes?: number;
};

const MEDIA_TYPE = /^[a-z0-9][a-z0-9!#$&^_.+-]*\/[a-z0-9][a-z0-9!#$&^_.+-]*(\s*;\s*[a-z0-9-]+=[^;]+)*$/;

/** Streams a file into storage and records it. The bytes are never buffered whole. */
export async function saveFile(input: SaveFileInput): Promise<StoredFile> {
  const key = newStorageKey(input.workspaceId, input.purpose);
  const written = await storage().put(key, input.source, { maxBytes: input.maxBytes });
  const given = input.contentType?.trim().toLowerCase();
  const contentType =
    given && MEDIA_TYPE.test(given) ? given : sniffContentType(written.head, written.size <= HEAD_BYTES);
  const prisma = await db();
  try {
    return await prisma.storedFile.create({
      data: {
        workspaceId: input.workspaceId,
        jobId: input.jobId ?? null,
        purpose: input.purpose,
        storageKey: key,
        filename: sanitizeFilename(input.filename),
        contentType,
        size: BigInt(written.size),
        sha256: written.sha256,
      },
    });
  } catch (error) {
    await storage().delete(key).catch(() => {});
    throw error;
  }
}

export type RecordFileInput = Omit<SaveFileInput, "source" | "maxBytes" | "contentType"> & {
  /** A key from `newStorageKey(workspaceId, purpose)` whose bytes `storage().put` already wrote. */
  storageKey: string;
  contentType: string;
  size: number;
  sha256: string;
};

/**
 * Records a file that was streamed with `storage().put` directly (callers that validate while
 * streaming, like upload checks). The key must be this workspace's, as `newStorageKey` makes it.
 */
export async function recordStoredFile(input: RecordFileInput): Promise<StoredFile> {
  if (!input.storageKey.startsWith(`${input.workspaceId}/`)) throw new Error("storage key is not in the workspace's folder");
  return (await db()).storedFile.create({
    data: {
      workspaceId: input.workspaceId,
      jobId: input.jobId ?? null,
      purpose: input.purpose,
      storageKey: input.storageKey,
      filename: sanitizeFilename(input.filename),
      contentType: input.contentType,
      size: BigInt(input.size),
      sha256: input.sha256,
    },
  });
}

/** The file's record, scoped to the workspace: another workspace's file is NotFound. */
export async function getFile(workspaceId: string, fileId: string): Promise<StoredFile> {
  const file = await (await db()).storedFile.findFirst({ where: { id: fileId, workspaceId } });
  if (!file) throw notFound("File");
  return file;
}

/** The record and a stream of the bytes. */
export async function openFile(workspaceId: string, fileId: string): Promise<{ file: StoredFile; stream: Readable }> {
  const file = await getFile(workspaceId, fileId);
  return { file, stream: await storage().get(file.storageKey) };
}

/**
 * Removes files: bytes first, then rows. A crash in between leaves rows whose bytes are gone, and
 * the next attempt finishes the job (deletes are idempotent); the reverse order would strand bytes
 * that nothing points to.
 */
export async function deleteStoredFiles(files: Pick<StoredFile, "id" | "storageKey">[]): Promise<number> {
  if (files.length === 0) return 0;
  for (const file of files) await storage().delete(file.storageKey);
  const { count } = await (await db()).storedFile.deleteMany({ where: { id: { in: files.map((f) => f.id) } } });
  logger().debug({ files: files.length }, "stored files deleted");
  return count;
}

/** Deletes one of the workspace's files; NotFound when it is not theirs. */
export async function deleteFile(workspaceId: string, fileId: string): Promise<void> {
  await deleteStoredFiles([await getFile(workspaceId, fileId)]);
}
