import { newStorageKey, type PutResult, receiveFile, storage } from "@/lib/storage";

export type ReceivedUpload = { key: string; written: PutResult; filename: string };

/**
 * Streams the multipart part `file` into storage: 413 as soon as it passes `maxBytes` (or when
 * Content-Length already says so), 415 when the body is not multipart, 422 for missing or extra
 * parts. On any refusal what was written is removed.
 */
export async function receiveUpload(req: Request, workspaceId: string, maxBytes: number): Promise<ReceivedUpload> {
  const key = newStorageKey(workspaceId, "documents");
  const { stored, filename } = await receiveFile(req, {
    maxBytes,
    what: "the document",
    defaultFilename: "document",
    store: (stream) => storage().put(key, stream, { maxBytes }),
    discard: () => storage().delete(key),
  });
  return { key, written: stored, filename };
}
