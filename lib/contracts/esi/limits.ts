/** ESI's error window (X-ESI-Error-Limit-Remain/-Reset) as the client last saw it. */
export type ErrorLimitState = {
  remain: number | undefined;
  /** When the window resets (epoch ms). */
  resetAt: number;
  /** After a 420, nothing is sent before this (epoch ms). */
  blockedUntil: number;
};

export function readErrorLimit(headers: Headers, now: number, state: ErrorLimitState): void {
  const remain = headers.get("x-esi-error-limit-remain");
  const reset = headers.get("x-esi-error-limit-reset");
  if (remain !== null && /^\d+$/.test(remain)) state.remain = Number(remain);
  if (reset !== null && /^\d+$/.test(reset)) state.resetAt = now + Number(reset) * 1000;
}

/** How long to hold the next request: until a 420 block ends, or the reset once few errors remain. */
export function errorLimitWait(state: ErrorLimitState, now: number, margin: number): number {
  if (state.blockedUntil > now) return state.blockedUntil - now;
  if (state.remain !== undefined && state.remain <= margin && state.resetAt > now) return state.resetAt - now;
  return 0;
}

/** Retry-After in seconds or as an HTTP date; undefined when absent or unreadable. */
export function readRetryAfterMs(headers: Headers, now: number): number | undefined {
  const value = headers.get("retry-after");
  if (!value) return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}
