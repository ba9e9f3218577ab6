import { Readable } from "node:stream";
import type { ReadableStream as NodeReadableStream } from "node:stream/web";
import busboy from "busboy";
import { badRequest, type ErrorDetail, unsupportedMediaType, validationFailed } from "@/lib/errors";
import { fileTooLarge, newStorageKey, type PutResult, sanitizeFilename, storage } from "@/lib/storage";

const MULTIPART_OVERHEAD = 64 * 1024;
const invalid = (detail: ErrorDetail) => validationFailed("Invalid upload", [detail]);

export type ReceivedUpload = { key: string; written: PutResult; filename: string };

/**
 * Streams the multipart part `file` into storage: 413 as soon as it passes `maxBytes` (or when
 * Content-Length already says so), 415 when the body is not multipart, 422 for missing or extra
 * parts. On any refusal what was written is removed.
 */
export async function receiveUpload(req: Request, workspaceId: string, maxBytes: number): Promise<ReceivedUpload> {
  const type = req.headers.get("content-type") ?? "";
  if (!/^multipart\/form-data\s*;/i.test(type)) throw unsupportedMediaType("Send the document as multipart/form-data, in a part named `file`");
  const declared = Number(req.headers.get("content-length") ?? NaN);
  if (Number.isFinite(declared) && declared > maxBytes + MULTIPART_OVERHEAD) throw fileTooLarge(maxBytes);
  if (!req.body) throw invalid({ path: "body.file", message: "required: the document", code: "required" });

  let parser: busboy.Busboy;
  try {
    parser = busboy({ headers: { "content-type": type }, defParamCharset: "utf8", limits: { files: 1, fields: 0, parts: 2, headerPairs: 20 } });
  } catch {
    throw unsupportedMediaType("The multipart body has no boundary; send it as multipart/form-data");
  }
  const source = Readable.fromWeb(req.body as unknown as NodeReadableStream<Uint8Array>);
  const key = newStorageKey(workspaceId, "documents");
  let written: Promise<PutResult> | undefined;
  let filename = "document";
  let fail!: (error: unknown) => void;
  const failed = new Promise<never>((_, reject) => (fail = reject));
  failed.catch(() => {});

  parser.on("file", (name, stream, info) => {
    if (name !== "file") {
      stream.resume();
      return fail(invalid({ path: `body.${name}`, message: "unexpected part: send the document as `file`", code: "unrecognized_keys" }));
    }
    filename = sanitizeFilename(info.filename, "document");
    written = storage().put(key, stream, { maxBytes });
    written.catch(fail);
  });
  parser.on("field", (name) => fail(invalid({ path: `body.${name}`, message: "unexpected field: only `file`", code: "unrecognized_keys" })));
  parser.on("fieldsLimit", () => fail(invalid({ path: "body", message: "unexpected field: only `file`", code: "unrecognized_keys" })));
  parser.on("filesLimit", () => fail(invalid({ path: "body.file", message: "send exactly one file", code: "too_big" })));
  parser.on("partsLimit", () => fail(invalid({ path: "body", message: "too many parts", code: "too_big" })));
  parser.on("error", (error) => fail(validationFailed("The multipart body is malformed", [{ path: "body", message: String((error as Error).message ?? error).slice(0, 200) }])));
  source.on("error", () => fail(badRequest("The upload was interrupted before it finished")));
  const parsed = new Promise<void>((resolve) => parser.on("close", resolve));
  source.pipe(parser);

  try {
    await Promise.race([parsed, failed]);
    if (!written) throw invalid({ path: "body.file", message: "required: the document", code: "required" });
    const result = await Promise.race([written, failed]);
    return { key, written: result, filename };
  } catch (error) {
    source.unpipe(parser);
    source.destroy();
    await written?.catch(() => undefined);
    await storage().delete(key).catch(() => {});
    throw error;
  }
}
