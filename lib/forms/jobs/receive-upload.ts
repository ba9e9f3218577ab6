import { Readable } from "node:stream";
import type { ReadableStream as NodeReadableStream } from "node:stream/web";
import busboy from "busboy";
import { badRequest, type ErrorDetail, unsupportedMediaType, validationFailed } from "@/lib/errors";
import { zodDetails } from "@/lib/http/error-response";
import { fileTooLarge, newStorageKey, sanitizeFilename, storage } from "@/lib/storage";
import { type ValidatedUpload, validatePdfUpload } from "@/lib/pdf/validate-upload";
import { inspectPdf } from "../pipeline/inspect";
import { type FormsOptions, formsOptionsSchema } from "./options";

export type ReceivedUpload = { upload: ValidatedUpload; filename: string; options: FormsOptions };

export type ReceiveLimits = { workspaceId: string; maxBytes: number; maxPages: number };

/** Room for multipart boundaries, part headers and the options field on top of the file itself. */
const MULTIPART_OVERHEAD = 64 * 1024;

const invalid = (detail: ErrorDetail) => validationFailed("Invalid upload", [detail]);

/**
 * Reads a multipart upload as it streams in: the one `file` part goes straight through
 * `validatePdfUpload` into storage (never buffered whole: 415 on its first KiB, 413 as soon as it
 * passes `maxBytes`), the optional `options` part is checked by zod. Any problem stops reading the
 * request at once, and whatever was stored is removed before the error is thrown.
 */
export async function receiveFormsUpload(req: Request, limits: ReceiveLimits): Promise<ReceivedUpload> {
  const type = req.headers.get("content-type") ?? "";
  if (!/^multipart\/form-data\s*;/i.test(type)) {
    throw unsupportedMediaType("Send the PDF as multipart/form-data, in a part named `file`");
  }
  const declared = Number(req.headers.get("content-length") ?? NaN);
  if (Number.isFinite(declared) && declared > limits.maxBytes + MULTIPART_OVERHEAD) throw fileTooLarge(limits.maxBytes);
  if (!req.body) throw invalid({ path: "body.file", message: "required: the PDF to process", code: "required" });

  let parser: busboy.Busboy;
  try {
    parser = busboy({
      headers: { "content-type": type },
      defParamCharset: "utf8",
      limits: { files: 1, fields: 2, parts: 3, fieldSize: 16 * 1024, fieldNameSize: 100, headerPairs: 20 },
    });
  } catch {
    throw unsupportedMediaType("The multipart body has no boundary; send it as multipart/form-data");
  }
  const source = Readable.fromWeb(req.body as unknown as NodeReadableStream<Uint8Array>);
  const key = newStorageKey(limits.workspaceId, "forms");
  let file: Readable | undefined;
  let upload: Promise<ValidatedUpload> | undefined;
  let filename = "form.pdf";
  let options: FormsOptions = {};
  let seenOptions = false;
  let fail!: (error: unknown) => void;
  const failed = new Promise<never>((_, reject) => (fail = reject));
  failed.catch(() => {});

  parser.on("file", (name, stream, info) => {
    if (name !== "file") {
      stream.resume();
      return fail(invalid({ path: `body.${name}`, message: "unexpected part: send the PDF as `file` and nothing else but `options`", code: "unrecognized_keys" }));
    }
    file = stream;
    filename = sanitizeFilename(info.filename, "form.pdf");
    upload = validatePdfUpload(stream, { key, maxBytes: limits.maxBytes, maxPages: limits.maxPages, inspect: (bytes, checks) => inspectPdf(bytes, { ...checks, tenant: limits.workspaceId }) });
    upload.catch(fail);
  });
  parser.on("field", (name, value, info) => {
    if (name === "file") return fail(invalid({ path: "body.file", message: "must be a file part (with a filename), not a text field", code: "invalid_type" }));
    if (name !== "options") return fail(invalid({ path: `body.${name}`, message: "unexpected field: only `file` and `options` are accepted", code: "unrecognized_keys" }));
    if (seenOptions) return fail(invalid({ path: "body.options", message: "send `options` at most once", code: "too_big" }));
    seenOptions = true;
    if (info.valueTruncated) return fail(invalid({ path: "body.options", message: "too long (16 KiB at most)", code: "too_big" }));
    try {
      options = parseOptions(value);
    } catch (error) {
      fail(error);
    }
  });
  parser.on("filesLimit", () => fail(invalid({ path: "body.file", message: "send exactly one file", code: "too_big" })));
  parser.on("partsLimit", () => fail(invalid({ path: "body", message: "too many parts: send `file` and optionally `options`", code: "too_big" })));
  parser.on("error", (error) => fail(validationFailed("The multipart body is malformed", [{ path: "body", message: errorText(error) }])));
  // The client went away mid-upload: nothing to answer, but not our failure either.
  source.on("error", () => fail(badRequest("The upload was interrupted before it finished")));
  const parsed = new Promise<void>((resolve) => parser.on("close", resolve));
  source.pipe(parser);

  try {
    await Promise.race([parsed, failed]);
    if (!upload) throw invalid({ path: "body.file", message: "required: the PDF to process", code: "required" });
    const result = await Promise.race([upload, failed]);
    return { upload: result, filename, options };
  } catch (error) {
    source.unpipe(parser);
    source.destroy();
    file?.destroy();
    // A rejected upload removes its own bytes; one that got through must go because something else failed.
    const stored = await upload?.catch(() => undefined);
    if (stored) await storage().delete(stored.key);
    throw error;
  }
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

function errorText(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).slice(0, 200);
}
