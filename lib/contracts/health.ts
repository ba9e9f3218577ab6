import { Cron } from "croner";
import { getDatabase } from "@/lib/db";
import { contractsConfig, type ContractsConfig } from "./config";

/** The cron's interval: the gap between its next two firings. */
export function cronIntervalMs(expression: string, from = new Date()): number {
  const match = /^\s*(?:CRON_TZ|TZ)=(\S+)\s+(.*)$/.exec(expression);
  const cron = new Cron(match ? match[2] : expression, { timezone: match?.[1], paused: true });
  const [a, b] = cron.nextRuns(2, from);
  return a && b ? b.getTime() - a.getTime() : 30 * 60_000;
}

/**
 * Scheduler health: degraded when no run succeeded within two intervals (a public aggregator's
 * scheduler once stopped for 3.6 days unnoticed). Before any success, the oldest run (or this
 * process's start) is the reference, so a fresh instance is not degraded during its first interval.
 */
export async function contractsHealth(config: ContractsConfig = contractsConfig(), now = new Date()) {
  if (config.regionIds.length === 0) return { status: "off" as const, last_success_at: null, window_s: null };
  const { sql } = await getDatabase();
  const [row] = await sql.query<{ last_success: Date | string | null; first_run: Date | string | null }>(
    `SELECT max(ended_at) FILTER (WHERE status = 'succeeded') AS last_success, min(created_at) AS first_run FROM contract_runs`,
  );
  const windowMs = 2 * cronIntervalMs(config.cron, now);
  const lastSuccess = row?.last_success ? new Date(row.last_success) : null;
  const reference = lastSuccess ?? (row?.first_run ? new Date(row.first_run) : new Date(now.getTime() - process.uptime() * 1000));
  const degraded = now.getTime() - reference.getTime() > windowMs;
  return { status: degraded ? ("degraded" as const) : ("ok" as const), last_success_at: lastSuccess?.toISOString() ?? null, window_s: windowMs / 1000 };
}
