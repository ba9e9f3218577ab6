import type { EngineContext } from "../context";
import type { Tx } from "./sql";

/**
 * A transaction plus what must happen once it commits: events it emitted are processed (their
 * triggers and waiting runs), workers are woken, observers told. Keeping this outside the
 * transaction keeps transactions short and free of cross-run lock chains.
 */
export type Scope = {
  tx: Tx;
  emitted: string[];
  wake: boolean;
  finished: { runId: string; status: string }[];
};

export async function inTransaction<T>(ctx: EngineContext, fn: (scope: Scope) => Promise<T>): Promise<T> {
  let scope: Scope | undefined;
  const result = await ctx.sql.transaction(async (tx) => {
    scope = { tx, emitted: [], wake: false, finished: [] };
    return fn(scope);
  });
  if (scope) await afterCommit(ctx, scope);
  return result;
}

/**
 * Like inTransaction for work that is a single statement (atomic on its own): it runs on the pool
 * without BEGIN/COMMIT round trips, then the same after-commit work happens.
 */
export async function inStatement<T>(ctx: EngineContext, fn: (scope: Scope) => Promise<T>): Promise<T> {
  const scope: Scope = { tx: ctx.sql, emitted: [], wake: false, finished: [] };
  const result = await fn(scope);
  await afterCommit(ctx, scope);
  return result;
}

export async function afterCommit(ctx: EngineContext, scope: Scope): Promise<void> {
  for (const f of scope.finished) ctx.observe?.runFinished?.(f.runId, f.status);
  // Only new due work wakes workers (here and, through NOTIFY, elsewhere); emitted events are
  // handled right here, and wake them themselves if they start runs.
  if (scope.wake) ctx.wake();
  if (scope.emitted.length) {
    await ctx.processEmitted(ctx, scope.emitted).catch((error) =>
      // The sweeper retries events left unprocessed; nothing is lost.
      ctx.log.warn({ err: error }, "engine: processing emitted events failed; the sweeper will retry"),
    );
  }
}
