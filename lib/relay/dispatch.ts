import { randomBytes } from "node:crypto";
import { signatureHeaders } from "@/lib/http";
import { RelayJobError } from "./errors";

export type DispatchInput = {
  webhookUrl: string;
  signingSecret: string;
  jobId: string;
  notionDatabaseId: string;
  filename: string;
  contentType: string;
  callbackUrl: string;
  file: Buffer;
  timeoutMs?: number;
};

/** Thrown for trouble worth retrying (5xx, 429, timeouts, refused connections); the step retries with backoff. */
export class DispatchRetryableError extends Error {
  name = "DispatchRetryableError";
}

const quoted = (text: string) => text.replace(/[\r\n"\\]/g, "_");

/**
 * The webhook body: multipart/form-data with `job_id`, `notion_database_id`, `filename`,
 * `callback_url` and the `file`. Built as bytes here (not by fetch) because the signature must
 * cover exactly the bytes sent.
 */
export function buildDispatchBody(input: Omit<DispatchInput, "webhookUrl" | "signingSecret" | "timeoutMs">): { body: Buffer; contentType: string } {
  const boundary = `conveyor-${randomBytes(12).toString("hex")}`;
  const field = (name: string, value: string) =>
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`, "utf8");
  const ascii = quoted(input.filename.replace(/[^\x20-\x7e]/g, "_"));
  const fileHead = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(input.filename)}\r\n` +
      `Content-Type: ${input.contentType}\r\n\r\n`,
    "utf8",
  );
  const body = Buffer.concat([
    field("job_id", input.jobId),
    field("notion_database_id", input.notionDatabaseId),
    field("filename", input.filename),
    field("callback_url", input.callbackUrl),
    fileHead,
    input.file,
    Buffer.from(`\r\n--${boundary}--\r\n`, "utf8"),
  ]);
  return { body, contentType: `multipart/form-data; boundary=${boundary}` };
}

/**
 * POSTs the job to the n8n webhook, signed over the raw body. A 2xx is accepted; 5xx, 429, a
 * timeout or a refused connection throw DispatchRetryableError; any other 4xx means the workflow
 * refuses this job, and retrying would not change that (DispatchRejectedError).
 */
export async function dispatchToWorkflow(input: DispatchInput): Promise<{ status: number }> {
  const { body, contentType } = buildDispatchBody(input);
  let res: Response;
  try {
    res = await fetch(input.webhookUrl, {
      method: "POST",
      body: new Uint8Array(body),
      headers: { "content-type": contentType, ...signatureHeaders(input.signingSecret, body) },
      signal: AbortSignal.timeout(input.timeoutMs ?? 30_000),
      redirect: "error",
    });
  } catch (error) {
    const cause = (error as { cause?: { code?: string } }).cause?.code ?? (error as Error).name;
    throw new DispatchRetryableError(`The workflow's webhook could not be reached (${cause})`);
  }
  await res.body?.cancel().catch(() => {});
  if (res.ok) return { status: res.status };
  if (res.status >= 500 || res.status === 429) throw new DispatchRetryableError(`The workflow's webhook answered ${res.status}`);
  throw new RelayJobError("DispatchRejectedError", `The workflow refused the job (HTTP ${res.status})`);
}
