import type { EngineContext } from "../context";
import type { Scope } from "./scope";
import { at, json } from "./sql";

export type QueueItem = {
  id: string;
  runId: string;
  kind: "call" | "sleep" | "wait_timeout" | "invoke_timeout" | "run_timeout" | "endpoint_timeout";
  stepId: string | null;
  attempt: number;
  payload: Record<string, unknown> | null;
  leaseToken: string;
  ckeys: string[];
  climits: number[];
};

type Row = {
  id: string;
  run_id: string;
  kind: QueueItem["kind"];
  step_id: string | null;
  attempt: number;
  payload: Record<string, unknown> | null;
  lease_token: string;
  ckeys: string[];
  climits: number[];
};

const RETURNING = `q.id::text AS id, q.run_id, q.kind, q.step_id, q.attempt, q.payload, q.lease_token, q.ckeys, q.climits`;

function toItem(r: Row): QueueItem {
  return {
    id: r.id,
    runId: r.run_id,
    kind: r.kind,
    stepId: r.step_id,
    attempt: r.attempt,
    payload: r.payload,
    leaseToken: r.lease_token,
    ckeys: r.ckeys ?? [],
    climits: r.climits ?? [],
  };
}

/**
 * Claims up to `limit` due items without concurrency limits. The lease is the item's
 * `available_at` moved to the lease's end: if this process dies, the item is simply due again.
 * `exclude` keeps this process from re-claiming what it is still working on.
 */
export async function claimItems(ctx: EngineContext, limit: number, exclude: string[]): Promise<QueueItem[]> {
  const now = ctx.clock.now();
  const rows = await ctx.sql.query<Row>(
    `WITH c AS (
       SELECT id FROM engine_queue
       WHERE limited = false AND available_at <= $1 AND NOT (id = ANY($4::bigint[]))
       ORDER BY available_at, id LIMIT $2 FOR UPDATE SKIP LOCKED)
     UPDATE engine_queue q SET available_at = $3, lease_owner = $5, lease_token = md5(random()::text || q.id::text)
     FROM c WHERE q.id = c.id
     RETURNING ${RETURNING}`,
    [at(now), limit, at(now + ctx.config.leaseMs), exclude, ctx.config.workerId],
  );
  return rows.map(toItem);
}

/**
 * Claims due items of functions with concurrency limits, one key set at a time under an
 * advisory lock per key, counting leases in flight; items over the limit are marked blocked and
 * wait for a slot (kickBlockedTx) or, if its holder died, for a lease period.
 */
export async function claimLimitedItems(ctx: EngineContext, limit: number, exclude: string[]): Promise<QueueItem[]> {
  const now = ctx.clock.now();
  return ctx.sql.transaction(async (tx) => {
    const candidates = await tx.query<{ id: string; ckeys: string[]; climits: number[] }>(
      `SELECT id::text AS id, ckeys, climits FROM engine_queue
       WHERE limited = true AND available_at <= $1 AND NOT (id = ANY($3::bigint[]))
       ORDER BY available_at, id LIMIT $2 FOR UPDATE SKIP LOCKED`,
      [at(now), Math.max(limit * 4, 16), exclude],
    );
    const claimed: QueueItem[] = [];
    const full = new Set<string>();
    const locked = new Set<string>();
    for (const c of candidates) {
      if (claimed.length >= limit) break;
      let ok = !c.ckeys.some((k) => full.has(k));
      for (const key of ok ? [...c.ckeys].sort() : []) {
        if (locked.has(key)) continue;
        const [got] = await tx.query<{ ok: boolean }>(`SELECT pg_try_advisory_xact_lock(hashtextextended($1, 7)) AS ok`, [
          `engine:${key}`,
        ]);
        if (!got.ok) {
          ok = false;
          break;
        }
        locked.add(key);
      }
      if (ok) {
        for (const [i, key] of c.ckeys.entries()) {
          const [n] = await tx.query<{ n: number }>(
            `SELECT count(*)::int AS n FROM engine_queue
             WHERE ckeys @> ARRAY[$1]::text[] AND lease_owner IS NOT NULL AND available_at > $2`,
            [key, at(now)],
          );
          if (n.n >= c.climits[i]) {
            full.add(key);
            ok = false;
          }
        }
      }
      if (!ok) {
        await tx.query(`UPDATE engine_queue SET blocked = true, available_at = $2 WHERE id = $1::bigint`, [
          c.id,
          at(now + ctx.config.leaseMs),
        ]);
        continue;
      }
      const [row] = await tx.query<Row>(
        `UPDATE engine_queue q SET available_at = $2, lease_owner = $3, blocked = false,
           lease_token = md5(random()::text || q.id::text)
         WHERE q.id = $1::bigint RETURNING ${RETURNING}`,
        [c.id, at(now + ctx.config.leaseMs), ctx.config.workerId],
      );
      claimed.push(toItem(row));
    }
    return claimed;
  });
}

/** Makes a few items waiting for these keys' slots due now (FIFO); called when a slot frees. */
export async function kickBlockedTx(scope: Scope, keys: string[], now: number): Promise<void> {
  const rows = await scope.tx.query(
    `UPDATE engine_queue SET blocked = false, available_at = $2
     WHERE id IN (SELECT id FROM engine_queue WHERE blocked AND ckeys && $1::text[] ORDER BY id LIMIT 4)
     RETURNING id`,
    [keys, at(now)],
  );
  if (rows.length) scope.wake = true;
}

/** Extends the leases of items still held; returns the ids whose lease was lost. */
export async function heartbeat(ctx: EngineContext, items: QueueItem[]): Promise<Set<string>> {
  if (items.length === 0) return new Set();
  const rows = await ctx.sql.query<{ id: string }>(
    `UPDATE engine_queue q SET available_at = $1
     FROM unnest($2::bigint[], $3::text[]) AS l(id, token)
     WHERE q.id = l.id AND q.lease_token = l.token
     RETURNING q.id::text AS id`,
    [at(ctx.clock.now() + ctx.config.leaseMs), items.map((i) => i.id), items.map((i) => i.leaseToken)],
  );
  const kept = new Set(rows.map((r) => r.id));
  const missing = items.filter((i) => !kept.has(i.id)).map((i) => i.id);
  if (missing.length === 0) return new Set();
  // Items deleted because their work just finished are not lost; only ones someone else holds are.
  const held = await ctx.sql.query<{ id: string }>(`SELECT id::text AS id FROM engine_queue WHERE id = ANY($1::bigint[])`, [missing]);
  return new Set(held.map((r) => r.id));
}

/** Gives an item back unworked (shutdown, or a transient database error): due again at once. */
export async function releaseItem(ctx: EngineContext, item: QueueItem): Promise<void> {
  await ctx.sql.query(
    `UPDATE engine_queue SET available_at = $3, lease_owner = NULL, lease_token = NULL
     WHERE id = $1::bigint AND lease_token = $2`,
    [item.id, item.leaseToken, at(ctx.clock.now())],
  );
}

/** Schedules the item's next attempt (retry with backoff); false when the lease was lost. */
export async function rescheduleItemTx(
  scope: Scope,
  item: QueueItem,
  availableAt: number,
  attempt: number,
  payload?: Record<string, unknown> | null,
): Promise<boolean> {
  const rows = await scope.tx.query(
    `UPDATE engine_queue SET available_at = $3, attempt = $4, lease_owner = NULL, lease_token = NULL,
       payload = coalesce($5::jsonb, payload)
     WHERE id = $1::bigint AND lease_token = $2 RETURNING id`,
    [item.id, item.leaseToken, at(availableAt), attempt, payload === undefined ? null : json(payload)],
  );
  return rows.length > 0;
}

/** Deletes a finished item; false when the lease was lost (someone else owns it now). */
export async function deleteItemTx(scope: Scope, item: QueueItem): Promise<boolean> {
  const rows = await scope.tx.query(`DELETE FROM engine_queue WHERE id = $1::bigint AND lease_token = $2 RETURNING id`, [
    item.id,
    item.leaseToken,
  ]);
  return rows.length > 0;
}

/** Locks the item if this process still holds it (fencing for multi-statement transactions). */
export async function holdsLeaseTx(scope: Scope, item: QueueItem): Promise<boolean> {
  const rows = await scope.tx.query(`SELECT 1 FROM engine_queue WHERE id = $1::bigint AND lease_token = $2 FOR UPDATE`, [
    item.id,
    item.leaseToken,
  ]);
  return rows.length > 0;
}

/** When the next item becomes due (to sleep until then), or null when the queue is empty. */
export async function nextDueAt(ctx: EngineContext): Promise<number | null> {
  const [row] = await ctx.sql.query<{ t: Date | null }>(`SELECT min(available_at) AS t FROM engine_queue`);
  return row?.t ? new Date(row.t).getTime() : null;
}

/** Deletes a finished item and, if it held a concurrency slot, lets a waiting item take it. */
export async function dropItemTx(scope: Scope, item: QueueItem, now: number): Promise<boolean> {
  const ok = await deleteItemTx(scope, item);
  if (ok && item.ckeys.length) await kickBlockedTx(scope, item.ckeys, now);
  return ok;
}

/**
 * Turns the held item into the run's next call (a discovery, or one planned step) so the same
 * worker makes it at once. Refuses (false) when another call for the run is queued or running,
 * and, with `waitForGroup`, while a sleep, wait or invoke of the run is pending (outside
 * `Promise.race`): a parallel group is discovered once, when its last member is in (Inngest's
 * `shouldEnqueueDiscovery`).
 */
export async function repurposeItemTx(
  scope: Scope,
  ctx: EngineContext,
  item: QueueItem,
  stepId: string | null,
  opts: { waitForGroup?: boolean } = {},
): Promise<boolean> {
  const dedupe = `${item.runId}:call:${stepId ?? "-"}`;
  const rows = await scope.tx.query(
    `UPDATE engine_queue SET step_id = $3, dedupe_key = $4, attempt = 0, available_at = $5
     WHERE id = $1::bigint AND lease_token = $2
       AND NOT EXISTS (SELECT 1 FROM engine_queue o WHERE o.run_id = $6 AND o.kind = 'call' AND o.id <> $1::bigint)
       AND NOT ($7::boolean AND ${PENDING_GROUP_MEMBER.replace(/\$RUN/g, () => "$6")})
     RETURNING id`,
    [item.id, item.leaseToken, stepId, dedupe, at(ctx.clock.now() + ctx.config.leaseMs), item.runId, opts.waitForGroup === true],
  );
  return rows.length > 0;
}

/** SQL: the run ($RUN) has a sleep, wait or invoke pending that is not part of a `Promise.race`. */
export const PENDING_GROUP_MEMBER = `EXISTS (SELECT 1 FROM engine_steps s WHERE s.run_id = $RUN AND s.memoized_at IS NULL
  AND s.status IN ('sleeping', 'waiting', 'invoking') AND coalesce(s.opts->>'parallelMode', '') <> 'race')`;
