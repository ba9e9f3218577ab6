import { conflict, notFound } from "@/lib/errors";
import type { EngineContext } from "../context";
import type { EventPayload } from "../events/normalize";
import { functionById } from "../functions";
import { inTransaction } from "../store/scope";
import { operatorContext, type RunScope } from "./cancel-run";
import { createRunsTx } from "./create-runs";

/**
 * Starts a new run of the same function with the same trigger event (`rerun_of` points back).
 * Idempotency and event-id deduplication do not apply to reruns; singleton and concurrency do.
 */
export async function rerunRun(runId: string, scope: RunScope = {}, ctx?: EngineContext): Promise<{ runId: string }> {
  const engine = ctx ?? (await operatorContext());
  const [run] = await engine.sql.query<{ function_id: string; event: EventPayload; event_id: string | null; workspace_id: string | null }>(
    `SELECT function_id, event, event_id, workspace_id FROM engine_runs WHERE id = $1`,
    [runId],
  );
  if (!run || (scope.workspaceId !== undefined && run.workspace_id !== scope.workspaceId)) throw notFound("Run");
  const fn = await functionById(engine.sql, run.function_id);
  if (!fn) throw conflict("the run's function is no longer registered");
  const [archived] = await engine.sql.query<{ archived: boolean }>(`SELECT archived FROM engine_functions WHERE id = $1`, [fn.id]);
  if (archived?.archived) throw conflict("the run's function was removed from its app");
  const [newRunId] = await inTransaction(engine, (s) =>
    createRunsTx(s, engine, [{ fn, event: run.event, eventInternalId: run.event_id, rerunOf: runId }]),
  );
  if (!newRunId) throw conflict("the function skipped the rerun (a singleton run is active)");
  return { runId: newRunId };
}
