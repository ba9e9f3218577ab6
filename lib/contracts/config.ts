import packageJson from "@/package.json";
import { getEnv, type Env } from "@/lib/env";
import { databaseEsiCache, type EsiCacheStore } from "./esi/cache";
import { EsiClient } from "./esi/client";

/** EVE's Ship category: its groups are the ship groups unless CONTRACTS_SHIP_GROUP_IDS names others. */
export const SHIP_CATEGORY_ID = 6;

export type ContractsConfig = {
  regionIds: number[];
  cron: string;
  batchSize: number;
  typeRefreshLimit: number;
  typeRefreshDays: number;
  shipGroupIds: number[];
  retentionMs: number;
  leaseTtlMs: number;
};

export function contractsConfig(env: Env = getEnv()): ContractsConfig {
  return {
    regionIds: env.CONTRACTS_REGION_IDS,
    cron: env.CONTRACTS_CRON,
    batchSize: env.CONTRACTS_BATCH_SIZE,
    typeRefreshLimit: env.CONTRACTS_TYPE_REFRESH_LIMIT,
    typeRefreshDays: env.CONTRACTS_TYPE_REFRESH_DAYS,
    shipGroupIds: env.CONTRACTS_SHIP_GROUP_IDS,
    retentionMs: env.CONTRACTS_RETENTION,
    leaseTtlMs: env.CONTRACTS_LEASE_TTL,
  };
}

export function esiUserAgent(env: Env = getEnv()): string {
  return env.ESI_USER_AGENT ?? `Conveyor/${packageJson.version} (+${env.appUrl})`;
}

/** A client for one step: its counters become that step's share of the run summary. */
export function esiClientFromEnv(cache: EsiCacheStore = databaseEsiCache, env: Env = getEnv()): EsiClient {
  return new EsiClient({
    baseUrl: env.ESI_BASE_URL,
    userAgent: esiUserAgent(env),
    compatibilityDate: env.ESI_COMPATIBILITY_DATE,
    timeoutMs: env.ESI_TIMEOUT,
    cache,
  });
}
