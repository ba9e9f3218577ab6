import { Readable } from "node:stream";
import type { StoredFile } from "@prisma/client";
import { contentDisposition } from "./filename";

/**
 * The body and headers of a download; the route wraps them in a Response. The body streams from
 * disk, so memory stays flat whatever the file size.
 */
export function downloadParts(
  file: Pick<StoredFile, "filename" | "contentType" | "size" | "sha256">,
  stream: Readable,
): { body: ReadableStream<Uint8Array>; headers: Record<string, string> } {
  return {
    body: Readable.toWeb(stream) as unknown as ReadableStream<Uint8Array>,
    headers: {
      "content-type": file.contentType,
      // Next's server drops Content-Length from route-handler responses (send-response.js strips
      // it with content-encoding and transfer-encoding) and sends them chunked; X-File-Size keeps
      // the size for clients that show progress or check completeness, with the SHA-256 ETag.
      "content-length": String(file.size),
      "x-file-size": String(file.size),
      "content-disposition": contentDisposition(file.filename),
      "x-content-type-options": "nosniff",
      etag: `"${file.sha256}"`,
      // Results are private to a workspace: no shared cache may keep them.
      "cache-control": "private, no-store",
    },
  };
}
