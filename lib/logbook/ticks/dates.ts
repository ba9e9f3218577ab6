export type TickDate = { date: string; precision: "day" | "month" | "year" };

/**
 * Tick dates as exports write them: `2024-05-12`, sometimes only `2024-05` or `2024` (old ticks
 * logged from memory), or an ISO timestamp (8a.nu). Impossible dates are dropped, not guessed.
 */
export function parseTickDate(text: string): TickDate | null {
  const t = text.trim();
  let m = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ].*)?$/.exec(t);
  if (m) {
    const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
    const when = new Date(Date.UTC(y, mo - 1, d));
    if (when.getUTCFullYear() !== y || when.getUTCMonth() !== mo - 1 || when.getUTCDate() !== d) return null;
    return { date: when.toISOString().slice(0, 10), precision: "day" };
  }
  m = /^(\d{4})-(\d{1,2})$/.exec(t);
  if (m && Number(m[2]) >= 1 && Number(m[2]) <= 12) return { date: `${m[1]}-${m[2].padStart(2, "0")}-01`, precision: "month" };
  m = /^(\d{4})$/.exec(t);
  if (m) return { date: `${m[1]}-01-01`, precision: "year" };
  return null;
}
