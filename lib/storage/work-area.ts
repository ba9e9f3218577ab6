import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import fs from "node:fs/promises";
import type { StoredFile } from "@prisma/client";
import { db } from "@/lib/db";
import { sanitizeFilename } from "./filename";
import { localPathFor } from "./local-path";

export type WorkAreaRef = { kind: string; jobId: string; workspaceId: string };

async function hashFile(file: string): Promise<string> {
  const hash = createHash("sha256");
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest("hex");
}

/**
 * A job's folder in storage, `<workspace>/<kind>-jobs/<job id>/`: it hands out local paths for
 * work files (under the storage root, so every process sharing STORAGE_DIR sees what a previous
 * step wrote) and registers the files the job produces as stored files. Only lib/storage writes
 * stored-file rows; pipelines write bytes to `localPath(name)` and call `registerOutput`.
 */
export function jobWorkArea(ref: WorkAreaRef) {
  const folderKey = `${ref.workspaceId}/${ref.kind}-jobs/${ref.jobId}`;
  const key = (name: string) => `${folderKey}/${name}`;
  return {
    folderKey,
    dir: localPathFor(folderKey),
    key,
    localPath: (name: string) => localPathFor(key(name)),
    /**
     * Records the file written at `name` as the job's output (hash and size read from disk). One
     * name is one row: a retried step that wrote it again updates the row instead of adding one.
     */
    async registerOutput(name: string, meta: { filename: string; contentType: string; purpose?: string }): Promise<StoredFile> {
      const storageKey = key(name);
      const file = localPathFor(storageKey);
      const [sha256, stat] = await Promise.all([hashFile(file), fs.stat(file)]);
      const data = { filename: sanitizeFilename(meta.filename), contentType: meta.contentType, size: BigInt(stat.size), sha256 };
      return (await db()).storedFile.upsert({
        where: { storageKey },
        update: data,
        create: { ...data, workspaceId: ref.workspaceId, jobId: ref.jobId, purpose: meta.purpose ?? "result", storageKey },
      });
    },
    /** Removes the folder and everything in it (stored-file rows are the caller's: deleteStoredFiles). */
    remove: () => fs.rm(localPathFor(folderKey), { recursive: true, force: true }),
  };
}

export type JobWorkArea = ReturnType<typeof jobWorkArea>;

/** Links a stored file to the job that produced it (a result recorded before the job row knew it). */
export async function attachFileToJob(fileId: string, jobId: string): Promise<void> {
  await (await db()).storedFile.update({ where: { id: fileId }, data: { jobId } });
}
