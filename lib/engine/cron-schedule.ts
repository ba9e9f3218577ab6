import { Cron } from "croner";
import { parseDuration } from "./util/duration";

// Reading cron expressions, apart from firing them (cron.ts): sync-time validation in functions.ts
// needs this and nothing of the store, so functions.ts and cron.ts do not import each other.

/**
 * Cron triggers as Inngest reads them: five fields or a descriptor (@hourly, @daily, ...), with an
 * optional `TZ=Zone ` or `CRON_TZ=Zone ` prefix (server local time otherwise).
 */
export function parseCron(expression: string): { next(after: number): number | null } {
  const match = /^\s*(?:CRON_TZ|TZ)=(\S+)\s+(.*)$/.exec(expression);
  const timezone = match?.[1];
  const pattern = (match?.[2] ?? expression).trim();
  const mode = pattern.startsWith("@") ? "auto" : "5-part";
  const cron = new Cron(pattern, { timezone, paused: true, mode });
  return {
    next(after) {
      const at = cron.nextRun(new Date(after));
      return at ? at.getTime() : null;
    },
  };
}

export function jitterMs(jitter: string | undefined): number {
  if (!jitter) return 0;
  const value = parseDuration(jitter);
  if (value === undefined) throw new Error(`cron jitter ${JSON.stringify(jitter)} is not a duration`);
  return Math.min(Math.max(value, 0), 5 * 60_000);
}
