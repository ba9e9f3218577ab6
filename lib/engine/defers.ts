import type { SqlRunner } from "@/lib/db";
import type { EngineContext } from "./context";
import { emitEventsTx } from "./events/emit-events";
import { functionUuid } from "./executor/call-sdk";
import type { Op } from "./protocol/types";
import type { Scope } from "./store/scope";
import { at, json } from "./store/sql";

/** Ops that ride along with others and need no call of their own (Inngest's "lazy ops"). */
export const LAZY_OPS = new Set(["DeferAdd", "DeferAbort"]);

/**
 * `ctx.defer()`: a `DeferAdd` op records a run of a defer function (created with `createDefer`) to
 * start when this run ends; `DeferAbort` withdraws it. Re-reported adds (every replay reports
 * them again) change nothing: one defer per hashed id.
 */
export async function saveDeferOps(sql: SqlRunner, runId: string, ops: Op[], now: number): Promise<number> {
  let added = 0;
  for (const op of ops) {
    const opts = (op.opts ?? {}) as Record<string, unknown>;
    if (op.op === "DeferAdd" && typeof opts.fn_slug === "string") {
      const rows = await sql.query(
        `INSERT INTO engine_defers (run_id, hashed_id, fn_slug, input, meta, status, created_at)
         VALUES ($1, $2, $3, $4::jsonb, $5::jsonb, 'after_run', $6) ON CONFLICT (run_id, hashed_id) DO NOTHING RETURNING run_id`,
        [runId, op.id, opts.fn_slug, json(opts.input ?? {}), opts.meta === undefined ? null : json(opts.meta), at(now)],
      );
      added += rows.length;
    } else if (op.op === "DeferAbort" && typeof opts.target_hashed_id === "string") {
      await sql.query(`UPDATE engine_defers SET status = 'aborted' WHERE run_id = $1 AND hashed_id = $2`, [runId, opts.target_hashed_id]);
    }
  }
  return added;
}

/**
 * When a run ends (whatever the outcome), each defer still scheduled becomes an
 * `inngest/deferred.schedule` event, which triggers the defer function
 * (`event.data._inngest.fn_slug == '<slug>'`). Its data is the defer's input plus `_inngest`
 * naming the parent; its id is derived from the run and the defer, so a defer starts once.
 */
export async function emitDeferredTx(scope: Scope, ctx: EngineContext, run: { id: string; functionId: string; appId: string }): Promise<void> {
  const defers = await scope.tx.query<{ hashed_id: string; fn_slug: string; input: unknown; meta: unknown }>(
    `SELECT hashed_id, fn_slug, input, meta FROM engine_defers WHERE run_id = $1 AND status = 'after_run' ORDER BY created_at, hashed_id`,
    [run.id],
  );
  if (defers.length === 0) return;
  const events = defers.map((d) => {
    const input = d.input && typeof d.input === "object" && !Array.isArray(d.input) ? (d.input as Record<string, unknown>) : {};
    return {
      id: `${run.id}-defer-${d.hashed_id}`,
      name: "inngest/deferred.schedule",
      data: {
        ...input,
        _inngest: {
          fn_slug: d.fn_slug,
          parent_app_id: functionUuid(run.appId),
          parent_fn_id: functionUuid(run.functionId),
          parent_fn_slug: run.functionId,
          parent_run_id: run.id,
          parent_defer_span: `${run.id}:${d.hashed_id}`,
        },
      },
      ...(d.meta ? { meta: d.meta } : {}),
    };
  });
  await emitEventsTx(scope, ctx, events);
}
