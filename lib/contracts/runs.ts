import { ulid } from "ulid";
import { getDatabase } from "@/lib/db";
import { logger } from "@/lib/logging";
import { aggregateRegion } from "./aggregate-region";
import { contractsConfig, esiClientFromEnv, type ContractsConfig } from "./config";
import type { EsiCacheStore } from "./esi/cache";
import { databaseEsiCache } from "./esi/cache";
import { EsiRetryLaterError } from "./esi/errors";
import { purgeExpired } from "./expire-contracts";
import { acquireLease, releaseLease, whileHoldingLease } from "./lease";
import { ensureRunJob, failRunJob, finishRunJob, reportRunJob, skipRunJob, startRunJob } from "./run-job";
import { summarize, type EsiCounts, type RegionSummary, type RunError, type RunSummary } from "./summary";
import { refreshTypes, type TypeCounts } from "./types-cache";

export type RunTrigger = "cron" | "manual";

/** Lets tests and the bench point a run at a stand-in cache; the app uses the database cache. */
export type RunDeps = { config?: ContractsConfig; cache?: EsiCacheStore };

const runLog = (runId: string) => logger().child({ pipeline: "contracts", run_id: runId });

/** A run asked for (API "run now"): a queued row the durable function picks up by id. */
export async function createRun(trigger: RunTrigger, requestedBy?: string): Promise<{ id: string }> {
  const { sql } = await getDatabase();
  const id = ulid();
  await sql.query(
    "INSERT INTO contract_runs (id, status, trigger, requested_by, created_at) VALUES ($1, 'queued', $2, $3, now())",
    [id, trigger, requestedBy ?? null],
  );
  await ensureRunJob(id, trigger, requestedBy);
  return { id };
}

/**
 * Starts a run: takes the lease or records the run as skipped. A database error propagates, so a
 * run that cannot check the lock never starts (fail closed).
 */
export async function beginRun(runId: string, trigger: RunTrigger, deps: RunDeps = {}): Promise<{ started: boolean }> {
  const config = deps.config ?? contractsConfig();
  const { sql } = await getDatabase();
  await sql.query(
    `INSERT INTO contract_runs (id, status, trigger, created_at) VALUES ($1, 'queued', $2, now()) ON CONFLICT (id) DO NOTHING`,
    [runId, trigger],
  );
  await ensureRunJob(runId, trigger);
  if (!(await acquireLease(sql, runId, config.leaseTtlMs))) {
    const now = new Date();
    const summary: RunSummary = { ...summarize({ runId, startedAt: now, endedAt: now, regions: [], deleted: 0,
      types: { typesRefreshed: 0, typeFailures: 0 }, typeErrors: [], extraEsi: noEsi() }), outcome: "skipped" };
    await sql.query(
      "UPDATE contract_runs SET status = 'skipped', started_at = $2, ended_at = $2, duration_ms = 0, summary = $3 WHERE id = $1",
      [runId, now.toISOString(), JSON.stringify(summary)],
    );
    await skipRunJob(runId);
    runLog(runId).info({ summary }, "contracts: run skipped, another run holds the lease");
    return { started: false };
  }
  await sql.query("UPDATE contract_runs SET status = 'running', started_at = now() WHERE id = $1", [runId]);
  await startRunJob(runId, config.regionIds.length);
  runLog(runId).info({ regions: config.regionIds }, "contracts: run started");
  return { started: true };
}

/** One region's work, under the run's lease (renewed while it lasts). */
export async function runRegion(runId: string, regionId: number, deps: RunDeps = {}): Promise<RegionSummary> {
  const config = deps.config ?? contractsConfig();
  const { sql } = await getDatabase();
  const esi = esiClientFromEnv(deps.cache ?? databaseEsiCache);
  const region = await whileHoldingLease(sql, runId, config.leaseTtlMs, (checkLease) =>
    aggregateRegion({ sql, esi, log: runLog(runId), batchSize: config.batchSize, shipGroupIds: config.shipGroupIds, checkLease }, regionId),
  );
  const total = config.regionIds.length;
  await reportRunJob(runId, "regions", config.regionIds.indexOf(regionId) + 1, total, `Region ${regionId}: ${region.outcome}`);
  return region;
}

export type TypeRefreshResult = { counts: TypeCounts; errors: RunError[]; esi: EsiCounts };

/** Refreshes the oldest cached types (CONTRACTS_TYPE_REFRESH_LIMIT of those older than the refresh age). */
export async function runTypeRefresh(runId: string, deps: RunDeps = {}): Promise<TypeRefreshResult> {
  const config = deps.config ?? contractsConfig();
  const { sql } = await getDatabase();
  const esi = esiClientFromEnv(deps.cache ?? databaseEsiCache);
  const counts: TypeCounts = { typesFetched: 0, typesRefreshed: 0, typeFailures: 0 };
  const errors: RunError[] = [];
  await reportRunJob(runId, "types", 0, 1, "Refreshing item types");
  await whileHoldingLease(sql, runId, config.leaseTtlMs, async () => {
    try {
      await refreshTypes(sql, esi, { limit: config.typeRefreshLimit, days: config.typeRefreshDays }, counts);
    } catch (error) {
      // Told to wait: the rest stays due for the next run; nothing is lost by stopping here.
      if (!(error instanceof EsiRetryLaterError)) throw error;
      errors.push({ message: `type refresh stopped: ${error.message}` });
    }
  });
  const s = esi.stats;
  return { counts, errors, esi: { requests: s.requests, not_modified: s.notModified, cache_fresh: s.cacheFresh, retries: s.retries, errors: s.errors } };
}

/** Ends a run: purges old expired contracts, stores and logs the summary (one line), frees the lease. */
export async function finishRun(runId: string, regions: RegionSummary[], types: TypeRefreshResult | undefined, deps: RunDeps = {}): Promise<RunSummary> {
  const config = deps.config ?? contractsConfig();
  const { sql } = await getDatabase();
  const deleted = await purgeExpired(sql, config.retentionMs);
  const [row] = await sql.query<{ started_at: Date | string | null; created_at: Date | string }>(
    "SELECT started_at, created_at FROM contract_runs WHERE id = $1",
    [runId],
  );
  const summary = summarize({
    runId,
    startedAt: new Date(row?.started_at ?? row?.created_at ?? Date.now()),
    endedAt: new Date(),
    regions,
    deleted,
    types: types?.counts ?? { typesRefreshed: 0, typeFailures: 0 },
    typeErrors: types?.errors ?? [],
    extraEsi: types?.esi ?? noEsi(),
  });
  await storeSummary(runId, summary);
  await finishRunJob(summary, config.retentionMs);
  await releaseLease(sql, runId);
  runLog(runId).info({ summary }, `contracts: run ${summary.outcome}`);
  return summary;
}

/** A run that ended in an error no step could absorb: recorded as failed, its lease freed. */
export async function failRun(runId: string, error: { name?: string; message: string }): Promise<void> {
  const message = error.message;
  const { sql } = await getDatabase();
  const [row] = await sql.query<{ started_at: Date | string | null; created_at: Date | string }>(
    "SELECT started_at, created_at FROM contract_runs WHERE id = $1",
    [runId],
  );
  const startedAt = new Date(row?.started_at ?? row?.created_at ?? Date.now());
  const summary: RunSummary = {
    ...summarize({ runId, startedAt, endedAt: new Date(), regions: [], deleted: 0, types: { typesRefreshed: 0, typeFailures: 0 },
      typeErrors: [{ message }], extraEsi: noEsi() }),
    outcome: "failed",
  };
  await storeSummary(runId, summary);
  await ensureRunJob(runId, "cron");
  await failRunJob(runId, error);
  await releaseLease(sql, runId);
  runLog(runId).error({ summary }, "contracts: run failed");
}

async function storeSummary(runId: string, summary: RunSummary): Promise<void> {
  const { sql } = await getDatabase();
  await sql.query(
    `UPDATE contract_runs SET status = $2, started_at = COALESCE(started_at, $3), ended_at = $4, duration_ms = $5, summary = $6
     WHERE id = $1`,
    [runId, summary.outcome, summary.started_at, summary.ended_at, summary.duration_ms, JSON.stringify(summary)],
  );
}

const noEsi = (): EsiCounts => ({ requests: 0, not_modified: 0, cache_fresh: 0, retries: 0, errors: 0 });
