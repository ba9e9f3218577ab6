/** Inngest's duration strings ("30s", "1h30m", "500ms", "2d", "1w") and the retry schedule. */

const UNIT_MS: Record<string, number> = {
  ns: 1e-6,
  us: 1e-3,
  µs: 1e-3,
  ms: 1,
  s: 1_000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
  w: 604_800_000,
};

/** Milliseconds for a duration string, or undefined when it is not one. An empty string is 0. */
export function parseDuration(text: string): number | undefined {
  const trimmed = text.trim();
  if (trimmed === "") return 0;
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Number(trimmed) * 1000;
  const parts = [...trimmed.matchAll(/(\d+(?:\.\d+)?)(ns|us|µs|ms|s|m|h|d|w)/g)];
  if (parts.length === 0 || parts.map((p) => p[0]).join("") !== trimmed) return undefined;
  return Math.round(parts.reduce((sum, p) => sum + Number(p[1]) * UNIT_MS[p[2]], 0));
}

/** A sleep/timeout target: a date (10+ characters that parse as one) or a duration from `from`. */
export function parseTimeTarget(text: string, from: number): number | undefined {
  const trimmed = text.trim();
  if (trimmed.length >= 10 && !/^[\d.]+$/.test(trimmed)) {
    const at = Date.parse(trimmed);
    if (!Number.isNaN(at)) return at;
  }
  const ms = parseDuration(trimmed);
  return ms === undefined ? undefined : from + ms;
}

/** Inngest's retry schedule, indexed by the 0-based attempt that failed. */
const BACKOFF_MS = [15e3, 30e3, 60e3, 120e3, 300e3, 600e3, 1_200e3, 2_400e3, 3_600e3, 7_200e3];

/** Delay before the next attempt, with Inngest's 0-30 s jitter. */
export function backoffDelay(failedAttempt: number, random: () => number = Math.random): number {
  const base = BACKOFF_MS[Math.min(Math.max(failedAttempt, 0), BACKOFF_MS.length - 1)];
  return base + Math.floor(random() * 30_000);
}

const DAY_MS = 86_400_000;

/**
 * A `Retry-After` header (whole seconds, or an HTTP/ISO date) as a delay from `now`, clamped to
 * 1 s - 24 h; undefined when absent or unreadable.
 */
export function retryAfterDelay(header: string | null | undefined, now: number): number | undefined {
  if (!header) return undefined;
  const value = header.trim();
  let ms: number | undefined;
  if (/^\d+$/.test(value)) ms = Number(value) * 1000;
  else {
    const at = Date.parse(value);
    if (!Number.isNaN(at)) ms = at - now;
  }
  if (ms === undefined) return undefined;
  return Math.min(Math.max(ms, 1000), DAY_MS);
}
