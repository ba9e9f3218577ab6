import type { SqlRunner } from "@/lib/db";

/** The one lease name: the aggregation covers every region in one run. */
export const AGGREGATION_LEASE = "contracts-aggregation";

export class LeaseLostError extends Error {
  constructor(readonly holder: string) {
    super(`run ${holder} lost the contracts lease`);
    this.name = "LeaseLostError";
  }
}

/**
 * Takes the lease for `holder` when it is free, expired, or already its own. Times come from the
 * database clock so processes with skewed clocks agree. Any database error propagates: a caller
 * that cannot check the lock must not run (fail closed).
 */
export async function acquireLease(sql: SqlRunner, holder: string, ttlMs: number, name = AGGREGATION_LEASE): Promise<boolean> {
  const rows = await sql.query<{ holder: string }>(
    `INSERT INTO contract_leases (name, holder, expires_at, acquired_at)
     VALUES ($1, $2, now() + make_interval(secs => $3::float8 / 1000), now())
     ON CONFLICT (name) DO UPDATE SET holder = EXCLUDED.holder, expires_at = EXCLUDED.expires_at,
       acquired_at = CASE WHEN contract_leases.holder = EXCLUDED.holder THEN contract_leases.acquired_at ELSE EXCLUDED.acquired_at END
     WHERE contract_leases.expires_at < now() OR contract_leases.holder = EXCLUDED.holder
     RETURNING holder`,
    [name, holder, ttlMs],
  );
  return rows.length === 1;
}

/** Extends the lease while its run lives; false when another run has taken it (ours had expired). */
export async function renewLease(sql: SqlRunner, holder: string, ttlMs: number, name = AGGREGATION_LEASE): Promise<boolean> {
  const rows = await sql.query(
    `UPDATE contract_leases SET expires_at = now() + make_interval(secs => $3::float8 / 1000)
     WHERE name = $1 AND holder = $2 RETURNING holder`,
    [name, holder, ttlMs],
  );
  return rows.length === 1;
}

export async function releaseLease(sql: SqlRunner, holder: string, name = AGGREGATION_LEASE): Promise<void> {
  await sql.query("DELETE FROM contract_leases WHERE name = $1 AND holder = $2", [name, holder]);
}

/** Who holds the lease now (null when free or expired). */
export async function currentLeaseHolder(sql: SqlRunner, name = AGGREGATION_LEASE): Promise<string | null> {
  const [row] = await sql.query<{ holder: string }>(
    "SELECT holder FROM contract_leases WHERE name = $1 AND expires_at >= now()",
    [name],
  );
  return row?.holder ?? null;
}

/**
 * Renews the lease every third of its lifetime while `fn` runs, so a long region is never joined
 * by a second run; `check()` throws LeaseLostError once a renewal found the lease taken.
 */
export async function whileHoldingLease<T>(
  sql: SqlRunner,
  holder: string,
  ttlMs: number,
  fn: (check: () => void) => Promise<T>,
): Promise<T> {
  if (!(await renewLease(sql, holder, ttlMs))) throw new LeaseLostError(holder);
  let lost = false;
  const timer = setInterval(() => {
    renewLease(sql, holder, ttlMs).then(
      (held) => void (lost ||= !held),
      () => void (lost = true), // cannot confirm the lease: stop, as when it is lost
    );
  }, Math.max(1000, Math.floor(ttlMs / 3)));
  timer.unref?.();
  try {
    return await fn(() => {
      if (lost) throw new LeaseLostError(holder);
    });
  } finally {
    clearInterval(timer);
  }
}
