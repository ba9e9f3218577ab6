import { z } from "zod";
import { duration, int, optionalString } from "./parsers";

/** A comma list of positive integers ("10000002, 10000043"); empty means none. */
const idList = () =>
  z
    .string()
    .default("")
    .transform((text, ctx) => {
      const parts = text.split(",").map((p) => p.trim()).filter(Boolean);
      const ids = parts.map(Number);
      const bad = parts.filter((_, i) => !Number.isSafeInteger(ids[i]) || ids[i] <= 0);
      if (bad.length > 0) {
        ctx.addIssue({ code: "custom", message: `expected a comma list of positive ids, got "${bad.join(", ")}"` });
        return z.NEVER;
      }
      return [...new Set(ids)];
    });

/** EVE Online's ESI and the contracts aggregation (see docs/contracts.md). */
export const contractsSettings = {
  /** ESI's base URL (paths carry no version prefix). */
  ESI_BASE_URL: z.url().default("https://esi.evetech.net").transform((u) => u.replace(/\/+$/, "")),
  /** Identifies the app to CCP with a contact; unset: `Conveyor/<version> (+<APP_URL>)`. */
  ESI_USER_AGENT: optionalString(),
  /** Sent as X-Compatibility-Date on every request; without it ESI answers with its oldest behaviour. */
  ESI_COMPATIBILITY_DATE: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, "must be a date like 2025-08-26")
    .default("2025-08-26"),
  /** One request's time limit before it counts as a timeout (retried with backoff). */
  ESI_TIMEOUT: duration("30s"),
  /** Regions aggregated (comma list of region ids); empty turns the aggregation off. */
  CONTRACTS_REGION_IDS: idList(),
  /** When the aggregation runs: a cron expression, optionally prefixed `TZ=Area/City `. */
  CONTRACTS_CRON: z.string().trim().min(1).default("*/30 * * * *"),
  /** Contract rows per `INSERT ... ON CONFLICT DO UPDATE`. */
  CONTRACTS_BATCH_SIZE: int(1000, 1, 10_000),
  /** Item types refreshed from ESI per run (oldest first). */
  CONTRACTS_TYPE_REFRESH_LIMIT: int(200, 0, 100_000),
  /** A cached type older than this many days is due for a refresh. */
  CONTRACTS_TYPE_REFRESH_DAYS: int(30, 1, 3650),
  /** Ship group ids (comma list); empty: the groups of category 6 (Ship), read from ESI. */
  CONTRACTS_SHIP_GROUP_IDS: idList(),
  /** Contracts gone from their region's listing are kept this long, then deleted. */
  CONTRACTS_RETENTION: duration("7d"),
  /** How long a run's database lease lasts without renewal (a crashed run's lease expires after it). */
  CONTRACTS_LEASE_TTL: duration("5m"),
};
