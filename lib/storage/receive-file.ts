import { Readable } from "node:stream";
import type { ReadableStream as NodeReadableStream } from "node:stream/web";
import busboy from "busboy";
import { badRequest, type ErrorDetail, unsupportedMediaType, validationFailed } from "@/lib/errors";
import { fileTooLarge } from "./local-disk";
import { sanitizeFilename } from "./filename";

/** Room for multipart boundaries, part headers and small fields on top of the file itself. */
const MULTIPART_OVERHEAD = 64 * 1024;

export const invalidUpload = (detail: ErrorDetail) => validationFailed("Invalid upload", [detail]);

export type ReceiveFileOptions<T> = {
  /** The largest file accepted (413 once the stream passes it, or at once from Content-Length). */
  maxBytes: number;
  /** What the `file` part holds, for messages: "the document", "the image to relay". */
  what: string;
  /** The filename used when the client sends none (or only characters that are dropped). */
  defaultFilename: string;
  /**
   * Consumes the `file` part as it streams (into storage, through checks); rejecting refuses the
   * upload. Must remove what it wrote when it rejects.
   */
  store: (stream: Readable, filename: string) => Promise<T>;
  /** Removes a stored result when something after it refused the upload. */
  discard: (stored: T) => Promise<void>;
  /**
   * Text fields accepted beside `file`, each at most once: the handler checks the value and throws
   * an AppError to refuse the upload. Any other field is 422.
   */
  fields?: Record<string, (value: string) => void>;
  /** Longest field value in bytes (422 over it). */
  maxFieldBytes?: number;
};

export type ReceivedFile<T> = { stored: T; filename: string };

/**
 * Reads a multipart upload as it streams in: the one `file` part goes straight to `store` (never
 * buffered whole), declared fields through their checks. 415 when the body is not multipart, 413
 * as soon as the file passes `maxBytes`, 422 for a missing file or an unexpected or repeated part.
 * Any problem stops reading the request at once, and what was stored is removed before the error
 * is thrown: a refused upload leaves nothing behind.
 */
export async function receiveFile<T>(req: Request, options: ReceiveFileOptions<T>): Promise<ReceivedFile<T>> {
  const { maxBytes, what } = options;
  const fields = options.fields ?? {};
  const accepted = ["`file`", ...Object.keys(fields).map((f) => `\`${f}\``)].join(" and ");
  const type = req.headers.get("content-type") ?? "";
  if (!/^multipart\/form-data\s*;/i.test(type)) throw unsupportedMediaType(`Send ${what} as multipart/form-data, in a part named \`file\``);
  const declared = Number(req.headers.get("content-length") ?? NaN);
  if (Number.isFinite(declared) && declared > maxBytes + MULTIPART_OVERHEAD) throw fileTooLarge(maxBytes);
  if (!req.body) throw invalidUpload({ path: "body.file", message: `required: ${what}`, code: "required" });

  const fieldCount = Object.keys(fields).length;
  let parser: busboy.Busboy;
  try {
    parser = busboy({
      headers: { "content-type": type },
      defParamCharset: "utf8",
      // One field more than declared, so a repeated or unknown one reaches the handler and gets its own message.
      limits: { files: 1, fields: fieldCount + 1, parts: fieldCount + 2, fieldSize: options.maxFieldBytes ?? 1024, fieldNameSize: 100, headerPairs: 20 },
    });
  } catch {
    throw unsupportedMediaType("The multipart body has no boundary; send it as multipart/form-data");
  }
  const source = Readable.fromWeb(req.body as unknown as NodeReadableStream<Uint8Array>);
  let file: Readable | undefined;
  let stored: Promise<T> | undefined;
  let filename = options.defaultFilename;
  const seen = new Set<string>();
  let fail!: (error: unknown) => void;
  const failed = new Promise<never>((_, reject) => (fail = reject));
  failed.catch(() => {});

  parser.on("file", (name, stream, info) => {
    if (name !== "file") {
      stream.resume();
      return fail(invalidUpload({ path: `body.${name}`, message: `unexpected part: send ${what} as \`file\``, code: "unrecognized_keys" }));
    }
    file = stream;
    filename = sanitizeFilename(info.filename, options.defaultFilename);
    stored = options.store(stream, filename);
    stored.catch(fail);
  });
  parser.on("field", (name, value, info) => {
    if (name === "file") return fail(invalidUpload({ path: "body.file", message: "must be a file part (with a filename), not a text field", code: "invalid_type" }));
    const check = Object.hasOwn(fields, name) ? fields[name] : undefined;
    if (!check) return fail(invalidUpload({ path: `body.${name}`, message: `unexpected field: send only ${accepted}`, code: "unrecognized_keys" }));
    if (seen.has(name)) return fail(invalidUpload({ path: `body.${name}`, message: "send it at most once", code: "too_big" }));
    seen.add(name);
    if (info.valueTruncated) return fail(invalidUpload({ path: `body.${name}`, message: `too long (${options.maxFieldBytes ?? 1024} bytes at most)`, code: "too_big" }));
    try {
      check(value);
    } catch (error) {
      fail(error);
    }
  });
  parser.on("fieldsLimit", () => fail(invalidUpload({ path: "body", message: `unexpected field: send only ${accepted}`, code: "unrecognized_keys" })));
  parser.on("filesLimit", () => fail(invalidUpload({ path: "body.file", message: "send exactly one file", code: "too_big" })));
  parser.on("partsLimit", () => fail(invalidUpload({ path: "body", message: `too many parts: send ${accepted}`, code: "too_big" })));
  parser.on("error", (error) => fail(validationFailed("The multipart body is malformed", [{ path: "body", message: errorText(error) }])));
  // The client went away mid-upload: nothing to answer, but not our failure either.
  source.on("error", () => fail(badRequest("The upload was interrupted before it finished")));
  const parsed = new Promise<void>((resolve) => parser.on("close", resolve));
  source.pipe(parser);

  try {
    await Promise.race([parsed, failed]);
    if (!stored) throw invalidUpload({ path: "body.file", message: `required: ${what}`, code: "required" });
    return { stored: await Promise.race([stored, failed]), filename };
  } catch (error) {
    source.unpipe(parser);
    source.destroy();
    // With a reason: a file stream destroyed without one leaves a pipeline reading it waiting.
    // The listener keeps that reason from surfacing as an unhandled 'error' once the file has ended.
    file?.on("error", () => {}).destroy(error instanceof Error ? error : new Error("upload refused"));
    // A rejected store removed its own bytes; one that got through goes because something else failed.
    const kept = await stored?.catch(() => undefined);
    if (kept !== undefined) await options.discard(kept).catch(() => {});
    throw error;
  }
}

function errorText(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).slice(0, 200);
}
