import { matchesExpression } from "../cel";
import type { EngineContext } from "../context";
import { activeFunctions, triggeredBy } from "../functions";
import { createRunsTx, type NewRun } from "../runs/create-runs";
import { finishRunTx } from "../runs/finish-run";
import { resolveStepTx } from "../runs/resolve-step";
import { inTransaction, type Scope } from "../store/scope";
import { at, ms } from "../store/sql";
import { insertEventsTx } from "./emit-events";
import { normalizeEvents, type EventPayload, type StoredEvent } from "./normalize";

/** Events that never start runs by name: invoke targets one function by id. */
const NOT_TRIGGERS = new Set(["inngest/function.invoked"]);

/**
 * Accepts events from a sender (the SDK's `inngest.send`, `step.sendEvent`): stores them and
 * handles their triggers and waiting runs in one transaction. Returns the events' internal ids.
 */
export async function ingestEvents(ctx: EngineContext, raw: unknown): Promise<string[]> {
  const events = normalizeEvents(raw, ctx.clock.now());
  if (events.length === 0) return [];
  await inTransaction(ctx, async (scope) => {
    await insertEventsTx(scope, ctx, events, true);
    await processEventsTx(scope, ctx, events);
  });
  return events.map((e) => e.internalId);
}

/** Handles stored events not yet processed (emitted ones, or left by a crash). */
export async function processPendingEvents(ctx: EngineContext, ids?: string[]): Promise<number> {
  return inTransaction(ctx, async (scope) => {
    const now = ctx.clock.now();
    const rows = await scope.tx.query<{ internal_id: string; payload: EventPayload }>(
      ids
        ? `UPDATE engine_events SET processed_at = $1 WHERE internal_id IN (
             SELECT internal_id FROM engine_events WHERE internal_id = ANY($2::text[]) AND processed_at IS NULL
             ORDER BY internal_id FOR UPDATE SKIP LOCKED)
           RETURNING internal_id, payload`
        : `UPDATE engine_events SET processed_at = $1 WHERE internal_id IN (
             SELECT internal_id FROM engine_events WHERE processed_at IS NULL AND received_at <= $2
             ORDER BY internal_id LIMIT 200 FOR UPDATE SKIP LOCKED)
           RETURNING internal_id, payload`,
      ids ? [at(now), ids] : [at(now), at(now - 2_000)],
    );
    rows.sort((a, b) => (a.internal_id < b.internal_id ? -1 : 1));
    const events: StoredEvent[] = rows.map((r) => ({
      internalId: r.internal_id,
      payload: r.payload,
      userEventId: r.payload.name === "inngest/function.failed" ? String(r.payload.id) : undefined,
    }));
    await processEventsTx(scope, ctx, events);
    return events.length;
  });
}

type PauseRow = {
  id: string;
  run_id: string;
  kind: "wait" | "cancel";
  step_id: string | null;
  event_name: string;
  expression: string | null;
  created_at: Date;
  run_event: EventPayload;
  run_event_id: string | null;
};

/** Starts the runs events trigger, then resumes or cancels runs waiting for them. */
export async function processEventsTx(scope: Scope, ctx: EngineContext, events: StoredEvent[]): Promise<void> {
  const { list } = await activeFunctions(scope.tx, ctx.sql);
  const requests: NewRun[] = [];
  for (const e of events) {
    if (NOT_TRIGGERS.has(e.payload.name)) continue;
    for (const fn of list) {
      if (triggeredBy(fn, e.payload)) {
        requests.push({ fn, event: e.payload, eventInternalId: e.internalId, userEventId: e.userEventId });
      }
    }
  }
  const created = new Set(requests.length ? await createRunsTx(scope, ctx, requests) : []);

  const names = [...new Set(events.map((e) => e.payload.name))];
  const now = ctx.clock.now();
  const pauses = await scope.tx.query<PauseRow>(
    `SELECT p.id, p.run_id, p.kind, p.step_id, p.event_name, p.expression, p.created_at, r.event AS run_event,
            r.event_id AS run_event_id
     FROM engine_pauses p JOIN engine_runs r ON r.id = p.run_id
     WHERE p.event_name = ANY($1::text[]) AND p.kind IN ('wait', 'cancel') AND p.expires_at > $2 AND r.status IN ('queued', 'running')
     ORDER BY p.created_at, p.id`,
    [names, at(now)],
  );
  if (pauses.length === 0) return;
  const consumed = new Set<string>();
  for (const e of events) {
    for (const p of pauses) {
      if (consumed.has(p.id) || p.event_name !== e.payload.name) continue;
      // A run's own trigger never resumes or cancels it.
      if (created.has(p.run_id) || p.run_event_id === e.internalId) continue;
      if ((ms(p.created_at) ?? 0) > now) continue;
      if (p.expression && !safeMatch(ctx, p, e.payload)) continue;
      const [gone] = await scope.tx.query(`DELETE FROM engine_pauses WHERE id = $1 RETURNING id`, [p.id]);
      if (!gone) continue;
      consumed.add(p.id);
      if (p.kind === "cancel") {
        await finishRunTx(scope, ctx, p.run_id, { status: "cancelled", reason: `event ${e.payload.name}` });
      } else if (p.step_id) {
        await resolveStepTx(scope, ctx, p.run_id, p.step_id, e.payload, { status: "completed" });
      }
    }
  }
}

function safeMatch(ctx: EngineContext, pause: PauseRow, incoming: EventPayload): boolean {
  try {
    return matchesExpression(pause.expression as string, { event: pause.run_event, async: incoming });
  } catch (error) {
    ctx.log.warn({ run_id: pause.run_id, err: error }, "engine: pause expression failed; treated as no match");
    return false;
  }
}
