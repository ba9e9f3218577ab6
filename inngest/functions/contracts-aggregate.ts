import { cron, NonRetriableError, RetryAfterError, type Inngest } from "inngest";
import { contractsConfig, type ContractsConfig } from "@/lib/contracts/config";
import { EsiRetryLaterError } from "@/lib/contracts/esi/errors";
import { LeaseLostError } from "@/lib/contracts/lease";
import { beginRun, failRun, finishRun, runRegion, runTypeRefresh } from "@/lib/contracts/runs";
import type { RegionSummary } from "@/lib/contracts/summary";
import { parseEnv } from "@/lib/env";
import { inngest } from "../client";
import { contractsRunRequested } from "../events";

/** ESI's "wait" becomes the engine's wait (not a failed attempt); a lost lease ends the run. */
async function durable<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    if (error instanceof EsiRetryLaterError) throw new RetryAfterError(error.message, error.retryAt);
    if (error instanceof LeaseLostError) throw new NonRetriableError(error.message);
    throw error;
  }
}

function configAtLoad(): ContractsConfig {
  try {
    return contractsConfig();
  } catch {
    return contractsConfig(parseEnv({})); // bad settings are reported by the app's boot, not here
  }
}

/**
 * contracts-aggregate: on CONTRACTS_CRON (only when CONTRACTS_REGION_IDS names regions) or on
 * demand. Never two at once: the singleton skips a run while one is active, and the database lease
 * (renewed by every step) skips it across processes and engines. One step per region.
 */
export function createContractsAggregate(client: Inngest, config: ContractsConfig = configAtLoad()) {
  return client.createFunction(
    {
      id: "contracts-aggregate",
      name: "Contracts: aggregate EVE public contracts",
      triggers: config.regionIds.length > 0 ? [cron(config.cron), contractsRunRequested] : [contractsRunRequested],
      singleton: { mode: "skip" },
      retries: 4,
      onFailure: async ({ event, error }) => {
        const original = event.data.event as { name?: string; data?: { run_id?: string } };
        const id = original.name === contractsRunRequested.name ? original.data?.run_id : event.data.run_id;
        if (id) await failRun(id, { name: error.name, message: error.message });
      },
    },
    async ({ event, step, runId }) => {
      const manual = event.name === contractsRunRequested.name;
      const id = manual ? (event.data as { run_id: string }).run_id : runId;
      const begun = await step.run("begin", () => beginRun(id, manual ? "manual" : "cron"));
      if (!begun.started) return { run_id: id, outcome: "skipped" };
      const regions: RegionSummary[] = [];
      for (const regionId of contractsConfig().regionIds) {
        regions.push((await step.run(`region-${regionId}`, () => durable(() => runRegion(id, regionId)))) as RegionSummary);
      }
      const types = await step.run("refresh-types", () => durable(() => runTypeRefresh(id)));
      const summary = await step.run("finish", () => finishRun(id, regions, types));
      return { run_id: id, outcome: summary.outcome, totals: summary.totals };
    },
  );
}

export const contractsAggregate = createContractsAggregate(inngest);
