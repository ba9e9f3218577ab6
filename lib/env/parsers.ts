import { z } from "zod";

const UNIT_MS: Record<string, number> = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };

/** Parses "90s", "15m", "24h", "7d", "1h30m" into milliseconds; undefined when malformed. */
export function parseDurationMs(text: string): number | undefined {
  const trimmed = text.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const parts = [...trimmed.matchAll(/(\d+(?:\.\d+)?)(ms|s|m|h|d|w)/g)];
  if (parts.length === 0 || parts.map((p) => p[0]).join("") !== trimmed) return undefined;
  return parts.reduce((sum, p) => sum + Number(p[1]) * UNIT_MS[p[2]], 0);
}

/** A duration setting ("24h", "15m", or plain seconds) parsed to milliseconds. */
export const duration = (fallback: string) =>
  z
    .string()
    .default(fallback)
    .transform((text, ctx) => {
      const ms = parseDurationMs(text);
      if (ms === undefined) {
        ctx.addIssue({ code: "custom", message: `expected a duration like 30s, 15m, 24h or 7d, got "${text}"` });
        return z.NEVER;
      }
      return ms;
    });

const UNIT_BYTES: Record<string, number> = { b: 1, kb: 1e3, mb: 1e6, gb: 1e9, kib: 1024, mib: 1024 ** 2, gib: 1024 ** 3 };

/** A size setting ("25MB", "512KiB", or plain bytes) parsed to bytes. */
export const byteSize = (fallback: string) =>
  z
    .string()
    .default(fallback)
    .transform((text, ctx) => {
      const m = /^(\d+(?:\.\d+)?)\s*([a-z]*)$/i.exec(text.trim());
      const unit = (m?.[2] || "b").toLowerCase();
      if (!m || !(unit in UNIT_BYTES)) {
        ctx.addIssue({ code: "custom", message: `expected a size like 25MB or 512KiB, got "${text}"` });
        return z.NEVER;
      }
      return Math.floor(Number(m[1]) * UNIT_BYTES[unit]);
    });

/** A boolean setting accepting 1/0, true/false, yes/no, on/off. */
export const flag = (fallback: boolean) =>
  z
    .enum(["1", "0", "true", "false", "yes", "no", "on", "off", ""])
    .optional()
    .transform((v) => (v === undefined || v === "" ? fallback : ["1", "true", "yes", "on"].includes(v)));

export const int = (fallback: number, min = 0, max = Number.MAX_SAFE_INTEGER) =>
  z.coerce.number().int().min(min).max(max).default(fallback);

/** An optional string where an empty value counts as unset. */
export const optionalString = () =>
  z
    .string()
    .optional()
    .transform((v) => (v === undefined || v.trim() === "" ? undefined : v.trim()));
