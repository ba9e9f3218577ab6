import type { Logger } from "@/lib/logging";
import type { Sql } from "@/lib/db";
import type { EsiClient } from "./esi/client";
import { EsiError, EsiRetryLaterError } from "./esi/errors";
import { contractItemSchema, publicContractSchema, type ContractType } from "./esi/schemas";
import { markExpired } from "./expire-contracts";
import { upsertContracts } from "./upsert-contracts";
import { LeaseLostError } from "./lease";
import { detectShip } from "./ships";
import { markItemsGone, storeItems } from "./store-items";
import { emptyRegionCounts, type RegionSummary, type RunError } from "./summary";
import { ensureTypes, groupsOfCategory, typeGroups, type TypeCounts } from "./types-cache";
import { SHIP_CATEGORY_ID } from "./config";

export type RegionContext = {
  sql: Sql;
  esi: EsiClient;
  log: Logger;
  batchSize: number;
  /** CONTRACTS_SHIP_GROUP_IDS; empty: the groups of category 6 known locally. */
  shipGroupIds: number[];
  /** Throws once the run's lease is lost. */
  checkLease: () => void;
  /** Item lists fetched at once. */
  itemConcurrency?: number;
};

/** Errors that must stop the region and let the durable step wait or end, not be counted and skipped. */
const mustStop = (error: unknown) => error instanceof EsiRetryLaterError || error instanceof LeaseLostError;

/**
 * One region: list its contracts (through the ETag cache), upsert them in batches, mark the unlisted
 * ones expired, then fetch items for new item_exchange/auction contracts. A contract that cannot
 * be parsed or stored is logged with its id, counted and skipped; the region goes on. A region
 * ESI does not know (404) or cannot serve (retries spent) ends `failed`, and the run goes on.
 */
export async function aggregateRegion(ctx: RegionContext, regionId: number): Promise<RegionSummary> {
  const counts = emptyRegionCounts();
  const errors: RunError[] = [];
  const log = ctx.log.child({ region_id: regionId });
  let pages = 0;
  let outcome: RegionSummary["outcome"] = "succeeded";
  const finish = (): RegionSummary => ({
    region_id: regionId,
    outcome: outcome === "failed" ? "failed" : errors.length > 0 ? "partial" : outcome,
    pages,
    counts,
    esi: {
      requests: ctx.esi.stats.requests,
      not_modified: ctx.esi.stats.notModified,
      cache_fresh: ctx.esi.stats.cacheFresh,
      retries: ctx.esi.stats.retries,
      errors: ctx.esi.stats.errors,
    },
    errors,
  });

  const seenAt = new Date();
  try {
    ctx.checkLease();
    const listing = await ctx.esi.getPaged(`/contracts/public/${regionId}`, publicContractSchema, {
      conditional: true,
      idKey: "contract_id",
    });
    if (listing.status === "ok") {
      pages = listing.pages;
      counts.contracts_fetched = listing.items.length + listing.invalid.length;
      for (const bad of listing.invalid) {
        counts.contracts_invalid++;
        errors.push({ region_id: regionId, contract_id: bad.id, message: `invalid contract: ${bad.problem}` });
        log.warn({ contract_id: bad.id, problem: bad.problem }, "contracts: invalid contract skipped");
      }
      const upserted = await ctx.sql.transaction(async (tx) => {
        const result = await upsertContracts(tx, regionId, listing.items, seenAt, ctx.batchSize);
        // Only a complete listing says what is gone; invalid rows are listed, so keep them alive.
        counts.contracts_expired = await markExpired(tx, regionId, seenAt);
        return result;
      });
      counts.contracts_new = upserted.inserted;
      counts.contracts_updated = upserted.updated;
      await ctx.esi.commit(listing.cacheEntries);
    } else {
      outcome = "unchanged";
    }
  } catch (error) {
    if (mustStop(error)) throw error;
    outcome = "failed";
    errors.push({ region_id: regionId, message: messageOf(error) });
    log.error({ err: messageOf(error) }, "contracts: region failed");
    return finish();
  }

  await fetchPendingItems(ctx, regionId, counts, errors, log);
  return finish();
}

/** Items of the region's contracts that need them and do not have them yet (new, or failed before). */
async function fetchPendingItems(
  ctx: RegionContext,
  regionId: number,
  counts: RegionSummary["counts"],
  errors: RunError[],
  log: Logger,
): Promise<void> {
  const pending = await ctx.sql.query<{ contract_id: string; type: ContractType }>(
    `SELECT contract_id::text, type FROM eve_contracts
     WHERE region_id = $1 AND status = 'outstanding' AND items_fetched_at IS NULL AND type IN ('item_exchange', 'auction')
     ORDER BY contract_id`,
    [regionId],
  );
  const typeCounts: TypeCounts = { typesFetched: 0, typesRefreshed: 0, typeFailures: 0 };
  let next = 0;
  let stopped = false;
  // New types are fetched one contract at a time, so two workers never fetch the same type twice.
  let typesTurn: Promise<unknown> = Promise.resolve();
  const inTypesTurn = (fn: () => Promise<void>) => {
    const turn = typesTurn.then(fn);
    typesTurn = turn.catch(() => {});
    return turn;
  };
  const worker = async () => {
    while (next < pending.length && !stopped) {
      const row = pending[next++];
      ctx.checkLease();
      const contractId = Number(row.contract_id);
      try {
        const result = await ctx.esi.getPaged(`/contracts/public/items/${contractId}`, contractItemSchema, {
          conditional: false,
          idKey: "record_id",
        });
        if (result.status === "gone") {
          await markItemsGone(ctx.sql, contractId);
          continue;
        }
        if (result.status !== "ok") continue;
        if (result.invalid.length > 0) {
          throw new Error(`invalid item ${result.invalid[0].id ?? "?"}: ${result.invalid[0].problem}`);
        }
        const typeIds = result.items.map((i) => i.type_id);
        await inTypesTurn(() => ensureTypes(ctx.sql, ctx.esi, typeIds, typeCounts));
        const groups = await typeGroups(ctx.sql, typeIds);
        const shipGroups = ctx.shipGroupIds.length > 0 ? new Set(ctx.shipGroupIds) : await groupsOfCategory(ctx.sql, SHIP_CATEGORY_ID);
        const ship = detectShip(row.type, result.items, (t) => groups.get(t), shipGroups);
        await ctx.sql.transaction((tx) => storeItems(tx, contractId, result.items, ship));
        counts.items += result.items.length;
        if (ship.is_ship_contract) counts.ship_contracts++;
      } catch (error) {
        if (mustStop(error)) {
          stopped = true;
          throw error;
        }
        errors.push({ region_id: regionId, contract_id: contractId, message: messageOf(error) });
        log.warn({ contract_id: contractId, err: messageOf(error) }, "contracts: contract skipped");
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(ctx.itemConcurrency ?? 4, pending.length) }, worker));
  counts.types_fetched = typeCounts.typesFetched;
}

function messageOf(error: unknown): string {
  if (error instanceof EsiError) return error.message;
  return error instanceof Error ? error.message : String(error);
}
