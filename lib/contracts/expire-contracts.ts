import type { SqlRunner } from "@/lib/db";

/** Contracts of the region not seen in this listing are gone from ESI: marked expired, kept a while. */
export async function markExpired(sql: SqlRunner, regionId: number, seenAt: Date): Promise<number> {
  const rows = await sql.query(
    `UPDATE eve_contracts SET status = 'expired', expired_at = $2
     WHERE region_id = $1 AND status = 'outstanding' AND last_seen_at < $2 RETURNING contract_id`,
    [regionId, seenAt.toISOString()],
  );
  return rows.length;
}

/** Deletes contracts expired longer than the retention (their items go with them). */
export async function purgeExpired(sql: SqlRunner, retentionMs: number): Promise<number> {
  const rows = await sql.query(
    `DELETE FROM eve_contracts WHERE status = 'expired' AND expired_at < now() - make_interval(secs => $1::float8 / 1000)
     RETURNING contract_id`,
    [retentionMs],
  );
  return rows.length;
}
