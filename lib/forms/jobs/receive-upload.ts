import { validationFailed } from "@/lib/errors";
import { zodDetails } from "@/lib/http/error-response";
import { invalidUpload as invalid, newStorageKey, receiveFile, storage } from "@/lib/storage";
import { type ValidatedUpload, validatePdfUpload } from "@/lib/pdf/validate-upload";
import { inspectPdf } from "../pipeline/inspect";
import { type FormsOptions, formsOptionsSchema } from "./options";

export type ReceivedUpload = { upload: ValidatedUpload; filename: string; options: FormsOptions };

export type ReceiveLimits = { workspaceId: string; maxBytes: number; maxPages: number };

/**
 * Reads a multipart upload as it streams in: the one `file` part goes straight through
 * `validatePdfUpload` into storage (never buffered whole: 415 on its first KiB, 413 as soon as it
 * passes `maxBytes`), the optional `options` part is checked by zod. Any problem stops reading the
 * request at once, and whatever was stored is removed before the error is thrown.
 */
export async function receiveFormsUpload(req: Request, limits: ReceiveLimits): Promise<ReceivedUpload> {
  const key = newStorageKey(limits.workspaceId, "forms");
  let options: FormsOptions = {};
  const { stored, filename } = await receiveFile(req, {
    maxBytes: limits.maxBytes,
    what: "the PDF",
    defaultFilename: "form.pdf",
    store: (stream) =>
      validatePdfUpload(stream, { key, maxBytes: limits.maxBytes, maxPages: limits.maxPages, inspect: (bytes, checks) => inspectPdf(bytes, { ...checks, tenant: limits.workspaceId }) }),
    discard: (upload) => storage().delete(upload.key),
    maxFieldBytes: 16 * 1024,
    fields: { options: (value) => (options = parseOptions(value)) },
  });
  return { upload: stored, filename, options };
}

function parseOptions(text: string): FormsOptions {
  if (text.trim() === "") return {};
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw invalid({ path: "body.options", message: "must be a JSON object, e.g. {\"dpi\": 200}", code: "invalid_json" });
  }
  const result = formsOptionsSchema.safeParse(json);
  if (!result.success) throw validationFailed("Invalid options", zodDetails(result.error, "body.options"));
  return result.data;
}
