import { Cron } from "croner";
import { conflict, forbidden, notFound } from "@/lib/errors";
import type { AuthContext } from "@/lib/auth/types";
import { getDatabase } from "@/lib/db";
import { contractsConfig, type ContractsConfig } from "./config";
import { currentLeaseHolder } from "./lease";
import { createRun } from "./runs";
import type { z } from "zod";
import type { contractRunSchema } from "./schemas";

type RunView = z.output<typeof contractRunSchema>;

/** Runs are instance-level (no workspace): only operators (OPERATOR_EMAILS) see or start them. */
export function assertOperator(auth: AuthContext): void {
  if (!auth.user.isOperator) throw forbidden("Only instance operators see and start contract aggregation runs");
}

function toRunView(row: Record<string, unknown>): RunView {
  const iso = (v: unknown) => (v ? new Date(v as string).toISOString() : null);
  return {
    run_id: row.id as string,
    status: row.status as RunView["status"],
    trigger: row.trigger as RunView["trigger"],
    created_at: iso(row.created_at)!,
    started_at: iso(row.started_at),
    ended_at: iso(row.ended_at),
    duration_ms: (row.duration_ms as number | null) ?? null,
    summary: (row.summary as Record<string, unknown> | null) ?? null,
  };
}

/** When the cron fires next; the TZ= prefix is honoured as the engine does. */
export function nextRunAt(config: ContractsConfig, from = new Date()): Date | null {
  if (config.regionIds.length === 0) return null;
  const match = /^\s*(?:CRON_TZ|TZ)=(\S+)\s+(.*)$/.exec(config.cron);
  try {
    return new Cron(match ? match[2] : config.cron, { timezone: match?.[1], paused: true }).nextRun(from);
  } catch {
    return null;
  }
}

export async function listContractRuns(auth: AuthContext, limit: number) {
  assertOperator(auth);
  const config = contractsConfig();
  const { sql } = await getDatabase();
  const rows = await sql.query<Record<string, unknown>>("SELECT * FROM contract_runs ORDER BY created_at DESC, id DESC LIMIT $1", [limit]);
  return {
    items: rows.map(toRunView),
    next_run_at: nextRunAt(config)?.toISOString() ?? null,
    regions: config.regionIds,
    enabled: config.regionIds.length > 0,
  };
}

export async function getContractRun(auth: AuthContext, runId: string): Promise<RunView> {
  assertOperator(auth);
  const { sql } = await getDatabase();
  const [row] = await sql.query<Record<string, unknown>>("SELECT * FROM contract_runs WHERE id = $1", [runId]);
  if (!row) throw notFound("Run");
  return toRunView(row);
}

/**
 * "Run now": a queued run the durable function picks up by id. 409 while a run holds the lease or
 * another is queued (the function's singleton would skip it anyway).
 */
export async function requestContractRun(auth: AuthContext): Promise<{ run_id: string; status: "queued" }> {
  assertOperator(auth);
  const { sql } = await getDatabase();
  const holder = await currentLeaseHolder(sql);
  const [queued] = await sql.query<{ id: string }>(
    "SELECT id FROM contract_runs WHERE status = 'queued' AND created_at > now() - interval '10 minutes' LIMIT 1",
  );
  if (holder || queued) throw conflict("A contracts aggregation run is already in progress", { run_id: holder ?? queued.id });
  const { id } = await createRun("manual", auth.user.id);
  return { run_id: id, status: "queued" };
}
