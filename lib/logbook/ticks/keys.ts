import { createHash } from "node:crypto";
import type { CleanTick } from "./types";

/**
 * The re-sync key of a tick: a hash of what the climber logged plus how many identical ticks came
 * before it. Re-syncing an unchanged export yields the same keys (no duplicates); two identical
 * rows yield `…#0` and `…#1` (climbers repeat routes, and each repeat is a tick).
 */
export function withKeys(ticks: Omit<CleanTick, "key">[]): CleanTick[] {
  const seen = new Map<string, number>();
  return ticks.map((tick) => {
    const hash = createHash("sha256")
      .update(
        JSON.stringify([tick.date, tick.route, tick.location, tick.url, tick.rating.raw, tick.style, tick.discipline, tick.notes, tick.pitches, tick.lengthFt, tick.yourStars]),
      )
      .digest("base64url")
      .slice(0, 32);
    const occurrence = seen.get(hash) ?? 0;
    seen.set(hash, occurrence + 1);
    return { ...tick, key: `${hash}#${occurrence}` };
  });
}
