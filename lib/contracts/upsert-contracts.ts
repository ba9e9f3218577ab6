import type { SqlRunner } from "@/lib/db";
import type { PublicContract } from "./esi/schemas";

export type UpsertCounts = { inserted: number; updated: number; unchanged: number };

/*
 * One statement per batch: the batch travels as one array per column (unnest), so the statement
 * and its plan are the same whatever the batch size and no parameter limit applies. Only listing
 * fields are written: item-derived fields (ship, items_fetched_at) are never touched here, and a
 * listed value that ESI left out keeps the stored one (COALESCE), so no skipped fetch writes NULL
 * over good data. `changed_at` is moved only when a listed value really changed: that is how the
 * statement tells "updated" from "seen again, unchanged".
 */
const UPSERT = `
INSERT INTO eve_contracts AS c (contract_id, region_id, type, status, issuer_id, issuer_corporation_id, for_corporation,
  price, buyout, reward, collateral, volume, title, days_to_complete, start_location_id, end_location_id,
  date_issued, date_expired, first_seen_at, last_seen_at, changed_at)
SELECT u.contract_id, $1, u.type, 'outstanding', u.issuer_id, u.issuer_corporation_id, u.for_corporation,
  u.price, u.buyout, u.reward, u.collateral, u.volume, u.title, u.days_to_complete, u.start_location_id, u.end_location_id,
  u.date_issued, u.date_expired, $2, $2, $2
FROM unnest($3::bigint[], $4::text[], $5::bigint[], $6::bigint[], $7::boolean[], $8::float8[], $9::float8[], $10::float8[],
  $11::float8[], $12::float8[], $13::text[], $14::int[], $15::bigint[], $16::bigint[], $17::timestamptz[], $18::timestamptz[])
  AS u(contract_id, type, issuer_id, issuer_corporation_id, for_corporation, price, buyout, reward, collateral, volume, title,
    days_to_complete, start_location_id, end_location_id, date_issued, date_expired)
ON CONFLICT (contract_id) DO UPDATE SET
  region_id = EXCLUDED.region_id,
  type = EXCLUDED.type,
  status = 'outstanding',
  expired_at = NULL,
  for_corporation = EXCLUDED.for_corporation,
  price = COALESCE(EXCLUDED.price, c.price),
  buyout = COALESCE(EXCLUDED.buyout, c.buyout),
  reward = COALESCE(EXCLUDED.reward, c.reward),
  collateral = COALESCE(EXCLUDED.collateral, c.collateral),
  volume = COALESCE(EXCLUDED.volume, c.volume),
  title = COALESCE(EXCLUDED.title, c.title),
  days_to_complete = COALESCE(EXCLUDED.days_to_complete, c.days_to_complete),
  start_location_id = COALESCE(EXCLUDED.start_location_id, c.start_location_id),
  end_location_id = COALESCE(EXCLUDED.end_location_id, c.end_location_id),
  date_issued = EXCLUDED.date_issued,
  date_expired = EXCLUDED.date_expired,
  last_seen_at = EXCLUDED.last_seen_at,
  changed_at = CASE WHEN c.status <> 'outstanding'
      OR (c.price, c.buyout, c.reward, c.collateral, c.volume, c.title, c.date_expired, c.for_corporation)
        IS DISTINCT FROM (COALESCE(EXCLUDED.price, c.price), COALESCE(EXCLUDED.buyout, c.buyout), COALESCE(EXCLUDED.reward, c.reward),
          COALESCE(EXCLUDED.collateral, c.collateral), COALESCE(EXCLUDED.volume, c.volume), COALESCE(EXCLUDED.title, c.title),
          EXCLUDED.date_expired, EXCLUDED.for_corporation)
    THEN EXCLUDED.changed_at ELSE c.changed_at END
RETURNING (xmax = 0) AS inserted, (c.changed_at = $2) AS changed`;

/** Upserts a region's listed contracts in batches of `batchSize`; counts new, updated and unchanged rows. */
export async function upsertContracts(
  sql: SqlRunner,
  regionId: number,
  contracts: PublicContract[],
  seenAt: Date,
  batchSize: number,
): Promise<UpsertCounts> {
  const counts: UpsertCounts = { inserted: 0, updated: 0, unchanged: 0 };
  for (let start = 0; start < contracts.length; start += batchSize) {
    const batch = contracts.slice(start, start + batchSize);
    const col = <T>(pick: (c: PublicContract) => T) => batch.map(pick);
    const rows = await sql.query<{ inserted: boolean; changed: boolean }>(UPSERT, [
      regionId,
      seenAt.toISOString(),
      col((c) => String(c.contract_id)),
      col((c) => c.type),
      col((c) => String(c.issuer_id)),
      col((c) => String(c.issuer_corporation_id)),
      col((c) => c.for_corporation),
      col((c) => c.price ?? null),
      col((c) => c.buyout ?? null),
      col((c) => c.reward ?? null),
      col((c) => c.collateral ?? null),
      col((c) => c.volume ?? null),
      col((c) => c.title ?? null),
      col((c) => c.days_to_complete ?? null),
      col((c) => (c.start_location_id === undefined ? null : String(c.start_location_id))),
      col((c) => (c.end_location_id === undefined ? null : String(c.end_location_id))),
      col((c) => c.date_issued),
      col((c) => c.date_expired),
    ]);
    for (const row of rows) {
      if (row.inserted) counts.inserted++;
      else if (row.changed) counts.updated++;
      else counts.unchanged++;
    }
  }
  return counts;
}
