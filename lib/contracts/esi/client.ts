import type { z } from "zod";
import type { EsiCacheEntry, EsiCacheStore } from "./cache";
import { EsiBadResponseError, EsiNotFoundError, EsiRetryLaterError, EsiUnavailableError } from "./errors";
import { errorLimitWait, readErrorLimit, readRetryAfterMs, type ErrorLimitState } from "./limits";

export type EsiClientOptions = {
  baseUrl: string;
  userAgent: string;
  compatibilityDate: string;
  timeoutMs: number;
  cache: EsiCacheStore;
  fetch?: typeof fetch;
  sleep?: (ms: number) => Promise<void>;
  now?: () => number;
  /** Tries per request for 5xx and timeouts. */
  maxAttempts?: number;
  /** First backoff; doubles per retry. */
  backoffMs?: number;
  /** Waits up to this long in process (429, error window); longer ones become EsiRetryLaterError. */
  maxInlineWaitMs?: number;
  /** Slow down once this few errors remain in ESI's error window. */
  errorLimitMargin?: number;
};

/** Counters of one client's life (one run): they go into the run summary. */
export type EsiStats = { requests: number; notModified: number; cacheFresh: number; retries: number; errors: number };

/** An element that failed validation: skipped and reported with its id, the rest go on. */
export type InvalidElement = { id: number | undefined; problem: string };

export type PagedResult<T> =
  | { status: "unchanged" }
  | { status: "gone" }
  | { status: "ok"; items: T[]; invalid: InvalidElement[]; pages: number; restarted: boolean; cacheEntries: EsiCacheEntry[] };

type Raw = { status: number; headers: Headers; body: unknown; url: string };

const sleepReal = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * ESI over fetch: identifies itself, pins the compatibility date, respects Expires/ETag, the error
 * window (X-ESI-Error-Limit-*, 420), rate limits (429 Retry-After) and retries 5xx/timeouts.
 */
export class EsiClient {
  readonly stats: EsiStats = { requests: 0, notModified: 0, cacheFresh: 0, retries: 0, errors: 0 };
  private readonly errorLimit: ErrorLimitState = { remain: undefined, resetAt: 0, blockedUntil: 0 };
  private readonly fetchFn: typeof fetch;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly now: () => number;

  constructor(private readonly opts: EsiClientOptions) {
    this.fetchFn = opts.fetch ?? fetch;
    this.sleep = opts.sleep ?? sleepReal;
    this.now = opts.now ?? Date.now;
  }

  url(path: string, page?: number): string {
    const url = new URL(this.opts.baseUrl + path);
    if (page !== undefined) url.searchParams.set("page", String(page));
    return url.toString();
  }

  /**
   * One resource through the cache: before its Expires nothing is sent ("unchanged"); after it the
   * request carries If-None-Match and a 304 is "unchanged" too.
   */
  async getCached<S extends z.ZodType>(path: string, schema: S): Promise<{ status: "unchanged" } | { status: "ok"; data: z.output<S> }> {
    const url = this.url(path);
    const cached = await this.opts.cache.get(url);
    if (cached?.expiresAt && cached.expiresAt.getTime() > this.now()) {
      this.stats.cacheFresh++;
      return { status: "unchanged" };
    }
    const raw = await this.request(url, cached?.etag ?? undefined);
    await this.opts.cache.put(this.cacheEntry(raw, cached));
    if (raw.status === 304) return { status: "unchanged" };
    const parsed = schema.safeParse(raw.body);
    if (!parsed.success) throw new EsiBadResponseError(url, raw.status, `unexpected body: ${parsed.error.issues[0]?.message}`);
    return { status: "ok", data: parsed.data };
  }

  /** One resource, no cache (an item list fetched once per contract). */
  async get<S extends z.ZodType>(path: string, schema: S): Promise<z.output<S>> {
    const url = this.url(path);
    const raw = await this.request(url);
    const parsed = schema.safeParse(raw.body);
    if (!parsed.success) throw new EsiBadResponseError(url, raw.status, `unexpected body: ${parsed.error.issues[0]?.message}`);
    return parsed.data;
  }

  /**
   * Every page of a paginated route (X-Pages, from 1). With `conditional`, page 1 goes through the
   * cache and an unchanged page 1 means an unchanged listing (ESI regenerates all pages together).
   * If Last-Modified differs between pages the cache rolled mid-walk: the walk restarts once.
   * The cache entries are returned, not stored: the caller stores them once it has used the data,
   * so a walk whose processing failed is fetched again rather than answered 304.
   */
  async getPaged<S extends z.ZodType>(
    path: string,
    element: S,
    opts: { conditional: boolean; idKey: string },
  ): Promise<PagedResult<z.output<S>>> {
    const first = this.url(path, 1);
    if (opts.conditional) {
      const cached = await this.opts.cache.get(first);
      if (cached?.expiresAt && cached.expiresAt.getTime() > this.now()) {
        this.stats.cacheFresh++;
        return { status: "unchanged" };
      }
      const raw = await this.request(first, cached?.etag ?? undefined);
      if (raw.status === 304) {
        await this.opts.cache.put(this.cacheEntry(raw, cached));
        return { status: "unchanged" };
      }
      return this.walk(path, element, opts.idKey, raw);
    }
    return this.walk(path, element, opts.idKey);
  }

  private async walk<S extends z.ZodType>(path: string, element: S, idKey: string, firstRaw?: Raw): Promise<PagedResult<z.output<S>>> {
    for (let attempt = 0; ; attempt++) {
      const pages: Raw[] = [firstRaw && attempt === 0 ? firstRaw : await this.request(this.url(path, 1))];
      if (pages[0].status === 204) return { status: "gone" };
      const total = Math.max(1, Number(pages[0].headers.get("x-pages") ?? "1") || 1);
      const lastModified = pages[0].headers.get("last-modified");
      let rolled = false;
      for (let page = 2; page <= total; page++) {
        const raw = await this.request(this.url(path, page));
        if (raw.status === 204) return { status: "gone" };
        if (lastModified && raw.headers.get("last-modified") && raw.headers.get("last-modified") !== lastModified) {
          rolled = true;
          break;
        }
        pages.push(raw);
      }
      if (rolled) {
        if (attempt === 0) continue;
        throw new EsiUnavailableError(this.url(path, 1), undefined, "Last-Modified changed between pages twice in a row");
      }
      const items: z.output<S>[] = [];
      const invalid: InvalidElement[] = [];
      for (const raw of pages) {
        if (!Array.isArray(raw.body)) throw new EsiBadResponseError(raw.url, raw.status, "expected a JSON array");
        for (const value of raw.body) {
          const parsed = element.safeParse(value);
          if (parsed.success) items.push(parsed.data);
          else invalid.push({ id: elementId(value, idKey), problem: describeIssue(parsed.error) });
        }
      }
      return {
        status: "ok",
        items,
        invalid,
        pages: total,
        restarted: attempt > 0,
        cacheEntries: pages.map((raw) => this.cacheEntry(raw, undefined)),
      };
    }
  }

  /** Stores entries returned by getPaged once their data is safely used. */
  async commit(entries: EsiCacheEntry[]): Promise<void> {
    for (const entry of entries) await this.opts.cache.put(entry);
  }

  private cacheEntry(raw: Raw, previous: EsiCacheEntry | undefined): EsiCacheEntry {
    return {
      url: raw.url,
      etag: raw.headers.get("etag") ?? previous?.etag ?? null,
      expiresAt: expiresOf(raw.headers, this.now()),
      lastModified: raw.headers.get("last-modified") ?? previous?.lastModified ?? null,
    };
  }

  /** One GET with the limits applied; returns 2xx/304, throws the typed errors for the rest. */
  private async request(url: string, etag?: string): Promise<Raw> {
    const maxAttempts = this.opts.maxAttempts ?? 4;
    const backoffMs = this.opts.backoffMs ?? 1000;
    for (let attempt = 1; ; attempt++) {
      await this.waitForErrorWindow(url);
      const headers: Record<string, string> = {
        accept: "application/json",
        "user-agent": this.opts.userAgent,
        "x-compatibility-date": this.opts.compatibilityDate,
      };
      if (etag) headers["if-none-match"] = etag;
      this.stats.requests++;
      let response: Response;
      try {
        response = await this.fetchFn(url, { headers, signal: AbortSignal.timeout(this.opts.timeoutMs) });
      } catch (error) {
        this.stats.errors++;
        if (attempt >= maxAttempts) throw new EsiUnavailableError(url, undefined, errorText(error));
        this.stats.retries++;
        await this.sleep(backoffMs * 2 ** (attempt - 1));
        continue;
      }
      readErrorLimit(response.headers, this.now(), this.errorLimit);
      const status = response.status;
      if (status === 304) {
        this.stats.notModified++;
        return { status, headers: response.headers, body: undefined, url };
      }
      if (status === 204) return { status, headers: response.headers, body: undefined, url };
      if (status >= 200 && status < 300) {
        const text = await response.text();
        try {
          return { status, headers: response.headers, body: JSON.parse(text), url };
        } catch {
          throw new EsiBadResponseError(url, status, "body is not JSON");
        }
      }
      await response.body?.cancel().catch(() => {});
      this.stats.errors++;
      if (status === 404) throw new EsiNotFoundError(url);
      if (status === 420) {
        this.errorLimit.blockedUntil = Math.max(this.errorLimit.resetAt, this.now() + 1000);
        throw new EsiRetryLaterError(url, 420, new Date(this.errorLimit.blockedUntil));
      }
      if (status === 429) {
        const waitMs = readRetryAfterMs(response.headers, this.now()) ?? 60_000;
        if (waitMs > (this.opts.maxInlineWaitMs ?? 10_000) || attempt >= maxAttempts) {
          throw new EsiRetryLaterError(url, 429, new Date(this.now() + waitMs));
        }
        this.stats.retries++;
        await this.sleep(waitMs);
        continue;
      }
      if (status >= 500 || status === 408) {
        if (attempt >= maxAttempts) throw new EsiUnavailableError(url, status, `HTTP ${status} after ${attempt} tries`);
        this.stats.retries++;
        await this.sleep(backoffMs * 2 ** (attempt - 1));
        continue;
      }
      throw new EsiBadResponseError(url, status, `HTTP ${status}`);
    }
  }

  /** Before the error window runs out, wait for its reset; past a 420, nothing is sent until then. */
  private async waitForErrorWindow(url: string): Promise<void> {
    const waitMs = errorLimitWait(this.errorLimit, this.now(), this.opts.errorLimitMargin ?? 10);
    if (waitMs <= 0) return;
    if (waitMs > (this.opts.maxInlineWaitMs ?? 10_000)) {
      throw new EsiRetryLaterError(url, 420, new Date(this.now() + waitMs));
    }
    await this.sleep(waitMs);
  }
}

function expiresOf(headers: Headers, now: number): Date | null {
  const expires = headers.get("expires");
  if (expires) {
    const at = Date.parse(expires);
    if (!Number.isNaN(at)) return new Date(at);
  }
  const maxAge = /max-age=(\d+)/.exec(headers.get("cache-control") ?? "");
  return maxAge ? new Date(now + Number(maxAge[1]) * 1000) : null;
}

function elementId(value: unknown, key: string): number | undefined {
  const id = value && typeof value === "object" ? (value as Record<string, unknown>)[key] : undefined;
  return typeof id === "number" ? id : undefined;
}

function describeIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  return issue ? `${issue.path.join(".") || "(value)"}: ${issue.message}` : "invalid";
}

function errorText(error: unknown): string {
  if (error instanceof Error && (error.name === "TimeoutError" || error.name === "AbortError")) return "timed out";
  return error instanceof Error ? error.message : String(error);
}
