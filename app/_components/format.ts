/** Display formatting shared by every page; pure functions so they can be unit-tested. */

/** Progress from the API (a fraction 0..1) as a whole percentage, clamped. */
export function toPercent(progress: number | null | undefined): number {
  if (progress == null || !Number.isFinite(progress)) return 0;
  return Math.round(Math.min(1, Math.max(0, progress)) * 100);
}

const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ["year", 365 * 24 * 3600],
  ["month", 30 * 24 * 3600],
  ["week", 7 * 24 * 3600],
  ["day", 24 * 3600],
  ["hour", 3600],
  ["minute", 60],
];

/** "just now", "5 minutes ago", "in 2 days". */
export function formatRelative(value: string | Date, now: Date, locale?: string): string {
  const seconds = Math.round((new Date(value).getTime() - now.getTime()) / 1000);
  if (Math.abs(seconds) < 45) return "just now";
  const rtf = new Intl.RelativeTimeFormat(locale, { numeric: "auto" });
  for (const [unit, size] of UNITS) {
    if (Math.abs(seconds) >= size || unit === "minute") return rtf.format(Math.round(seconds / size), unit);
  }
  return rtf.format(seconds, "second");
}

/** Date and time in the viewer's time zone, or a fixed UTC form when `utc` (server render). */
export function formatDateTime(value: string | Date, { utc = false, seconds = false, locale }: { utc?: boolean; seconds?: boolean; locale?: string } = {}): string {
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return "—";
  return new Intl.DateTimeFormat(locale ?? "en-GB", {
    year: "numeric",
    month: "short",
    day: "numeric",
    hour: "2-digit",
    minute: "2-digit",
    ...(seconds ? { second: "2-digit" } : {}),
    ...(utc ? { timeZone: "UTC", timeZoneName: "short" } : {}),
  }).format(date);
}

/** Only the time of day, with seconds (timeline rows). */
export function formatTime(value: string | Date, { utc = false, locale }: { utc?: boolean; locale?: string } = {}): string {
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return "—";
  return new Intl.DateTimeFormat(locale ?? "en-GB", {
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
    ...(utc ? { timeZone: "UTC" } : {}),
  }).format(date);
}

/** "1.2 s", "3 min 4 s", "2 h 5 min". */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return "—";
  if (ms < 1000) return `${Math.round(ms)} ms`;
  const s = ms / 1000;
  if (s < 60) return `${s < 10 ? s.toFixed(1) : Math.round(s)} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m} min ${Math.round(s - m * 60)} s`;
  const h = Math.floor(m / 60);
  return `${h} h ${m - h * 60} min`;
}

/** "forms" -> "Forms", "bank_statement" -> "Bank statement", "detect-fields" -> "Detect fields". */
export function humanize(value: string | null | undefined): string {
  if (!value) return "";
  const spaced = value.replace(/[_\-.]+/g, " ").replace(/([a-z])([A-Z])/g, "$1 $2").trim().toLowerCase();
  return spaced.charAt(0).toUpperCase() + spaced.slice(1);
}

/** A short, copyable form of an id for tables. */
export function shortId(id: string): string {
  return id.length > 10 ? `${id.slice(0, 4)}…${id.slice(-4)}` : id;
}
