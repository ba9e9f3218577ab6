/** What a run reports: stored on the run, logged as one line, served by the API. */
export type RunOutcome = "succeeded" | "partial" | "failed" | "skipped";
export type RunStatus = "queued" | "running" | RunOutcome;

export type RunError = { region_id?: number; contract_id?: number; type_id?: number; message: string };

export type RegionCounts = {
  contracts_fetched: number;
  contracts_new: number;
  contracts_updated: number;
  contracts_expired: number;
  contracts_invalid: number;
  items: number;
  ship_contracts: number;
  types_fetched: number;
};

export type RegionSummary = {
  region_id: number;
  outcome: "succeeded" | "unchanged" | "partial" | "failed";
  pages: number;
  counts: RegionCounts;
  esi: EsiCounts;
  errors: RunError[];
};

export type EsiCounts = { requests: number; not_modified: number; cache_fresh: number; retries: number; errors: number };

export type RunTotals = RegionCounts & {
  contracts_deleted: number;
  types_refreshed: number;
  type_failures: number;
  esi_requests: number;
  esi_not_modified: number;
  esi_retries: number;
  esi_errors: number;
  errors: number;
};

export type RunSummary = {
  run_id: string;
  outcome: RunOutcome;
  started_at: string;
  ended_at: string;
  duration_ms: number;
  regions: RegionSummary[];
  totals: RunTotals;
  /** At most MAX_ERRORS; `totals.errors` counts them all. */
  errors: RunError[];
};

export const MAX_ERRORS = 100;

export const emptyRegionCounts = (): RegionCounts => ({
  contracts_fetched: 0,
  contracts_new: 0,
  contracts_updated: 0,
  contracts_expired: 0,
  contracts_invalid: 0,
  items: 0,
  ship_contracts: 0,
  types_fetched: 0,
});

/** A run's outcome from its regions: all failed -> failed, any failed or with errors -> partial. */
export function runOutcome(regions: RegionSummary[], extraErrors: number): RunOutcome {
  if (regions.length > 0 && regions.every((r) => r.outcome === "failed")) return "failed";
  if (regions.some((r) => r.outcome === "failed" || r.outcome === "partial") || extraErrors > 0) return "partial";
  return "succeeded";
}

export function summarize(input: {
  runId: string;
  startedAt: Date;
  endedAt: Date;
  regions: RegionSummary[];
  deleted: number;
  types: { typesRefreshed: number; typeFailures: number };
  typeErrors: RunError[];
  /** ESI counters of work outside the region steps (type refresh). */
  extraEsi: EsiCounts;
}): RunSummary {
  const sum = (pick: (r: RegionSummary) => number) => input.regions.reduce((n, r) => n + pick(r), 0);
  const errors = [...input.regions.flatMap((r) => r.errors), ...input.typeErrors];
  const esi = (k: keyof EsiCounts) => sum((r) => r.esi[k]) + input.extraEsi[k];
  const totals: RunTotals = {
    ...Object.fromEntries(
      (Object.keys(emptyRegionCounts()) as (keyof RegionCounts)[]).map((k) => [k, sum((r) => r.counts[k])]),
    ) as RegionCounts,
    contracts_deleted: input.deleted,
    types_refreshed: input.types.typesRefreshed,
    type_failures: input.types.typeFailures,
    esi_requests: esi("requests"),
    esi_not_modified: esi("not_modified"),
    esi_retries: esi("retries"),
    esi_errors: esi("errors"),
    errors: errors.length,
  };
  return {
    run_id: input.runId,
    outcome: runOutcome(input.regions, input.typeErrors.length),
    started_at: input.startedAt.toISOString(),
    ended_at: input.endedAt.toISOString(),
    duration_ms: input.endedAt.getTime() - input.startedAt.getTime(),
    regions: input.regions,
    totals,
    errors: errors.slice(0, MAX_ERRORS),
  };
}
