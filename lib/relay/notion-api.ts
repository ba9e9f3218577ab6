import { APIResponseError, Client, LogLevel, RequestTimeoutError, UnknownHTTPResponseError } from "@notionhq/client";
import { logger, redactString } from "@/lib/logging";
import { RelayJobError } from "./errors";

/** The Notion API version the relay speaks: databases are addressed through their data sources. */
export const NOTION_VERSION = "2025-09-03";

/**
 * Notion was busy or away (429, 5xx, a timeout, a refused connection): the step is retried with the
 * engine's backoff, or after `retryAfterMs` when Notion sent Retry-After.
 */
export class NotionRetryableError extends Error {
  name = "NotionRetryableError";
  constructor(
    message: string,
    readonly retryAfterMs?: number,
  ) {
    super(message);
  }
}

/**
 * A client for one step. The client's own retries are off: the durable step retries instead, so
 * every attempt is on the run's record and a Retry-After is honoured by the engine, not by a sleep
 * inside a request. Its log lines carry the level and message only (never the request).
 */
export function notionClient(config: { token: string; baseUrl: string }): Client {
  return new Client({
    auth: config.token,
    baseUrl: config.baseUrl,
    notionVersion: NOTION_VERSION,
    timeoutMs: 30_000,
    retry: false,
    logLevel: LogLevel.WARN,
    logger: (level, message) => logger().warn({ notion_level: level }, `notion client: ${redactString(message)}`),
  });
}

function retryAfterMs(headers: unknown): number | undefined {
  const value = headers instanceof Headers ? headers.get("retry-after") : (headers as Record<string, string> | undefined)?.["retry-after"];
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const at = Date.parse(value);
  return Number.isFinite(at) ? Math.max(0, at - Date.now()) : undefined;
}

/** Error text with the token taken out wherever it might appear, then the usual credential masking. */
function clean(text: string, token: string): string {
  return redactString(text.split(token).join("[redacted]")).slice(0, 500);
}

/**
 * Runs one Notion call and maps its failure to the relay's types: a 4xx other than 429 is Notion
 * refusing this job (NotionRejectedError, not retried); 429, 5xx, timeouts and network errors are
 * NotionRetryableError. The original error (which holds the response) never leaves this function.
 */
export async function callNotion<T>(what: string, token: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (error instanceof APIResponseError || error instanceof UnknownHTTPResponseError) {
      const detail = clean(`${error.status} ${error.code}: ${error.message}`, token);
      if (error.status === 429 || error.status >= 500) throw new NotionRetryableError(`Notion answered ${detail} while ${what}`, retryAfterMs(error.headers));
      throw new RelayJobError("NotionRejectedError", `Notion refused ${what}: ${detail}`);
    }
    if (error instanceof RequestTimeoutError) throw new NotionRetryableError(`Notion did not answer in time while ${what}`);
    const cause = (error as { cause?: { code?: string } }).cause?.code ?? (error as Error).name ?? "error";
    throw new NotionRetryableError(`Notion could not be reached while ${what} (${clean(String(cause), token)})`);
  }
}
