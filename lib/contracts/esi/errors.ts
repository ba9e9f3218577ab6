/**
 * What an ESI request can end in besides data. Each says whether trying again can help, so the
 * aggregation can record a region as failed (final) or let the durable step retry it later.
 */
export class EsiError extends Error {
  constructor(
    message: string,
    readonly url: string,
    readonly status: number | undefined,
    /** Trying again (later) can succeed. */
    readonly retriable: boolean,
  ) {
    super(message);
    this.name = "EsiError";
  }
}

/** 404: the resource does not exist (a wrong region id); final. */
export class EsiNotFoundError extends EsiError {
  constructor(url: string) {
    super(`ESI has no ${new URL(url).pathname}`, url, 404, false);
    this.name = "EsiNotFoundError";
  }
}

/**
 * ESI asked us to wait (429 Retry-After, or 420 until the error window resets): not a failure.
 * Durable steps turn it into the SDK's RetryAfterError so the engine waits instead of counting an attempt.
 */
export class EsiRetryLaterError extends EsiError {
  constructor(url: string, status: number, readonly retryAt: Date) {
    super(`ESI asked to wait until ${retryAt.toISOString()} (HTTP ${status})`, url, status, true);
    this.name = "EsiRetryLaterError";
  }
}

/** 5xx or timeouts after every retry; the region's step may be retried later. */
export class EsiUnavailableError extends EsiError {
  constructor(url: string, status: number | undefined, detail: string) {
    super(`ESI ${new URL(url).pathname} unavailable: ${detail}`, url, status, true);
    this.name = "EsiUnavailableError";
  }
}

/** A response that does not match the OpenAPI document (or another 4xx); final. */
export class EsiBadResponseError extends EsiError {
  constructor(url: string, status: number | undefined, detail: string) {
    super(`ESI ${new URL(url).pathname}: ${detail}`, url, status, false);
    this.name = "EsiBadResponseError";
  }
}
