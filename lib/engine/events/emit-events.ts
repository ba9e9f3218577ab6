import type { EngineContext } from "../context";
import type { Scope } from "../store/scope";
import { at, json, values } from "../store/sql";
import { normalizeEvents, workspaceOf, type StoredEvent } from "./normalize";

/** Stores events in the caller's transaction; `processed` false leaves them for after commit. */
export async function insertEventsTx(scope: Scope, ctx: EngineContext, events: StoredEvent[], processed: boolean) {
  if (events.length === 0) return;
  const now = ctx.clock.now();
  const rows = events.map((e) => [
    e.internalId, e.payload.id, e.payload.name, json(e.payload), e.payload.ts,
    workspaceOf(e.payload), at(now), processed ? at(now) : null,
  ]);
  const v = values(rows, ["", "", "", "::jsonb", "::bigint", "::text", "::timestamptz", "::timestamptz"]);
  await scope.tx.query(
    `INSERT INTO engine_events (internal_id, id, name, payload, ts, workspace_id, received_at, processed_at) VALUES ${v.text}`,
    v.params,
  );
}

/**
 * Emits engine events (inngest/function.finished, .failed, .invoked, ...) inside a transaction.
 * They are handled right after commit, or by the sweeper if this process dies first.
 */
export async function emitEventsTx(
  scope: Scope,
  ctx: EngineContext,
  events: { id?: string; name: string; data: Record<string, unknown>; meta?: unknown }[],
): Promise<StoredEvent[]> {
  const stored = normalizeEvents(events, ctx.clock.now(), { internal: true });
  await insertEventsTx(scope, ctx, stored, false);
  scope.emitted.push(...stored.map((e) => e.internalId));
  return stored;
}

/**
 * SQL that holds when an event of this name could matter: an active function triggers on it (a
 * wildcard pattern included; trigger `if`s are not evaluated, so this errs towards yes) or a
 * run waits for it. `$param` is the event name's placeholder.
 */
export function listenedSql(param: string): string {
  return `(EXISTS (SELECT 1 FROM engine_functions f, unnest(f.event_names) AS t(p)
             WHERE NOT f.archived AND (t.p = ${param} OR (strpos(t.p, '*') > 0 AND ${param} LIKE
               replace(replace(replace(replace(t.p, '\\', '\\\\'), '%', '\\%'), '_', '\\_'), '*', '%'))))
           OR EXISTS (SELECT 1 FROM engine_pauses WHERE event_name = ${param} AND kind IN ('wait', 'cancel')))`;
}

/**
 * Emits an engine event only when something listens for it (see listenedSql), deciding in the
 * insert itself. inngest/function.finished follows every run; storing and processing it when
 * nothing triggers on it or waits for it was a third of a short run's statements.
 */
export async function emitIfListenedTx(
  scope: Scope,
  ctx: EngineContext,
  event: { name: string; data: Record<string, unknown> },
): Promise<void> {
  const now = ctx.clock.now();
  const [e] = normalizeEvents(event, now, { internal: true });
  const rows = await scope.tx.query(
    `INSERT INTO engine_events (internal_id, id, name, payload, ts, workspace_id, received_at, processed_at)
     SELECT $1, $2, $3, $4::jsonb, $5::bigint, $6::text, $7, NULL WHERE ${listenedSql("$3::text")}
     RETURNING internal_id`,
    [e.internalId, e.payload.id, e.payload.name, json(e.payload), e.payload.ts, workspaceOf(e.payload), at(now)],
  );
  if (rows.length) scope.emitted.push(e.internalId);
}
