import { createHash } from "node:crypto";
import type { EngineContext } from "./context";
import { jitterMs, parseCron } from "./cron-schedule";
import { insertEventsTx } from "./events/emit-events";
import { normalizeEvents } from "./events/normalize";
import { cronTriggers, functionById, type FunctionDef } from "./functions";
import { createRunsTx } from "./runs/create-runs";
import { inTransaction, type Scope } from "./store/scope";
import { at, ms } from "./store/sql";

/** Upserts a function's cron schedules at sync (keeping the next firing when unchanged). */
export async function scheduleCronsTx(scope: Scope, fn: FunctionDef, now: number): Promise<void> {
  const crons = cronTriggers(fn.config);
  const ids = crons.map((_, i) => `${fn.id}#${i}`);
  await scope.tx.query(`DELETE FROM engine_crons WHERE function_id = $1 AND NOT (id = ANY($2::text[]))`, [fn.id, ids]);
  for (const [i, trigger] of crons.entries()) {
    const next = parseCron(trigger.cron).next(now);
    if (next === null) continue;
    await scope.tx.query(
      `INSERT INTO engine_crons (id, function_id, expression, jitter_ms, next_at) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (id) DO UPDATE SET expression = EXCLUDED.expression, jitter_ms = EXCLUDED.jitter_ms,
         next_at = CASE WHEN engine_crons.expression = EXCLUDED.expression THEN engine_crons.next_at ELSE EXCLUDED.next_at END`,
      [ids[i], fn.id, trigger.cron, jitterMs(trigger.jitter), at(next)],
    );
  }
}

/** The same jitter in every process for one firing, so they agree on when it is due. */
function firingJitter(id: string, scheduledAt: number, maxMs: number): number {
  if (maxMs <= 0) return 0;
  const h = createHash("sha1").update(`${id}@${scheduledAt}`).digest().readUInt32BE(0);
  return h % maxMs;
}

type CronRow = { id: string; function_id: string; expression: string; jitter_ms: number; next_at: Date };

/**
 * Fires due cron triggers: one `inngest/scheduled.timer` run per firing (its event id, the
 * scheduled time, makes a firing happen once however many processes race for it). Firings missed
 * while no engine ran are not replayed: the latest one runs, then the schedule moves on.
 */
export async function fireDueCrons(ctx: EngineContext): Promise<number> {
  const now = ctx.clock.now();
  return inTransaction(ctx, async (scope) => {
    const rows = await scope.tx.query<CronRow>(
      `SELECT id, function_id, expression, jitter_ms, next_at FROM engine_crons WHERE next_at <= $1
       ORDER BY next_at LIMIT 50 FOR UPDATE SKIP LOCKED`,
      [at(now)],
    );
    let fired = 0;
    for (const row of rows) {
      const scheduledAt = ms(row.next_at) as number;
      if (scheduledAt + firingJitter(row.id, scheduledAt, row.jitter_ms) > now) continue;
      const fn = await functionById(scope.tx, row.function_id);
      let schedule;
      try {
        schedule = parseCron(row.expression);
      } catch {
        schedule = null;
      }
      const next = schedule?.next(now) ?? null;
      if (!fn || next === null) {
        await scope.tx.query(`DELETE FROM engine_crons WHERE id = $1`, [row.id]);
        continue;
      }
      await scope.tx.query(`UPDATE engine_crons SET next_at = $2 WHERE id = $1`, [row.id, at(next)]);
      const id = new Date(scheduledAt).toISOString().replace(/\.\d{3}Z$/, "Z");
      const [event] = normalizeEvents(
        { id, name: "inngest/scheduled.timer", data: { cron: row.expression, scheduledAt: id, fireAt: new Date(now).toISOString() } },
        now,
        { internal: true },
      );
      await insertEventsTx(scope, ctx, [event], true);
      await createRunsTx(scope, ctx, [{ fn, event: event.payload, eventInternalId: event.internalId, userEventId: id }]);
      fired++;
    }
    return fired;
  });
}

/** When the next cron firing is due (so idle workers wake for it). */
export async function nextCronAt(ctx: EngineContext): Promise<number | null> {
  const [row] = await ctx.sql.query<{ t: Date | null }>(`SELECT min(next_at) AS t FROM engine_crons`);
  return ms(row?.t);
}
